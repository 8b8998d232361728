/**
 * The losses, one vocabulary for every caller: each public op checks its
 * arguments, names them in errors, and gives the loss with its gradient
 * beside it (written into `grad` when one is passed). The loops are in
 * kernels/losses.ts, which a training loop calls per batch.
 */
import { EngineArgumentError } from "./errors.ts";
import {
  crossEntropyFromProbabilitiesGradient,
  crossEntropyFromProbabilitiesSum,
  type MseConvention,
  mseDivisor,
  softmaxCrossEntropyGradient,
  softmaxCrossEntropySum,
  softmaxProbabilities,
  squaredErrorGradient,
  squaredErrorSum,
  type Targets,
} from "./kernels/losses.ts";
import { Matrix } from "./matrix.ts";
import { checkLabels } from "./onehot.ts";

export type { MseConvention, Targets } from "./kernels/losses.ts";

/** labels must be one per row and in [0, cols); a target matrix must have the output's shape */
export function checkTargets(op: string, output: Matrix, targets: Targets): void {
  if (targets instanceof Int32Array) {
    if (targets.length !== output.rows) throw new EngineArgumentError(op, `${targets.length} labels for ${output.rows} rows (${output.shape})`);
    for (let i = 0; i < targets.length; i++) {
      const label = targets[i]!;
      if (label < 0 || label >= output.cols) throw new EngineArgumentError(op, `label ${i} is ${label}, expected [0, ${output.cols})`);
    }
    return;
  }
  if (targets.rows !== output.rows || targets.cols !== output.cols) {
    throw new EngineArgumentError(op, `targets are ${targets.shape}, the output is ${output.shape}`);
  }
}

function checkSameShape(op: string, name: string, m: Matrix | undefined, like: Matrix): void {
  if (m !== undefined && (m.rows !== like.rows || m.cols !== like.cols)) {
    throw new EngineArgumentError(op, `${name} is ${m.shape}, expected ${like.shape}`);
  }
}

/** the mean squared error of `convention`, and dL/da into `grad` when given */
export function meanSquaredError(output: Matrix, target: Matrix, convention: MseConvention, grad?: Matrix): number {
  checkTargets("meanSquaredError", output, target);
  checkSameShape("meanSquaredError", "grad", grad, output);
  if (output.rows === 0) throw new EngineArgumentError("meanSquaredError", "no samples");
  if (grad !== undefined) squaredErrorGradient(output, target, convention, grad);
  return squaredErrorSum(output, target) / mseDivisor(convention, output.rows, output.cols);
}

/**
 * Cross-entropy averaged over the samples, from the logits (stable). With
 * `gradLogits` it also writes dL/dz = (softmax(z) - Y) / N, and the
 * probabilities it needs into `probabilities` (a scratch matrix of z's
 * shape; gradLogits itself when omitted).
 */
export function softmaxCrossEntropy(logits: Matrix, targets: Targets, gradLogits?: Matrix, probabilities?: Matrix): number {
  checkTargets("softmaxCrossEntropy", logits, targets);
  checkSameShape("softmaxCrossEntropy", "gradLogits", gradLogits, logits);
  checkSameShape("softmaxCrossEntropy", "probabilities", probabilities, logits);
  if (logits.rows === 0) throw new EngineArgumentError("softmaxCrossEntropy", "no samples");
  const loss = softmaxCrossEntropySum(logits, targets) / logits.rows;
  if (gradLogits !== undefined) {
    const p = probabilities ?? gradLogits;
    softmaxProbabilities(logits, p);
    softmaxCrossEntropyGradient(p, targets, gradLogits);
  }
  return loss;
}

/** "none": one row per sample as it is; "mean": divided by the number of samples, the gradient of the averaged loss */
export type Reduction = "none" | "mean";

/**
 * Gradient of cross-entropy wrt the logits z, given probabilities =
 * softmax(z) (as a student's forward pass left them): yhat - Y per sample
 * ("none"), and (yhat - Y) / N for the averaged loss ("mean"). Labels may be
 * a plain array of integers.
 */
export function softmaxCrossEntropyBackward(probabilities: Matrix, targets: Targets | readonly number[], reduction: Reduction): Matrix {
  const op = "softmaxCrossEntropyBackward";
  const checked = Array.isArray(targets) ? labelsOf(op, probabilities, targets) : (targets as Targets);
  checkTargets(op, probabilities, checked);
  if (probabilities.rows === 0) throw new EngineArgumentError(op, "no samples");
  let divisor: number;
  switch (reduction) {
    case "none":
      divisor = 1;
      break;
    case "mean":
      divisor = probabilities.rows;
      break;
    default: {
      const unknown: never = reduction;
      throw new EngineArgumentError(op, `unknown reduction ${String(unknown)}`);
    }
  }
  const grad = new Matrix(probabilities.rows, probabilities.cols);
  softmaxCrossEntropyGradient(probabilities, checked, grad, divisor);
  return grad;
}

/** a plain array of labels, checked as integers in [0, classes), as an Int32Array */
function labelsOf(op: string, output: Matrix, labels: readonly number[]): Int32Array {
  if (labels.length !== output.rows) throw new EngineArgumentError(op, `${labels.length} labels for ${output.rows} rows (${output.shape})`);
  checkLabels(op, labels, output.cols);
  return Int32Array.from(labels);
}

/**
 * -mean over samples of sum_j Y_ij log(p_ij + epsilon), as students write it
 * (np.log(p + eps)); with `grad`, dL/dp = -Y / ((p + epsilon) N). With
 * epsilon 0 a true class of probability 0 gives Infinity, as numpy's log does.
 */
export function crossEntropyFromProbabilities(probabilities: Matrix, targets: Targets, epsilon: number, grad?: Matrix): number {
  checkTargets("crossEntropyFromProbabilities", probabilities, targets);
  checkSameShape("crossEntropyFromProbabilities", "grad", grad, probabilities);
  if (!(epsilon >= 0) || !Number.isFinite(epsilon)) {
    throw new EngineArgumentError("crossEntropyFromProbabilities", `epsilon must be a finite number >= 0, got ${epsilon}`);
  }
  const n = probabilities.rows;
  if (n === 0) throw new EngineArgumentError("crossEntropyFromProbabilities", "no samples");
  if (grad !== undefined) crossEntropyFromProbabilitiesGradient(probabilities, targets, epsilon, grad);
  return crossEntropyFromProbabilitiesSum(probabilities, targets, epsilon) / n;
}
