/**
 * hw4 q9: softmax regression (784 -> 10, softmax + averaged cross-entropy)
 * on the assignments' MNIST split, Xavier init, Adam. Students pick their
 * own epochs, batches and scaling, so nothing here is graded element by
 * element: the accuracies against the band of the reference's seeds, the
 * reported validation accuracy against the student's own val_predictions,
 * the curves by their shape (the rubric's curve properties).
 */
import {
  accuracyOf,
  asFraction,
  type BandOptions,
  type CachedRun,
  type Flag,
  type PortableEvaluation,
  readLabels,
  type ReferenceTask,
  type SolveContext,
  type TaskSolution,
  type Value,
} from "nngrade/authoring";
import {
  createNetwork,
  imageDataSet,
  mnistSplit,
  mnistSplitLabels,
  NumpyRandomState,
  predictClasses,
  trainNetwork,
} from "nngrade/engine";

/** changes whenever the training below would give other numbers: part of every cache key */
const RUN_VERSION = "hw4-q9-softmax-regression@1";

/**
 * The reference's training setup, printed by `nngrade handout`. Pixels as
 * exported ([0, 1], no z-scoring); weights and biases U(-a, a) with
 * a = sqrt(6 / (784 + 10)), drawn from NumpyRandomState(seed), which then
 * shuffles the training set every epoch (rng.permutation). Losses are the
 * whole sets' averaged cross-entropy after each epoch.
 */
export interface Q9Inputs {
  split_seed: number;
  classes: number;
  /** the pixels as `nngrade data export` writes them */
  pixels: string;
  init: { weights: "xavier_uniform"; bias: "xavier_uniform" };
  optimizer: { kind: "adam"; rho1: number; rho2: number; delta: number };
  lr: number;
  batch: number;
  epochs: number;
  /** the reference seeds the bands are built from */
  seeds: number[];
  /**
   * how accuracies are judged: the band is a normal tolerance interval of
   * the seeds' accuracies holding `coverage` of honest runs at `confidence`,
   * within `range` (compare/band.ts); partial credit down to partial_below
   * under it
   */
  grading: Required<Pick<BandOptions, "method" | "coverage" | "confidence" | "floor" | "range">> & {
    partial_below: number;
    partial_credit: number;
    agree_within: number;
  };
}

export function q9DefaultInputs(): Q9Inputs {
  return {
    split_seed: 0,
    classes: 10,
    pixels: "as exported, in [0, 1], not z-scored",
    init: { weights: "xavier_uniform", bias: "xavier_uniform" },
    optimizer: { kind: "adam", rho1: 0.9, rho2: 0.999, delta: 1e-8 },
    lr: 1e-3,
    batch: 64,
    epochs: 20,
    // K = 30: the runs agree to a few thousandths (0.908-0.914), so 30 seeds pin a 99.5% band to about +-0.0075
    seeds: Array.from({ length: 30 }, (_, i) => i),
    // partial credit down to 0.13 below the band (about 0.78, as with the former +-0.03 band and 0.10): a model that
    // clearly learned but is badly tuned (the seed's 0.79), or trained too short
    grading: {
      method: "tolerance",
      coverage: 0.995,
      confidence: 0.95,
      floor: 0.002,
      range: [0, 1],
      partial_below: 0.13,
      partial_credit: 0.5,
      agree_within: 0.006,
    },
  };
}

interface Q9Run {
  train_accuracy: number;
  val_accuracy: number;
  train_loss: number[];
  val_loss: number[];
  val_predictions: number[];
  [key: string]: Value;
}

const validationLabels = new Map<number, Int32Array>();
const trainCounts = new Map<number, number>();
function trainCount(splitSeed: number): number {
  let count = trainCounts.get(splitSeed);
  if (count === undefined) {
    count = mnistSplitLabels(splitSeed).train.length;
    trainCounts.set(splitSeed, count);
  }
  return count;
}

function labelsOf(splitSeed: number): Int32Array {
  let labels = validationLabels.get(splitSeed);
  if (labels === undefined) {
    labels = mnistSplitLabels(splitSeed).validation;
    validationLabels.set(splitSeed, labels);
  }
  return labels;
}

function trainOnce(inputs: Q9Inputs, seed: number): Q9Run {
  const split = mnistSplit(inputs.split_seed);
  const rng = new NumpyRandomState(seed);
  const network = createNetwork(
    {
      sizes: [split.train.images.length / split.train.count, inputs.classes],
      hidden: "identity",
      output: "softmax",
      weights: { kind: inputs.init.weights },
      bias: { kind: inputs.init.bias },
    },
    rng,
  );
  const validation = imageDataSet(split.validation);
  const { history } = trainNetwork(network, imageDataSet(split.train), validation, {
    epochs: inputs.epochs,
    batchSize: inputs.batch,
    learningRate: inputs.lr,
    loss: { kind: "cross_entropy" },
    optimizer: inputs.optimizer,
    shuffle: "permutation",
    rng,
  });
  return {
    train_accuracy: history.trainAccuracy.at(-1) as number,
    val_accuracy: history.valAccuracy.at(-1) as number,
    train_loss: history.trainLoss,
    val_loss: history.valLoss,
    val_predictions: Array.from(predictClasses(network, validation.x)),
  };
}

