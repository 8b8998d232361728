import { describe, expect, it } from "vitest";
import { Matrix } from "../../../src/engine/matrix.ts";
import { accuracy, argmaxRows, confusionMatrix, evaluate, predictClasses } from "../../../src/engine/nn/metrics.ts";
import { networkFromLayers } from "../../../src/engine/nn/network.ts";

describe("argmaxRows", () => {
  it("takes the first largest, as np.argmax", () => {
    expect(Array.from(argmaxRows(Matrix.from([[1, 3, 3], [-1, -2, -3], [0, 0, 0]])))).toEqual([1, 0, 0]);
  });

  it("takes the first NaN, as np.argmax", () => {
    expect(Array.from(argmaxRows(Matrix.from([[1, Number.NaN, 5, Number.NaN], [Number.NaN, 2, 3, 4]])))).toEqual([1, 0]);
  });
});

describe("accuracy and confusion matrix", () => {
  const labels = [0, 1, 2, 2, 1, 0];
  const predicted = [0, 2, 2, 2, 1, 1];

  it("counts the share of right predictions", () => {
    expect(accuracy(predicted, labels)).toBe(4 / 6);
  });

  it("counts [true class][predicted class], as sklearn", () => {
    expect(confusionMatrix(predicted, labels, 3)).toEqual([
      [1, 1, 0],
      [0, 1, 1],
      [0, 0, 2],
    ]);
  });

  it("refuses lengths that differ and classes out of range", () => {
    expect(() => accuracy([0], [0, 1])).toThrow("accuracy: 1 predictions for 2 labels");
    expect(() => confusionMatrix([3], [0], 3)).toThrow("confusionMatrix: prediction 0 is 3, expected an integer in [0, 3)");
  });
});

describe("evaluate", () => {
  // z = x W: the class is the larger input
  const network = networkFromLayers([{ weights: Matrix.from([[1, 0], [0, 1]]), bias: [0, 0], activation: "softmax" }]);
  const x = Matrix.from([[2, 0], [0, 3], [1, 0], [5, 6]]);

  it("reports the mean cross-entropy and the accuracy, labels or one-hot rows alike", () => {
    const labels = Int32Array.from([0, 1, 1, 1]);
    const expectedLoss =
      (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(-3)) + Math.log(1 + Math.exp(1)) + Math.log(1 + Math.exp(-1))) / 4;
    const byLabels = evaluate(network, { x, targets: labels }, { kind: "cross_entropy" });
    expect(byLabels.accuracy).toBe(0.75);
    expect(byLabels.loss).toBeCloseTo(expectedLoss, 14);
    const oneHot = Matrix.from([[1, 0], [0, 1], [0, 1], [0, 1]]);
    expect(evaluate(network, { x, targets: oneHot }, { kind: "cross_entropy" }).accuracy).toBe(0.75);
    expect(Array.from(predictClasses(network, x))).toEqual([0, 1, 0, 1]);
  });

  it("adds the L2 penalty when asked", () => {
    const labels = Int32Array.from([0, 1, 1, 1]);
    const plain = evaluate(network, { x, targets: labels }, { kind: "cross_entropy" }).loss;
    const decayed = evaluate(network, { x, targets: labels }, { kind: "cross_entropy" }, { l2: { lambda: 0.5, convention: "half" } }).loss;
    expect(decayed - plain).toBeCloseTo(0.5, 14);
  });
});
