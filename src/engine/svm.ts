/**
 * Linear hard-margin SVM, solved exactly for the small point sets homework
 * uses: minimise ||w||^2 / 2 subject to y_i (w.x_i + b) >= 1.
 *
 * Why enumerating sets is exact: at the optimum, w = sum a_i y_i x_i with
 * sum a_i y_i = 0 and a_i >= 0 on points with y_i (w.x_i + b) = 1. By
 * Caratheodory the a_i can be kept on a set S whose vectors (y_i x_i, y_i) are
 * linearly independent, so |S| <= d + 1, and then the KKT system of S alone
 * (equalities on S, nothing else) is non-singular and its unique solution is
 * the optimum. Conversely a set whose solution has a >= 0 and meets all n
 * constraints satisfies the KKT conditions, which suffice for this convex
 * problem: that solution is the optimum (w is unique, and so is b once both
 * classes are present).
 *
 * The systems are solved on exact rationals (every double is one): the
 * certificate is exact, integer data give exact answers (w = [-2, -2], b = 3,
 * not -1.9999999999999996), and nothing depends on summation order. Doubles
 * only choose which sets are worth certifying.
 */
import { EngineArgumentError } from "./errors.ts";
import { dot, exactRational, ONE, type Rational, rational, solveApprox, solveExact, toDouble, ZERO } from "./linear-systems.ts";

/** |y (w.x + b) - 1| up to this counts as on the margin (functional margins are scale-free). */
export const SUPPORT_VECTOR_TOLERANCE_DEFAULT = 1e-9;
/** Candidate sets are sum over k = 2..d+1 of C(n, k); past this the exact solver is the wrong tool. */
export const MAX_CANDIDATE_SETS = 200_000;

/** the plane w.x + b = 0 */
export interface Hyperplane {
  w: number[];
  b: number;
}

/** The margin in its two conventions. */
export interface MarginConventions {
  /** 1/||w||: from the hyperplane to either margin line (Bishop). */
  distance: number;
  /** 2/||w||: between the two margin lines. */
  width: number;
}

/** the hard-margin SVM's plane, its support vectors and its margin in every convention */
export interface MaxMarginSolution extends Hyperplane {
  /** Indices (0-based, ascending) of the points with y (w.x + b) = 1 within the tolerance. */
  supportVectors: number[];
  margin: MarginConventions;
  /** y_i (w.x_i + b) for every point: all >= 1, support vectors at 1. */
  functionalMargins: number[];
}

/** what describeHyperplane reports of a plane on a point set: margins, decision values and classes */
export interface HyperplaneDescription {
  margin: MarginConventions;
  /** w.x + b for every point. */
  decisionValues: number[];
  /** Indices (0-based, ascending) of the points on w.x + b = +1 or -1, within the tolerance. */
  supportVectors: number[];
  /** classify() of every point. */
  classes: Array<1 | -1 | 0>;
}

/** how close to 1 y (w.x + b) must be for a point to count as a support vector (SUPPORT_VECTOR_TOLERANCE_DEFAULT unless given) */
export interface SupportVectorOptions {
  tolerance?: number;
}

/** options of maxMarginHyperplane */
export interface MaxMarginOptions extends SupportVectorOptions {
  /** Solve every candidate set exactly instead of certifying the ones doubles point at (slower; the fallback). */
  exhaustive?: boolean;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

function* combinations(n: number, size: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === size) {
    yield prefix;
    return;
  }
  for (let i = start; i <= n - (size - prefix.length); i++) yield* combinations(n, size, i + 1, [...prefix, i]);
}

