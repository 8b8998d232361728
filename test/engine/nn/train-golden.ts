/** nn-train.json's runs, turned into the engine's options (the configs are written in the engine's terms). */
import { Matrix } from "../../../src/engine/matrix.ts";
import type { ActivationName, ActivationSpec } from "../../../src/engine/activations.ts";
import type { Initializer } from "../../../src/engine/nn/initializers.ts";
import type { LossSpec } from "../../../src/engine/nn/loss-head.ts";
import type { DataSet } from "../../../src/engine/nn/metrics.ts";
import { createNetwork, type Network, type NetworkSpec } from "../../../src/engine/nn/network.ts";
import type { OptimizerSpec } from "../../../src/engine/nn/optimizers.ts";
import type { L2Spec } from "../../../src/engine/nn/regularization.ts";
import type { ShuffleMode, TrainOptions } from "../../../src/engine/nn/training.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { type GoldenArray, loadGolden, toMatrix } from "./golden.ts";

export interface RunConfig {
  name: string;
  data: "classify" | "autoencoder" | "regression";
  seed: number;
  sizes: number[];
  hidden: ActivationName | ActivationSpec;
  output: ActivationName | ActivationSpec;
  weights: Initializer | Initializer[];
  bias?: Initializer | Initializer[];
  drawShape?: NetworkSpec["drawShape"];
  drawOrder?: NetworkSpec["drawOrder"];
  epochs: number;
  batchSize: number;
  learningRate: number;
  loss: LossSpec;
  optimizer?: OptimizerSpec;
  l2?: L2Spec;
  shuffle?: ShuffleMode;
  learningRateDecay?: TrainOptions["learningRateDecay"];
  earlyStopping?: TrainOptions["earlyStopping"];
  dropout?: { keepProb: number };
  snapshotEpochs?: number[];
}

export interface GoldenRun {
  config: RunConfig;
  history: Record<"trainLoss" | "trainAccuracy" | "valLoss" | "valAccuracy" | "batchLoss" | "learningRate", number[]>;
  epochsRun: number;
  bestEpoch: number | null;
  stoppedEarly: boolean;
  snapshots: Array<{ epoch: number; layers: Array<{ meanAbs: number; saturated: number }> }>;
  final: Array<{ W: GoldenArray; b: GoldenArray }>;
}

interface TrainGolden {
  data: {
    classify: { X: GoldenArray; y: number[]; Xv: GoldenArray; yv: number[] };
    regression: { X: GoldenArray; T: GoldenArray };
  };
  runs: GoldenRun[];
}

export const trainGolden = loadGolden<TrainGolden>("nn-train.json");

function identity8(): Matrix {
  const m = new Matrix(8, 8);
  for (let i = 0; i < 8; i++) m.data[i * 9] = 1;
  return m;
}

export function runData(config: RunConfig): { train: DataSet; validation?: DataSet } {
  const { classify, regression } = trainGolden.data;
  switch (config.data) {
    case "classify":
      return {
        train: { x: toMatrix(classify.X), targets: Int32Array.from(classify.y) },
        validation: { x: toMatrix(classify.Xv), targets: Int32Array.from(classify.yv) },
      };
    case "autoencoder":
      return { train: { x: identity8(), targets: identity8() }, validation: { x: identity8(), targets: identity8() } };
    case "regression":
      return { train: { x: toMatrix(regression.X), targets: toMatrix(regression.T) } };
  }
}

/** the run's network and options on one stream seeded as numpy's: init first, then shuffles and dropout */
export function buildRun(config: RunConfig): { network: Network; options: TrainOptions; rng: NumpyRandomState } {
  const rng = new NumpyRandomState(config.seed);
  const network = createNetwork(
    {
      sizes: config.sizes,
      hidden: config.hidden,
      output: config.output,
      weights: config.weights,
      bias: config.bias,
      drawShape: config.drawShape,
      drawOrder: config.drawOrder,
    },
    rng,
  );
  const options: TrainOptions = {
    epochs: config.epochs,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    loss: config.loss,
    optimizer: config.optimizer,
    l2: config.l2,
    shuffle: config.shuffle,
    rng,
    learningRateDecay: config.learningRateDecay,
    earlyStopping: config.earlyStopping,
    dropout: config.dropout,
    snapshotEpochs: config.snapshotEpochs,
  };
  return { network, options, rng };
}
