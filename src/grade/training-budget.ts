/**
 * How much training a student's own choices may ask the grader for. A
 * reference that trains a configuration the student picked (hw3b t4 retrains
 * the best trial of their search) asks retrainingRefusal first: outside the
 * ranges, or past the budget, it does not train, and the result the student
 * claims for that configuration earns no credit (the verdict raises an
 * "unverified" flag for the TA instead). Without this, one submission could
 * hold a worker for minutes: 1997 hidden layers of one unit, batch 1, cost
 * 133 s of training while a cap on multiply-adds per sample let it through.
 *
 * The cost is in multiply-adds of dense SGD training in tight loops
 * (reference/hw3b-mlp.ts), over the whole retraining: per sample and weight,
 * 3 (forward, the delta of the layer below, the weight's gradient); per
 * sample and hidden unit, an activation and its derivative; per SGD step and
 * layer, a fixed overhead (loop set-up, calls), which is what a deep net of
 * one unit trained one sample at a time spends its time on; then the final
 * evaluation. A batch larger than the training set is the whole set.
 */

/** one hidden unit's activation and derivative for one sample, in multiply-adds (a tanh costs several) */
const ACTIVATION_COST = 8;
/** one SGD step's work on one layer besides its arithmetic, in multiply-adds */
const LAYER_STEP_OVERHEAD = 30;

/**
 * The training one submission may ask for at check time, in the units of
 * denseTrainingCost. Measured on the 2-core grading machine with hw3b-mlp's
 * loops, hw3b's whole retraining (3 seeds of 100 epochs) of configurations at
 * the budget, deep and narrow or wide, batch 1 to 1000 (3x25, 1x250, 20x8,
 * 6x18, 2x34; the fastest of 3 timings per seed, the machine being shared):
 * 1.5 to 2.4 ns per unit, so 2.3 to 3.5 s for the budget. Within it: the
 * reference's own configurations (2x20 at batch 16 is its largest, 0.35 of
 * the budget) and ordinary searches, such as 3x25 tanh units at batch 32
 * (0.93).
 */
export const RETRAINING_BUDGET = 1.5e9;

/** ranges far beyond a search on a small data set; within them, the budget decides */
export const RETRAINING_LIMITS = { layers: 20, units: 256 } as const;

/** a dense network trained with minibatch SGD: inputs -> `layers` hidden layers of `units` -> classes */
export interface DenseTraining {
  inputs: number;
  classes: number;
  layers: number;
  units: number;
  /** training samples per epoch, and how many one SGD step takes */
  samples: number;
  batchSize: number;
  epochs: number;
  /** samples run forward to evaluate each trained model (a validation set once at the end) */
  evaluated: number;
  /** independent runs (seeds) */
  runs: number;
}

/** the cost of a whole retraining in multiply-adds (see above); Infinity for anything not a positive size */
export function denseTrainingCost(training: DenseTraining): number {
  const { inputs, classes, layers, units, samples, epochs, evaluated, runs } = training;
  if (![inputs, classes, layers, units, samples, training.batchSize].every((n) => n >= 1)) return Number.POSITIVE_INFINITY;
  const weights = inputs * units + (layers - 1) * units * units + units * classes;
  const activations = layers * units;
  const steps = Math.ceil(samples / Math.min(training.batchSize, samples));
  const epoch = steps * (layers + 1) * LAYER_STEP_OVERHEAD + samples * (3 * weights + ACTIVATION_COST * activations);
  const evaluation = evaluated * (weights + ACTIVATION_COST * activations);
  return runs * (epochs * epoch + evaluation);
}

/** why this training is not done at check time, as a phrase for a message; undefined when it may be */
export function retrainingRefusal(training: DenseTraining): string | undefined {
  const { layers, units } = RETRAINING_LIMITS;
  if (training.layers > layers) return `${training.layers} hidden layers; the grader retrains at most ${layers}`;
  if (training.units > units) return `${training.units} units per layer; the grader retrains at most ${units}`;
  const share = denseTrainingCost(training) / RETRAINING_BUDGET;
  if (share > 1) return `retraining it costs ${share < 10 ? share.toFixed(1) : Math.round(share)} times the training the grader spends on one submission`;
  return undefined;
}
