import { checkFinite, EngineArgumentError } from "./errors.ts";
import { classifyStationaryPoint, Polynomial, type StationaryKind } from "./polynomial.ts";

/** A differentiable function of one parameter, as gradient descent sees it. */
export interface ScalarObjective {
  value(w: number): number;
  gradient(w: number): number;
}

/** A scalar objective that is a polynomial in w, so that its extrema can be found exactly. */
export interface PolynomialObjective extends ScalarObjective {
  /** J(w) */
  readonly polynomial: Polynomial;
  /** dJ/dw, built so that its coefficients are exact where the inputs allow */
  readonly gradientPolynomial: Polynomial;
}

/** a polynomial as a scalar objective, with its derivative as the gradient */
export function polynomialObjective(polynomial: Polynomial): PolynomialObjective {
  const gradientPolynomial = polynomial.derivative();
  return {
    polynomial,
    gradientPolynomial,
    value: (w) => polynomial.evaluate(w),
    gradient: (w) => gradientPolynomial.evaluate(w),
  };
}

/** the quartic objective of hw4's descent questions, as its handout gives it */
export interface QuarticObjectiveParams {
  /** the single data point; h = x w */
  x: number;
  /** the two non-zero stationary points of J in h */
  r1: number;
  r2: number;
}

/**
 * J(w) = 1/4 h^4 - (r1+r2)/3 h^3 + (r1 r2)/2 h^2 with h = x w, whose
 * derivative dJ/dh = h (h - r1)(h - r2) vanishes at h = 0, r1, r2.
 * value and gradient are evaluated in this power form, term by term, as a
 * student's numpy code does, so that rounding-sensitive curves (a learning
 * rate at which descent never settles) follow theirs as long as possible.
 */
export function quarticObjective(params: QuarticObjectiveParams): PolynomialObjective {
  const { x, r1, r2 } = params;
  checkFinite("quarticObjective", "x", x);
  checkFinite("quarticObjective", "r1", r1);
  checkFinite("quarticObjective", "r2", r2);
  if (x === 0) throw new EngineArgumentError("quarticObjective", "x must not be 0: J would be 0 for every w");
  const sum = r1 + r2;
  const product = r1 * r2;
  const cubic = sum / 3;
  const quadratic = product / 2;
  return {
    polynomial: new Polynomial([0, 0, (product * x * x) / 2, (-sum * x * x * x) / 3, (x * x * x * x) / 4]),
    // x * dJ/dh(x w) expanded: integer inputs give integer coefficients, so its roots come out exact
    gradientPolynomial: new Polynomial([0, product * x * x, -sum * x * x * x, x * x * x * x]),
    value(w) {
      const h = x * w;
      return (1 / 4) * h ** 4 - cubic * h ** 3 + quadratic * h ** 2;
    },
    gradient(w) {
      const h = x * w;
      return (h ** 3 - sum * h ** 2 + product * h) * x;
    },
  };
}

/** a point where J'(w) = 0, its value and whether it is a minimum, maximum or saddle */
export interface StationaryPoint {
  w: number;
  J: number;
  kind: StationaryKind;
}

/** every real stationary point of J, ascending in w, with J there and its kind */
export function stationaryPoints(objective: PolynomialObjective): StationaryPoint[] {
  return describePoints(objective, objective.gradientPolynomial.realRoots());
}

/**
 * J and the kind at the given points, sorted ascending, as if each were a
 * stationary point (a student's claimed extrema, for instance).
 */
export function describePoints(objective: PolynomialObjective, points: readonly number[]): StationaryPoint[] {
  points.forEach((w, i) => {
    checkFinite("describePoints", `point ${i}`, w);
  });
  return [...points]
    .sort((a, b) => a - b)
    .map((w) => ({ w, J: objective.value(w), kind: classifyStationaryPoint(objective.polynomial, w) }));
}
