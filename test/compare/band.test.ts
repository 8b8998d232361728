import { describe, expect, it } from "vitest";
import { compareWith, renderMessage } from "../../src/compare/index.ts";
import { bandOf, comparator } from "../../src/compare/band.ts";
import { chiSquareQuantile, normalQuantile, toleranceFactor } from "../../src/compare/tolerance-factor.ts";
import { runComparatorTests } from "./tester.ts";

// five reference seeds' validation accuracies; mean 0.9, sample std 0.01 (numpy: np.std(s, ddof=1))
const SEEDS = { samples: [0.89, 0.9, 0.91, 0.9 - 0.01 / Math.sqrt(2) * 0, 0.9] };
const FIVE = { samples: [0.885, 0.895, 0.9, 0.905, 0.915] };
// thirty seeds: mean 0.911, sample std 0.0015 exactly (15 at 0.911 -+ 0.0015 * sqrt(29/30))
const HALF = 0.0015 * Math.sqrt(29 / 30);
const THIRTY = { samples: Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 0.911 - HALF : 0.911 + HALF)) };

describe("toleranceFactor", () => {
  // scipy 1.17: norm.ppf(0.995) * sqrt((n-1) * (1 + 1/n) / chi2.ppf(0.05, n-1)), Howe's k as NIST's e-Handbook 7.2.6.3 tabulates it
  it.each([
    [2, 50.30929402812817],
    [3, 13.132764344090512],
    [5, 6.69402772404526],
    [10, 4.44458772693456],
    [20, 3.6171154794289655],
    [30, 3.350788768810943],
    [60, 3.0659177609177393],
  ])("is Howe's k for 99%% coverage at 95%% confidence from %i runs", (n, k) => {
    expect(toleranceFactor(n, 0.99, 0.95)).toBeCloseTo(k, 10);
  });

  it("gives scipy's normal and chi-square quantiles", () => {
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 12);
    expect(chiSquareQuantile(0.05, 29)).toBeCloseTo(17.70836618282458, 10);
    expect(chiSquareQuantile(0.05, 1)).toBeCloseTo(0.003932140000019522, 14);
  });

  it("refuses fewer than two runs and shares outside (0, 1)", () => {
    expect(() => toleranceFactor(1, 0.99, 0.95)).toThrow(/n must be/);
    expect(() => toleranceFactor(5, 1, 0.95)).toThrow(/coverage/);
  });
});

