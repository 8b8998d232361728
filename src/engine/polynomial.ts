import { EngineArgumentError } from "./errors.ts";

/** How a stationary point bends: by the first derivative of order >= 2 that is not zero there. */
export type StationaryKind = "min" | "max" | "saddle";

/** Dekker's splitter for 53-bit doubles: 2^27 + 1 */
const SPLITTER = 134217729;

/**
 * A real polynomial by its coefficients in ascending powers:
 * c[0] + c[1] x + ... + c[n] x^n. Trailing zeros are dropped, so the last
 * coefficient is the leading one and the zero polynomial has none.
 */
export class Polynomial {
  readonly coefficients: readonly number[];

  constructor(coefficients: readonly number[]) {
    coefficients.forEach((c, i) => {
      if (typeof c !== "number" || !Number.isFinite(c)) {
        throw new EngineArgumentError("polynomial", `coefficient ${i} must be a finite number, got ${String(c)}`);
      }
    });
    let end = coefficients.length;
    while (end > 0 && coefficients[end - 1] === 0) end--;
    this.coefficients = Object.freeze(coefficients.slice(0, end));
  }

  /** leading * (x - r1)(x - r2)...; exact when every product is (small integers) */
  static fromRoots(roots: readonly number[], leading = 1): Polynomial {
    let c = [leading];
    for (const r of roots) {
      const next = new Array<number>(c.length + 1).fill(0);
      c.forEach((ci, i) => {
        next[i + 1]! += ci;
        next[i]! -= r * ci;
      });
      c = next;
    }
    return new Polynomial(c);
  }

  /** -1 for the zero polynomial */
  get degree(): number {
    return this.coefficients.length - 1;
  }

  /**
   * p(x) by compensated Horner (Graillat, Langlois, Louvet 2005): as accurate
   * as Horner in twice the working precision, then rounded once. The sign
   * next to a root is then right, which is what root isolation relies on.
   */
  evaluate(x: number): number {
    const c = this.coefficients;
    const n = c.length - 1;
    if (n < 0) return 0;
    let s = c[n]!;
    let error = 0;
    for (let i = n - 1; i >= 0; i--) {
      const [product, productError] = twoProduct(s, x);
      const [sum, sumError] = twoSum(product, c[i]!);
      s = sum;
      error = error * x + (productError + sumError);
    }
    return s + error;
  }

  derivative(): Polynomial {
    return new Polynomial(this.coefficients.slice(1).map((c, i) => c * (i + 1)));
  }

  /** the distinct real roots, ascending; a multiple root appears once */
  realRoots(): number[] {
    if (this.degree < 0) throw new EngineArgumentError("realRoots", "the zero polynomial is zero everywhere");
    return realRootsOf(this);
  }

  /**
   * A bound on the rounding error of evaluating p at x in floating point
   * (2n eps sum |c_i| |x|^i, twice the textbook Horner bound). A value inside
   * it cannot be told apart from zero.
   */
  zeroTolerance(x: number): number {
    const c = this.coefficients;
    let magnitude = 0;
    for (let i = c.length - 1; i >= 0; i--) magnitude = magnitude * Math.abs(x) + Math.abs(c[i]!);
    return 2 * Math.max(this.degree, 0) * Number.EPSILON * magnitude;
  }

  isZeroAt(x: number): boolean {
    return Math.abs(this.evaluate(x)) <= this.zeroTolerance(x);
  }
}

/**
 * Classifies x as a stationary point of p by the first derivative of order
 * k >= 2 that is not zero at x: even k gives "min" or "max" by its sign,
 * odd k an inflection ("saddle").
 */
export function classifyStationaryPoint(p: Polynomial, x: number): StationaryKind {
  if (p.degree < 2) throw new EngineArgumentError("classifyStationaryPoint", `a polynomial of degree ${p.degree} does not bend`);
  let q = p.derivative().derivative();
  for (let order = 2; q.degree >= 0; order++, q = q.derivative()) {
    if (q.isZeroAt(x)) continue;
    if (order % 2 === 1) return "saddle";
    return q.evaluate(x) > 0 ? "min" : "max";
  }
  // unreachable: the n-th derivative is a non-zero constant
  throw new EngineArgumentError("classifyStationaryPoint", "no non-zero derivative");
}

/**
 * Root isolation by recursion on the derivative: between two consecutive
 * real roots of p' the polynomial is monotone, so each such interval holds
 * at most one root, found by bisection. A root of p' at which p is zero
 * (within rounding) is a multiple root of p. Two roots closer than about
 * sqrt(eps) of their scale merge into one double root: rounding cannot tell
 * them apart.
 */
function realRootsOf(p: Polynomial): number[] {
  const c = p.coefficients;
  const n = p.degree;
  if (n <= 0) return [];
  // exact zero low coefficients: x^k divides p, so 0 is a root, exactly
  let k = 0;
  while (c[k] === 0) k++;
  if (k > 0) return [0, ...realRootsOf(new Polynomial(c.slice(k)))].sort((a, b) => a - b);
  if (n === 1) return [-c[0]! / c[1]!];

  const critical = realRootsOf(p.derivative());
  const bound = cauchyBound(c);
  const points = [-bound, ...critical.filter((x) => x > -bound && x < bound), bound];
  // beyond the bound p has its leading term's sign; using it avoids evaluating where x^n may overflow
  const leadingSign = Math.sign(c[n]!);
  const values = points.map((x, i) => {
    if (i === 0) return n % 2 === 0 ? leadingSign : -leadingSign;
    if (i === points.length - 1) return leadingSign;
    return p.isZeroAt(x) ? 0 : p.evaluate(x);
  });

  const roots: number[] = [];
  for (let i = 0; i < points.length; i++) {
    if (values[i] === 0) roots.push(points[i]!);
    if (i + 1 < points.length && values[i]! * values[i + 1]! < 0) {
      roots.push(bisect(p, points[i]!, values[i]!, points[i + 1]!, values[i + 1]!));
    }
  }
  return roots.sort((a, b) => a - b);
}

/** every root x satisfies |x| < 1 + max |c_i / c_n| (Cauchy) */
function cauchyBound(c: readonly number[]): number {
  const leading = Math.abs(c[c.length - 1]!);
  let max = 0;
  for (let i = 0; i < c.length - 1; i++) max = Math.max(max, Math.abs(c[i]!) / leading);
  return 1 + max;
}

/** p has opposite signs at a and b (pa, pb); narrows to adjacent doubles, or stops on an exact zero */
function bisect(p: Polynomial, a: number, pa: number, b: number, pb: number): number {
  for (;;) {
    const mid = a / 2 + b / 2;
    if (mid <= a || mid >= b) break;
    const pm = p.evaluate(mid);
    if (pm === 0) return mid;
    if (pm < 0 === pa < 0) {
      a = mid;
      pa = pm;
    } else {
      b = mid;
      pb = pm;
    }
  }
  return Math.abs(pa) <= Math.abs(pb) ? a : b;
}

function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function split(a: number): [number, number] {
  const t = SPLITTER * a;
  const high = t - (t - a);
  return [high, a - high];
}

function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, al * bl - (p - ah * bh - al * bh - ah * bl)];
}