/** one seed's run as the cache keeps it: its key and how to train it */
function cachedRun(inputs: Q9Inputs, seed: number): { key: Record<string, unknown>; compute: () => Q9Run } {
  const { grading: _grading, seeds: _seeds, ...setup } = inputs;
  return { key: { run: RUN_VERSION, ...setup, seed }, compute: () => trainOnce(inputs, seed) };
}

function runFor(inputs: Q9Inputs, seed: number, context: SolveContext): Q9Run {
  const { key, compute } = cachedRun(inputs, seed);
  return context.cache.get(key, compute);
}

/** every run q9's solve asks the cache for (a rebuild trains them on all cores first) */
export function q9CachedRuns(inputs: Q9Inputs): CachedRun[] {
  return inputs.seeds.map((seed) => cachedRun(inputs, seed));
}

const fmt = (x: number) => String(Number(x.toFixed(4)));

export const q9: ReferenceTask<Q9Inputs> = {
  id: "q9",
  solve(inputs, _upstream, context): TaskSolution {
    const runs = inputs.seeds.map((seed) => runFor(inputs, seed, context));
    const first = runs[0];
    if (first === undefined) throw new Error("hw4 q9: no reference seeds");
    const trainSamples = runs.map((r) => r.train_accuracy);
    const valSamples = runs.map((r) => r.val_accuracy);
    const { grading, classes } = inputs;
    const { partial_below, partial_credit, agree_within, ...band } = grading;
    // the accuracies' judging as data (nngrade/authoring evaluators): a student bundle carries it, so a self-check
    // grades q9 as the TA's grading does; the validation labels are the exported data set's, which students have
    const judged = { band, partial_below, partial_credit };
    const validation = { labels: Array.from(labelsOf(inputs.split_seed)), classes, set: "the validation set" };
    const portableEvaluations: Record<string, PortableEvaluation> = {
      // a validation accuracy above the band is more than a softmax regression reaches on this split
      val_predictions: { evaluator: "predictions", data: { ...judged, ...validation, samples: valSamples, above: "fail" } },
      val_accuracy: {
        evaluator: "reported-accuracy",
        data: { ...judged, ...validation, samples: valSamples, above: "fail", predictions: "q9.val_predictions", agree_within },
      },
      // a training accuracy may lie above its band: longer training fits the training set better
      train_accuracy: { evaluator: "accuracy", data: { ...judged, samples: trainSamples, above: "pass" } },
    };

    return {
      // one run's numbers, so that they agree with each other; the bands come from all seeds
      answers: { ...first },
      portableEvaluations,
      bands: { train_accuracy: { samples: trainSamples }, val_accuracy: { samples: valSamples } },
      // the counts a loss is averaged over: a summed loss is that many times the mean
      factors: { classes, batch_size: inputs.batch, train_samples: trainCount(inputs.split_seed), validation_samples: labelsOf(inputs.split_seed).length },
      fractions: ["train_accuracy", "val_accuracy"],
      // losses of the whole sets after each epoch, the first after epoch 1
      curves: { train_loss: { x: "epoch", y: "training loss", first: 1 }, val_loss: { x: "epoch", y: "validation loss", first: 1 } },
    };
  },
};

/**
 * Across q9's answers: the reported validation accuracy against the one its
 * own predictions give, and accuracies at chance (a bug, not a fit problem).
 */
export function q9CrossChecks(answers: unknown, inputs: Q9Inputs): Flag[] {
  if (answers === null || typeof answers !== "object" || Array.isArray(answers)) return [];
  const q9Answers = answers as Record<string, Value>;
  const flags: Flag[] = [];
  const { classes, grading } = inputs;
  const chance = 1 / classes;
  const atChance = chance + Math.min(0.25 * chance, 0.025);
  const reported = asFraction(q9Answers.val_accuracy);
  const truth = labelsOf(inputs.split_seed);
  const read = readLabels(q9Answers.val_predictions, truth.length, classes, "val_predictions");
  if (reported !== undefined && !("problem" in read)) {
    const asGiven = read.oneBased ? accuracyOf(q9Answers.val_predictions as number[], truth) : accuracyOf(read.labels, truth);
    if (Math.abs(reported - asGiven) > grading.agree_within) {
      const shifted = read.oneBased ? ` (read as 1-based labels, ${fmt(accuracyOf(read.labels, truth))})` : "";
      flags.push({
        code: "reported-vs-computed",
        message: `q9: val_accuracy says ${fmt(reported)}, but val_predictions score ${fmt(asGiven)} on the validation labels${shifted}`,
      });
    }
  }
  for (const key of ["train_accuracy", "val_accuracy"]) {
    const value = asFraction(q9Answers[key]);
    if (value !== undefined && value <= atChance) {
      flags.push({ code: "below-chance", message: `q9: ${key} ${fmt(value)} is at chance (1/${classes}): the model did not learn, look for a bug` });
    }
  }
  return flags;
}
