import { describe, expect, it } from "vitest";
import { denseBackward, denseForward } from "../../src/engine/dense.ts";
import { Matrix } from "../../src/engine/matrix.ts";

// hw4 q2's layer; z as printed in seed 002
const X = Matrix.from([
  [1, 2, -1],
  [0, -4, -4],
]);
const W = Matrix.from([
  [-1, 1, 1],
  [2, 2, 0],
  [4, -1, -3],
]);
const b = [1, 0, 2];

describe("denseForward", () => {
  it("computes z = x W + b (seed 002's numbers)", () => {
    expect(denseForward(X, W, b).toArray()).toEqual([
      [0, 6, 6],
      [-23, -4, 14],
    ]);
  });

  it("names the shapes that do not fit", () => {
    expect(() => denseForward(Matrix.zeros(2, 2), W, b)).toThrow("denseForward: x is 2x2 but W is 3x3: x's columns must equal W's rows");
    expect(() => denseForward(X, W, [1, 2])).toThrow("denseForward: b has 2 values but W has 3 columns");
  });
});

describe("denseBackward", () => {
  const G = Matrix.from([
    [0.5, -1, 2],
    [3, 0.25, -0.5],
  ]);
  // L = sum G * z is linear in W and b, so its gradients are exact: compare with differences of L
  const loss = (w: Matrix, bias: number[], x = X) =>
    denseForward(x, w, bias)
      .toArray()
      .flat()
      .reduce((acc, v, k) => acc + v * G.data[k]!, 0);

  it("gives X^T G, column sums of G and G W^T", () => {
    const { gradWeights, gradBias, gradInput } = denseBackward(X, W, G);
    const base = loss(W, b);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const bumped = Matrix.from(W.toArray());
        bumped.set(i, j, W.get(i, j) + 1);
        expect(gradWeights.get(i, j)).toBe(loss(bumped, b) - base);
      }
      const bumpedBias = [...b];
      bumpedBias[i]! += 1;
      expect(gradBias[i]).toBe(loss(W, bumpedBias) - base);
    }
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const bumped = Matrix.from(X.toArray());
        bumped.set(i, j, X.get(i, j) + 1);
        expect(gradInput.get(i, j)).toBe(loss(W, b, bumped) - base);
      }
    }
  });

  it("wants gradZ shaped samples by units", () => {
    expect(() => denseBackward(X, W, Matrix.zeros(3, 3))).toThrow(
      "denseBackward: gradZ is 3x3, expected 2x3 (samples of x by columns of W)",
    );
  });
});
