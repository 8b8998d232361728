import { describe, expect, it } from "vitest";
import { sign } from "../../src/diagnose/sign.ts";
import type { Value } from "../../src/value.ts";
import { expectNoExpectedValueIn, gradWInput, hw4 } from "./hw4-cases.ts";

const WHOLE = "the sign is flipped: every non-zero entry has the opposite sign";
const negate = (m: number[][]) => m.map((row) => row.map((x) => -x));

describe("sign", () => {
  it("names a negated q3 grad_W", () => {
    const diagnosis = sign.diagnose(gradWInput({ received: hw4.grad_W_negated }));
    expect(diagnosis).toEqual({ code: "sign", message: WHOLE });
    expectNoExpectedValueIn(diagnosis!.message, hw4.grad_W);
  });

  it("names a negated scalar", () => {
    const input = gradWInput({ itemId: "q6.runs[3].final_J", expected: -2.25, received: 2.25 });
    expect(sign.diagnose(input)).toEqual({ code: "sign", message: "the sign is flipped" });
  });

  it("ignores entries whose expected value is zero within tolerance", () => {
    // q3 grad_z: its [1][0] entry is 4e-17, below atol; the student writes 0 there
    const received = negate(hw4.grad_z);
    received[1]![0] = 0;
    expect(sign.diagnose(gradWInput({ itemId: "q3.grad_z", expected: hw4.grad_z, received }))?.message).toBe(WHOLE);
  });

  it("does not count entries whose expected value is zero within tolerance", () => {
    // only the first sample's row flipped; grad_z[1][0] is 4e-17, below atol
    const received = [hw4.grad_z[0]!.map((x) => -x), hw4.grad_z[1]!];
    const diagnosis = sign.diagnose(gradWInput({ itemId: "q3.grad_z", expected: hw4.grad_z, received }));
    expect(diagnosis?.message).toBe("the sign is wrong in 3 of 5 non-zero entries; their magnitudes are right");
  });

  it("counts the flipped entries when the magnitudes are all right", () => {
    // one column flipped: y - yhat for one class only
    const received = hw4.grad_W.map((row) => [-row[0]!, row[1]!, row[2]!]);
    const diagnosis = sign.diagnose(gradWInput({ received }));
    expect(diagnosis).toEqual({ code: "sign", message: "the sign is wrong in 3 of 9 non-zero entries; their magnitudes are right" });
    expectNoExpectedValueIn(diagnosis!.message, hw4.grad_W);
  });

  it("accepts the negation within the item's tolerance only", () => {
    const near = hw4.grad_W_negated.map((row) => row.map((x) => x * (1 + 5e-4)));
    expect(sign.diagnose(gradWInput({ received: near }))?.message).toBe(WHOLE);
    const far = hw4.grad_W_negated.map((row) => row.map((x) => x * 1.01));
    expect(sign.diagnose(gradWInput({ received: far }))).toBeNull();
  });

  it("says nothing when a flipped answer is also wrong elsewhere", () => {
    const received = negate(hw4.grad_W);
    received[2]![2] = 7;
    expect(sign.diagnose(gradWInput({ received }))).toBeNull();
  });

  it.each<[string, Value, Value]>([
    ["a right answer", hw4.grad_b, hw4.grad_b],
    ["a random wrong matrix", hw4.grad_W, hw4.grad_W_random_wrong],
    ["a shape mismatch", hw4.grad_b, [hw4.grad_b.map((x) => -x)]],
    ["a NaN", [1, -2], [-1, Number.NaN]],
    ["a string", 2.25, "-2.25"],
    ["null", 2.25, null],
  ])("says nothing about %s", (_, expected, received) => {
    expect(sign.diagnose(gradWInput({ expected, received }))).toBeNull();
  });

  it("treats infinities by their sign", () => {
    const input = gradWInput({ expected: [Number.POSITIVE_INFINITY, 1], received: [Number.NEGATIVE_INFINITY, -1] });
    expect(sign.diagnose(input)?.code).toBe("sign");
  });
});
