import { describe, expect, it } from "vitest";
import { goldenDisagreements } from "./golden.ts";
import { runComparatorTests } from "./tester.ts";

runComparatorTests("decdig", {
  pass: [
    { received: 0.12, expected: 0.123, options: { digits: 2 } },
    { received: 3, expected: 3.4, options: { digits: 0 } },
    { received: 0.005, expected: 0, options: { digits: 2 } },
    { received: -1.234, expected: -1.2345, options: { digits: 3 } },
    { name: "accepts 0.5099999 for 0 to 0 decimals, just inside the open interval", received: 0.5099999, expected: 0, options: { digits: 0 } },
    { name: "accepts an exact copy of 1e20, where b ± 0.0051 rounds back to b", received: 1e20, expected: 1e20, options: { digits: 2 } },
    { received: Number.NaN, expected: Number.NaN },
    { received: Number.NEGATIVE_INFINITY, expected: Number.NEGATIVE_INFINITY },
  ],
  fail: [
    { received: 0.13, expected: 0.123, options: { digits: 2 }, messageId: "far", data: { digits: 2 } },
    { received: 4, expected: 3.4, options: { digits: 0 }, messageId: "far" },
    { name: "rejects 0.51 for 0 to 0 decimals: the bound itself is outside", received: 0.51, expected: 0, options: { digits: 0 }, messageId: "far" },
    { received: -0.51, expected: 0, options: { digits: 0 }, messageId: "far" },
    { received: 1.2345, expected: -1.2345, options: { digits: 3 }, messageId: "far" },
    { received: Number.NaN, expected: 0, messageId: "mismatch" },
    { received: 0, expected: Number.NaN, messageId: "mismatch" },
    { received: Number.POSITIVE_INFINITY, expected: Number.NEGATIVE_INFINITY, messageId: "mismatch" },
    { received: 1e300, expected: Number.POSITIVE_INFINITY, messageId: "mismatch" },
    { received: false, expected: 0, messageId: "type", data: { received_type: "a boolean" } },
  ],
});

describe("decdig against PrairieLearn", () => {
  it("agrees with is_correct_scalar_dd on every golden case, boundaries included", () => {
    const { count, disagreements } = goldenDisagreements("decdig");
    expect(count).toBeGreaterThan(1000);
    expect(disagreements).toEqual([]);
  });
});
