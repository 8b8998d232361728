/**
 * Small dense linear systems (the SVM's KKT systems), solved exactly on
 * fraction.js (BigInt inside; the Fraction mathjs itself uses) or approximately in doubles.
 * Every finite double is a dyadic rational, so inputs enter the exact solver
 * without rounding, and a result leaves as the double nearest to it, rounded
 * once.
 */
import Fraction from "fraction.js";

export type Rational = Fraction;
export const ZERO = new Fraction(0n, 1n);
export const ONE = new Fraction(1n, 1n);

/** An integer as a rational (fraction.js would read a non-integer double approximately). */
export function rational(integer: number): Rational {
  return new Fraction(BigInt(integer), 1n);
}

/** The double's exact value: doubling a non-integer double (below 2^52) until it is an integer never rounds. */
export function exactRational(x: number): Rational {
  let scaled = x;
  let denominator = 1n;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    denominator *= 2n;
  }
  return new Fraction(BigInt(scaled), denominator);
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** The nearest double (normal range): a 64-bit quotient with a sticky bit, rounded once by Number(). */
export function toDouble(r: Rational): number {
  if (r.n === 0n) return 0;
  const shift = 64 - (bitLength(r.n) - bitLength(r.d));
  const numerator = shift >= 0 ? r.n << BigInt(shift) : r.n;
  const denominator = shift >= 0 ? r.d : r.d << BigInt(-shift);
  let quotient = numerator / denominator;
  if (numerator % denominator !== 0n) quotient |= 1n;
  let value = Number(quotient);
  // scale in steps so the power of two itself never overflows
  for (let e = -shift; e !== 0; ) {
    const step = Math.max(-1000, Math.min(1000, e));
    value *= 2 ** step;
    e -= step;
  }
  return r.s < 0n ? -value : value;
}

/** a.b, exactly. */
export function dot(a: readonly Rational[], b: readonly Rational[]): Rational {
  return a.reduce((sum, ai, i) => sum.add(ai.mul(b[i] as Rational)), ZERO);
}

/** Gauss-Jordan on a square system; null when it is singular. */
export function solveExact(matrix: Rational[][], rhs: Rational[]): Rational[] | null {
  const size = rhs.length;
  const rows = matrix.map((row, i) => [...row, rhs[i] as Rational]);
  for (let col = 0; col < size; col++) {
    const pivot = rows.findIndex((row, r) => r >= col && !(row[col] as Rational).equals(ZERO));
    if (pivot < 0) return null;
    [rows[col], rows[pivot]] = [rows[pivot] as Rational[], rows[col] as Rational[]];
    const pivotRow = rows[col] as Rational[];
    const inverse = ONE.div(pivotRow[col] as Rational);
    for (let c = col; c <= size; c++) pivotRow[c] = (pivotRow[c] as Rational).mul(inverse);
    for (let r = 0; r < size; r++) {
      const row = rows[r] as Rational[];
      const factor = row[col] as Rational;
      if (r === col || factor.equals(ZERO)) continue;
      for (let c = col; c <= size; c++) row[c] = (row[c] as Rational).sub(factor.mul(pivotRow[c] as Rational));
    }
  }
  return rows.map((row) => row[size] as Rational);
}

/** Partial-pivot elimination in doubles; null when a pivot all but vanishes. */
export function solveApprox(matrix: number[][], rhs: number[]): number[] | null {
  const size = rhs.length;
  const rows = matrix.map((row, i) => [...row, rhs[i] as number]);
  const scale = Math.max(...rows.flat().map(Math.abs));
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs((rows[r] as number[])[col] as number) > Math.abs((rows[pivot] as number[])[col] as number)) pivot = r;
    if (Math.abs((rows[pivot] as number[])[col] as number) <= 1e-12 * scale) return null;
    [rows[col], rows[pivot]] = [rows[pivot] as number[], rows[col] as number[]];
    const pivotRow = rows[col] as number[];
    for (let r = col + 1; r < size; r++) {
      const row = rows[r] as number[];
      const factor = (row[col] as number) / (pivotRow[col] as number);
      for (let c = col; c <= size; c++) row[c] = (row[c] as number) - factor * (pivotRow[c] as number);
    }
  }
  const solution = new Array<number>(size).fill(0);
  for (let r = size - 1; r >= 0; r--) {
    const row = rows[r] as number[];
    let sum = row[size] as number;
    for (let c = r + 1; c < size; c++) sum -= (row[c] as number) * (solution[c] as number);
    solution[r] = sum / (row[r] as number);
  }
  return solution;
}
