import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classify, decisionValue, decisionValues, describeHyperplane, marginOf, maxMarginHyperplane } from "../../src/engine/svm.ts";
import { expectClose } from "../golden/expect-close.ts";

interface GoldenCase {
  name: string;
  points: number[][];
  labels: number[];
  w: number[];
  b: number;
  support_vectors: number[];
  margin_distance: number;
  margin_width: number;
  queries: number[][];
  decision_values: number[];
  hull_distance?: number;
}

interface Golden {
  s2: {
    w: number[];
    b: number;
    points: number[][];
    decision_values: number[];
    support_vectors: number[];
    margin_distance: number;
    margin_width: number;
    query: number[];
    query_class: number;
  };
  s3: GoldenCase;
  random: GoldenCase[];
}

// written by test/golden/make_svm_golden.py (scipy SLSQP, polished and KKT-certified)
const golden: Golden = JSON.parse(readFileSync(new URL("../golden/svm.json", import.meta.url), "utf8"));
const TOLERANCE = { rtol: 1e-9, atol: 1e-9 };

const S3_POINTS = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [3, 1],
  [2, 0],
];
const S3_LABELS = [1, 1, 1, -1, -1, -1];

/** Half the distance between the classes' convex hulls in 2-D, by brute force over point-segment pairs. */
function hullDistance2d(points: number[][], labels: number[]): number {
  const distance = (p: number[], a: number[], c: number[]): number => {
    const [ax, ay] = [c[0]! - a[0]!, c[1]! - a[1]!];
    const lengthSquared = ax * ax + ay * ay;
    const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((p[0]! - a[0]!) * ax + (p[1]! - a[1]!) * ay) / lengthSquared));
    return Math.hypot(p[0]! - (a[0]! + t * ax), p[1]! - (a[1]! + t * ay));
  };
  const positive = points.filter((_, i) => labels[i] === 1);
  const negative = points.filter((_, i) => labels[i] === -1);
  let best = Number.POSITIVE_INFINITY;
  for (const [from, to] of [
    [positive, negative],
    [negative, positive],
  ] as const) {
    for (const p of from) for (const a of to) for (const c of to) best = Math.min(best, distance(p, a, c));
  }
  return best;
}

