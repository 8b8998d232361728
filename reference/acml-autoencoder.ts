/**
 * acml-autoencoder (seed 001): the 8-3-8 autoencoder. One-hot inputs of 8
 * classes, target = input, sigmoid hidden and output, z = W x + b (W1 3x8,
 * W2 8x3), J = 1/m sum 1/2 ||h(x) - y||^2 + lambda/2 (sum W1^2 + sum W2^2).
 *
 * Every run, as numpy writes it: np.random.seed(seed); W1 = np.random.normal(0,
 * 0.1, (3, 8)); W2 = np.random.normal(0, 0.1, (8, 3)); biases zeros (the
 * handout draws "the weights"; zero biases keep the stream to W1 and W2).
 * Full batch in sample order unless stated; a5 shuffles with
 * np.random.permutation(8) every epoch, from the same stream after the weights.
 * A loss is J after an iteration's update, penalty included;
 * iterations_to_0_1 is the first t (1-based) with J after t updates < 0.1,
 * null when none does.
 *
 * Trained results are graded against bands over SEEDS, one cache entry per
 * run. The engine trains this net at ~17 us an iteration, history included,
 * so every band builds in ~20 s: no hand-written training loops.
 */
import {
  createNetwork,
  layerFromColumnConvention,
  layerToColumnConvention,
  Matrix,
  meanSquaredError,
  type Network,
  networkFromLayers,
  NumpyRandomState,
  oneHot8,
  oneHot8KMinus1,
  parameterCount,
  predictOutputs,
  trainNetwork,
  transpose,
} from "nngrade/engine";
import { defineAssignment, type Evaluation, type Flag, isValueObject, NO_UPSTREAM, numericShape, ReferenceCache, type ReferenceTask, type SolveContext, type TaskSolution, unverifiedFlag, type Upstream, type Value } from "nngrade/authoring";

/** the reference's seeds of the weight initialisation (and a5's batch order) */
export const SEEDS = [0, 1, 2, 3, 4] as const;
const HIDDEN_UNITS = 3;
const INIT_STD = 0.1;
const FULL_BATCH = 8;

export interface RunConfig {
  /** "k": one-hot 8; "k-1": the first class's 1 dropped, 7 features (seed section 7) */
  encoding: "k" | "k-1";
  lambda: number;
  alpha: number;
  /** with the full batch, one epoch is one iteration */
  epochs: number;
  batch: number;
  /** a fresh np.random.permutation(8) every epoch; else sample order */
  shuffle: boolean;
  seed: number;
}

export type RunSummary = {
  final_loss: number;
  iterations_to_0_1: number | null;
};

/** W1 3x8, b1 3, W2 8x3, b2 8: the column convention the handout writes */
export type ColumnModel = {
  W1: number[][];
  b1: number[];
  W2: number[][];
  b2: number[];
};

export interface A1Inputs {
  alpha: number;
  lambda: number;
  iterations: number;
  /** the seed of the reference's own model (its canonical answer; any model that works passes) */
  seed: number;
}
/** K: the seeds a trained task's bands are built from (SEEDS; a rubric's task "seeds" replace them) */
interface Seeded {
  seeds: number[];
}
export interface A2Inputs extends Seeded {
  alpha: number;
  iterations: number;
  lambdas: number[];
}
export interface A3Inputs extends Seeded {
  alpha: number;
  lambda: number;
  iterations: number;
}
export interface A4Inputs extends Seeded {
  lambda: number;
  alphas: number[];
  iterations: number;
}
export interface A5Inputs extends Seeded {
  lambda: number;
  alpha: number;
  epochs: number;
  batches: number[];
}
export type AcmlInputs = { a1: A1Inputs; a2: A2Inputs; a3: A3Inputs; a4: A4Inputs; a5: A5Inputs; a6: { model: A1Inputs } };

