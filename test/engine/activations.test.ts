import { describe, expect, it } from "vitest";
import { numericalGradient, relativeError } from "../../src/engine/gradcheck.ts";
import {
  type ActivationName,
  type ActivationSpec,
  activate,
  activateValue,
  activationBackward,
  activationKernel,
  activationSlope,
  activationSpec,
  softmax,
  softmaxBackward,
} from "../../src/engine/activations.ts";
import { Matrix } from "../../src/engine/matrix.ts";
import { NumpyRandomState } from "../../src/engine/random/numpy-random-state.ts";

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

/** central difference, the usual numerical check of an analytic derivative */
function numericalDerivative(f: (x: number) => number, x: number, h = 1e-6): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

describe("softmax", () => {
  it("gives rows that sum to 1", () => {
    const y = softmax(
      Matrix.from([
        [0, 6, 6],
        [-23, -4, 14],
        [1, 2, 3],
      ]),
    );
    for (const row of y.toArray()) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
  });

  it("stays finite for logits of 1000", () => {
    const y = softmax(
      Matrix.from([
        [1000, 1000],
        [1000, 0],
        [-1000, -1000],
      ]),
    );
    expect(y.toArray()).toEqual([
      [0.5, 0.5],
      [1, 0],
      [0.5, 0.5],
    ]);
  });

  it("matches e^z / sum e^z for small logits", () => {
    const y = softmax(Matrix.from([[0, Math.log(2), Math.log(5)]]));
    expect(y.get(0, 0)).toBeCloseTo(1 / 8, 15);
    expect(y.get(0, 1)).toBeCloseTo(2 / 8, 15);
    expect(y.get(0, 2)).toBeCloseTo(5 / 8, 15);
  });

  it("refuses empty rows", () => {
    expect(() => softmax(Matrix.zeros(2, 0))).toThrow("softmax: a 2x0 matrix has empty rows");
  });

  it("has a backward that matches central differences", () => {
    const z = Matrix.from([[0.3, -1.2, 2.0, 0.5]]);
    const gradY = Matrix.from([[0.7, -0.1, 0.4, 1.3]]);
    // L = sum gradY * softmax(z): dL/dz_j numerically
    const loss = (zj: number, j: number) => {
      const shifted = Matrix.from(z.toArray());
      shifted.set(0, j, zj);
      return softmax(shifted).toArray()[0]!.reduce((acc, v, k) => acc + v * gradY.get(0, k), 0);
    };
    const analytic = softmaxBackward(softmax(z), gradY);
    for (let j = 0; j < 4; j++) {
      expect(analytic.get(0, j)).toBeCloseTo(numericalDerivative((v) => loss(v, j), z.get(0, j)), 8);
    }
  });

  it("names the shapes when the gradient does not fit", () => {
    expect(() => softmaxBackward(Matrix.zeros(2, 3), Matrix.zeros(3, 2))).toThrow("softmax backward: gradY is 3x2, y is 2x3");
  });
});

describe("the matrix and single-value ops", () => {
  const ELEMENT_WISE: Array<ActivationName | ActivationSpec> = CASES.filter((input) => input !== "softmax");

  it.each(ELEMENT_WISE.map((input) => [JSON.stringify(input), input] as const))("%s: slope of one value matches central differences", (_, input) => {
    for (const z of [-2.5, -0.3, 0.4, 1.7]) {
      const a = activateValue(input, z);
      expect(activationSlope(input, z, a)).toBeCloseTo(numericalDerivative((v) => activateValue(input, v), z), 8);
    }
  });

  it("one value goes through the same kernel as a matrix, bit for bit", () => {
    const z = logits(5);
    for (const input of ELEMENT_WISE) {
      const a = activate(input, new Matrix(1, z.length, z));
      for (let i = 0; i < z.length; i++) expect(Object.is(activateValue(input, z[i]!), a.data[i])).toBe(true);
    }
  });

  it("sigmoid saturates without NaN at +-1000", () => {
    expect(activateValue("sigmoid", 1000)).toBe(1);
    expect(activateValue("sigmoid", -1000)).toBe(0);
    expect(activateValue("sigmoid", 0)).toBe(0.5);
  });

  it("relu passes positives and takes slope 0 at 0", () => {
    expect(activate("relu", Matrix.from([[-1, 0, 2]])).toArray()).toEqual([[0, 0, 2]]);
    expect(activationSlope("relu", 0, 0)).toBe(0);
  });

  it("refuses softmax of a single value", () => {
    expect(() => activateValue("softmax", 1)).toThrow("activateValue: softmax works on rows, not on single values");
  });

  it("backward multiplies the upstream gradient by the slope", () => {
    const z = Matrix.from([[-1, 0.5, 3]]);
    const a = activate("relu", z);
    expect(activationBackward("relu", z, a, Matrix.from([[5, 6, 7]])).toArray()).toEqual([[0, 6, 7]]);
    expect(() => activationBackward("relu", z, a, Matrix.zeros(1, 2))).toThrow("relu backward: gradA is 1x2, z is 1x3");
    expect(() => activationBackward({ kind: "leaky_relu", slope: 0.2 }, z, Matrix.zeros(2, 3), a)).toThrow(
      "leaky_relu(0.2) backward: a is 2x3, z is 1x3",
    );
  });

  it("activate and activationBackward with softmax are softmax and softmaxBackward", () => {
    const z = Matrix.from([
      [0.3, -1.2, 2.0],
      [4, 0, -3],
    ]);
    const y = activate("softmax", z);
    expect(y.data).toEqual(softmax(z).data);
    const gradY = Matrix.from([
      [0.7, -0.1, 0.4],
      [1, 2, 3],
    ]);
    expect(activationBackward("softmax", z, y, gradY).data).toEqual(softmaxBackward(y, gradY).data);
  });
});
