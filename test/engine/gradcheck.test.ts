import { describe, expect, it } from "vitest";
import { checkGradient, numericalGradient, relativeError } from "../../src/engine/gradcheck.ts";

describe("numericalGradient", () => {
  it("gives the derivative of a cubic by centred differences", () => {
    const x = Float64Array.from([-2, 0.5, 3]);
    const f = () => x.reduce((sum, v) => sum + v ** 3, 0);
    const grad = numericalGradient(f, x);
    // centred differences of x^3 are exact up to h^2: 3x^2 + h^2
    Array.from(grad).forEach((g, i) => {
      expect(g).toBeCloseTo(3 * x[i]! ** 2, 8);
    });
  });

  it("puts every perturbed value back exactly", () => {
    const x = Float64Array.from([0.1, 0.2, 0.3]);
    const before = Array.from(x);
    numericalGradient(() => x[0]! * x[1]! + x[2]!, x);
    expect(Array.from(x)).toEqual(before);
  });

  it("uses the given step", () => {
    const x = Float64Array.from([1]);
    // (f(1 + h) - f(1 - h)) / 2h for f = x^3 is 3 + h^2
    expect(numericalGradient(() => x[0]! ** 3, x, 0.1)[0]).toBeCloseTo(3.01, 12);
  });

  it("refuses a step that is not positive", () => {
    expect(() => numericalGradient(() => 0, new Float64Array(1), 0)).toThrow("numericalGradient: h must be > 0, got 0");
  });
});

describe("relativeError", () => {
  it("is cs231n's max |a - n| / max(1e-8, |a| + |n|)", () => {
    expect(relativeError([1, 2, 3], [1, 2.2, 3])).toBeCloseTo(0.2 / 4.2, 15);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
    // both tiny: the 1e-8 floor keeps it from blowing up
    expect(relativeError([1e-12], [-1e-12])).toBeCloseTo(2e-12 / 1e-8, 15);
  });

  it("is NaN when a gradient holds a NaN", () => {
    expect(relativeError([1, Number.NaN], [1, 1])).toBeNaN();
  });

  it("refuses arrays of different lengths", () => {
    expect(() => relativeError([1, 2], [1])).toThrow("relativeError: 2 analytic values but 1 numerical ones");
  });
});

describe("checkGradient", () => {
  it("passes a right gradient and fails a wrong one", () => {
    const x = Float64Array.from([0.3, -1.2, 2.5]);
    const f = () => Math.sin(x[0]!) * x[1]! + Math.exp(x[2]! / 3);
    const right = [Math.cos(x[0]!) * x[1]!, Math.sin(x[0]!), Math.exp(x[2]! / 3) / 3];
    expect(checkGradient(f, x, right).relativeError).toBeLessThan(1e-8);
    const wrong = [right[0]!, right[1]!, 2 * right[2]!];
    expect(checkGradient(f, x, wrong).relativeError).toBeGreaterThan(0.3);
  });
});