describe("maxMarginHyperplane", () => {
  it("solves the assignment's s3 set exactly: w = [-2, -2], b = 3, support vectors B, C, D, F", () => {
    const solution = maxMarginHyperplane(S3_POINTS, S3_LABELS);
    expect(solution.w).toEqual([-2, -2]);
    expect(solution.b).toBe(3);
    expect(solution.supportVectors.map((i) => "ABCDEF"[i])).toEqual(["B", "C", "D", "F"]);
    expect(solution.margin.distance).toBeCloseTo(0.35355, 5);
    expect(solution.margin.width).toBe(Math.SQRT1_2); // ASSIGNMENTS.md: 0.7071
    expect(solution.margin.distance).toBe(Math.sqrt(1 / 8));
    expect(solution.functionalMargins).toEqual([3, 1, 1, 1, 5, 1]);
  });

  it("matches scipy on the s3 set and on 20 random separable sets in 2-D and 3-D", () => {
    for (const c of [golden.s3, ...golden.random]) {
      const solution = maxMarginHyperplane(c.points, c.labels);
      const actual = {
        name: c.name,
        w: solution.w,
        b: solution.b,
        supportVectors: solution.supportVectors,
        margin: [solution.margin.distance, solution.margin.width],
        decisionValues: decisionValues(solution, c.queries),
      };
      const expected = {
        name: c.name,
        w: c.w,
        b: c.b,
        supportVectors: c.support_vectors,
        margin: [c.margin_distance, c.margin_width],
        decisionValues: c.decision_values,
      };
      expectClose(actual, expected, TOLERANCE);
      if (c.hull_distance !== undefined) expect(solution.margin.width).toBeCloseTo(c.hull_distance, 9);
    }
  });

  it("finds the same hyperplane when every set is solved exactly", () => {
    for (const c of [golden.s3, ...golden.random.slice(0, 8)]) {
      const fast = maxMarginHyperplane(c.points, c.labels);
      const exhaustive = maxMarginHyperplane(c.points, c.labels, { exhaustive: true });
      expect(exhaustive).toEqual(fast);
    }
  });

  it("works in one dimension and in four", () => {
    const line = maxMarginHyperplane([[0], [1], [3], [4]], [1, 1, -1, -1]);
    expect(line.w).toEqual([-1]);
    expect(line.b).toBe(2);
    expect(line.supportVectors).toEqual([1, 2]);
    // two points: the perpendicular bisector, with the margin half their distance
    const pair = maxMarginHyperplane(
      [
        [1, 2, 3, 4],
        [3, 2, 1, 4],
      ],
      [1, -1],
    );
    expect(pair.w).toEqual([-0.5, 0, 0.5, 0]);
    expect(pair.b).toBe(0);
    expect(pair.margin.width).toBe(Math.sqrt(8));
  });

  it("gives exact canonical values for decimal data where the optimum is a dyadic rational", () => {
    const solution = maxMarginHyperplane([[0.5], [1.5]], [-1, 1]);
    expect(solution.w).toEqual([2]);
    expect(solution.b).toBe(-2);
  });

  it("refuses sets that are not linearly separable, naming the reason where there is one", () => {
    const xor = [
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0],
    ];
    expect(() => maxMarginHyperplane(xor, [1, 1, -1, -1])).toThrow(/^svm: the points are not linearly separable$/);
    expect(() => maxMarginHyperplane(xor, [1, 1, -1, -1], { exhaustive: true })).toThrow(/^svm: the points are not linearly separable$/);
    // a point inside the other class's hull
    expect(() => maxMarginHyperplane([[0, 0], [2, 0], [1, 0], [5, 5]], [1, 1, -1, -1])).toThrow("svm: the points are not linearly separable");
    expect(() => maxMarginHyperplane(S3_POINTS, [1, 1, 1, 1, 1, 1])).toThrow(
      "svm: the points are not linearly separable (every label is +1; both classes are needed)",
    );
    expect(() => maxMarginHyperplane([[0, 0], [1, 2], [1, 2]], [1, 1, -1])).toThrow(
      "svm: the points are not linearly separable (points[1] and points[2] are equal with different labels)",
    );
  });

  it("refuses malformed points, labels and options, saying which", () => {
    expect(() => maxMarginHyperplane([], [])).toThrow("svm: points must be a non-empty array of points");
    expect(() => maxMarginHyperplane([[0, 0], [1]], [1, -1])).toThrow("svm: points[1] must have 2 coordinates, got 1");
    expect(() => maxMarginHyperplane([[0, 0], [1, Number.NaN]], [1, -1])).toThrow("svm: points[1][1] must be a finite number, got NaN");
    expect(() => maxMarginHyperplane([[0], [1]], [1, 0])).toThrow("svm: labels[1] must be +1 or -1, got 0");
    expect(() => maxMarginHyperplane([[0], [1]], [1])).toThrow("svm: labels must be an array of 2 labels, one per point, got 1");
    expect(() => maxMarginHyperplane([[0], [1]], [1, -1], { tolerance: -1 })).toThrow("svm: tolerance must be a finite number >= 0, got -1");
    const many = Array.from({ length: 200 }, (_, i) => [i, i * i, i % 7]);
    expect(() => maxMarginHyperplane(many, many.map((_, i) => (i < 100 ? 1 : -1)))).toThrow(/^svm: 200 points in 3 dimensions give \d+ candidate support-vector sets/);
  });
});

describe("describeHyperplane", () => {
  it("answers the assignment's s2: margin 1/2 (or 1), support vectors P2 and P3, query class +1", () => {
    const { s2 } = golden;
    const description = describeHyperplane({ w: [-2, 0], b: 5 }, s2.points);
    expect(description.margin).toEqual({ distance: 0.5, width: 1 });
    expect(description.margin).toEqual({ distance: s2.margin_distance, width: s2.margin_width });
    expect(description.decisionValues).toEqual(s2.decision_values);
    expect(description.supportVectors.map((i) => i + 1)).toEqual([2, 3]);
    expect(description.supportVectors).toEqual(s2.support_vectors);
    expect(description.classes).toEqual([1, 1, -1, -1]);
    expect(classify({ w: s2.w, b: s2.b }, s2.query)).toBe(s2.query_class);
    expect(decisionValue({ w: s2.w, b: s2.b }, s2.query)).toBe(3);
  });

  it("counts a point as a support vector only within the tolerance", () => {
    const points = [[2 + 1e-12, 3], [2 + 1e-6, 3]];
    expect(describeHyperplane({ w: [-2, 0], b: 5 }, points).supportVectors).toEqual([0]);
    expect(describeHyperplane({ w: [-2, 0], b: 5 }, points, { tolerance: 1e-5 }).supportVectors).toEqual([0, 1]);
  });
});

