/**
 * The losses' kernels, one sample per row. They trust their arguments: the
 * public ops in ../losses.ts check first, and a training loop (../nn/)
 * that checked once calls them per batch.
 *
 * Each `*Sum` kernel returns the undivided sum over the batch, continued
 * from `initial`, so that a data set evaluated in chunks sums its samples in
 * one order whatever the chunk size, and is divided once, by its full size.
 * Each gradient kernel sits below its loss.
 */
import { EngineArgumentError } from "../errors.ts";
import type { Matrix } from "../matrix.ts";
import { softmaxRows } from "./activations.ts";

/** 0-based class labels, one per row, or a matrix of the output's shape (one-hot rows, soft labels, regression targets) */
export type Targets = Int32Array | Matrix;

/**
 * half_sum: 1/2 sum (a - y)^2, nothing averaged (a hand-worked single sample);
 * half_sum_over_samples: 1/N sum_i 1/2 ||a_i - y_i||^2 (the autoencoder's 1/m sum 1/2 ||h(x) - y||^2);
 * mean: the mean over all N x K elements, np.mean((a - y) ** 2).
 */
export type MseConvention = "half_sum" | "half_sum_over_samples" | "mean";

/** what the squared-error sum is divided by in `convention` */
export function mseDivisor(convention: MseConvention, rows: number, cols: number): number {
  switch (convention) {
    case "half_sum":
      return 2;
    case "half_sum_over_samples":
      return 2 * rows;
    case "mean":
      return rows * cols;
    default: {
      const unknown: never = convention;
      throw new EngineArgumentError("meanSquaredError", `unknown convention ${String(unknown)}`);
    }
  }
}

/** sum of (a - y)^2 over every element, added in order onto `initial` */
export function squaredErrorSum(output: Matrix, target: Matrix, initial = 0): number {
  const a = output.data;
  const y = target.data;
  let sum = initial;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - y[i]!;
    sum += d * d;
  }
  return sum;
}

/**
 * dL/da of sum (a - y)^2 / divisor: (a - y) / (divisor / 2) for the half
 * conventions (the plain (a - y) / N students write), 2 (a - y) / (N K) for the mean.
 */
export function squaredErrorGradient(output: Matrix, target: Matrix, convention: MseConvention, grad: Matrix): void {
  const a = output.data;
  const y = target.data;
  const g = grad.data;
  const divisor = mseDivisor(convention, output.rows, output.cols);
  if (convention === "mean") {
    for (let i = 0; i < a.length; i++) g[i] = (2 * (a[i]! - y[i]!)) / divisor;
  } else if (divisor === 2) {
    for (let i = 0; i < a.length; i++) g[i] = a[i]! - y[i]!;
  } else {
    const samples = divisor / 2;
    for (let i = 0; i < a.length; i++) g[i] = (a[i]! - y[i]!) / samples;
  }
}

/**
 * Sum over the rows of -sum_j Y_ij log softmax(z)_ij, from the logits:
 * log softmax(z)_ij = (z_ij - max_i) - log sum_k exp(z_ik - max_i), so no
 * exp overflows and a vanishing probability gives a large finite loss, not Infinity.
 */
export function softmaxCrossEntropySum(logits: Matrix, targets: Targets, initial = 0): number {
  const z = logits.data;
  const cols = logits.cols;
  let total = initial;
  for (let i = 0; i < logits.rows; i++) {
    const row = i * cols;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = row; j < row + cols; j++) if (z[j]! > max) max = z[j]!;
    let sum = 0;
    for (let j = row; j < row + cols; j++) sum += Math.exp(z[j]! - max);
    const logSum = Math.log(sum);
    if (targets instanceof Int32Array) {
      total += logSum - (z[row + targets[i]!]! - max);
    } else {
      const y = targets.data;
      for (let j = row; j < row + cols; j++) if (y[j]! !== 0) total += y[j]! * (logSum - (z[j]! - max));
    }
  }
  return total;
}

/** the probabilities softmax(z), row by row, into `out` (the cross-entropy gradient's first step) */
export function softmaxProbabilities(logits: Matrix, out: Matrix): void {
  softmaxRows(logits.data, out.data, logits.cols);
}

/**
 * dL/dz of the cross-entropy of p = softmax(z), the softmax Jacobian and
 * -Y/p collapsed: p - Y per sample, and with `divisor` N, (p - Y) / N for the
 * averaged loss. Divided by N (not multiplied by 1/N) to round as numpy's (p - Y) / N.
 * gradLogits may be the probabilities' own matrix.
 */
export function softmaxCrossEntropyGradient(probabilities: Matrix, targets: Targets, gradLogits: Matrix, divisor = probabilities.rows): void {
  const p = probabilities.data;
  const g = gradLogits.data;
  const cols = probabilities.cols;
  if (targets instanceof Int32Array) {
    if (g !== p) g.set(p);
    for (let i = 0; i < targets.length; i++) g[i * cols + targets[i]!]! -= 1;
  } else {
    const y = targets.data;
    for (let i = 0; i < p.length; i++) g[i] = p[i]! - y[i]!;
  }
  if (divisor === 1) return;
  for (let i = 0; i < g.length; i++) g[i] = g[i]! / divisor;
}

/** sum over the rows of -sum_j Y_ij log(p_ij + epsilon), the students' form */
export function crossEntropyFromProbabilitiesSum(probabilities: Matrix, targets: Targets, epsilon: number, initial = 0): number {
  const p = probabilities.data;
  const cols = probabilities.cols;
  let total = initial;
  if (targets instanceof Int32Array) {
    for (let i = 0; i < targets.length; i++) total -= Math.log(p[i * cols + targets[i]!]! + epsilon);
    return total;
  }
  const y = targets.data;
  for (let i = 0; i < p.length; i++) if (y[i]! !== 0) total -= y[i]! * Math.log(p[i]! + epsilon);
  return total;
}

/** dL/dp of the averaged -sum Y log(p + epsilon): -Y / ((p + epsilon) N) */
export function crossEntropyFromProbabilitiesGradient(probabilities: Matrix, targets: Targets, epsilon: number, grad: Matrix): void {
  const p = probabilities.data;
  const g = grad.data;
  const n = probabilities.rows;
  const cols = probabilities.cols;
  g.fill(0);
  if (targets instanceof Int32Array) {
    for (let i = 0; i < n; i++) {
      const k = i * cols + targets[i]!;
      g[k] = -1 / ((p[k]! + epsilon) * n);
    }
  } else {
    const y = targets.data;
    for (let i = 0; i < p.length; i++) g[i] = -y[i]! / ((p[i]! + epsilon) * n);
  }
}
