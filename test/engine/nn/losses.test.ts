import { describe, expect, it } from "vitest";
import { numericalGradient, relativeError } from "../../../src/engine/gradcheck.ts";
import { Matrix } from "../../../src/engine/matrix.ts";
import {
  crossEntropyFromProbabilities,
  type MseConvention,
  meanSquaredError,
  softmaxCrossEntropy,
} from "../../../src/engine/nn/losses.ts";
import { networkFromLayers } from "../../../src/engine/nn/network.ts";
import { addL2Gradient, l2Penalty } from "../../../src/engine/nn/regularization.ts";
import { createGradients } from "../../../src/engine/nn/network.ts";
import { expectAllClose, type GoldenArray, loadGolden, toMatrix } from "./golden.ts";

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

  it("is Infinity for a zero probability without epsilon, finite with one", () => {
    const p = Matrix.from([[0, 1]]);
    expect(crossEntropyFromProbabilities(p, Int32Array.from([0]), 0)).toBe(Number.POSITIVE_INFINITY);
    expect(crossEntropyFromProbabilities(p, Int32Array.from([0]), 1e-8)).toBeCloseTo(-Math.log(1e-8), 12);
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
