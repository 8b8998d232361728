import { describe, expect, it } from "vitest";
import { scale } from "../../src/diagnose/scale.ts";
import type { Value } from "../../src/value.ts";
import { expectNoExpectedValueIn, gradWInput, hw4 } from "./hw4-cases.ts";

const times = (m: number[][], k: number) => m.map((row) => row.map((x) => x * k));

describe("scale", () => {
  it.each([
    ["N times too large (the 1/N left out)", hw4.grad_W_times_N, "missing 1/N: the value is N times too large"],
    ["N times too small", hw4.grad_W_over_N, "divided by N once too often: the value is N times too small"],
  ])("names q3 grad_W %s with the item's factor N", (_, received, message) => {
    const diagnosis = scale.diagnose(gradWInput({ received }));
    expect(diagnosis).toEqual({ code: "scale", message });
    expectNoExpectedValueIn(diagnosis!.message, hw4.grad_W);
  });

  it("falls back on the common factor 2 when the item names no factor", () => {
    const diagnosis = scale.diagnose(gradWInput({ received: hw4.grad_W_times_N, factors: undefined }));
    expect(diagnosis).toEqual({
      code: "scale",
      message: "a factor 2 too large: check the 1/2 in the loss or the lambda convention",
    });
  });

  it.each([
    [0.5, "a factor 2 too small: check the 1/2 in the loss or the lambda convention"],
    [10, "10 times too large: check the units or the decimal point"],
    [0.1, "10 times too small: check the units or the decimal point"],
    [100, "100 times too large: this looks like a percentage where a fraction is asked"],
    [0.01, "100 times too small: this looks like a fraction where a percentage is asked"],
  ])("names the common factor %s", (k, message) => {
    const diagnosis = scale.diagnose(gradWInput({ received: times(hw4.grad_W, k), factors: {} }));
    expect(diagnosis).toEqual({ code: "scale", message });
    expectNoExpectedValueIn(diagnosis!.message, hw4.grad_W);
  });

  it("names the item's own factor by its name", () => {
    const input = gradWInput({ received: times(hw4.grad_W, 32), factors: { batch: 32 } });
    expect(scale.diagnose(input)?.message).toBe("missing 1/batch: the value is batch times too large");
  });

  it("names a scaled scalar (a percentage)", () => {
    const input = gradWInput({ itemId: "q9.val_accuracy", expected: 0.79, received: 79, factors: {} });
    expect(scale.diagnose(input)?.message).toContain("percentage");
  });

  it("says nothing about an arbitrary ratio", () => {
    expect(scale.diagnose(gradWInput({ received: times(hw4.grad_W, 1.37) }))).toBeNull();
    expect(scale.diagnose(gradWInput({ received: times(hw4.grad_W, 3) }))).toBeNull();
  });

  it("holds the scaled answer to the item's tolerance", () => {
    const near = times(hw4.grad_W, 2 * (1 + 5e-4));
    expect(scale.diagnose(gradWInput({ received: near }))?.code).toBe("scale");
    const far = times(hw4.grad_W, 2 * (1 + 5e-3));
    expect(scale.diagnose(gradWInput({ received: far }))).toBeNull();
  });

  it("says nothing when only some entries are scaled", () => {
    const received = times(hw4.grad_W, 1);
    received[0] = received[0]!.map((x) => 2 * x);
    expect(scale.diagnose(gradWInput({ received }))).toBeNull();
  });

  it.each<[string, Value, Value]>([
    ["a negated answer (sign, not scale)", hw4.grad_b, hw4.grad_b.map((x) => -2 * x)],
    ["a random wrong matrix", hw4.grad_W, hw4.grad_W_random_wrong],
    ["a NaN", [1, 2], [2, Number.NaN]],
    ["a string", 1, "2"],
  ])("says nothing about %s", (_, expected, received) => {
    expect(scale.diagnose(gradWInput({ expected, received }))).toBeNull();
  });

  it("says nothing when the expected value is zero, whatever the factor", () => {
    const input = gradWInput({ expected: [0, 0], received: [2e-8, 0], tolerance: { rtol: 1e-3, atol: 1e-8 } });
    // 2e-8 / 2 is within atol of 0, yet no factor can show on a zero
    expect(scale.diagnose(input)).toBeNull();
  });

  it.each([
    [{ N: 0 }, 0],
    [{ N: -3 }, -3],
    [{ N: Number.NaN }, Number.NaN],
    [{ N: Number.POSITIVE_INFINITY }, Number.POSITIVE_INFINITY],
  ])("skips the meaningless factor %o", (factors, k) => {
    const input = gradWInput({ received: times(hw4.grad_W, k), factors });
    expect(scale.diagnose(input)).toBeNull();
  });

  it("never reads the number of classes as a scale factor", () => {
    // 7.9 for an accuracy of 0.79 with 10 classes: a slip of the decimal point at most, not "missing 1/classes"
    const diagnosis = scale.diagnose({
      itemId: "q9.val_accuracy",
      expected: 0.79,
      received: 7.9,
      siblings: [],
      factors: { classes: 10 },
      tolerance: { rtol: 0, atol: 0.01 },
    });
    expect(diagnosis?.message ?? "").not.toMatch(/classes/);
  });
});

