import { describe, expect, it } from "vitest";
import { describePoints, quarticObjective, stationaryPoints } from "../../src/engine/objective.ts";

const handout = quarticObjective({ x: 1, r1: 1, r2: 3 });

describe("quarticObjective", () => {
  it("is the handout's J and dJ/dw", () => {
    for (const w of [-2, -0.5, 0.2, 1.7, 4]) {
      const J = (1 / 4) * w ** 4 - (4 / 3) * w ** 3 + (3 / 2) * w ** 2;
      expect(handout.value(w)).toBe(J);
      expect(handout.gradient(w)).toBe(w ** 3 - 4 * w ** 2 + 3 * w);
    }
  });

  it("agrees with its polynomials", () => {
    for (const w of [-2, -0.5, 0.2, 1.7, 4]) {
      expect(handout.polynomial.evaluate(w)).toBeCloseTo(handout.value(w), 13);
      expect(handout.gradientPolynomial.evaluate(w)).toBeCloseTo(handout.gradient(w), 13);
    }
  });

  it("scales with x by the chain rule", () => {
    const scaled = quarticObjective({ x: 2, r1: 1, r2: 3 });
    // J(w; x) = J(x w; 1) and dJ/dw = x J'(x w)
    expect(scaled.value(0.7)).toBeCloseTo(handout.value(1.4), 14);
    expect(scaled.gradient(0.7)).toBeCloseTo(2 * handout.gradient(1.4), 13);
  });

  it("refuses x = 0 and non-finite parameters", () => {
    expect(() => quarticObjective({ x: 0, r1: 1, r2: 3 })).toThrow("quarticObjective: x must not be 0");
    expect(() => quarticObjective({ x: 1, r1: Number.NaN, r2: 3 })).toThrow("quarticObjective: r1 must be a finite number, got NaN");
  });
});

describe("stationaryPoints", () => {
  it("finds the handout's extrema with J and kind", () => {
    const points = stationaryPoints(handout);
    expect(points.map((p) => p.w)).toEqual([0, 1, 3]);
    expect(points.map((p) => p.kind)).toEqual(["min", "max", "min"]);
    expect(points[0]!.J).toBe(0);
    expect(points[1]!.J).toBeCloseTo(5 / 12, 15);
    expect(points[2]!.J).toBeCloseTo(-9 / 4, 14);
  });

  it("follows the roots of a variant, including x != 1", () => {
    expect(stationaryPoints(quarticObjective({ x: 1, r1: 2, r2: 5 })).map((p) => p.w)).toEqual([0, 2, 5]);
    expect(stationaryPoints(quarticObjective({ x: 2, r1: 1, r2: 3 })).map((p) => p.w)).toEqual([0, 0.5, 1.5]);
    expect(stationaryPoints(quarticObjective({ x: 1, r1: -1, r2: 2 })).map((p) => p.kind)).toEqual(["min", "max", "min"]);
  });

  it("calls a double root of dJ/dw a saddle", () => {
    const points = stationaryPoints(quarticObjective({ x: 1, r1: 2, r2: 2 }));
    expect(points.map((p) => [p.w, p.kind])).toEqual([
      [0, "min"],
      [2, "saddle"],
    ]);
  });
});

describe("describePoints", () => {
  it("sorts a student's points and gives J and kind at each", () => {
    const points = describePoints(handout, [3, 0, 1.5]);
    expect(points.map((p) => p.w)).toEqual([0, 1.5, 3]);
    expect(points[1]!.J).toBeCloseTo(0.140625, 15);
    // J''(1.5) = 3(2.25) - 12 + 3 = -2.25 < 0
    expect(points[1]!.kind).toBe("max");
  });
});