/** the handout's numbers; a fresh copy on every call */
export function acmlDefaultInputs(): AcmlInputs {
  const model = (): A1Inputs => ({ alpha: 0.5, lambda: 0, iterations: 20000, seed: SEEDS[0] });
  return {
    a1: model(),
    a2: { alpha: 0.5, iterations: 20000, lambdas: [0, 0.001, 0.01, 0.1], seeds: [...SEEDS] },
    a3: { alpha: 0.5, lambda: 0, iterations: 20000, seeds: [...SEEDS] },
    a4: { lambda: 0, alphas: [0.01, 0.1, 1, 5], iterations: 20000, seeds: [...SEEDS] },
    a5: { lambda: 0, alpha: 0.5, epochs: 5000, batches: [1, 2, 4, 8], seeds: [...SEEDS] },
    a6: { model: model() },
  };
}

export function inputsOf(encoding: RunConfig["encoding"]): Matrix {
  const data = encoding === "k" ? oneHot8() : oneHot8KMinus1();
  return new Matrix(data.rows, data.cols, data.data);
}

function initialNetwork(features: number, rng: NumpyRandomState): Network {
  const weights = { kind: "normal", std: INIT_STD } as const;
  return createNetwork({ sizes: [features, HIDDEN_UNITS, features], hidden: "sigmoid", output: "sigmoid", weights, drawShape: "out_in" }, rng);
}

/** trains one run; the loss after every iteration (epoch) */
export function train(config: RunConfig): { network: Network; losses: number[] } {
  const x = inputsOf(config.encoding);
  const rng = new NumpyRandomState(config.seed);
  const network = initialNetwork(x.cols, rng);
  const { history } = trainNetwork(network, { x, targets: x }, undefined, {
    epochs: config.epochs,
    batchSize: config.batch,
    learningRate: config.alpha,
    loss: { kind: "mse", convention: "half_sum_over_samples" },
    l2: { lambda: config.lambda, convention: "half" },
    shuffle: config.shuffle ? "permutation" : "none",
    rng,
  });
  return { network, losses: history.trainLoss };
}

/** everything that decides a run's numbers, as the cache key */
function runKey(config: RunConfig, record: "summary" | "model"): Record<string, unknown> {
  const init = { weights: `normal(0, ${INIT_STD}) W1 then W2, column convention`, biases: "zeros" };
  return { assignment: "acml-autoencoder", record, ...config, hidden: HIDDEN_UNITS, init, threshold: SMALL_LOSS };
}

export function runSummary(context: SolveContext, config: RunConfig): RunSummary {
  return context.cache.get(runKey(config, "summary"), () => {
    const { losses } = train(config);
    const first = losses.findIndex((loss) => loss < SMALL_LOSS);
    return { final_loss: losses.at(-1) as number, iterations_to_0_1: first < 0 ? null : first + 1 };
  });
}

function referenceModel(context: SolveContext, inputs: A1Inputs): ColumnModel {
  const config: RunConfig = { encoding: "k", lambda: inputs.lambda, alpha: inputs.alpha, epochs: inputs.iterations, batch: FULL_BATCH, shuffle: false, seed: inputs.seed };
  return context.cache.get(runKey(config, "model"), () => {
    const [first, second] = train(config).network.layers.map(layerToColumnConvention);
    return { W1: first!.weights.toArray(), b1: Array.from(first!.bias), W2: second!.weights.toArray(), b2: Array.from(second!.bias) };
  });
}

/**
 * One band per configuration: the seeds' values and their mean as the
 * canonical answer. A configuration no seed gets below 0.1 has the answer null
 * (the rubric grades it exactly); one where only some seeds do has no fair
 * answer, and says so when the bands are built.
 */
function banded(path: string, perConfig: (number | null)[][]): { answers: (number | null)[]; bands: NonNullable<TaskSolution["bands"]> } {
  const bands: NonNullable<TaskSolution["bands"]> = {};
  const answers = perConfig.map((samples, i) => {
    const numbers = samples.filter((s): s is number => s !== null);
    if (numbers.length === 0) return null;
    if (numbers.length < samples.length) throw new Error(`acml-autoencoder ${path}[${i}]: some seeds reach the mark and some never do`);
    bands[`${path}[${i}]`] = { samples: numbers, better: "lower" };
    return numbers.reduce((sum, v) => sum + v, 0) / numbers.length;
  });
  return { answers, bands };
}

function fullBatch(encoding: RunConfig["encoding"], lambda: number, alpha: number, epochs: number, seed: number): RunConfig {
  return { encoding, lambda, alpha, epochs, batch: FULL_BATCH, shuffle: false, seed };
}