describe("bandOf", () => {
  it("is mean -+ sigmas times the sample standard deviation when the rubric names sigmas", () => {
    // numpy: s = [0.885, 0.895, 0.9, 0.905, 0.915]; s.mean() = 0.9, s.std(ddof=1) = 0.011180339887498959
    const band = bandOf(FIVE.samples, { sigmas: 3, floor: 0 });
    expect(band.mean).toBeCloseTo(0.9, 15);
    expect(band.std).toBeCloseTo(0.011180339887498959, 15);
    expect(band.low).toBeCloseTo(0.9 - 3 * 0.011180339887498959, 15);
    expect(band.basis).toBe("mean +- 3 standard deviations of 5 seeded runs");
  });

  it("is never narrower than the floor, even when every seed agrees", () => {
    const band = bandOf([0.5, 0.5, 0.5], { sigmas: 3, floor: 0.02 });
    expect([band.low, band.high]).toEqual([0.48, 0.52]);
  });

  it("is a 99.5%/95% normal tolerance interval by default", () => {
    // scipy: norm.ppf(0.9975) * sqrt(29 * (1 + 1/30) / chi2.ppf(0.05, 29)) = 3.6515530014665574
    const band = bandOf(THIRTY.samples);
    expect(band.std).toBeCloseTo(0.0015, 12);
    expect(band.low).toBeCloseTo(0.911 - 3.6515530014665574 * 0.0015, 10);
    expect(band.high).toBeCloseTo(0.911 + 3.6515530014665574 * 0.0015, 10);
    expect(band.basis).toBe("99.5% of 30 seeded runs (95% confidence)");
  });

  it("gives 99% of 30 runs 3.35 standard deviations", () => {
    const band = bandOf(THIRTY.samples, { coverage: 0.99 });
    expect(band.high).toBeCloseTo(0.911 + 3.350788768810943 * 0.0015, 10);
    expect(band.basis).toBe("99% of 30 seeded runs (95% confidence)");
  });

  it("is wider from few seeds than from many with the same spread", () => {
    const three = bandOf([0.9085, 0.911, 0.9135]);
    const thirty = bandOf(Array.from({ length: 30 }, (_, i) => [0.9085, 0.911, 0.9135][i % 3]!));
    expect(three.high - three.low).toBeGreaterThan(3 * (thirty.high - thirty.low));
  });

  it("always holds every reference run", () => {
    const samples = [...Array(29).fill(0.9), 0.5];
    const band = bandOf(samples, { range: [0, 1] });
    expect(band.low).toBeLessThanOrEqual(0.5);
    expect(band.high).toBeLessThanOrEqual(1);
  });

  it("clips to the quantity's valid range", () => {
    const band = bandOf([0.97, 0.99, 1, 1, 0.98], { range: [0, 1] });
    expect(band.high).toBe(1);
    const loss = bandOf([0.001, 0.02, 0.004], { range: [0, null] });
    expect(loss.low).toBe(0);
    expect(loss.high).toBeGreaterThan(0.02);
  });

  it("keeps the floor around runs that agree exactly (a deterministic run), and around a single run", () => {
    expect(bandOf([0.5, 0.5, 0.5])).toMatchObject({ low: 0.498, high: 0.502 });
    expect(bandOf([0.5, 0.5], { floor: 0.02 })).toMatchObject({ low: 0.48, high: 0.52 });
    expect(bandOf([0.7], { floor: 0.01 })).toMatchObject({ low: 0.69, high: 0.71, basis: "99.5% of 1 seeded run (95% confidence)" });
  });

  it("takes other coverages and confidences", () => {
    const band = bandOf(THIRTY.samples, { coverage: 0.9, confidence: 0.9 });
    expect(band.basis).toBe("90% of 30 seeded runs (90% confidence)");
    expect(band.high - band.low).toBeLessThan(bandOf(THIRTY.samples).high - bandOf(THIRTY.samples).low);
  });
});

describe("band scales", () => {
  // 29 runs near 0.96 and one that stalled at 0.90: a long lower tail
  const stalled = [...Array.from({ length: 29 }, (_, i) => 0.955 + 0.0005 * (i % 20)), 0.9];

  it("takes the interval on the log of the error rate, reaching further down than up", () => {
    const band = bandOf(stalled, { scale: "log-error", range: [0, 1] });
    const mean = band.mean;
    expect(mean - band.low).toBeGreaterThan(1.5 * (band.high - mean));
    expect(band.high).toBeLessThanOrEqual(1);
    expect(band.basis).toBe("99.5% of 30 seeded runs (95% confidence, on the log of the error rate)");
  });

  it("is the linear interval's equal for runs with no spread", () => {
    expect(bandOf([0.9, 0.9, 0.9], { scale: "log-error" })).toMatchObject({ low: 0.898, high: 0.902 });
  });

  it("needs a share's range", () => {
    expect(comparator.meta.checkOptions!({ scale: "log-error" })).toEqual(['scale "log-error" is for a share: it needs range [.., 1]']);
    expect(comparator.meta.checkOptions!({ scale: "log-error", range: [0, 1] })).toEqual([]);
  });
});

