import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyStationaryPoint, Polynomial } from "../../src/engine/polynomial.ts";

describe("Polynomial", () => {
  it("drops trailing zero coefficients", () => {
    expect(new Polynomial([1, 2, 0, 0]).coefficients).toEqual([1, 2]);
    expect(new Polynomial([0, 0]).degree).toBe(-1);
  });

  it("evaluates and differentiates", () => {
    const p = new Polynomial([3, -4, 1]); // x^2 - 4x + 3
    expect(p.evaluate(5)).toBe(8);
    expect(p.derivative().coefficients).toEqual([-4, 2]);
  });

  it("builds from roots", () => {
    expect(Polynomial.fromRoots([0, 1, 3]).coefficients).toEqual([0, 3, -4, 1]);
  });

  it("evaluates near a root with the right sign where plain Horner cannot", () => {
    // (x - 1)^3 at 1 + 2^-20: exactly 2^-60, far below plain Horner's rounding noise at x near 1
    const p = Polynomial.fromRoots([1, 1, 1]);
    expect(p.evaluate(1 + 2 ** -20)).toBe(2 ** -60);
  });

  it("refuses non-finite coefficients", () => {
    expect(() => new Polynomial([1, Number.NaN])).toThrow("polynomial: coefficient 1 must be a finite number, got NaN");
  });
});

describe("realRoots", () => {
  it("finds the handout's extrema 0, 1, 3 exactly", () => {
    expect(new Polynomial([0, 3, -4, 1]).realRoots()).toEqual([0, 1, 3]);
  });

  it("reports a double root once", () => {
    expect(Polynomial.fromRoots([1, 1, 2]).realRoots()).toEqual([1, 2]);
    expect(Polynomial.fromRoots([2, 2, 2]).realRoots()).toEqual([2]);
    expect(new Polynomial([0, 0, 0, 0, 1]).realRoots()).toEqual([0]);
  });

  it("finds the one real root of x^3 + x + 1", () => {
    // Cardano: the real root of x^3 + px + q with p = 1, q = 1
    const d = Math.sqrt(1 / 4 + 1 / 27);
    const cardano = Math.cbrt(-1 / 2 + d) + Math.cbrt(-1 / 2 - d);
    const roots = new Polynomial([1, 1, 0, 1]).realRoots();
    expect(roots).toHaveLength(1);
    expect(Math.abs(roots[0]! - cardano)).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  it("finds irrational roots to the last bit", () => {
    expect(new Polynomial([-2, 0, 1]).realRoots()).toEqual([-Math.SQRT2, Math.SQRT2]);
  });

  it("finds no roots of x^2 + 1 and of a non-zero constant", () => {
    expect(new Polynomial([1, 0, 1]).realRoots()).toEqual([]);
    expect(new Polynomial([5]).realRoots()).toEqual([]);
  });

  it("refuses the zero polynomial", () => {
    expect(() => new Polynomial([0]).realRoots()).toThrow("realRoots: the zero polynomial is zero everywhere");
  });

  it("separates close simple roots", () => {
    // 1.001 makes the coefficients round, so the stored polynomial's roots are only near 1, 1.001, 5
    const roots = Polynomial.fromRoots([1, 1.001, 5]).realRoots();
    expect(roots).toHaveLength(3);
    [1, 1.001, 5].forEach((r, i) => {
      expect(Math.abs(roots[i]! - r)).toBeLessThan(1e-12 * r);
    });
  });

  it("finds integer roots exactly, with any multiplicity and leading coefficient", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(1, -1, 2, -3, 0.5),
        (roots, leading) => {
          const expected = [...new Set(roots)].sort((a, b) => a - b);
          expect(Polynomial.fromRoots(roots, leading).realRoots()).toEqual(expected);
        },
      ),
    );
  });
});

describe("classifyStationaryPoint", () => {
  it.each([
    [[0, 0, 1], 0, "min"],
    [[0, 0, -1], 0, "max"],
    [[0, 0, 0, 1], 0, "saddle"],
    [[0, 0, 0, 0, 1], 0, "min"],
    [[0, 0, 0, 0, -2], 0, "max"],
    [[0, 0, 0, 0, 0, 1], 0, "saddle"],
  ] as const)("classifies %j at %d as %s", (coefficients, x, kind) => {
    expect(classifyStationaryPoint(new Polynomial(coefficients), x)).toBe(kind);
  });

  it("classifies the handout's objective: min at 0 and 3, max at 1", () => {
    const J = new Polynomial([0, 0, 3 / 2, -4 / 3, 1 / 4]);
    expect([0, 1, 3].map((w) => classifyStationaryPoint(J, w))).toEqual(["min", "max", "min"]);
  });

  it("refuses a polynomial that does not bend", () => {
    expect(() => classifyStationaryPoint(new Polynomial([1, 2]), 0)).toThrow(
      "classifyStationaryPoint: a polynomial of degree 1 does not bend",
    );
  });
});