// ---- the engine's checks of a student's own model (a1, a6) and the cross-item flags

/**
 * The loss below which a model counts as trained: the handout's own mark
 * (iterations_to_0_1). The plateau where every output is 1/8 sits at
 * 0.4375, the reference's lambda-0 runs end at 0.007-0.013 after 20,000
 * iterations, and every one of them is below 0.1 from iteration 7,771 on.
 */
export const SMALL_LOSS = 0.1;
/** codes closer than this in every unit are one code: a decoder cannot tell them apart */
const DISTINCT_CODES = 1e-3;
/** codes printed to 3 decimals are still the activations of the weights they came from */
const CODES_ATOL = 1e-3;
/** a reported loss is that of its weights up to printing, or the loss one update earlier */
const REPORTED_RTOL = 1e-3;
const REPORTED_ATOL = 1e-6;
/** relative: a2 losses that differ by less are equal */
const TREND_SLACK = 1e-6;

const fmt = (v: number) => String(Number(v.toPrecision(4)));

/** the finite numbers of a nested array with its dimensions, or undefined */
function shapedNumbers(value: unknown): { shape: number[]; data: number[] } | undefined {
  const shape = numericShape(value as Value);
  if (shape === null) return undefined;
  const data = [value].flat(Number.POSITIVE_INFINITY) as number[];
  return data.every(Number.isFinite) ? { shape, data } : undefined;
}

/** a rows x cols matrix, or its transpose read back (the shapes say which it is) */
function matrixOf(value: unknown, rows: number, cols: number): Matrix | undefined {
  const read = shapedNumbers(value);
  if (read === undefined || read.shape.length !== 2) return undefined;
  const [r, c] = read.shape;
  if (r === rows && c === cols) return new Matrix(rows, cols, Float64Array.from(read.data));
  if (r === cols && c === rows) return transpose(new Matrix(cols, rows, Float64Array.from(read.data)));
  return undefined;
}

/** `length` numbers, as a vector, a row or a column (numpy's (3,) or (3, 1)) */
function vectorOf(value: unknown, length: number): Float64Array | undefined {
  const read = shapedNumbers(value);
  if (read === undefined || read.data.length !== length || read.shape.filter((d) => d !== 1).length > 1) return undefined;
  return Float64Array.from(read.data);
}

/** a student's {W1, b1, W2, b2} as an engine network, or what is wrong with it */
export function readModel(value: unknown): Network | string {
  if (!isValueObject(value as Value)) return "expected the weights as an object {W1, b1, W2, b2}";
  const { W1, b1, W2, b2 } = value as Record<string, unknown>;
  const w1 = matrixOf(W1, HIDDEN_UNITS, 8);
  const w2 = matrixOf(W2, 8, HIDDEN_UNITS);
  const c1 = vectorOf(b1, HIDDEN_UNITS);
  const c2 = vectorOf(b2, 8);
  if (w1 === undefined) return "W1: expected a 3x8 matrix of finite numbers";
  if (c1 === undefined) return "b1: expected 3 finite numbers";
  if (w2 === undefined) return "W2: expected an 8x3 matrix of finite numbers";
  if (c2 === undefined) return "b2: expected 8 finite numbers";
  return networkFromLayers([layerFromColumnConvention(w1, c1, "sigmoid"), layerFromColumnConvention(w2, c2, "sigmoid")]);
}

/** 1/m sum 1/2 ||h(x) - x||^2 over the 8 one-hot inputs (a1 has lambda 0) */
export function modelLoss(network: Network): number {
  const x = inputsOf("k");
  return meanSquaredError(predictOutputs(network, x), x, "half_sum_over_samples");
}

/** 8x3: row k is the hidden layer's activation for one-hot input k */
export function hiddenCodes(network: Network): Matrix {
  return predictOutputs(networkFromLayers([network.layers[0]!]), inputsOf("k"));
}

type Verdict = { score: number; message: string };

