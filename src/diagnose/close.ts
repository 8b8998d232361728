import { numericShape, type Value } from "../value.ts";

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** A numeric nested array (or a number) as its shape and its row-major elements. */
export interface NumericArray {
  shape: number[];
  values: number[];
}

/**
 * An array's flattening, kept while the array lives: every diagnoser asks for
 * the same answer's and reference's numbers, several times each, and
 * flattening them again was a good part of a submission's grading. Frozen,
 * so that no caller can change what the next one is given.
 */
const flattened = new WeakMap<object, NumericArray | null>();

/** null for anything that is not a number or a rectangular nested array of numbers. */
export function flattenNumeric(value: Value | undefined): NumericArray | null {
  if (value === undefined) return null;
  if (typeof value !== "object" || value === null) return flattenOnce(value);
  if (flattened.has(value)) return flattened.get(value) as NumericArray | null;
  const result = flattenOnce(value);
  flattened.set(value, result);
  return result;
}

function flattenOnce(value: Value): NumericArray | null {
  const shape = numericShape(value);
  if (shape === null) return null;
  const values: number[] = [];
  collectNumbers(value, values);
  return Object.freeze({ shape: Object.freeze(shape), values: Object.freeze(values) }) as NumericArray;
}

function collectNumbers(value: Value, into: number[]): void {
  if (typeof value === "number") into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectNumbers(item, into);
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * numpy's isclose, asymmetric as numpy is: |received - expected| <= atol + rtol * |expected|.
 * Non-finite numbers are decided before the formula, never by it: NaN is close to
 * nothing (a diagnosis needs evidence, and NaN carries none), an infinity only to
 * the same infinity (the formula would call inf close to anything when rtol > 0).
 */
export function numbersClose(received: number, expected: number, tolerance: Tolerance): boolean {
  if (Number.isNaN(received) || Number.isNaN(expected)) return false;
  if (!Number.isFinite(received) || !Number.isFinite(expected)) return received === expected;
  return Math.abs(received - expected) <= tolerance.atol + tolerance.rtol * Math.abs(expected);
}

/** Element-wise numbersClose over two arrays of the same length. */
export function allClose(received: readonly number[], expected: readonly number[], tolerance: Tolerance): boolean {
  if (received.length !== expected.length) return false;
  return received.every((r, i) => numbersClose(r, expected[i] as number, tolerance));
}

/**
 * Whether two values are close: numbers, or numeric nested arrays of the same
 * shape compared element by element. Anything else (strings, objects, ragged
 * arrays, a shape mismatch) is not close.
 */
export function isClose(received: Value | undefined, expected: Value | undefined, tolerance: Tolerance): boolean {
  const r = flattenNumeric(received);
  const e = flattenNumeric(expected);
  if (r === null || e === null || !sameShape(r.shape, e.shape)) return false;
  return allClose(r.values, e.values, tolerance);
}

/** Two values that a diagnoser may compare: both numeric with the same shape. */
export function numericPair(
  received: Value | undefined,
  expected: Value | undefined,
): { received: NumericArray; expected: NumericArray } | null {
  const r = flattenNumeric(received);
  const e = flattenNumeric(expected);
  if (r === null || e === null || !sameShape(r.shape, e.shape)) return null;
  return { received: r, expected: e };
}
