import { describe, expect, it } from "vitest";
import { bandOf } from "../../src/compare/band.ts";
import { runComparatorTests } from "./tester.ts";

// five reference seeds' validation accuracies; mean 0.9, sample std 0.01 (numpy: np.std(s, ddof=1))
const SEEDS = { samples: [0.89, 0.9, 0.91, 0.9 - 0.01 / Math.sqrt(2) * 0, 0.9] };
const FIVE = { samples: [0.885, 0.895, 0.9, 0.905, 0.915] };

describe("bandOf", () => {
  it("is mean -+ sigmas times the sample standard deviation", () => {
    // numpy: s = [0.885, 0.895, 0.9, 0.905, 0.915]; s.mean() = 0.9, s.std(ddof=1) = 0.011180339887498959
    const band = bandOf(FIVE.samples, { sigmas: 3, floor: 0 });
    expect(band.mean).toBeCloseTo(0.9, 15);
    expect(band.std).toBeCloseTo(0.011180339887498959, 15);
    expect(band.low).toBeCloseTo(0.9 - 3 * 0.011180339887498959, 15);
  });

  it("is never narrower than the floor, even when every seed agrees", () => {
    const band = bandOf([0.5, 0.5, 0.5], { sigmas: 3, floor: 0.02 });
    expect([band.low, band.high]).toEqual([0.48, 0.52]);
  });
});

runComparatorTests("band", {
  pass: [
    { received: 0.9, expected: FIVE },
    { name: "accepts the edge of the band", received: 0.9 + 3 * 0.011180339887498959 - 1e-12, expected: FIVE, options: { sigmas: 3, floor: 0 } },
    { name: "widens a band of agreeing seeds to the floor", received: 0.51, expected: { samples: [0.5, 0.5] }, options: { floor: 0.02 } },
    { received: null, expected: null },
  ],
  fail: [
    { received: 0.8, expected: FIVE, messageId: "below" },
    { received: 0.99, expected: FIVE, messageId: "above" },
    { name: "refuses a run at chance level", received: 0.1, expected: SEEDS, messageId: "below" },
    { received: Number.NaN, expected: FIVE, messageId: "not-finite" },
    { received: Number.POSITIVE_INFINITY, expected: FIVE, messageId: "not-finite" },
    { received: "0.9", expected: FIVE, messageId: "type" },
    { name: "blames the reference, not the student, for a band without seeds", received: 0.9, expected: { samples: [] }, messageId: "bad-reference" },
  ],
});

runComparatorTests("engine", {
  pass: [{ received: [[1]], expected: { score: 1, message: "every input comes back as itself" } }],
  fail: [
    { received: [[1]], expected: { score: 0, message: "input 3 comes back as class 5" }, messageId: "fail" },
    { received: [[1]], expected: { score: 0.5, message: "half the inputs come back" }, messageId: "partial", score: 0.5 },
    { received: [[1]], expected: { score: 2, message: "bad" }, messageId: "bad-reference" },
  ],
});