/** every input must come back as its own argmax, and the loss must be below SMALL_LOSS */
export function reconstructionVerdict(received: unknown): Verdict {
  const model = readModel(received);
  if (typeof model === "string") return { score: 0, message: model };
  const outputs = predictOutputs(model, inputsOf("k"));
  const loss = modelLoss(model);
  const wrong: string[] = [];
  for (let k = 0; k < outputs.rows; k++) {
    const row = Array.from(outputs.data.subarray(k * outputs.cols, (k + 1) * outputs.cols));
    const best = row.indexOf(Math.max(...row));
    if (best !== k || row.filter((v) => v === row[k]).length > 1) wrong.push(`input ${k} comes back as ${best}`);
  }
  if (wrong.length > 0) return { score: 0, message: `the engine ran your weights: ${wrong.join(", ")} (loss ${fmt(loss)})` };
  if (!(loss < SMALL_LOSS)) return { score: 0, message: `every input comes back as its own argmax, but the loss is ${fmt(loss)}, not below ${SMALL_LOSS}` };
  return { score: 1, message: `the engine ran your weights: every input comes back as its own argmax, loss ${fmt(loss)}` };
}

function sameLoss(reported: number, computed: number): boolean {
  return Math.abs(reported - computed) <= Math.max(REPORTED_ATOL, REPORTED_RTOL * Math.abs(computed));
}

/**
 * The loss of the student's own weights (the grader hands them to this item
 * whenever they can be read). Without readable weights a small loss is a
 * claim nothing can check: it earns nothing, and the TA gets a flag.
 */
export function finalLossVerdict(received: unknown, own: Network | undefined): Evaluation {
  if (typeof received !== "number" || !Number.isFinite(received)) return { score: 0, message: "expected the final loss as a finite number" };
  if (own !== undefined) {
    const computed = modelLoss(own);
    return sameLoss(received, computed)
      ? { score: 1, message: `${fmt(received)} is the loss of your own weights` }
      : { score: 0, message: `your weights give a loss of ${fmt(computed)}, not ${fmt(received)}` };
  }
  if (!(received >= 0 && received < SMALL_LOSS)) return { score: 0, message: `a final loss of ${fmt(received)} is not below ${SMALL_LOSS}, as a trained model's is` };
  return {
    score: 0,
    message: `a final loss of ${fmt(received)}, not checked: no readable a1 weights to compute it from`,
    flag: unverifiedFlag(`a1: final_loss ${fmt(received)} is the loss of no weights handed in (a1.weights cannot be read), so it earned nothing`),
  };
}

function largestDifference(a: Matrix, b: Matrix): number {
  return a.data.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b.data[i]!)), 0);
}

/**
 * Sigmoid activations, pairwise distinct, and those of the student's own
 * weights; without readable weights nothing says they are anyone's
 * activations: half the points for their form, and a flag for the TA.
 */
export function codesVerdict(received: unknown, own: Network | undefined): Evaluation {
  const codes = matrixOf(received, 8, HIDDEN_UNITS);
  if (codes === undefined) return { score: 0, message: "expected an 8x3 matrix: the 3 hidden activations of each one-hot input" };
  if (codes.data.some((v) => v < 0 || v > 1)) return { score: 0, message: "a sigmoid's activations lie in [0, 1]" };
  // what a code must be on its own first, then whether it is this student's model's
  const row = (i: number) => codes.data.subarray(i * HIDDEN_UNITS, (i + 1) * HIDDEN_UNITS);
  for (let i = 0; i < codes.rows; i++) {
    for (let j = i + 1; j < codes.rows; j++) {
      const gap = row(i).reduce((worst, v, u) => Math.max(worst, Math.abs(v - row(j)[u]!)), 0);
      if (gap <= DISTINCT_CODES) return { score: 0, message: `inputs ${i} and ${j} have the same code: the codes must be pairwise distinct` };
    }
  }
  if (own === undefined) {
    return {
      score: 0.5,
      message: "8 distinct codes, not checked: no readable a1 weights to compute them from",
      flag: unverifiedFlag("a6: hidden_codes are the activations of no weights handed in (a1.weights cannot be read): half the points, for their form"),
    };
  }
  const off = largestDifference(codes, hiddenCodes(own));
  if (off > CODES_ATOL) return { score: 0, message: `not the hidden activations of your own a1 weights (off by up to ${fmt(off)})` };
  return { score: 1, message: "8 distinct codes, the activations of your own a1 weights" };
}