describe("band pools", () => {
  // a cell whose own 30 runs never stalled, in a row where a sibling's run did: 0.80 against that sibling's median 0.955
  const OWN = THIRTY.samples;
  const STALLED = [0.95, 0.96, 0.97, 0.8];
  const pooled = { samples: OWN, pool: { runs: [OWN, STALLED], label: "at lr 0.1" } };

  it("reaches as far below and above the cell's median as the furthest sibling run did from its own", () => {
    const band = bandOf(pooled, { range: [0, 1] });
    // the cell's median is 0.911 (15 runs either side of it); the stall lies 0.155 below its sibling's median, the furthest escape 0.015 above
    expect(band.low).toBeCloseTo(0.911 - 0.155, 12);
    expect(band.high).toBeCloseTo(0.911 + 0.015, 12);
    expect(band.basis).toContain("widened to the furthest of 34 runs at lr 0.1");
  });

  it("never narrows the cell's own interval", () => {
    const calm = { samples: OWN, pool: { runs: [OWN], label: "at lr 1" } };
    const own = bandOf(OWN);
    const band = bandOf(calm);
    expect(band.low).toBeLessThanOrEqual(own.low);
    expect(band.high).toBeGreaterThanOrEqual(own.high);
    expect(band.high).toBe(own.high);
  });

  it("measures the reach on the band's scale", () => {
    // on the log of the error rate a drop from 0.96 to 0.90 is -ln(0.041) + ln(0.101) = 0.9016 below the median
    const runs = [0.96, 0.96, 0.96, 0.9];
    const band = bandOf({ samples: [0.96, 0.96, 0.96], pool: { runs: [runs], label: "" } }, { scale: "log-error", floor: 0 });
    expect(band.low).toBeCloseTo(0.9, 12);
  });

  it("passes the stalled run through the comparator, and refuses a pool that is not runs", () => {
    expect(compareWith("band", 0.8, pooled, { range: [0, 1] }).score).toBe(true);
    expect(compareWith("band", 0.75, pooled, { range: [0, 1] }).messageId).toBe("below");
    expect(compareWith("band", 0.9, { samples: OWN, pool: { runs: [[]], label: "x" } }).messageId).toBe("bad-reference");
  });
});

describe("band options", () => {
  const check = comparator.meta.checkOptions!;
  it("refuses an empty range and options of the other method", () => {
    expect(check({ range: [1, 0] })).toEqual(["range [1, 0] is empty"]);
    expect(check({ sigmas: 3, coverage: 0.9 })).toEqual(['coverage does not apply to method "sigmas"']);
    expect(check({ method: "tolerance", sigmas: 3 })).toEqual(['sigmas does not apply to method "tolerance"']);
    expect(check({ coverage: 0.99, range: [0, null] })).toEqual([]);
  });
});

describe("band messages", () => {
  it("say how the band was made, and a hidden item's give no bounds", () => {
    const outcome = comparator.compare(0.91, THIRTY, { range: [0, 1] }, { compareWith: () => { throw new Error("unused"); } });
    expect(renderMessage("band", outcome, { hidden: false })).toBe("0.91 is within the reference band 0.905523–0.916477: 99.5% of 30 seeded runs (95% confidence)");
    expect(renderMessage("band", outcome, { hidden: true })).toBe("0.91 is within the reference band (99.5% of 30 seeded runs (95% confidence))");
  });
});

runComparatorTests("band", {
  pass: [
    { received: 0.9, expected: FIVE },
    { name: "accepts the edge of the band", received: 0.9 + 3 * 0.011180339887498959 - 1e-12, expected: FIVE, options: { sigmas: 3, floor: 0 } },
    { name: "widens a band of agreeing seeds to the floor", received: 0.51, expected: { samples: [0.5, 0.5] }, options: { floor: 0.02 } },
    { name: "accepts the edge of a tolerance interval", received: 0.911 + 3.6515530014 * 0.0015 - 1e-9, expected: THIRTY },
    { received: null, expected: null },
  ],
  fail: [
    { received: 0.8, expected: FIVE, messageId: "below" },
    { received: 0.99, expected: FIVE, messageId: "above" },
    { name: "refuses a run at chance level", received: 0.1, expected: SEEDS, messageId: "below" },
    { name: "refuses a run just outside a tolerance interval", received: 0.911 + 3.6515530014 * 0.0015 + 1e-6, expected: THIRTY, messageId: "above" },
    { name: "refuses an accuracy above 1 however wide the band", received: 1.001, expected: { samples: [0.6, 0.99, 0.8] }, options: { range: [0, 1] }, messageId: "above" },
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
