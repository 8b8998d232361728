import { describe, expect, it } from "vitest";
import { rounded } from "../../src/diagnose/rounded.ts";
import type { Value } from "../../src/value.ts";
import { expectNoExpectedValueIn, gradWInput, hw4 } from "./hw4-cases.ts";

const yhatInput = (received: Value) =>
  gradWInput({ itemId: "q2.yhat", expected: hw4.yhat, received, siblings: [], tolerance: hw4.tolerance_yhat });
const cut = (m: number[][], f: (x: number) => number) => m.map((row) => row.map(f));

describe("rounded", () => {
  it("names q2 yhat rounded to 1 decimal and says how many digits pass", () => {
    const diagnosis = rounded.diagnose(yhatInput(hw4.yhat_rounded_1_decimal));
    const digits = hw4.yhat_rounded_1_decimal_needs_significant_digits;
    expect(diagnosis).toEqual({ code: "rounded", message: `rounded too coarsely: keep at least ${digits} significant digits` });
    expectNoExpectedValueIn(diagnosis!.message, hw4.yhat);
  });

  it("names q2 yhat rounded to 3 significant digits", () => {
    expect(rounded.diagnose(yhatInput(hw4.yhat_rounded_3_significant))?.code).toBe("rounded");
  });

  it.each([
    ["rounded to 2 decimals", (x: number) => Number(x.toFixed(2))],
    ["truncated to 2 decimals", (x: number) => Math.trunc(x * 100) / 100],
    ["rounded to 2 significant digits", (x: number) => Number(x.toPrecision(2))],
  ])("names q3 grad_W %s", (_, round) => {
    const diagnosis = rounded.diagnose(gradWInput({ received: cut(hw4.grad_W, round) }));
    const digits = hw4.grad_W_needs_significant_digits;
    expect(diagnosis).toEqual({ code: "rounded", message: `rounded too coarsely: keep at least ${digits} significant digits` });
    expectNoExpectedValueIn(diagnosis!.message, hw4.grad_W);
  });

  it("accepts entries that already pass next to rounded ones", () => {
    const received = hw4.grad_W.map((row, i) => (i === 1 ? row.map((x) => Number(x.toFixed(1))) : row));
    expect(rounded.diagnose(gradWInput({ received }))?.code).toBe("rounded");
  });

  it("says 'more digits' when no number of significant digits would pass", () => {
    const input = gradWInput({ expected: 1 / 3, received: 0.33, tolerance: { rtol: 0, atol: 0 } });
    expect(rounded.diagnose(input)).toEqual({ code: "rounded", message: "rounded too coarsely: keep more digits" });
  });

  it("says 'digit' when one is enough", () => {
    // 0.3 and 2 would pass a 10% tolerance; 0 does not
    const input = gradWInput({ expected: [0.31, 2.04], received: [0, 2], tolerance: { rtol: 0.1, atol: 0 } });
    expect(rounded.diagnose(input)?.message).toBe("rounded too coarsely: keep at least 1 significant digit");
  });

  it.each<[string, Value]>([
    ["a random wrong matrix", hw4.grad_W_random_wrong],
    ["a value off by more than the last kept digit", cut(hw4.grad_W, (x) => Number(x.toFixed(2)) + 0.02)],
    ["an answer with more digits than a student rounds to, but wrong", cut(hw4.grad_W, (x) => x * 1.01)],
    ["all zeros", cut(hw4.grad_W, () => 0)],
    ["a negated rounding", cut(hw4.grad_W, (x) => -Number(x.toFixed(2)))],
    ["a NaN entry", [[Number.NaN, 0.25, 0.25], [-1, 2.5, -1.5], [0.5, 1.75, -2.25]]],
    ["a string", "0.5"],
  ])("says nothing about %s", (_, received) => {
    expect(rounded.diagnose(gradWInput({ received }))).toBeNull();
  });

  it("does not take an integer off by one for a truncation", () => {
    const input = gradWInput({ itemId: "q2.z", expected: hw4.z, received: [[0, 6, 6], [-23, -4, 13]], tolerance: { rtol: 0, atol: 0 } });
    expect(rounded.diagnose(input)).toBeNull();
  });

  it("rounds to tens when the significant digits stop before the decimal point", () => {
    const input = gradWInput({ expected: 1234.5, received: 1200, tolerance: { rtol: 1e-3, atol: 0 } });
    expect(rounded.diagnose(input)?.message).toBe("rounded too coarsely: keep at least 4 significant digits");
  });
});