function numberOf(value: unknown): number | undefined {
  const read = shapedNumbers(value);
  return read?.data.length === 1 ? read.data[0] : undefined;
}

/** reported vs computed (a1's loss, a6's codes against a1's weights), and a2's loss falling as lambda grows */
export function acmlCrossChecks(answers: Record<string, unknown>, lambdas: readonly number[]): Flag[] {
  const flags: Flag[] = [];
  const task = (id: string) => (isValueObject(answers[id] as Value) ? (answers[id] as Record<string, unknown>) : {});
  const model = readModel(task("a1").weights);
  if (typeof model !== "string") {
    const reported = numberOf(task("a1").final_loss);
    const computed = modelLoss(model);
    if (reported !== undefined && !sameLoss(reported, computed)) {
      flags.push({ code: "reported-vs-computed", message: `a1: final_loss is ${fmt(reported)}, but your weights give ${fmt(computed)}` });
    }
    const codes = matrixOf(task("a6").hidden_codes, 8, HIDDEN_UNITS);
    const off = codes === undefined ? 0 : largestDifference(codes, hiddenCodes(model));
    if (off > CODES_ATOL) {
      flags.push({ code: "codes-not-from-weights", message: `a6: hidden_codes are not the activations of your a1 weights (off by up to ${fmt(off)})` });
    }
  }
  const losses = task("a2").final_loss;
  if (Array.isArray(losses)) {
    const read = losses.map(numberOf);
    for (let i = 0; i + 1 < read.length && i + 1 < lambdas.length; i++) {
      const [low, high] = [read[i], read[i + 1]];
      // the plateau's 0.4375 at two lambdas differs in the last bits: that is one value, not a fall
      if (low !== undefined && high !== undefined && high < low - TREND_SLACK * Math.abs(low)) {
        flags.push({
          code: "loss-decreases-with-lambda",
          message: `a2: final_loss falls from ${fmt(low)} at lambda ${lambdas[i]} to ${fmt(high)} at lambda ${lambdas[i + 1]}; a larger lambda never gives a smaller final loss`,
        });
        break;
      }
    }
  }
  return flags;
}

/**
 * Graded on the student's own weights: the engine runs them. final_loss is
 * checked against the loss of those weights, which the grader passes
 * whenever they can be read; a loss without them earns nothing (flagged).
 */
const a1: ReferenceTask<A1Inputs> = {
  id: "a1",
  solve(inputs, upstream, context) {
    const model = referenceModel(context, inputs);
    const own = readModel(upstream.get("a1.weights"));
    return {
      answers: { weights: model, final_loss: modelLoss(readModel(model) as Network) },
      // the loss is averaged over the m = 8 one-hot samples (1/m in the seed's loss)
      factors: { m: FULL_BATCH },
      evaluations: {
        weights: reconstructionVerdict,
        final_loss: (received) => finalLossVerdict(received, typeof own === "string" ? undefined : own),
      },
    };
  },
};

const a2: ReferenceTask<A2Inputs> = {
  id: "a2",
  solve(inputs, _upstream, context) {
    const runs = inputs.lambdas.map((lambda) => inputs.seeds.map((seed) => runSummary(context, fullBatch("k", lambda, inputs.alpha, inputs.iterations, seed))));
    const loss = banded("final_loss", runs.map((r) => r.map((s) => s.final_loss)));
    const reached = banded("iterations_to_0_1", runs.map((r) => r.map((s) => s.iterations_to_0_1)));
    return { answers: { final_loss: loss.answers, iterations_to_0_1: reached.answers }, bands: { ...loss.bands, ...reached.bands }, factors: { m: FULL_BATCH } };
  },
};

