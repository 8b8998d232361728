import { describe, expect, it } from "vitest";
import { transposed } from "../../src/diagnose/transposed.ts";
import type { Value } from "../../src/value.ts";
import { expectNoExpectedValueIn, gradWInput, hw4 } from "./hw4-cases.ts";

const MESSAGE = "the matrix is transposed: rows and columns are swapped";

/** The seed's softmax Jacobian for its first sample: symmetric, as every such Jacobian is. */
const JACOBIAN: number[][] = [
  [0.001237, -0.000618, -0.000618],
  [-0.000618, 0.25, -0.249381],
  [-0.000618, -0.249381, 0.25],
];

describe("transposed", () => {
  it("names a transposed square q3 grad_W", () => {
    const diagnosis = transposed.diagnose(gradWInput({ received: hw4.grad_W_transposed }));
    expect(diagnosis).toEqual({ code: "transposed", message: MESSAGE });
    expectNoExpectedValueIn(diagnosis!.message, hw4.grad_W);
  });

  it("names a transposed non-square q2 z", () => {
    const diagnosis = transposed.diagnose(
      gradWInput({ itemId: "q2.z", expected: hw4.z, received: hw4.z_transposed, tolerance: { rtol: 0, atol: 0 } }),
    );
    expect(diagnosis).toEqual({ code: "transposed", message: MESSAGE });
  });

  it("names a row vector given as a column, even when all its entries are equal", () => {
    const diagnosis = transposed.diagnose(gradWInput({ expected: [[5, 5, 5]], received: [[5], [5], [5]] }));
    expect(diagnosis).toEqual({ code: "transposed", message: MESSAGE });
  });

  it("still names the swapped shape of a non-square matrix whose values are also off", () => {
    const received = hw4.z_transposed.map((row) => row.map((x) => x + 1));
    const diagnosis = transposed.diagnose(gradWInput({ itemId: "q2.z", expected: hw4.z, received }));
    expect(diagnosis?.code).toBe("transposed");
    expect(diagnosis?.message).toBe(
      "got a 3x2 matrix where a 2x3 matrix is asked: rows and columns look swapped, and the values differ even after transposing",
    );
  });

  it("accepts the transpose within the item's tolerance", () => {
    const received = hw4.grad_W_transposed.map((row) => row.map((x) => x * (1 + 5e-4)));
    expect(transposed.diagnose(gradWInput({ received }))?.code).toBe("transposed");
    const tooFar = hw4.grad_W_transposed.map((row) => row.map((x) => x * (1 + 5e-3)));
    expect(transposed.diagnose(gradWInput({ received: tooFar }))).toBeNull();
  });

  it("says nothing about a symmetric matrix: it is its own transpose", () => {
    const received = JACOBIAN.map((row) => row.map((x) => -x));
    expect(transposed.diagnose(gradWInput({ expected: JACOBIAN, received: JACOBIAN }))).toBeNull();
    expect(transposed.diagnose(gradWInput({ expected: JACOBIAN, received }))).toBeNull();
  });

  it("says nothing about a matrix symmetric within tolerance, though the answer fits only its transpose", () => {
    const tolerance = { rtol: 1e-3, atol: 0 };
    const expected = [[1, 1.0008], [1, 1]];
    const received = [[1, 0.9991], [1.0017, 1]]; // within rtol of expected's transpose, not of expected
    expect(transposed.diagnose(gradWInput({ expected, received, tolerance }))).toBeNull();
  });

  it("says nothing about a square matrix that is merely wrong", () => {
    expect(transposed.diagnose(gradWInput({ received: hw4.grad_W_random_wrong }))).toBeNull();
  });

  it.each<[string, Value, Value]>([
    ["a vector", hw4.grad_b, [...hw4.grad_b].reverse()],
    ["a row against a flat vector", [[1, 2, 3]], [1, 2, 3]],
    ["an empty matrix", [[]], []],
    ["a NaN", [[1, 2], [3, 4]], [[1, Number.NaN], [2, 4]]],
    ["a string", [[1, 2], [3, 4]], "[[1, 3], [2, 4]]"],
  ])("says nothing about %s", (_, expected, received) => {
    expect(transposed.diagnose(gradWInput({ expected, received }))).toBeNull();
  });
});