describe("classify", () => {
  it("gives 0 for a point exactly on the hyperplane and the sign elsewhere", () => {
    const plane = { w: [-2, 0], b: 5 };
    expect(classify(plane, [2.5, 7])).toBe(0);
    expect(classify(plane, [2.5 - 2 ** -50, 7])).toBe(1);
    expect(classify(plane, [2.5 + 2 ** -50, 7])).toBe(-1);
  });

  it("decides the sign exactly where doubles would cancel to zero", () => {
    // the doubles 0.1 + 0.2 - 0.3 sum to exactly 2^-55 (python: Fraction(0.1) + Fraction(0.2) - Fraction(0.3));
    // double arithmetic rounds it to 2^-54, and 0.1 + 0.2 - 0.3 with other data can cancel to 0
    const plane = { w: [1, 1], b: -0.3 };
    expect(classify(plane, [0.1, 0.2])).toBe(1);
    expect(decisionValue(plane, [0.1, 0.2])).toBe(2 ** -55);
    expect(0.1 + 0.2 - 0.3).toBe(2 ** -54);
  });

  it("refuses a query of the wrong dimension", () => {
    expect(() => classify({ w: [1, 1], b: 0 }, [1])).toThrow("classify: x[0] must have 2 coordinates, got 1");
  });
});

describe("marginOf", () => {
  it("gives both conventions and refuses w = 0", () => {
    expect(marginOf([3, 4])).toEqual({ distance: 0.2, width: 0.4 });
    expect(() => marginOf([0, 0])).toThrow("marginOf: w must not be zero");
  });
});

describe("maxMarginHyperplane on random separable integer sets", () => {
  const separableSet = (dimension: number) =>
    fc
      .record({
        normal: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: dimension, maxLength: dimension }),
        offset: fc.integer({ min: -6, max: 6 }),
        points: fc.uniqueArray(fc.array(fc.integer({ min: -6, max: 6 }), { minLength: dimension, maxLength: dimension }), {
          minLength: 4,
          maxLength: 12,
          selector: (p) => p.join(","),
        }),
      })
      .map(({ normal, offset, points }) => {
        const value = (p: number[]) => p.reduce((s, x, i) => s + x * normal[i]!, offset);
        const kept = points.filter((p) => value(p) !== 0);
        return { normal, offset, points: kept, labels: kept.map((p) => (value(p) > 0 ? 1 : -1)) };
      })
      .filter(({ labels }) => labels.includes(1) && labels.includes(-1));

  for (const dimension of [2, 3]) {
    it(`meets every constraint, has support vectors of both classes and beats the generating plane (${dimension}-D)`, () => {
      fc.assert(
        fc.property(separableSet(dimension), ({ normal, offset, points, labels }) => {
          const solution = maxMarginHyperplane(points, labels);
          for (const m of solution.functionalMargins) expect(m).toBeGreaterThanOrEqual(1 - 1e-9);
          expect(solution.supportVectors.length).toBeGreaterThanOrEqual(2);
          expect(new Set(solution.supportVectors.map((i) => labels[i])).size).toBe(2);
          // the generating plane, scaled to be canonical, is feasible: the optimum's margin is at least its margin
          const closest = Math.min(...points.map((p, i) => labels[i]! * p.reduce((s, x, k) => s + x * normal[k]!, offset)));
          const generatingDistance = closest / Math.hypot(...normal);
          expect(solution.margin.distance).toBeGreaterThanOrEqual(generatingDistance * (1 - 1e-12));
          if (dimension === 2) expect(solution.margin.width).toBeCloseTo(hullDistance2d(points, labels), 9);
        }),
        { seed: 343, numRuns: 150 },
      );
    });
  }

  it("does not depend on the order of the points", () => {
    fc.assert(
      fc.property(
        separableSet(2).chain((set) =>
          fc.shuffledSubarray(
            set.points.map((_, i) => i),
            { minLength: set.points.length, maxLength: set.points.length },
          ).map((order) => ({ set, order })),
        ),
        ({ set, order }) => {
          const original = maxMarginHyperplane(set.points, set.labels);
          const permuted = maxMarginHyperplane(
            order.map((i) => set.points[i]!),
            order.map((i) => set.labels[i]!),
          );
          expect(permuted.w).toEqual(original.w);
          expect(permuted.b).toBe(original.b);
          expect(permuted.supportVectors.map((i) => order[i]).sort((a, b) => a! - b!)).toEqual(original.supportVectors);
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });
});
