import { describe, expect, it } from "vitest";
import { numericalGradient, relativeError } from "../../src/engine/gradcheck.ts";
import { Matrix } from "../../src/engine/matrix.ts";
import { softmax } from "../../src/engine/activations.ts";
import {
  crossEntropyFromProbabilities,
  type MseConvention,
  meanSquaredError,
  softmaxCrossEntropy,
  softmaxCrossEntropyBackward,
} from "../../src/engine/losses.ts";
import { createGradients, networkFromLayers } from "../../src/engine/nn/network.ts";
import { addL2Gradient, l2Penalty } from "../../src/engine/nn/regularization.ts";
import { expectAllClose, type GoldenArray, loadGolden, toMatrix } from "./nn/golden.ts";

interface ValueAndGrad {
  value: number;
  grad: GoldenArray;
}

interface LossesGolden {
  z: GoldenArray;
  labels: number[];
  a: GoldenArray;
  T: GoldenArray;
  mse: Record<MseConvention, ValueAndGrad>;
  cross_entropy_logits: ValueAndGrad;
  cross_entropy_probabilities: ValueAndGrad & { epsilon: number; p: GoldenArray };
  l2: {
    lambda: number;
    W: GoldenArray[];
    b: GoldenArray[];
    half: number;
    full: number;
    half_with_biases: number;
    full_with_biases: number;
  };
}

const golden = loadGolden<LossesGolden>("nn-losses.json");
const labels = Int32Array.from(golden.labels);

function oneHot(classes: number): Matrix {
  const m = new Matrix(labels.length, classes);
  labels.forEach((label, i) => {
    m.data[i * classes + label] = 1;
  });
  return m;
}

/** relative error of an analytic gradient against centred differences of `value` over `x` */
function gradcheck(value: () => number, x: Matrix, analytic: Matrix, h?: number): number {
  return relativeError(analytic.data, numericalGradient(value, x.data, h));
}

describe("meanSquaredError", () => {
  for (const convention of ["half_sum", "half_sum_over_samples", "mean"] as const) {
    it(`${convention}: numpy's value and gradient, and a gradient that checks`, () => {
      const a = toMatrix(golden.a);
      const target = toMatrix(golden.T);
      const grad = new Matrix(a.rows, a.cols);
      const value = meanSquaredError(a, target, convention, grad);
      expect(value).toBeCloseTo(golden.mse[convention].value, 14);
      expectAllClose(grad.data, golden.mse[convention].grad.values, 1e-14);
      expect(gradcheck(() => meanSquaredError(a, target, convention), a, grad)).toBeLessThan(1e-7);
    });
  }

  it("refuses targets of another shape", () => {
    expect(() => meanSquaredError(new Matrix(2, 3), new Matrix(3, 2), "mean")).toThrow("meanSquaredError: targets are 3x2, the output is 2x3");
  });
});

describe("softmaxCrossEntropy (from logits)", () => {
  it("gives numpy's value and (p - Y) / N, from labels and from one-hot rows alike", () => {
    const z = toMatrix(golden.z);
    for (const targets of [labels, oneHot(z.cols)]) {
      const grad = new Matrix(z.rows, z.cols);
      expect(softmaxCrossEntropy(z, targets, grad)).toBeCloseTo(golden.cross_entropy_logits.value, 14);
      expectAllClose(grad.data, golden.cross_entropy_logits.grad.values, 1e-13, 1e-17);
      expect(gradcheck(() => softmaxCrossEntropy(z, targets), z, grad)).toBeLessThan(1e-7);
    }
  });

  it("stays finite where the true class's probability underflows", () => {
    const loss = softmaxCrossEntropy(Matrix.from([[0, 1000]]), Int32Array.from([0]));
    expect(loss).toBe(1000);
  });

  it("refuses a label outside the classes", () => {
    expect(() => softmaxCrossEntropy(new Matrix(1, 3), Int32Array.from([3]))).toThrow("softmaxCrossEntropy: label 0 is 3, expected [0, 3)");
  });
});

