/**
 * Mini-batch training of a dense network, in place. One epoch, as a numpy
 * loop writes it:
 *
 *   order = rng.permutation(N)              # shuffle "permutation" (default)
 *         | rng.shuffle(order) on the same array every epoch   ("shuffle_in_place")
 *         | arange(N)                       # "none"
 *   for start in range(0, N, batch):        # the last batch may be smaller
 *       idx = order[start:start + batch]
 *       forward (dropout masks drawn here), loss, backward, + L2 gradient
 *       optimizer step with lr; lr *= factor   (decay "iteration")
 *   lr *= factor                            # decay "epoch"
 *   evaluate train and validation on the whole sets (no dropout)
 *
 * Histories hold one value per epoch, after that epoch's updates; losses
 * include the L2 penalty. Early stopping watches the validation loss: after
 * `patience` epochs in a row without a loss below best - minDelta it stops;
 * at the end of the run, stopped or not, the best epoch's weights are put
 * back unless restoreBest is false (Keras's restore_best_weights). A batch
 * loss that is not finite marks the run diverged and ends it after that epoch.
 */
import { checkFinite, checkNonNegativeInteger, checkPositiveInteger, EngineArgumentError } from "../errors.ts";
import { Matrix } from "../matrix.ts";
import type { NumpyRandomState } from "../random/numpy-random-state.ts";
import { checkLossFits, type LossSpec, lossDivisor, lossSum, writeOutputGradient } from "./loss-head.ts";
import type { Targets } from "../losses.ts";
import { checkDataSet, type DataSet, evaluate } from "./metrics.ts";
import { cloneNetwork, copyParameters, createGradients, gradientBuffers, type Network, parameterBuffers } from "./network.ts";
import { createOptimizer, type OptimizerSpec } from "./optimizers.ts";
import { backward, checkDropout, type Dropout, forward, WorkspacePool } from "./propagation.ts";
import { addL2Gradient, checkL2, type L2Spec, l2Penalty } from "./regularization.ts";
import { type ActivationSnapshot, activationStats } from "./snapshots.ts";

/** how each epoch orders the samples (see the table above) */
export type ShuffleMode = "permutation" | "shuffle_in_place" | "none";

/** trainNetwork's settings: epochs, batch size, learning rate and its decay, loss, optimiser, regularisation, dropout, early stopping, and the rng that shuffles */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  loss: LossSpec;
  /** sgd unless given */
  optimizer?: OptimizerSpec;
  l2?: L2Spec;
  shuffle?: ShuffleMode;
  /** the stream batches are shuffled from (and dropout masks drawn from, unless dropout has its own) */
  rng?: NumpyRandomState;
  learningRateDecay?: { factor: number; every: "epoch" | "iteration" };
  earlyStopping?: { patience: number; minDelta?: number; restoreBest?: boolean };
  dropout?: { keepProb: number; rng?: NumpyRandomState };
  /** epochs after which to record activation statistics; 0 is before training */
  snapshotEpochs?: readonly number[];
  /** inputs for the snapshots: the validation inputs, or the training inputs without validation */
  snapshotInputs?: Matrix;
  /** a full pass over the training set after every epoch (default true) */
  evaluateTrain?: boolean;
}

/** per-epoch losses, accuracies and learning rates of a training run */
export interface TrainHistory {
  /** whole training set after the epoch; empty when evaluateTrain is false */
  trainLoss: number[];
  trainAccuracy: number[];
  /** whole validation set after the epoch; empty without validation data */
  valLoss: number[];
  valAccuracy: number[];
  /** mean over the epoch's batches of each batch's loss, taken before its update (with dropout) */
  batchLoss: number[];
  /** the rate each epoch started with */
  learningRate: number[];
}

/** what trainNetwork reports: its history, the epochs run, and how the run ended */
export interface TrainResult {
  history: TrainHistory;
  epochsRun: number;
  /** the epoch with the lowest validation loss (1-based), when early stopping watched one */
  bestEpoch: number | null;
  stoppedEarly: boolean;
  diverged: boolean;
  snapshots: ActivationSnapshot[];
}

