import { describe, expect, it } from "vitest";
import { softmax } from "../../src/engine/activations.ts";
import { crossEntropy, softmaxCrossEntropyBackward } from "../../src/engine/losses.ts";
import { Matrix } from "../../src/engine/matrix.ts";

describe("crossEntropy", () => {
  it("averages -log p of the true class over the samples", () => {
    const p = Matrix.from([
      [0.5, 0.5],
      [0.25, 0.75],
    ]);
    expect(crossEntropy(p, [0, 1])).toBeCloseTo((Math.log(2) + Math.log(4 / 3)) / 2, 15);
  });

  it("is infinite when the true class has probability 0", () => {
    expect(crossEntropy(Matrix.from([[1, 0]]), [1])).toBe(Number.POSITIVE_INFINITY);
  });

  it("checks the labels against the rows and columns", () => {
    const p = Matrix.from([[0.5, 0.5]]);
    expect(() => crossEntropy(p, [0, 1])).toThrow("crossEntropy: 2 labels for 1 rows of probabilities (1x2)");
    expect(() => crossEntropy(p, [2])).toThrow("crossEntropy: label 0 is 2, expected an integer in [0, 2)");
  });
});

describe("softmaxCrossEntropyBackward", () => {
  const z = Matrix.from([
    [0.2, -1.0, 0.7],
    [1.5, 0.1, -0.3],
  ]);
  const labels = [2, 0];

  it("is yhat - Y per sample and (yhat - Y)/N averaged", () => {
    const yhat = softmax(z);
    const perSample = softmaxCrossEntropyBackward(yhat, labels, "none");
    const averaged = softmaxCrossEntropyBackward(yhat, labels, "mean");
    expect(perSample.get(0, 2)).toBe(yhat.get(0, 2) - 1);
    expect(perSample.get(0, 0)).toBe(yhat.get(0, 0));
    expect(averaged.get(1, 0)).toBe((yhat.get(1, 0) - 1) / 2);
  });

  it("averaged is the gradient of the averaged loss wrt the logits (central differences)", () => {
    const analytic = softmaxCrossEntropyBackward(softmax(z), labels, "mean");
    const h = 1e-6;
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const plus = Matrix.from(z.toArray());
        const minus = Matrix.from(z.toArray());
        plus.set(i, j, z.get(i, j) + h);
        minus.set(i, j, z.get(i, j) - h);
        const numeric = (crossEntropy(softmax(plus), labels) - crossEntropy(softmax(minus), labels)) / (2 * h);
        expect(analytic.get(i, j)).toBeCloseTo(numeric, 8);
      }
    }
  });
});
