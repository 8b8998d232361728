import { describe, expect, it } from "vitest";
import { adam, gradientDescent } from "../../src/engine/descent.ts";
import { polynomialObjective, quarticObjective } from "../../src/engine/objective.ts";
import { Polynomial } from "../../src/engine/polynomial.ts";

// J = w^2: gradient descent multiplies w by (1 - 2 lr) every epoch
const square = polynomialObjective(new Polynomial([0, 0, 1]));

describe("gradientDescent", () => {
  it("records w and J after each epoch", () => {
    const run = gradientDescent(square, { w0: 1, lr: 0.25, epochs: 4 });
    expect(run.w).toEqual([0.5, 0.25, 0.125, 0.0625]);
    expect(run.J).toEqual([0.25, 0.0625, 0.015625, 0.00390625]);
    expect(run.final_w).toBe(0.0625);
    expect(run.final_J).toBe(0.00390625);
    expect(run.diverged).toBe(false);
  });

  it("cuts the run at the first J that is not finite", () => {
    // lr 1.5 doubles |w| each epoch: w_t = (-2)^t, J_t = 4^t = 2^(2t), which overflows first at t = 512
    const run = gradientDescent(square, { w0: 1, lr: 1.5, epochs: 600 });
    expect(run.diverged).toBe(true);
    expect(run.J).toHaveLength(511);
    expect(run.J.at(-1)).toBe(2 ** 1022);
    expect(run.w).toHaveLength(511);
    expect(run.final_w).toBeNull();
    expect(run.final_J).toBeNull();
  });

  it("cuts hw4's lr 5.0 run after 5 finite epochs, as a Python try/except does", () => {
    const run = gradientDescent(quarticObjective({ x: 1, r1: 1, r2: 3 }), { w0: 0.2, lr: 5, epochs: 100 });
    expect(run.diverged).toBe(true);
    expect(run.J).toHaveLength(5);
    expect(run.w[0]).toBeCloseTo(-2.04, 14);
  });

  it("with no epochs reports the start", () => {
    expect(gradientDescent(square, { w0: 3, lr: 0.1, epochs: 0 })).toEqual({ w: [], J: [], final_w: 3, final_J: 9, diverged: false });
  });

  it.each([
    [{ w0: Number.NaN, lr: 0.1, epochs: 1 }, "gradientDescent: w0 must be a finite number, got NaN"],
    [{ w0: 0, lr: 0, epochs: 1 }, "gradientDescent: lr must be > 0, got 0"],
    [{ w0: 0, lr: 0.1, epochs: 2.5 }, "gradientDescent: epochs must be a non-negative integer, got 2.5"],
  ])("refuses %j", (options, message) => {
    expect(() => gradientDescent(square, options)).toThrow(message);
  });
});

describe("adam", () => {
  const options = { w0: 1, eta: 0.1, rho1: 0.9, rho2: 0.999, delta: 1e-8, epochs: 3 };

  it("takes a first step of eta against the gradient's sign", () => {
    // t = 1: s_hat = g and r_hat = g^2 exactly, so the step is eta g / (|g| + delta)
    const run = adam(square, { ...options, epochs: 1 });
    expect(run.w[0]).toBeCloseTo(1 - 0.1 * (2 / (2 + 1e-8)), 15);
  });

  it("follows the textbook recursion", () => {
    let w = 1;
    let s = 0;
    let r = 0;
    const expected: number[] = [];
    for (let t = 1; t <= 3; t++) {
      const g = 2 * w;
      s = 0.9 * s + 0.1 * g;
      r = 0.999 * r + 0.001 * g * g;
      w -= (0.1 * (s / (1 - 0.9 ** t))) / (Math.sqrt(r / (1 - 0.999 ** t)) + 1e-8);
      expected.push(w);
    }
    const run = adam(square, options);
    run.w.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i]!, 15);
    });
  });

  it.each([
    [{ rho1: 1 }, "adam: rho1 must be in [0, 1), got 1"],
    [{ rho2: -0.1 }, "adam: rho2 must be in [0, 1), got -0.1"],
    [{ delta: -1 }, "adam: delta must be >= 0, got -1"],
    [{ eta: 0 }, "adam: eta must be > 0, got 0"],
  ])("refuses %j", (override, message) => {
    expect(() => adam(square, { ...options, ...override })).toThrow(message);
  });
});