describe("crossEntropyFromProbabilities (with epsilon)", () => {
  it("gives numpy's -mean(sum(Y log(p + eps))) and -Y / ((p + eps) N)", () => {
    const { epsilon } = golden.cross_entropy_probabilities;
    const p = toMatrix(golden.cross_entropy_probabilities.p);
    for (const targets of [labels, oneHot(p.cols)]) {
      const grad = new Matrix(p.rows, p.cols);
      expect(crossEntropyFromProbabilities(p, targets, epsilon, grad)).toBeCloseTo(golden.cross_entropy_probabilities.value, 14);
      expectAllClose(grad.data, golden.cross_entropy_probabilities.grad.values, 1e-14);
      // log is sharply curved at the smallest p (6e-4): the step must be far below it
      expect(gradcheck(() => crossEntropyFromProbabilities(p, targets, epsilon), p, grad, 1e-8)).toBeLessThan(1e-7);
    }
  });

  it("averages -log p of the true class over the samples without epsilon", () => {
    const p = Matrix.from([
      [0.5, 0.5],
      [0.25, 0.75],
    ]);
    expect(crossEntropyFromProbabilities(p, Int32Array.from([0, 1]), 0)).toBeCloseTo((Math.log(2) + Math.log(4 / 3)) / 2, 15);
  });

  it("checks the labels against the rows and columns", () => {
    const p = Matrix.from([[0.5, 0.5]]);
    expect(() => crossEntropyFromProbabilities(p, Int32Array.from([0, 1]), 0)).toThrow("crossEntropyFromProbabilities: 2 labels for 1 rows (1x2)");
    expect(() => crossEntropyFromProbabilities(p, Int32Array.from([2]), 0)).toThrow("crossEntropyFromProbabilities: label 0 is 2, expected [0, 2)");
  });

  it("is Infinity for a zero probability without epsilon, finite with one", () => {
    const p = Matrix.from([[0, 1]]);
    expect(crossEntropyFromProbabilities(p, Int32Array.from([0]), 0)).toBe(Number.POSITIVE_INFINITY);
    expect(crossEntropyFromProbabilities(p, Int32Array.from([0]), 1e-8)).toBeCloseTo(-Math.log(1e-8), 12);
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

  it("takes labels as an Int32Array or one-hot rows alike", () => {
    const yhat = softmax(z);
    const expected = softmaxCrossEntropyBackward(yhat, labels, "mean");
    const oneHotRows = Matrix.from([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    for (const targets of [Int32Array.from(labels), oneHotRows]) {
      expect(softmaxCrossEntropyBackward(yhat, targets, "mean").data).toEqual(expected.data);
    }
  });

  it("checks plain labels as integers in the columns", () => {
    const yhat = softmax(z);
    expect(() => softmaxCrossEntropyBackward(yhat, [2], "none")).toThrow("softmaxCrossEntropyBackward: 1 labels for 2 rows (2x3)");
    expect(() => softmaxCrossEntropyBackward(yhat, [2, 0.5], "none")).toThrow(
      "softmaxCrossEntropyBackward: label 1 is 0.5, expected an integer in [0, 3)",
    );
    expect(() => softmaxCrossEntropyBackward(yhat, [2, 3], "none")).toThrow(
      "softmaxCrossEntropyBackward: label 1 is 3, expected an integer in [0, 3)",
    );
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
        const numeric = (crossEntropyFromProbabilities(softmax(plus), Int32Array.from(labels), 0) - crossEntropyFromProbabilities(softmax(minus), Int32Array.from(labels), 0)) / (2 * h);
        expect(analytic.get(i, j)).toBeCloseTo(numeric, 8);
      }
    }
  });
});

describe("L2 weight decay", () => {
  const { l2 } = golden;
  const network = () =>
    networkFromLayers(l2.W.map((w, l) => ({ weights: toMatrix(w), bias: l2.b[l]!.values, activation: "relu" as const })));

  it("gives numpy's penalty in both conventions, with and without biases", () => {
    const net = network();
    expect(l2Penalty(net, { lambda: l2.lambda, convention: "half" })).toBeCloseTo(l2.half, 14);
    expect(l2Penalty(net, { lambda: l2.lambda, convention: "full" })).toBeCloseTo(l2.full, 14);
    expect(l2Penalty(net, { lambda: l2.lambda, convention: "half", includeBiases: true })).toBeCloseTo(l2.half_with_biases, 14);
    expect(l2Penalty(net, { lambda: l2.lambda, convention: "full", includeBiases: true })).toBeCloseTo(l2.full_with_biases, 14);
  });

  for (const convention of ["half", "full"] as const) {
    for (const includeBiases of [false, true]) {
      it(`${convention}${includeBiases ? " with biases" : ""}: the gradient checks`, () => {
        const net = network();
        const spec = { lambda: l2.lambda, convention, includeBiases };
        const grads = createGradients(net);
        addL2Gradient(net, spec, grads);
        net.layers.forEach((layer, l) => {
          const penalty = () => l2Penalty(net, spec);
          expect(relativeError(grads.weights[l]!.data, numericalGradient(penalty, layer.weights.data))).toBeLessThan(1e-7);
          const biasGrad = numericalGradient(penalty, layer.bias);
          if (includeBiases) expect(relativeError(grads.bias[l]!, biasGrad)).toBeLessThan(1e-7);
          else expect(Array.from(grads.bias[l]!)).toEqual(Array.from(biasGrad, () => 0));
        });
      });
    }
  }

  it("refuses a negative lambda", () => {
    expect(() => l2Penalty(network(), { lambda: -1, convention: "half" })).toThrow("l2Penalty: l2 lambda must be >= 0, got -1");
  });
});