function checkPoints(op: string, points: readonly (readonly number[])[], name: string, dimension?: number): number {
  if (!Array.isArray(points) || points.length === 0) throw new EngineArgumentError(op, `${name} must be a non-empty array of points`);
  const d = dimension ?? points[0]?.length ?? 0;
  if (d < 1) throw new EngineArgumentError(op, `${name}[0] must have at least one coordinate`);
  points.forEach((point, i) => {
    if (!Array.isArray(point) || point.length !== d) {
      throw new EngineArgumentError(op, `${name}[${i}] must have ${d} coordinates, got ${Array.isArray(point) ? point.length : String(point)}`);
    }
    point.forEach((x, j) => {
      if (typeof x !== "number" || !Number.isFinite(x)) throw new EngineArgumentError(op, `${name}[${i}][${j}] must be a finite number, got ${String(x)}`);
    });
  });
  return d;
}

function checkTolerance(op: string, tolerance: number): void {
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new EngineArgumentError(op, `tolerance must be a finite number >= 0, got ${tolerance}`);
}

function checkHyperplane(op: string, hyperplane: Hyperplane): Rational[] {
  const { w, b } = hyperplane;
  checkPoints(op, [w], "w");
  if (typeof b !== "number" || !Number.isFinite(b)) throw new EngineArgumentError(op, `b must be a finite number, got ${String(b)}`);
  return w.map(exactRational);
}

// sqrt of the exact ratio: one rounding before a correctly rounded sqrt, where 1 / sqrt(...) would take three
function marginFromNormSquared(normSquared: Rational): MarginConventions {
  return { distance: Math.sqrt(toDouble(ONE.div(normSquared))), width: Math.sqrt(toDouble(rational(4).div(normSquared))) };
}

/** The margin of a hyperplane with normal w, in both conventions. */
export function marginOf(w: readonly number[]): MarginConventions {
  const exactW = checkHyperplane("marginOf", { w: [...w], b: 0 });
  const normSquared = dot(exactW, exactW);
  if (normSquared.equals(ZERO)) throw new EngineArgumentError("marginOf", "w must not be zero");
  return marginFromNormSquared(normSquared);
}

function exactDecisionValue(w: readonly Rational[], b: Rational, x: readonly number[]): Rational {
  return dot(w, x.map(exactRational)).add(b);
}

/** w.x + b, computed exactly and rounded once. */
export function decisionValue(hyperplane: Hyperplane, x: readonly number[]): number {
  const w = checkHyperplane("decisionValue", hyperplane);
  checkPoints("decisionValue", [x], "x", w.length);
  return toDouble(exactDecisionValue(w, exactRational(hyperplane.b), x));
}

/** w.x + b for every point (decisionValue of each) */
export function decisionValues(hyperplane: Hyperplane, points: readonly (readonly number[])[]): number[] {
  return points.map((x) => decisionValue(hyperplane, x));
}

/**
 * The sign of w.x + b, decided exactly: +1 or -1, and 0 for a point on the
 * hyperplane, which belongs to neither class (np.sign does the same; sklearn
 * would silently say the negative class). A grader must decide what 0 earns.
 */
export function classify(hyperplane: Hyperplane, x: readonly number[]): 1 | -1 | 0 {
  const w = checkHyperplane("classify", hyperplane);
  checkPoints("classify", [x], "x", w.length);
  const value = exactDecisionValue(w, exactRational(hyperplane.b), x);
  if (value.equals(ZERO)) return 0;
  return value.s > 0n ? 1 : -1;
}

/** A given hyperplane seen through a set of points: its margin, decision values, support vectors and classes. */
export function describeHyperplane(
  hyperplane: Hyperplane,
  points: readonly (readonly number[])[],
  options: SupportVectorOptions = {},
): HyperplaneDescription {
  const tolerance = options.tolerance ?? SUPPORT_VECTOR_TOLERANCE_DEFAULT;
  checkTolerance("describeHyperplane", tolerance);
  const values = decisionValues(hyperplane, points);
  return {
    margin: marginOf(hyperplane.w),
    decisionValues: values,
    supportVectors: values.flatMap((v, i) => (Math.abs(Math.abs(v) - 1) <= tolerance ? [i] : [])),
    classes: points.map((x) => classify(hyperplane, x)),
  };
}

