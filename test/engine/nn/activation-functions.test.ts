import { describe, expect, it } from "vitest";
import { numericalGradient, relativeError } from "../../../src/engine/gradcheck.ts";
import {
  type ActivationName,
  type ActivationSpec,
  activationKernel,
  activationSpec,
} from "../../../src/engine/nn/activation-functions.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";

const COLS = 4;

/** z away from 0, so that the relu kinks are not straddled by the differences */
function logits(seed: number): Float64Array {
  const z = new NumpyRandomState(seed).normal(0, 2, 6 * COLS).data;
  for (let i = 0; i < z.length; i++) if (Math.abs(z[i]!) < 0.05) z[i] = 0.05 + z[i]!;
  return z;
}

const CASES: Array<ActivationName | ActivationSpec> = [
  "identity",
  "sigmoid",
  "tanh",
  "relu",
  "leaky_relu",
  { kind: "leaky_relu", slope: 0.3 },
  "softmax",
];

describe("activation backward against centred differences", () => {
  for (const input of CASES) {
    it(`${JSON.stringify(input)}: relative error below 1e-7`, () => {
      const kernel = activationKernel(input);
      const z = logits(3);
      const upstream = new NumpyRandomState(4).randn(z.length).data;
      const a = new Float64Array(z.length);
      // L = sum(upstream * f(z)), so dL/da = upstream
      const loss = () => {
        kernel.forward(z, a, COLS);
        return a.reduce((sum, v, i) => sum + v * upstream[i]!, 0);
      };
      kernel.forward(z, a, COLS);
      const analytic = new Float64Array(z.length);
      kernel.backward(z, a, upstream, analytic, COLS);
      expect(relativeError(analytic, numericalGradient(loss, z))).toBeLessThan(1e-7);
    });
  }
});

describe("activation forward", () => {
  const forward = (input: ActivationName | ActivationSpec, z: number[], cols = z.length) => {
    const out = new Float64Array(z.length);
    activationKernel(input).forward(Float64Array.from(z), out, cols);
    return Array.from(out);
  };

  it("computes each function", () => {
    expect(forward("identity", [-2, 3])).toEqual([-2, 3]);
    expect(forward("sigmoid", [0, -800, 800])).toEqual([0.5, 0, 1]);
    expect(forward("tanh", [0, 1])).toEqual([0, Math.tanh(1)]);
    expect(forward("relu", [-1, 0, 2.5])).toEqual([0, 0, 2.5]);
    expect(forward("leaky_relu", [-2, 3])).toEqual([-0.02, 3]);
    expect(forward({ kind: "leaky_relu", slope: 0.2 }, [-2, 3])).toEqual([-0.4, 3]);
  });

  it("keeps a NaN visible through relu", () => {
    expect(forward("relu", [Number.NaN])[0]).toBeNaN();
  });

  it("softmaxes each row and stays finite for logits of 1000", () => {
    const rows = forward("softmax", [1000, 1000, 0, -1000, 0, Math.log(3)], 3);
    expect(rows.slice(0, 3)).toEqual([0.5, 0.5, 0]);
    expect(rows[4]).toBeCloseTo(1 / 4, 15);
    expect(rows[5]).toBeCloseTo(3 / 4, 15);
  });

  it("works in place", () => {
    const z = Float64Array.from([-1, 2]);
    activationKernel("relu").forward(z, z, 2);
    expect(Array.from(z)).toEqual([0, 2]);
  });

  it("takes relu's and leaky relu's slope at 0 from the left", () => {
    const grad = new Float64Array(2);
    activationKernel("relu").backward(Float64Array.from([0, 1]), Float64Array.from([0, 1]), Float64Array.from([5, 5]), grad, 2);
    expect(Array.from(grad)).toEqual([0, 5]);
    activationKernel({ kind: "leaky_relu", slope: 0.1 }).backward(
      Float64Array.from([0, 1]),
      Float64Array.from([0, 1]),
      Float64Array.from([5, 5]),
      grad,
      2,
    );
    expect(Array.from(grad)).toEqual([0.5, 5]);
  });
});

describe("activationSpec", () => {
  it("reads a name and gives leaky relu the slope 0.01", () => {
    expect(activationSpec("leaky_relu")).toEqual({ kind: "leaky_relu", slope: 0.01 });
    expect(activationSpec("tanh")).toEqual({ kind: "tanh" });
  });

  it("refuses an unknown name and a bad slope", () => {
    expect(() => activationSpec("swish" as ActivationName)).toThrow('activation: unknown activation {"kind":"swish"}');
    expect(() => activationSpec({ kind: "leaky_relu", slope: Number.NaN })).toThrow(
      "activation: leaky_relu slope must be a finite number, got NaN",
    );
  });
});
