/**
 * Batch losses with their gradients, one sample per row. Targets are either
 * labels (0-based class per row) or a matrix of the output's shape (one-hot
 * rows, soft labels or regression targets).
 *
 * Each loss is a sum over the batch divided by its convention's divisor;
 * `*Sum` kernels return the undivided sum, continued from `initial`, so that
 * a data set evaluated in chunks sums its samples in one order whatever the
 * chunk size, and is divided once, by its full size.
 */
import { EngineArgumentError } from "../errors.ts";
import type { Matrix } from "../matrix.ts";

export type Targets = Int32Array | Matrix;

/**
 * half_sum: 1/2 sum (a - y)^2, nothing averaged (a hand-worked single sample);
 * half_sum_over_samples: 1/N sum_i 1/2 ||a_i - y_i||^2 (the autoencoder's 1/m sum 1/2 ||h(x) - y||^2);
 * mean: the mean over all N x K elements, np.mean((a - y) ** 2).
 */
export type MseConvention = "half_sum" | "half_sum_over_samples" | "mean";

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

/** the mean squared error of `convention`, and dL/da into `grad` when given */
export function meanSquaredError(output: Matrix, target: Matrix, convention: MseConvention, grad?: Matrix): number {
  checkTargets("meanSquaredError", output, target);
  checkSameShape("meanSquaredError", "grad", grad, output);
  if (output.rows === 0) throw new EngineArgumentError("meanSquaredError", "no samples");
  if (grad !== undefined) squaredErrorGradient(output, target, convention, grad);
  return squaredErrorSum(output, target) / mseDivisor(convention, output.rows, output.cols);
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

/**
 * dL/dz of the averaged cross-entropy of softmax(z): (p - Y) / N per
 * element, the softmax Jacobian and -Y/p collapsed. Divided by N (not
 * multiplied by 1/N) to round as numpy's (p - Y) / N.
 */
export function softmaxCrossEntropyGradient(probabilities: Matrix, targets: Targets, gradLogits: Matrix): void {
  const p = probabilities.data;
  const g = gradLogits.data;
  const n = probabilities.rows;
  const cols = probabilities.cols;
  if (targets instanceof Int32Array) {
    if (g !== p) g.set(p);
    for (let i = 0; i < n; i++) g[i * cols + targets[i]!]! -= 1;
  } else {
    const y = targets.data;
    for (let i = 0; i < p.length; i++) g[i] = p[i]! - y[i]!;
  }
  for (let i = 0; i < g.length; i++) g[i] = g[i]! / n;
}

/**
 * Cross-entropy averaged over the samples, from the logits (stable). With
 * `gradLogits` it also writes dL/dz, and the probabilities it needs into
 * `probabilities` (a scratch buffer of z's shape; gradLogits itself when omitted).
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

function softmaxProbabilities(logits: Matrix, out: Matrix): void {
  const z = logits.data;
  const p = out.data;
  const cols = logits.cols;
  for (let row = 0; row < z.length; row += cols) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = row; j < row + cols; j++) if (z[j]! > max) max = z[j]!;
    let sum = 0;
    for (let j = row; j < row + cols; j++) {
      p[j] = Math.exp(z[j]! - max);
      sum += p[j]!;
    }
    for (let j = row; j < row + cols; j++) p[j] = p[j]! / sum;
  }
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

/**
 * -mean over samples of sum_j Y_ij log(p_ij + epsilon), as students write it
 * (np.log(p + eps)); with `grad`, dL/dp = -Y / ((p + epsilon) N).
 */
export function crossEntropyFromProbabilities(probabilities: Matrix, targets: Targets, epsilon: number, grad?: Matrix): number {
  checkTargets("crossEntropyFromProbabilities", probabilities, targets);
  checkSameShape("crossEntropyFromProbabilities", "grad", grad, probabilities);
  if (!(epsilon >= 0) || !Number.isFinite(epsilon)) {
    throw new EngineArgumentError("crossEntropyFromProbabilities", `epsilon must be a finite number >= 0, got ${epsilon}`);
  }
  const n = probabilities.rows;
  if (n === 0) throw new EngineArgumentError("crossEntropyFromProbabilities", "no samples");
  if (grad !== undefined) {
    const p = probabilities.data;
    const g = grad.data;
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
  return crossEntropyFromProbabilitiesSum(probabilities, targets, epsilon) / n;
}