function checkLabels(labels: readonly number[], count: number): Array<1 | -1> {
  if (!Array.isArray(labels) || labels.length !== count) {
    throw new EngineArgumentError("svm", `labels must be an array of ${count} labels, one per point, got ${Array.isArray(labels) ? labels.length : String(labels)}`);
  }
  return labels.map((y, i) => {
    if (y !== 1 && y !== -1) throw new EngineArgumentError("svm", `labels[${i}] must be +1 or -1, got ${String(y)}`);
    return y;
  });
}

function notSeparable(reason?: string): EngineArgumentError {
  return new EngineArgumentError("svm", `the points are not linearly separable${reason ? ` (${reason})` : ""}`);
}

/** Reasons no hyperplane can exist that are worth naming before the search. */
function checkSeparablePreconditions(points: readonly (readonly number[])[], y: readonly (1 | -1)[]): void {
  if (!y.includes(1) || !y.includes(-1)) throw notSeparable(`every label is ${y[0] === 1 ? "+1" : "-1"}; both classes are needed`);
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      if (y[i] !== y[j] && (points[i] as number[]).every((x, k) => x === (points[j] as number[])[k])) {
        throw notSeparable(`points[${i}] and points[${j}] are equal with different labels`);
      }
    }
  }
}

/** What every KKT system is built from, made once per call. */
interface Problem {
  y: Array<1 | -1>;
  x: Rational[][];
  /** signedGram[i][j] = y_i y_j x_i.x_j, exactly and rounded to doubles */
  signedGram: Rational[][];
  signedGramApprox: number[][];
}

/** The solution of one set's KKT system: w = sum alpha_s y_k x_k over k = set[s]. */
interface Candidate {
  set: number[];
  alpha: Rational[];
  b: Rational;
  normSquared: Rational;
}

// rows: y_j (w.x_j + b) = 1 for j in the set, then sum a_k y_k = 0
function kktSystem<T>(set: number[], gram: T[][], zero: T, one: T, label: (i: number) => T): [T[][], T[]] {
  const matrix = set.map((j) => [...set.map((k) => (gram[j] as T[])[k] as T), label(j)]);
  matrix.push([...set.map(label), zero]);
  return [matrix, [...set.map(() => one), zero]];
}

function exactCandidate(problem: Problem, set: number[]): Candidate | null {
  const [matrix, rhs] = kktSystem(set, problem.signedGram, ZERO, ONE, (i) => rational(problem.y[i] as number));
  const solution = solveExact(matrix, rhs);
  if (solution === null) return null;
  const alpha = solution.slice(0, set.length);
  // ||w||^2 = alpha' Q alpha with Q the set's block of the signed Gram matrix
  const normSquared = dot(alpha, matrix.slice(0, set.length).map((row) => dot(row.slice(0, set.length), alpha)));
  return { set, alpha, b: solution[set.length] as Rational, normSquared };
}

function exactFunctionalMargin(problem: Problem, c: Candidate, i: number): Rational {
  const wDotX = c.set.reduce((sum, k, s) => sum.add((c.alpha[s] as Rational).mul((problem.signedGram[k] as Rational[])[i] as Rational)), ZERO);
  return wDotX.add(c.b.mul(rational(problem.y[i] as number)));
}

function isFeasible(problem: Problem, c: Candidate): boolean {
  return problem.x.every((_, i) => exactFunctionalMargin(problem, c, i).gte(ONE));
}

/** A cheap look at a set in doubles: could its solution pass the exact KKT certificate? */
function looksOptimal(problem: Problem, set: number[]): boolean {
  const [matrix, rhs] = kktSystem(set, problem.signedGramApprox, 0, 1, (i) => problem.y[i] as number);
  const solution = solveApprox(matrix, rhs);
  if (solution === null) return false;
  const alpha = solution.slice(0, set.length);
  const slack = 1e-7 * Math.max(1, ...alpha.map(Math.abs));
  if (alpha.some((a) => a < -slack)) return false;
  const b = solution[set.length] as number;
  return problem.y.every((yi, i) => set.reduce((sum, k, s) => sum + (alpha[s] as number) * ((problem.signedGramApprox[k] as number[])[i] as number), 0) + yi * b >= 1 - 1e-7);
}

