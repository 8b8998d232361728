/**
 * The cs231n / HLCV two-layer net (hlcv-two-layer-net): ReLU hidden layer,
 * softmax output, loss = mean cross-entropy + reg * (sum W1^2 + sum W2^2),
 * gradients with 2 reg W. Built from the engine's layers; the training loop
 * is the handout's `TwoLayerNet.train`, stream for stream:
 *
 *   iterations_per_epoch = max(num_train / batch_size, 1)
 *   for it in range(num_iters):
 *       idx = np.random.choice(num_train, batch_size)      # with replacement
 *       loss, grads = self.loss(X[idx], y=y[idx], reg=reg)
 *       loss_history.append(loss)                        # before the update
 *       params -= learning_rate * grads
 *       if it % iterations_per_epoch == 0:               # true at it = 0 too
 *           train_acc on the batch, val_acc on X_val
 *           learning_rate *= learning_rate_decay
 *
 * The notebook's "final training loss" is loss_history[-1].
 */
import { checkNonNegativeInteger, checkPositiveInteger } from "../errors.ts";
import { Matrix } from "../matrix.ts";
import type { NumpyRandomState } from "../random/numpy-random-state.ts";
import type { TwoLayerParams } from "../data/toy-cs231n.ts";
import type { LossSpec } from "./loss-head.ts";
import { lossDivisor, lossSum, writeOutputGradient } from "./loss-head.ts";
import { accuracy, argmaxRows, checkDataSet, predictClasses } from "./metrics.ts";
import { createGradients, gradientBuffers, type Network, type NetworkGradients, networkFromLayers, parameterBuffers } from "./network.ts";
import { createOptimizer, type OptimizerSpec } from "./optimizers.ts";
import { backward, forward, WorkspacePool } from "./propagation.ts";
import { addL2Gradient, type L2Spec, l2Penalty } from "./regularization.ts";

const CROSS_ENTROPY: LossSpec = { kind: "cross_entropy" };

function regularizer(reg: number): L2Spec {
  return { lambda: reg, convention: "full" };
}

/** the handout's params as a network: relu(X W1 + b1) W2 + b2, softmax */
export function twoLayerNet(params: TwoLayerParams): Network {
  const matrix = (m: { rows: number; cols: number; data: Float64Array }) => new Matrix(m.rows, m.cols, m.data);
  return networkFromLayers([
    { weights: matrix(params.W1), bias: params.b1, activation: "relu" },
    { weights: matrix(params.W2), bias: params.b2, activation: "softmax" },
  ]);
}

/** what TwoLayerNet.loss returns: scores, loss and gradients */
export interface LossAndGradients {
  /** softmax probabilities, one row per sample */
  scores: Matrix;
  loss: number;
  grads: NetworkGradients;
}

/** TwoLayerNet.loss(X, y, reg) for any depth of this kind of network: scores, loss and gradients */
export function softmaxNetLoss(network: Network, x: Matrix, y: Int32Array, reg: number, pool = new WorkspacePool(network)): LossAndGradients {
  checkDataSet("softmaxNetLoss", network, { x, targets: y }, "data");
  const ws = pool.get(x.rows, true);
  forward(network, x, ws);
  const scores = new Matrix(x.rows, ws.a.at(-1)!.cols, Float64Array.from(ws.a.at(-1)!.data));
  const loss = lossSum(CROSS_ENTROPY, ws, y) / lossDivisor(CROSS_ENTROPY, x.rows, scores.cols) + l2Penalty(network, regularizer(reg));
  const grads = createGradients(network);
  writeOutputGradient(CROSS_ENTROPY, ws, y);
  backward(network, x, ws, grads);
  addL2Gradient(network, regularizer(reg), grads);
  return { scores, loss, grads };
}

/** TwoLayerNet.train's arguments */
export interface Cs231nTrainOptions {
  learningRate: number;
  learningRateDecay: number;
  reg: number;
  numIters: number;
  batchSize: number;
  /** the handout's plain SGD unless given */
  optimizer?: OptimizerSpec;
}

/** TwoLayerNet.train's default arguments */
export const CS231N_TRAIN_DEFAULTS: Cs231nTrainOptions = {
  learningRate: 1e-3,
  learningRateDecay: 0.95,
  reg: 5e-6,
  numIters: 100,
  batchSize: 200,
};

/** what TwoLayerNet.train returns: loss per iteration, accuracies per epoch */
export interface Cs231nTrainStats {
  lossHistory: number[];
  trainAccHistory: number[];
  valAccHistory: number[];
}

/** TwoLayerNet.train: trains `network` in place, batches drawn from `rng` (the notebook's global stream) */
export function trainCs231n(
  network: Network,
  train: { x: Matrix; y: Int32Array },
  validation: { x: Matrix; y: Int32Array },
  rng: NumpyRandomState,
  options: Partial<Cs231nTrainOptions> = {},
): Cs231nTrainStats {
  const settings = { ...CS231N_TRAIN_DEFAULTS, ...options };
  checkNonNegativeInteger("trainCs231n", "numIters", settings.numIters);
  checkPositiveInteger("trainCs231n", "batchSize", settings.batchSize);
  checkDataSet("trainCs231n", network, { x: train.x, targets: train.y }, "train");
  checkDataSet("trainCs231n", network, { x: validation.x, targets: validation.y }, "validation");
  const numTrain = train.x.rows;
  const { batchSize, reg } = settings;
  const iterationsPerEpoch = Math.max(numTrain / batchSize, 1);
  const pool = new WorkspacePool(network);
  const batchX = new Matrix(batchSize, train.x.cols);
  const batchY = new Int32Array(batchSize);
  const grads = createGradients(network);
  const params = parameterBuffers(network);
  const gradList = gradientBuffers(grads);
  const optimizer = createOptimizer(settings.optimizer ?? { kind: "sgd" });
  const ws = pool.get(batchSize, true);
  const stats: Cs231nTrainStats = { lossHistory: [], trainAccHistory: [], valAccHistory: [] };
  let lr = settings.learningRate;
  const cols = train.x.cols;
  for (let it = 0; it < settings.numIters; it++) {
    const picks = rng.choice(numTrain, batchSize).data;
    for (let i = 0; i < batchSize; i++) {
      const source = picks[i]!;
      batchX.data.set(train.x.data.subarray(source * cols, (source + 1) * cols), i * cols);
      batchY[i] = train.y[source]!;
    }
    forward(network, batchX, ws);
    stats.lossHistory.push(lossSum(CROSS_ENTROPY, ws, batchY) / batchSize + l2Penalty(network, regularizer(reg)));
    writeOutputGradient(CROSS_ENTROPY, ws, batchY);
    backward(network, batchX, ws, grads);
    addL2Gradient(network, regularizer(reg), grads);
    optimizer.step(params, gradList, lr);
    // JavaScript's % on positive doubles is C's fmod, as Python's float % is for positive operands
    if (it % iterationsPerEpoch === 0) {
      stats.trainAccHistory.push(accuracy(argmaxRows(predictOnce(network, batchX, pool)), batchY));
      stats.valAccHistory.push(accuracy(predictClasses(network, validation.x, pool), validation.y));
      lr *= settings.learningRateDecay;
    }
  }
  return stats;
}

/** the network's output for x, after the update (the handout's self.predict) */
function predictOnce(network: Network, x: Matrix, pool: WorkspacePool): Matrix {
  const ws = pool.get(x.rows, false);
  forward(network, x, ws);
  return ws.a.at(-1)!;
}