function checkOptions(network: Network, train: DataSet, validation: DataSet | undefined, options: TrainOptions): void {
  checkNonNegativeInteger("train", "epochs", options.epochs);
  checkPositiveInteger("train", "batchSize", options.batchSize);
  checkFinite("train", "learningRate", options.learningRate);
  checkLossFits("train", network, options.loss);
  checkDataSet("train", network, train, "train");
  if (validation !== undefined) checkDataSet("train", network, validation, "validation");
  if (options.l2 !== undefined) checkL2("train", options.l2);
  const shuffle = options.shuffle ?? "permutation";
  if (!["permutation", "shuffle_in_place", "none"].includes(shuffle)) throw new EngineArgumentError("train", `unknown shuffle ${shuffle}`);
  if (shuffle !== "none" && options.rng === undefined) throw new EngineArgumentError("train", `shuffle "${shuffle}" needs an rng`);
  if (options.dropout !== undefined) {
    checkDropout("train", options.dropout.keepProb);
    if ((options.dropout.rng ?? options.rng) === undefined) throw new EngineArgumentError("train", "dropout needs an rng");
  }
  const decay = options.learningRateDecay;
  if (decay !== undefined) {
    checkFinite("train", "learningRateDecay.factor", decay.factor);
    if (decay.every !== "epoch" && decay.every !== "iteration") throw new EngineArgumentError("train", `learningRateDecay.every must be epoch or iteration`);
  }
  const stopping = options.earlyStopping;
  if (stopping !== undefined) {
    if (validation === undefined) throw new EngineArgumentError("train", "early stopping needs validation data");
    checkPositiveInteger("train", "earlyStopping.patience", stopping.patience);
    if (stopping.minDelta !== undefined) checkFinite("train", "earlyStopping.minDelta", stopping.minDelta);
  }
  for (const epoch of options.snapshotEpochs ?? []) checkNonNegativeInteger("train", "snapshot epoch", epoch);
}

/** the rows of a batch, gathered into buffers kept per batch size */
class BatchGatherer {
  private readonly buffers = new Map<number, { x: Matrix; targets: Targets }>();

  constructor(private readonly data: DataSet) {}

  gather(order: ArrayLike<number>, start: number, rows: number): { x: Matrix; targets: Targets } {
    const { x, targets } = this.data;
    let batch = this.buffers.get(rows);
    if (batch === undefined) {
      const batchTargets = targets instanceof Int32Array ? new Int32Array(rows) : new Matrix(rows, targets.cols);
      batch = { x: new Matrix(rows, x.cols), targets: batchTargets };
      this.buffers.set(rows, batch);
    }
    const cols = x.cols;
    for (let i = 0; i < rows; i++) {
      const source = order[start + i]!;
      batch.x.data.set(x.data.subarray(source * cols, (source + 1) * cols), i * cols);
      if (targets instanceof Int32Array) (batch.targets as Int32Array)[i] = targets[source]!;
      else (batch.targets as Matrix).data.set(targets.data.subarray(source * targets.cols, (source + 1) * targets.cols), i * targets.cols);
    }
    return batch;
  }
}

function emptyHistory(): TrainHistory {
  return { trainLoss: [], trainAccuracy: [], valLoss: [], valAccuracy: [], batchLoss: [], learningRate: [] };
}

