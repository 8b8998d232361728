/**
 * hlcv-two-layer-net (seed 003): the cs231n / HLCV two-layer net on the
 * handout's toy problem. ReLU hidden layer, softmax output,
 * loss = mean cross-entropy + reg * (sum W1^2 + sum W2^2).
 *
 * e4 (capacity sweeps on MNIST, graded against bands of trained accuracies)
 * lives in hlcv-capacity.ts.
 */
import {
  checkGradient,
  crossEntropyFromProbabilities,
  GRADCHECK_STEP,
  l2Penalty,
  Matrix,
  type Network,
  NumpyRandomState,
  softmax,
  softmaxNetLoss,
  trainCs231n,
  twoLayerNet,
  twoLayerParams,
} from "nngrade/engine";
import { type DataSet, defineAssignment, mnistSplitDataSets, NO_UPSTREAM, ReferenceCache, type ReferenceTask, type TaskSolution, type Upstream } from "nngrade/authoring";
import { capacityFlags, type E4Inputs, e4, e4DefaultInputs } from "./hlcv-capacity.ts";

/**
 * The notebook's toy problem: np.random.seed(modelSeed), W1 = weightStd *
 * randn(inputSize, hiddenSize), b1 = 0, W2 = weightStd * randn(hiddenSize,
 * numClasses), b2 = 0; np.random.seed(dataSeed), X = dataScale *
 * randn(len(labels), inputSize), y = labels.
 */
export interface ToyProblem {
  modelSeed: number;
  dataSeed: number;
  inputSize: number;
  hiddenSize: number;
  numClasses: number;
  weightStd: number;
  dataScale: number;
  labels: number[];
}

export interface E1Inputs {
  toy: ToyProblem;
  reg: number;
}

export interface E2Inputs {
  toy: ToyProblem;
  reg: number;
  /** the gradient check's step: cs231n's eval_numerical_gradient */
  h: number;
  /** e1's reg: a student's e1 loss, read against it, tells the regularisation convention of their code */
  e1Reg: number;
}

/** TwoLayerNet.train on the toy set, the model rebuilt from modelSeed and the batches drawn from the same stream */
export interface E3Inputs {
  toy: ToyProblem;
  learningRate: number;
  learningRateDecay: number;
  reg: number;
  numIters: number;
  batchSize: number;
  e1Reg: number;
}

export type HlcvInputs = { e1: E1Inputs; e2: E2Inputs; e3: E3Inputs; e4: E4Inputs };

/** the handout's numbers; a fresh copy on every call */
export function hlcvDefaultInputs(): HlcvInputs {
  const toy = (): ToyProblem => ({
    modelSeed: 0,
    dataSeed: 1,
    inputSize: 4,
    hiddenSize: 10,
    numClasses: 3,
    weightStd: 0.1,
    dataScale: 10,
    labels: [0, 1, 2, 2, 1],
  });
  return {
    e1: { toy: toy(), reg: 0.05 },
    e2: { toy: toy(), reg: 0.05, h: GRADCHECK_STEP, e1Reg: 0.05 },
    e3: { toy: toy(), learningRate: 0.1, learningRateDecay: 0.95, reg: 5e-6, numIters: 100, batchSize: 200, e1Reg: 0.05 },
    e4: e4DefaultInputs(),
  };
}

function toyNetwork(toy: ToyProblem, rng = new NumpyRandomState(toy.modelSeed)): Network {
  return twoLayerNet(twoLayerParams(rng, toy.inputSize, toy.hiddenSize, toy.numClasses, toy.weightStd));
}

function toyData(toy: ToyProblem): { x: Matrix; y: Int32Array } {
  const drawn = new NumpyRandomState(toy.dataSeed).randn(toy.labels.length, toy.inputSize).data;
  const x = new Matrix(toy.labels.length, toy.inputSize, drawn.map((v) => toy.dataScale * v));
  return { x, y: Int32Array.from(toy.labels) };
}

/** sum W1^2 + sum W2^2 */
function sumOfSquaredWeights(network: Network): number {
  return l2Penalty(network, { lambda: 1, convention: "full" });
}

const ROW_SUM_SLACK = 1e-6;

/** a student's scores as probabilities: as given when every row is a distribution, else read as logits */
function asProbabilities(scores: Matrix): Matrix {
  for (let i = 0; i < scores.rows; i++) {
    const row = scores.data.subarray(i * scores.cols, (i + 1) * scores.cols);
    const sum = row.reduce((a, b) => a + b, 0);
    if (row.some((p) => p < 0 || p > 1) || Math.abs(sum - 1) > ROW_SUM_SLACK) return softmax(scores);
  }
  return scores;
}

/**
 * The regularisation terms students write, as a multiple of the handout's
 * (reg * sum W^2, gradient 2 reg W): cs231n's other version 0.5 reg sum W^2
 * with gradient reg W, and the term left out. Wrong for this handout, but a
 * student who uses one consistently makes one mistake, graded once: in e1's
 * loss. Gradients and training consistent with it earn ECF.
 */
const REG_CONVENTION_FACTORS = [1, 0.5, 0] as const;

/** the conventions differ by >= 1e-2 relative on the toy problem: any closeness that tells them apart will do */
const CONVENTION_RTOL = 1e-6;

/** the convention factor the student's e1 loss (upstream, a finite number) was computed with; undefined when it fits none */
function regFactorOf(upstream: Upstream, toy: ToyProblem, e1Reg: number): number | undefined {
  const loss = upstream.number("e1.loss");
  if (loss === undefined) return undefined;
  const { x, y } = toyData(toy);
  const network = toyNetwork(toy);
  const dataLoss = softmaxNetLoss(network, x, y, 0).loss;
  const squares = sumOfSquaredWeights(network);
  return REG_CONVENTION_FACTORS.find((factor) => Math.abs(loss - (dataLoss + factor * e1Reg * squares)) <= CONVENTION_RTOL * Math.abs(loss));
}

