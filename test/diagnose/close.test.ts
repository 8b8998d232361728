import { describe, expect, it } from "vitest";
import { flattenNumeric, isClose, numbersClose } from "../../src/diagnose/close.ts";
import type { Value } from "../../src/value.ts";

const tolerance = { rtol: 1e-3, atol: 1e-6 };

describe("numbersClose", () => {
  it.each([
    // [received, expected, close]
    [1.0009, 1, true],
    [1.0011, 1, false],
    [5e-7, 0, true],
    [2e-6, 0, false],
    [Number.NaN, Number.NaN, false],
    [Number.NaN, 1, false],
    [1, Number.NaN, false],
    [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, true],
    [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, true],
    [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, false],
    [1e308, Number.POSITIVE_INFINITY, false],
    [Number.POSITIVE_INFINITY, 1e308, false],
  ])("received %s against expected %s is close: %s", (received, expected, close) => {
    expect(numbersClose(received, expected, tolerance)).toBe(close);
  });

  it("is asymmetric as numpy isclose: the tolerance scales with the expected value", () => {
    const loose = { rtol: 0.5, atol: 0 };
    expect(numbersClose(1, 2, loose)).toBe(true); // |1 - 2| <= 0.5 * 2
    expect(numbersClose(2, 1, loose)).toBe(false); // |2 - 1| > 0.5 * 1
  });
});

describe("isClose", () => {
  it("compares nested arrays element by element", () => {
    expect(isClose([[1, 2], [3, 4]], [[1, 2], [3, 4.0001]], tolerance)).toBe(true);
    expect(isClose([[1, 2], [3, 4]], [[1, 2], [3, 4.1]], tolerance)).toBe(false);
  });

  it.each<[string, Value, Value]>([
    ["a shape mismatch", [1, 2, 3], [[1, 2, 3]]],
    ["a transposed shape", [[1, 2]], [[1], [2]]],
    ["a ragged array", [[1, 2], [3]], [[1, 2], [3]]],
    ["a string", "1", 1],
    ["a boolean", true, 1],
    ["null", null, 0],
    ["an object", { a: 1 }, { a: 1 }],
    ["a NaN inside an array", [1, Number.NaN], [1, Number.NaN]],
  ])("is false for %s", (_, received, expected) => {
    expect(isClose(received, expected, tolerance)).toBe(false);
  });

  it("is false when the received value is missing", () => {
    expect(isClose(undefined, 1, tolerance)).toBe(false);
  });
});

describe("flattenNumeric", () => {
  it("gives the shape and the row-major elements", () => {
    expect(flattenNumeric([[0, 6, 6], [-23, -4, 14]])).toEqual({ shape: [2, 3], values: [0, 6, 6, -23, -4, 14] });
    expect(flattenNumeric(2.5)).toEqual({ shape: [], values: [2.5] });
  });

  it("refuses what is not a rectangular numeric array", () => {
    expect(flattenNumeric([1, "2"])).toBeNull();
    expect(flattenNumeric([[1], 2])).toBeNull();
  });
});
