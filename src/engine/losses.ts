import { EngineArgumentError } from "./errors.ts";
import { map, type Matrix, sub } from "./matrix.ts";
import { checkLabels, oneHot } from "./onehot.ts";

function checkSamples(op: string, probabilities: Matrix, labels: readonly number[]): void {
  if (!Array.isArray(labels) || labels.length !== probabilities.rows) {
    const got = Array.isArray(labels) ? labels.length : "no";
    throw new EngineArgumentError(op, `${got} labels for ${probabilities.rows} rows of probabilities (${probabilities.shape})`);
  }
  if (probabilities.rows === 0) throw new EngineArgumentError(op, "no samples");
  checkLabels(op, labels, probabilities.cols);
}

/**
 * Cross-entropy averaged over the samples: -1/N sum_i log p[i][label_i].
 * A true class with probability 0 gives Infinity, as numpy's log does.
 */
export function crossEntropy(probabilities: Matrix, labels: readonly number[]): number {
  checkSamples("crossEntropy", probabilities, labels);
  let total = 0;
  labels.forEach((label, i) => {
    total -= Math.log(probabilities.data[i * probabilities.cols + label]!);
  });
  return total / probabilities.rows;
}

/** "none": one row per sample as it is; "mean": divided by the number of samples, the gradient of the averaged loss */
export type Reduction = "none" | "mean";

/**
 * Gradient of cross-entropy wrt the logits z, where probabilities = softmax(z):
 * the softmax Jacobian and -Y/yhat collapse to yhat - Y per sample
 * ("none"), and (yhat - Y) / N for the averaged loss ("mean").
 */
export function softmaxCrossEntropyBackward(probabilities: Matrix, labels: readonly number[], reduction: Reduction): Matrix {
  checkSamples("softmaxCrossEntropyBackward", probabilities, labels);
  const perSample = sub(probabilities, oneHot(labels, probabilities.cols));
  switch (reduction) {
    case "none":
      return perSample;
    case "mean": {
      const n = probabilities.rows;
      // divided, not multiplied by 1/n, to round as numpy's (yhat - Y) / N does
      return map(perSample, (x) => x / n);
    }
    default: {
      const unknown: never = reduction;
      throw new EngineArgumentError("softmaxCrossEntropyBackward", `unknown reduction ${String(unknown)}`);
    }
  }
}
