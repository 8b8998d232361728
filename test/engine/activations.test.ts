import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  activate,
  activationBackward,
  relu,
  sigmoid,
  softmax,
  softmaxBackward,
} from "../../src/engine/activations.ts";
import { Matrix } from "../../src/engine/matrix.ts";

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

describe("element-wise activations", () => {
  it.each(Object.values(ACTIVATIONS).map((a) => [a.name, a] as const))("%s derivative matches central differences", (_, activation) => {
    for (const z of [-2.5, -0.3, 0.4, 1.7]) {
      const a = activation.forward(z);
      expect(activation.derivative(z, a)).toBeCloseTo(numericalDerivative(activation.forward, z), 8);
    }
  });

  it("sigmoid saturates without NaN at +-1000", () => {
    expect(sigmoid.forward(1000)).toBe(1);
    expect(sigmoid.forward(-1000)).toBe(0);
    expect(sigmoid.forward(0)).toBe(0.5);
  });

  it("relu passes positives and takes slope 0 at 0", () => {
    expect(activate(relu, Matrix.from([[-1, 0, 2]])).toArray()).toEqual([[0, 0, 2]]);
    expect(relu.derivative(0, 0)).toBe(0);
  });

  it("backward multiplies the upstream gradient by the slope", () => {
    const z = Matrix.from([[-1, 0.5, 3]]);
    const a = activate(relu, z);
    expect(activationBackward(relu, z, a, Matrix.from([[5, 6, 7]])).toArray()).toEqual([[0, 6, 7]]);
    expect(() => activationBackward(relu, z, a, Matrix.zeros(1, 2))).toThrow("relu backward: gradA is 1x2, z is 1x3");
  });
});
