/**
 * The values a submission, a reference and a comparator exchange: JSON with
 * Python's non-finite numbers (NaN, Infinity, -Infinity) allowed.
 */
export type Value = number | boolean | string | null | Value[] | { [key: string]: Value };

/** a JSON object of answer values */
export type ValueObject = { [key: string]: Value };

/** whether a JSON value is an object (not an array, not null) */
export function isValueObject(value: unknown): value is ValueObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Shape of a numeric nested array: [] for a scalar, [n] for a vector, [r, c] for a matrix; null when ragged or not numeric. */
export function numericShape(value: Value): number[] | null {
  if (typeof value === "number") return [];
  if (!Array.isArray(value)) return null;
  if (value.length === 0) return [0];
  const inner = numericShape(value[0] as Value);
  if (inner === null) return null;
  for (let i = 1; i < value.length; i++) {
    const shape = numericShape(value[i] as Value);
    if (shape === null || shape.length !== inner.length || shape.some((d, k) => d !== inner[k])) return null;
  }
  return [value.length, ...inner];
}

export function formatShape(shape: readonly number[]): string {
  if (shape.length === 0) return "a number";
  if (shape.length === 1) return `a vector of ${shape[0]}`;
  return `a ${shape.join("x")} matrix`;
}
