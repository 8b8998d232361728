/** Predictions, accuracy, the confusion matrix, and a network's loss and accuracy over a data set. */
import type { ImageSet } from "../data/types.ts";
import { checkPositiveInteger, EngineArgumentError } from "../errors.ts";
import { Matrix } from "../matrix.ts";
import { checkLossFits, type LossSpec, lossDivisor, lossSum } from "./loss-head.ts";
import type { Targets } from "../losses.ts";
import type { Network } from "./network.ts";
import { forEachChunk, WorkspacePool } from "./propagation.ts";
import { type L2Spec, l2Penalty } from "./regularization.ts";

/** np.argmax per row: the first largest, and the first NaN if a row has one */
export function argmaxRows(m: Matrix, out = new Int32Array(m.rows)): Int32Array {
  const { data, cols } = m;
  for (let i = 0; i < m.rows; i++) {
    const row = i * cols;
    let best = 0;
    let bestValue = data[row]!;
    if (!Number.isNaN(bestValue)) {
      for (let j = 1; j < cols; j++) {
        const v = data[row + j]!;
        if (Number.isNaN(v)) {
          best = j;
          break;
        }
        if (v > bestValue) {
          best = j;
          bestValue = v;
        }
      }
    }
    out[i] = best;
  }
  return out;
}

/** the class of each target row: the label, or the argmax of a one-hot (or soft) row */
export function targetClasses(targets: Targets): Int32Array {
  return targets instanceof Int32Array ? targets : argmaxRows(targets);
}

/** the share of predictions equal to the labels */
export function accuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predictions.length !== labels.length) {
    throw new EngineArgumentError("accuracy", `${predictions.length} predictions for ${labels.length} labels`);
  }
  if (labels.length === 0) throw new EngineArgumentError("accuracy", "no samples");
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}

/** counts[true class][predicted class], as sklearn's confusion_matrix */
export function confusionMatrix(predictions: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number[][] {
  checkPositiveInteger("confusionMatrix", "classes", classes);
  if (predictions.length !== labels.length) {
    throw new EngineArgumentError("confusionMatrix", `${predictions.length} predictions for ${labels.length} labels`);
  }
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const truth = labels[i]!;
    const predicted = predictions[i]!;
    for (const [name, value] of [["label", truth], ["prediction", predicted]] as const) {
      if (!Number.isInteger(value) || value < 0 || value >= classes) {
        throw new EngineArgumentError("confusionMatrix", `${name} ${i} is ${value}, expected an integer in [0, ${classes})`);
      }
    }
    counts[truth]![predicted]! += 1;
  }
  return counts;
}

/** samples and their targets, as training and evaluation take them */
export interface DataSet {
  /** one sample per row */
  x: Matrix;
  targets: Targets;
}

/** an image set (one image per row) as a data set; the pixels are shared, not copied */
export function imageDataSet(set: ImageSet): DataSet {
  if (set.count === 0 || set.images.length % set.count !== 0) {
    throw new EngineArgumentError("imageDataSet", `${set.images.length} pixels do not split into ${set.count} images`);
  }
  return { x: new Matrix(set.count, set.images.length / set.count, set.images), targets: set.labels };
}

/** a network's loss and accuracy on a data set */
export interface Evaluation {
  /** the data loss averaged as the loss's convention says, plus the L2 penalty when one is given */
  loss: number;
  accuracy: number;
}

/** a data set's rows [start, start + rows) as a view, without copying */
export function rowsView(m: Matrix, start: number, rows: number): Matrix {
  return new Matrix(rows, m.cols, m.data.subarray(start * m.cols, (start + rows) * m.cols));
}

function targetsView(targets: Targets, start: number, rows: number): Targets {
  return targets instanceof Int32Array ? targets.subarray(start, start + rows) : rowsView(targets, start, rows);
}

export function checkDataSet(op: string, network: Network, data: DataSet, name: string): void {
  const inputs = network.layers[0]!.weights.rows;
  const outputs = network.layers.at(-1)!.weights.cols;
  if (!(data.x instanceof Matrix)) throw new EngineArgumentError(op, `${name}.x must be a Matrix`);
  if (data.x.cols !== inputs) throw new EngineArgumentError(op, `${name}.x is ${data.x.shape}, the network takes ${inputs} inputs`);
  if (data.x.rows === 0) throw new EngineArgumentError(op, `${name} has no samples`);
  const { targets } = data;
  if (targets instanceof Int32Array) {
    if (targets.length !== data.x.rows) throw new EngineArgumentError(op, `${name} has ${targets.length} labels for ${data.x.rows} samples`);
    targets.forEach((label, i) => {
      if (label < 0 || label >= outputs) throw new EngineArgumentError(op, `${name} label ${i} is ${label}, expected [0, ${outputs})`);
    });
  } else if (!(targets instanceof Matrix) || targets.rows !== data.x.rows || targets.cols !== outputs) {
    const shape = targets instanceof Matrix ? targets.shape : typeof targets;
    throw new EngineArgumentError(op, `${name} targets are ${shape}, expected ${data.x.rows}x${outputs} or ${data.x.rows} labels`);
  }
}

/** loss and accuracy of the whole data set, forward in chunks, no dropout */
export function evaluate(
  network: Network,
  data: DataSet,
  loss: LossSpec,
  options: { l2?: L2Spec; pool?: WorkspacePool; chunkRows?: number } = {},
): Evaluation {
  checkLossFits("evaluate", network, loss);
  checkDataSet("evaluate", network, data, "data");
  const pool = options.pool ?? new WorkspacePool(network);
  const outputs = network.layers.at(-1)!.weights.cols;
  const classes = targetClasses(data.targets);
  let sum = 0;
  let correct = 0;
  const predicted = new Int32Array(Math.min(options.chunkRows ?? 1000, data.x.rows));
  forEachChunk(network, data.x, pool, options.chunkRows ?? 1000, (start, ws) => {
    sum = lossSum(loss, ws, targetsView(data.targets, start, ws.rows), sum);
    const chunkPredictions = argmaxRows(ws.a.at(-1)!, predicted.subarray(0, ws.rows));
    for (let i = 0; i < ws.rows; i++) if (chunkPredictions[i] === classes[start + i]) correct++;
  });
  const dataLoss = sum / lossDivisor(loss, data.x.rows, outputs);
  return {
    loss: options.l2 === undefined ? dataLoss : dataLoss + l2Penalty(network, options.l2),
    accuracy: correct / data.x.rows,
  };
}

/** the predicted class of each row of x */
export function predictClasses(network: Network, x: Matrix, pool = new WorkspacePool(network)): Int32Array {
  const out = new Int32Array(x.rows);
  forEachChunk(network, x, pool, 1000, (start, ws) => {
    argmaxRows(ws.a.at(-1)!, out.subarray(start, start + ws.rows));
  });
  return out;
}