function* candidateSets(problem: Problem, maxSize: number): Generator<number[]> {
  for (let size = 2; size <= maxSize; size++) {
    for (const set of combinations(problem.y.length, size)) {
      // the constraint sum a_k y_k = 0 with a >= 0 needs both classes in the set
      if (set.some((i) => problem.y[i] !== problem.y[set[0] as number])) yield set;
    }
  }
}

/**
 * The first set that passes the exact KKT certificate, among those doubles
 * say could pass it. Should rounding hide the optimum from the doubles, every
 * set is solved exactly and the feasible solution with the smallest ||w|| is
 * kept: each is feasible and the optimum is among them.
 */
function findOptimum(problem: Problem, maxSize: number, exhaustive: boolean): Candidate | null {
  for (const set of exhaustive ? [] : candidateSets(problem, maxSize)) {
    if (!looksOptimal(problem, set)) continue;
    const candidate = exactCandidate(problem, set);
    if (candidate?.alpha.every((a) => a.gte(ZERO)) && isFeasible(problem, candidate)) return candidate;
  }
  let best: Candidate | null = null;
  for (const set of candidateSets(problem, maxSize)) {
    const candidate = exactCandidate(problem, set);
    if (candidate === null || (best !== null && candidate.normSquared.gte(best.normSquared))) continue;
    if (isFeasible(problem, candidate)) best = candidate;
  }
  return best;
}

/**
 * The exact hard-margin max-margin hyperplane of a linearly separable set:
 * canonical w and b (support vectors on w.x + b = +-1), the support vectors,
 * the margin in both conventions. Throws "svm: the points are not linearly
 * separable" when no hyperplane separates them.
 */
export function maxMarginHyperplane(
  points: readonly (readonly number[])[],
  labels: readonly number[],
  options: MaxMarginOptions = {},
): MaxMarginSolution {
  const tolerance = options.tolerance ?? SUPPORT_VECTOR_TOLERANCE_DEFAULT;
  checkTolerance("svm", tolerance);
  const d = checkPoints("svm", points, "points");
  const n = points.length;
  const y = checkLabels(labels, n);
  checkSeparablePreconditions(points, y);
  const maxSize = Math.min(n, d + 1);
  let setCount = 0;
  for (let k = 2; k <= maxSize; k++) setCount += binomial(n, k);
  if (setCount > MAX_CANDIDATE_SETS) {
    throw new EngineArgumentError("svm", `${n} points in ${d} dimensions give ${setCount} candidate support-vector sets; the exact solver stops at ${MAX_CANDIDATE_SETS}`);
  }

  const x = points.map((p) => p.map(exactRational));
  const signedGram = x.map((xi, i) => x.map((xj, j) => dot(xi, xj).mul(rational((y[i] as number) * (y[j] as number)))));
  const problem: Problem = { y, x, signedGram, signedGramApprox: signedGram.map((row) => row.map(toDouble)) };
  const optimum = findOptimum(problem, maxSize, options.exhaustive ?? false);
  if (optimum === null) throw notSeparable();

  const w = Array.from({ length: d }, (_, c) =>
    optimum.set.reduce((sum, k, s) => sum.add((optimum.alpha[s] as Rational).mul(rational(y[k] as number)).mul((x[k] as Rational[])[c] as Rational)), ZERO),
  );
  const functionalMargins = x.map((_, i) => toDouble(exactFunctionalMargin(problem, optimum, i)));
  return {
    w: w.map(toDouble),
    b: toDouble(optimum.b),
    supportVectors: functionalMargins.flatMap((m, i) => (m - 1 <= tolerance ? [i] : [])),
    margin: marginFromNormSquared(optimum.normSquared),
    functionalMargins,
  };
}
