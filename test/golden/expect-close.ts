import { expect } from "vitest";

export interface Tolerance {
  /** relative: |a - b| <= atol + rtol |b|, b the golden value (numpy isclose) */
  rtol: number;
  atol?: number;
}

/**
 * Walks actual and expected together and lists every difference with its
 * path; numbers within tolerance, NaN only matches NaN, everything else
 * (null, strings, booleans, keys, lengths) exactly.
 */
export function differences(actual: unknown, expected: unknown, tolerance: Tolerance, path = "$"): string[] {
  if (typeof expected === "number") {
    if (typeof actual !== "number") return [`${path}: expected ${expected}, got ${JSON.stringify(actual)}`];
    if (Number.isNaN(expected) || Number.isNaN(actual)) {
      return Number.isNaN(expected) && Number.isNaN(actual) ? [] : [`${path}: expected ${expected}, got ${actual}`];
    }
    if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
      return actual === expected ? [] : [`${path}: expected ${expected}, got ${actual}`];
    }
    const allowed = (tolerance.atol ?? 0) + tolerance.rtol * Math.abs(expected);
    return Math.abs(actual - expected) <= allowed ? [] : [`${path}: expected ${expected}, got ${actual} (diff ${Math.abs(actual - expected)})`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} elements, got ${actual.length}`];
    return expected.flatMap((e, i) => differences(actual[i], e, tolerance, `${path}[${i}]`));
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return [`${path}: expected an object`];
    const keys = Object.keys(expected).sort();
    const actualKeys = Object.keys(actual).sort();
    if (keys.join() !== actualKeys.join()) return [`${path}: expected keys ${keys.join(",")}, got ${actualKeys.join(",")}`];
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    return keys.flatMap((k) => differences(a[k], e[k], tolerance, `${path}.${k}`));
  }
  return actual === expected ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

export function expectClose(actual: unknown, expected: unknown, tolerance: Tolerance): void {
  expect(differences(actual, expected, tolerance)).toEqual([]);
}