const a3: ReferenceTask<A3Inputs> = {
  id: "a3",
  solve(inputs, _upstream, context) {
    const count = (encoding: RunConfig["encoding"], biases = true) =>
      parameterCount(initialNetwork(inputsOf(encoding).cols, new NumpyRandomState(0)), biases);
    const finals = (encoding: RunConfig["encoding"]) =>
      inputs.seeds.map((seed) => runSummary(context, fullBatch(encoding, inputs.lambda, inputs.alpha, inputs.iterations, seed)).final_loss);
    const { answers, bands } = banded("final_loss", [finals("k"), finals("k-1")]);
    const weightsOnly = "counted the weights but not the biases: each of the 3 hidden and the output units has one";
    return {
      answers: { params_k: count("k"), params_k_minus_1: count("k-1"), final_loss_k: answers[0]!, final_loss_k_minus_1: answers[1]! },
      bands: { final_loss_k: bands["final_loss[0]"]!, final_loss_k_minus_1: bands["final_loss[1]"]! },
      factors: { m: FULL_BATCH },
      mistakes: {
        params_k: { "weights-only": { value: count("k", false), message: weightsOnly } },
        params_k_minus_1: {
          "weights-only": { value: count("k-1", false), message: weightsOnly },
          // 7 inputs but still 8 outputs: 3*7 + 3 + 8*3 + 8
          "outputs-not-reduced": { value: 56, message: "the k-1 encoding drops a unit from the output as well as the input: 7-3-7" },
        },
      },
    };
  },
};

const a4: ReferenceTask<A4Inputs> = {
  id: "a4",
  solve(inputs, _upstream, context) {
    const runs = inputs.alphas.map((alpha) => inputs.seeds.map((seed) => runSummary(context, fullBatch("k", inputs.lambda, alpha, inputs.iterations, seed))));
    const { answers, bands } = banded("iterations_to_0_1", runs.map((r) => r.map((s) => s.iterations_to_0_1)));
    return { answers: { iterations_to_0_1: answers }, bands };
  },
};

const a5: ReferenceTask<A5Inputs> = {
  id: "a5",
  solve(inputs, _upstream, context) {
    const runs = inputs.batches.map((batch) =>
      inputs.seeds.map((seed) => runSummary(context, { encoding: "k", lambda: inputs.lambda, alpha: inputs.alpha, epochs: inputs.epochs, batch, shuffle: true, seed })),
    );
    const { answers, bands } = banded("final_loss", runs.map((r) => r.map((s) => s.final_loss)));
    return { answers: { final_loss: answers }, bands, factors: { m: FULL_BATCH } };
  },
};

/** the hidden activations of the student's own a1 model: checked against it when it can be read, else half the points for their form (flagged) */
const a6: ReferenceTask<{ model: A1Inputs }> = {
  id: "a6",
  solve(inputs, upstream, context) {
    const model = readModel(referenceModel(context, inputs.model)) as Network;
    const own = readModel(upstream.get("a1.weights"));
    return {
      answers: { hidden_codes: hiddenCodes(model).toArray() },
      evaluations: { hidden_codes: (received) => codesVerdict(received, typeof own === "string" ? undefined : own) },
    };
  },
};

const reference = defineAssignment<AcmlInputs>({
  id: "acml-autoencoder",
  title: "ACML assignment 1: the 8-3-8 autoencoder",
  defaultInputs: acmlDefaultInputs,
  tasks: { a1, a2, a3, a4, a5, a6 },
  crossChecks: (answers, inputs) => acmlCrossChecks(answers, inputs.a2.lambdas),
  datasets: () => [
    {
      name: "onehot8",
      description: "the 8 one-hot inputs of the 8-3-8 autoencoder (targets = inputs); label = the class",
      features: oneHot8(),
      labels: [0, 1, 2, 3, 4, 5, 6, 7],
    },
    {
      name: "onehot8_k_minus_1",
      description: "the k-1 encoding of a3: the first class's 1 dropped (class 0 is all zeros, class k has its 1 in column k-1)",
      features: oneHot8KMinus1(),
      labels: [0, 1, 2, 3, 4, 5, 6, 7],
    },
  ],
});

export default reference;

/** solves one task with the handout's inputs and the shipped cache; for tests */
export function solveDefault<TaskId extends keyof AcmlInputs>(
  taskId: TaskId,
  upstream: Upstream = NO_UPSTREAM,
  context: SolveContext = { cache: new ReferenceCache(reference.id) },
): TaskSolution {
  const task: ReferenceTask<AcmlInputs[TaskId]> = reference.definition.tasks[taskId];
  return task.solve(acmlDefaultInputs()[taskId], upstream, context);
}
