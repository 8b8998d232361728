/** The numpy oracle written by test/golden/make_nn_golden.py, and ways to read it. */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { Matrix } from "../../../src/engine/matrix.ts";

export interface GoldenArray {
  shape: number[];
  values: number[];
}

export function loadGolden<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../golden/${name}`, import.meta.url), "utf8")) as T;
}

export function toMatrix(golden: GoldenArray): Matrix {
  const [rows, cols] = golden.shape.length === 1 ? [1, golden.shape[0]!] : [golden.shape[0]!, golden.shape[1]!];
  return new Matrix(rows, cols, Float64Array.from(golden.values));
}

/** |actual - expected| <= rtol |expected| + atol for every element, listing the first few that are not */
export function expectAllClose(actual: ArrayLike<number>, expected: readonly number[], rtol: number, atol = 0): void {
  expect(actual.length, "length").toBe(expected.length);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= rtol * Math.abs(e) + atol)) bad.push(`[${i}] got ${a}, numpy ${e}`);
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

/** every value bit-identical (Object.is) */
export function expectIdentical(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length, "length").toBe(expected.length);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) bad.push(`[${i}] got ${actual[i]}, numpy ${expected[i]}`);
  expect(bad.slice(0, 5)).toEqual([]);
}