/** ECF: the loss of the student's own scores (e1.scores), the regularisation as the handout's */
const e1: ReferenceTask<E1Inputs> = {
  id: "e1",
  solve(inputs, upstream) {
    const network = toyNetwork(inputs.toy);
    const { x, y } = toyData(inputs.toy);
    const { scores, loss } = softmaxNetLoss(network, x, y, inputs.reg);
    const studentScores = upstream.matrix("e1.scores", scores.rows, scores.cols);
    const penalty = inputs.reg * sumOfSquaredWeights(network);
    const expectedLoss = studentScores === undefined ? loss : crossEntropyFromProbabilities(asProbabilities(studentScores), y, 0) + penalty;
    return { answers: { scores: scores.toArray(), loss: expectedLoss } };
  },
};

/**
 * The gradients at reg, and their gradient check as the notebook runs it
 * (rel_error of the analytic gradient against centred differences with step
 * h); any small relative error is right, the rubric grades a range. ECF: dW1
 * and dW2 in the regularisation convention of the student's e1 loss.
 */
const e2: ReferenceTask<E2Inputs> = {
  id: "e2",
  solve(inputs, upstream): TaskSolution {
    const network = toyNetwork(inputs.toy);
    const { x, y } = toyData(inputs.toy);
    const { grads } = softmaxNetLoss(network, x, y, inputs.reg);
    const [first, second] = network.layers;
    const check = (params: Float64Array, analytic: Float64Array) =>
      checkGradient(() => softmaxNetLoss(network, x, y, inputs.reg).loss, params, analytic, inputs.h).relativeError;
    const rel_error = {
      W1: check(first!.weights.data, grads.weights[0]!.data),
      b1: check(first!.bias, grads.bias[0]!),
      W2: check(second!.weights.data, grads.weights[1]!.data),
      b2: check(second!.bias, grads.bias[1]!),
    };
    const factor = regFactorOf(upstream, inputs.toy, inputs.e1Reg) ?? 1;
    const weights = factor === 1 ? grads.weights : softmaxNetLoss(network, x, y, factor * inputs.reg).grads.weights;
    return {
      answers: {
        grad_W1: weights[0]!.toArray(),
        grad_b1: Array.from(grads.bias[0]!),
        grad_W2: weights[1]!.toArray(),
        grad_b2: Array.from(grads.bias[1]!),
        rel_error,
      },
      factors: { N: x.rows },
    };
  },
};

/**
 * loss_history is the batch loss before each update, as TwoLayerNet.train
 * appends it; final_loss its last value, the one the notebook prints. ECF:
 * the run in the regularisation convention of the student's e1 loss. 100
 * iterations on 5 samples take well under 0.1 s: computed, not cached.
 */
const e3: ReferenceTask<E3Inputs> = {
  id: "e3",
  solve(inputs, upstream) {
    const factor = regFactorOf(upstream, inputs.toy, inputs.e1Reg) ?? 1;
    const { x, y } = toyData(inputs.toy);
    // the notebook reseeds for the model and draws its batches from what follows on that stream
    const rng = new NumpyRandomState(inputs.toy.modelSeed);
    const network = toyNetwork(inputs.toy, rng);
    const stats = trainCs231n(network, { x, y }, { x, y }, rng, {
      learningRate: inputs.learningRate,
      learningRateDecay: inputs.learningRateDecay,
      reg: factor * inputs.reg,
      numIters: inputs.numIters,
      batchSize: inputs.batchSize,
    });
    // a batch loss summed over its samples is batch_size times the mean
    // the loss before each update: the first is at iteration 0, before any
    const curves = { loss_history: { x: "iteration", y: "batch loss", first: 0 } };
    return { answers: { loss_history: stats.lossHistory, final_loss: stats.lossHistory.at(-1) ?? null }, factors: { batch_size: inputs.batchSize }, curves };
  },
};

const reference = defineAssignment<HlcvInputs>({
  id: "hlcv-two-layer-net",
  title: "HLCV exercise 2: a two-layer network",
  defaultInputs: hlcvDefaultInputs,
  tasks: { e1, e2, e3, e4 },
  crossChecks: (answers) => capacityFlags(answers),
  datasets: hlcvDataSets,
});

/** the handout's toy problem (e1-e3) and the assignments' MNIST split (e4), for `nngrade data export` */
function hlcvDataSets(): DataSet[] {
  const toy = hlcvDefaultInputs().e1.toy;
  const { x, y } = toyData(toy);
  const recipe = `np.random.seed(${toy.dataSeed}); X = ${toy.dataScale} * np.random.randn(${x.rows}, ${x.cols}); y = np.array([${toy.labels.join(", ")}])`;
  const toySet: DataSet = { name: "toy", description: `the handout's toy problem: ${recipe}`, features: x, labels: y };
  return [toySet, ...mnistSplitDataSets()];
}

export default reference;

/** solves one task with the handout's inputs; e1-e3 never ask the cache (see e3), e4 reads the shipped one */
export function solveDefault<TaskId extends keyof HlcvInputs>(taskId: TaskId, upstream: Upstream = NO_UPSTREAM, cache = new ReferenceCache(reference.id)): TaskSolution {
  const task: ReferenceTask<HlcvInputs[TaskId]> = reference.definition.tasks[taskId];
  return task.solve(hlcvDefaultInputs()[taskId], upstream, { cache });
}