/** trains `network` in place on `train`, evaluating on `validation` after every epoch */
export function trainNetwork(network: Network, train: DataSet, validation: DataSet | undefined, options: TrainOptions): TrainResult {
  checkOptions(network, train, validation, options);
  const n = train.x.rows;
  const shuffle = options.shuffle ?? "permutation";
  const dropout: Dropout | undefined =
    options.dropout === undefined ? undefined : { keepProb: options.dropout.keepProb, rng: (options.dropout.rng ?? options.rng)! };
  const pool = new WorkspacePool(network);
  const gatherer = new BatchGatherer(train);
  const grads = createGradients(network);
  const params = parameterBuffers(network);
  const gradList = gradientBuffers(grads);
  const optimizer = createOptimizer(options.optimizer ?? { kind: "sgd" });
  const outputs = network.layers.at(-1)!.weights.cols;
  const history = emptyHistory();
  const snapshots: ActivationSnapshot[] = [];
  const snapshotEpochs = new Set(options.snapshotEpochs ?? []);
  const snapshotInputs = options.snapshotInputs ?? validation?.x ?? train.x;
  const stopping = options.earlyStopping;
  const best = stopping === undefined ? undefined : { loss: Number.POSITIVE_INFINITY, epoch: 0, network: cloneNetwork(network), wait: 0 };
  const decay = options.learningRateDecay;
  let order: number[] = Array.from({ length: n }, (_, i) => i);
  let lr = options.learningRate;
  let diverged = false;
  let stoppedEarly = false;
  let epochsRun = 0;

  if (snapshotEpochs.has(0)) snapshots.push({ epoch: 0, layers: activationStats(network, snapshotInputs, pool) });
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    history.learningRate.push(lr);
    if (shuffle === "permutation") order = options.rng!.permutation(n);
    else if (shuffle === "shuffle_in_place") options.rng!.shuffle(order);
    let batchLossTotal = 0;
    let batches = 0;
    for (let start = 0; start < n; start += options.batchSize) {
      const rows = Math.min(options.batchSize, n - start);
      const batch = gatherer.gather(order, start, rows);
      const ws = pool.get(rows, true, dropout !== undefined);
      forward(network, batch.x, ws, dropout);
      let batchLoss = lossSum(options.loss, ws, batch.targets) / lossDivisor(options.loss, rows, outputs);
      if (options.l2 !== undefined) batchLoss += l2Penalty(network, options.l2);
      if (!Number.isFinite(batchLoss)) diverged = true;
      batchLossTotal += batchLoss;
      batches++;
      writeOutputGradient(options.loss, ws, batch.targets);
      backward(network, batch.x, ws, grads);
      if (options.l2 !== undefined) addL2Gradient(network, options.l2, grads);
      optimizer.step(params, gradList, lr);
      if (decay?.every === "iteration") lr *= decay.factor;
    }
    if (decay?.every === "epoch") lr *= decay.factor;
    epochsRun = epoch;
    history.batchLoss.push(batchLossTotal / batches);
    if (options.evaluateTrain ?? true) {
      const result = evaluate(network, train, options.loss, { l2: options.l2, pool });
      history.trainLoss.push(result.loss);
      history.trainAccuracy.push(result.accuracy);
    }
    if (validation !== undefined) {
      const result = evaluate(network, validation, options.loss, { l2: options.l2, pool });
      history.valLoss.push(result.loss);
      history.valAccuracy.push(result.accuracy);
    }
    if (snapshotEpochs.has(epoch)) snapshots.push({ epoch, layers: activationStats(network, snapshotInputs, pool) });
    if (diverged) break;
    if (best !== undefined && stopping !== undefined) {
      const valLoss = history.valLoss.at(-1)!;
      if (valLoss < best.loss - (stopping.minDelta ?? 0)) {
        best.loss = valLoss;
        best.epoch = epoch;
        best.wait = 0;
        copyParameters(network, best.network);
      } else if (++best.wait >= stopping.patience) {
        stoppedEarly = true;
        break;
      }
    }
  }
  if (best !== undefined && best.epoch > 0 && best.epoch !== epochsRun && (stopping?.restoreBest ?? true)) {
    copyParameters(best.network, network);
  }
  return { history, epochsRun, bestEpoch: best === undefined || best.epoch === 0 ? null : best.epoch, stoppedEarly, diverged, snapshots };
}
