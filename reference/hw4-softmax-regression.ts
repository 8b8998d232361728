/**
 * hw4 q9: softmax regression (784 -> 10, softmax + averaged cross-entropy)
 * on the assignments' MNIST split, Xavier init, Adam. Students pick their
 * own epochs, batches and scaling, so nothing here is graded element by
 * element: the accuracies against the band of the reference's seeds, the
 * reported validation accuracy against the student's own val_predictions,
 * the curves by their shape (the rubric's curve properties).
 */
import { bandOf, type BandOptions, beyondReference, type CachedRun, type Evaluation, type Flag, type ReferenceTask, type SolveContext, type TaskSolution, unverifiedFlag, type Value } from "nngrade/authoring";
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

/** an accuracy as a fraction: 0..1 as it is, (1, 100] read as a percentage */
function asFraction(value: Value | undefined): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) return undefined;
  return value <= 1 ? value : value / 100;
}

/** labels as given (0-based), or shifted down when every one is in 1..classes and one is `classes` */
type Labels = { labels: number[]; oneBased: boolean } | { problem: string };

function readLabels(value: Value | undefined, count: number, classes: number): Labels {
  if (!Array.isArray(value)) return { problem: "val_predictions is not a list of labels" };
  if (value.length !== count) return { problem: `val_predictions has ${value.length} labels, the validation set ${count}` };
  if (!value.every((v) => typeof v === "number" && Number.isInteger(v))) return { problem: "val_predictions must be whole-number labels" };
  const labels = value as number[];
  if (labels.every((v) => v >= 0 && v < classes)) return { labels, oneBased: false };
  if (labels.every((v) => v >= 1 && v <= classes)) return { labels: labels.map((v) => v - 1), oneBased: true };
  return { problem: `val_predictions must be labels 0-${classes - 1}` };
}

function accuracyOf(labels: readonly number[], truth: Int32Array): number {
  let correct = 0;
  labels.forEach((label, i) => {
    if (label === truth[i]) correct++;
  });
  return correct / truth.length;
}

const fmt = (x: number) => String(Number(x.toFixed(4)));

/**
 * An accuracy against the seeds' band: inside it, full credit; below it but
 * within partial_below, the partial credit (the model learned, but is badly
 * tuned); lower, nothing. A training accuracy may lie above its band (longer
 * training fits the training set better); a validation accuracy above its
 * band is more than a softmax regression reaches here.
 */
function bandVerdict(accuracy: number, samples: number[], grading: Q9Inputs["grading"], upperBound: boolean) {
  const { low, high, mean, basis } = bandOf(samples, grading);
  const band = `${fmt(low)}–${fmt(high)} (${basis})`;
  if (accuracy >= low && accuracy <= high) return { score: 1, message: `within the reference band ${band}` };
  if (accuracy > high && !upperBound) return { score: 1, message: `above the reference band ${band}: a longer fit` };
  if (accuracy > high) return { score: 0, message: `above the reference band ${band}: more than a softmax regression reaches on this split` };
  if (accuracy >= low - grading.partial_below) {
    return { score: grading.partial_credit, message: `below the reference band ${band}: the model learned, but a tuned one reaches about ${fmt(mean)}` };
  }
  return { score: 0, message: `far below the reference band ${band}` };
}

export const q9: ReferenceTask<Q9Inputs> = {
  id: "q9",
  solve(inputs, upstream, context): TaskSolution {
    const runs = inputs.seeds.map((seed) => runFor(inputs, seed, context));
    const first = runs[0];
    if (first === undefined) throw new Error("hw4 q9: no reference seeds");
    const trainSamples = runs.map((r) => r.train_accuracy);
    const valSamples = runs.map((r) => r.val_accuracy);
    const { grading, classes } = inputs;
    const count = first.val_predictions.length;

    const judgePredictions = (received: Value) => {
      const read = readLabels(received, count, classes);
      if ("problem" in read) return { score: 0, message: read.problem };
      const computed = accuracyOf(read.labels, labelsOf(inputs.split_seed));
      const verdict = bandVerdict(computed, valSamples, grading, true);
      if (!read.oneBased) return { score: verdict.score, message: `your predictions score ${fmt(computed)}, ${verdict.message}` };
      return {
        score: verdict.score * grading.partial_credit,
        message: `labels look 1-based (0-based here): read so, your predictions score ${fmt(computed)}, ${verdict.message}`,
      };
    };

    // a validation accuracy past every seed and the band: the flag of beyondReference, whatever else is said
    const beyond = (reported: number) => beyondReference("q9.val_accuracy", reported, valSamples, bandOf(valSamples, grading), "higher");

    // the student's own predictions, when the grader passes them: the reported accuracy must be theirs
    const judgeValAccuracy = (received: Value): Evaluation => {
      const reported = asFraction(received);
      if (reported === undefined) return { score: 0, message: "an accuracy is a number between 0 and 1" };
      const own = upstream.get("q9.val_predictions");
      const read = own === undefined ? undefined : readLabels(own, count, classes);
      if (read === undefined || "problem" in read) {
        // a plausible accuracy nothing can check: the rubric's partial credit at most, and the TA is told
        const verdict = bandVerdict(reported, valSamples, grading, true);
        const unchecked: Evaluation = {
          score: verdict.score * grading.partial_credit,
          message: `${fmt(reported)}, ${verdict.message}; no readable val_predictions to check it against`,
        };
        if (unchecked.score > 0) {
          unchecked.flag = unverifiedFlag(`q9: val_accuracy ${fmt(reported)} is not checked (no readable val_predictions): partial credit at most`);
        }
        const above = beyond(reported);
        if (above !== undefined) unchecked.flag = above;
        return unchecked;
      }
      const computed = accuracyOf(read.labels, labelsOf(inputs.split_seed));
      if (Math.abs(reported - computed) > grading.agree_within) {
        const disagrees: Evaluation = { score: 0, message: `reported ${fmt(reported)}, but your val_predictions score ${fmt(computed)} on the validation labels` };
        const above = beyond(reported);
        return above === undefined ? disagrees : { ...disagrees, flag: above };
      }
      const verdict = bandVerdict(reported, valSamples, grading, true);
      const above = beyond(reported);
      const judged = { score: verdict.score, message: `${fmt(reported)}, the accuracy of your val_predictions, ${verdict.message}` };
      return above === undefined ? judged : { ...judged, flag: above };
    };

    const judgeTrainAccuracy = (received: Value) => {
      const reported = asFraction(received);
      if (reported === undefined) return { score: 0, message: "an accuracy is a number between 0 and 1" };
      const verdict = bandVerdict(reported, trainSamples, grading, false);
      return { score: verdict.score, message: `${fmt(reported)}, ${verdict.message}` };
    };

    return {
      // one run's numbers, so that they agree with each other; the bands come from all seeds
      answers: { ...first },
      evaluations: { val_predictions: judgePredictions, val_accuracy: judgeValAccuracy, train_accuracy: judgeTrainAccuracy },
      bands: { train_accuracy: { samples: trainSamples }, val_accuracy: { samples: valSamples } },
      // the counts a loss is averaged over: a summed loss is that many times the mean
      factors: { classes, batch_size: inputs.batch, train_samples: trainCount(inputs.split_seed), validation_samples: labelsOf(inputs.split_seed).length },
      fractions: ["train_accuracy", "val_accuracy"],
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
  const read = readLabels(q9Answers.val_predictions, truth.length, classes);
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
