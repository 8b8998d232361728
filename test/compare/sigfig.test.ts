import { describe, expect, it } from "vitest";
import { powerOfTen } from "../../src/compare/sigfig.ts";
import { goldenDisagreements } from "./golden.ts";
import { runComparatorTests } from "./tester.ts";

runComparatorTests("sigfig", {
  pass: [
    { received: 3.14, expected: 3.14258, options: { digits: 3 } },
    { received: 0.66667, expected: 2 / 3, options: { digits: 5 } },
    { name: "accepts 0.05 for 0 to 2 figures (n = digits - 1 at zero)", received: 0.05, expected: 0, options: { digits: 2 } },
    { received: -0.00123, expected: -0.0012345, options: { digits: 3 } },
    { name: "accepts 150.99 for 100 to 1 figure, just inside the open interval", received: 150.99, expected: 100, options: { digits: 1 } },
    { name: "accepts an exact copy of a subnormal, where the interval rounds to nothing", received: 5e-324, expected: 5e-324, options: { digits: 3 } },
    { received: Number.NaN, expected: Number.NaN },
    { received: Number.POSITIVE_INFINITY, expected: Number.POSITIVE_INFINITY },
    { received: null, expected: null },
  ],
  fail: [
    { received: 3.15, expected: 3.14258, options: { digits: 3 }, messageId: "far", data: { digits: 3 } },
    { received: 0.06, expected: 0, options: { digits: 2 }, messageId: "far" },
    { received: -0.00124, expected: -0.0012345, options: { digits: 3 }, messageId: "far" },
    { name: "rejects 151 for 100 to 1 figure: the upper bound itself is outside", received: 151, expected: 100, options: { digits: 1 }, messageId: "far" },
    { name: "rejects 49 for 100 to 1 figure: the lower bound itself is outside", received: 49, expected: 100, options: { digits: 1 }, messageId: "far" },
    { received: 3.14258, expected: -3.14258, options: { digits: 3 }, messageId: "far" },
    { received: Number.NaN, expected: 1, messageId: "mismatch" },
    { received: 1, expected: Number.NaN, messageId: "mismatch" },
    { received: 1e308, expected: Number.POSITIVE_INFINITY, messageId: "mismatch" },
    { received: Number.POSITIVE_INFINITY, expected: 1e308, messageId: "mismatch" },
    { received: Number.NEGATIVE_INFINITY, expected: Number.POSITIVE_INFINITY, messageId: "mismatch" },
    { received: "3.14", expected: 3.14, messageId: "type", data: { received_type: "a string" } },
    { received: 3.14, expected: null, messageId: "expected-null" },
  ],
});

describe("sigfig against PrairieLearn", () => {
  it("rounds powers of ten as numpy does, unlike V8's ** operator", () => {
    expect(powerOfTen(-4)).toBe(0.0001);
    expect(powerOfTen(-20)).toBe(1e-20);
  });

  it("agrees with is_correct_scalar_sf on every golden case, boundaries included", () => {
    const { count, disagreements } = goldenDisagreements("sigfig");
    expect(count).toBeGreaterThan(1000);
    expect(disagreements).toEqual([]);
  });
});
