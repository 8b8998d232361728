import {
  adam,
  type AdamOptions,
  denseBackward,
  denseForward,
  describePoints,
  gradientDescent,
  map,
  Matrix,
  oneHot,
  type PolynomialObjective,
  quarticObjective,
  type QuarticObjectiveParams,
  softmax,
  softmaxCrossEntropyBackward,
  stationaryPoints,
  type Stream,
} from "nngrade/engine";
import { defineAssignment, divergenceFlags, mnistSplitDataSets, NO_UPSTREAM, ReferenceCache, type ReferenceTask, type TaskSolution, type Upstream, type Value } from "nngrade/authoring";
import { type Q9Inputs, q9, q9CachedRuns, q9CrossChecks, q9DefaultInputs } from "./hw4-softmax-regression.ts";

export interface Q1Inputs {
  labels: number[];
  classes: number;
}

/** z = X W + b, one sample per row */
export interface Q2Inputs {
  X: number[][];
  W: number[][];
  b: number[];
}

/** q2's network with 0-based targets, one per row of X; the classes are W's columns */
export interface Q3Inputs extends Q2Inputs {
  targets: number[];
}

export interface Q4Inputs {
  objective: QuarticObjectiveParams;
  /** points at which dJ/dw is asked */
  probes: number[];
}

/** w_i = from + i (to - from)/(points - 1), the last one exactly `to`: numpy's linspace(from, to, points) */
export interface Q5Inputs {
  objective: QuarticObjectiveParams;
  from: number;
  to: number;
  points: number;
}

export interface Q6Inputs {
  objective: QuarticObjectiveParams;
  starts: number[];
  lr: number;
  epochs: number;
}

export interface Q7Inputs {
  objective: QuarticObjectiveParams;
  w0: number;
  rates: number[];
  epochs: number;
}

export interface Q8Inputs extends AdamOptions {
  objective: QuarticObjectiveParams;
}

export type Hw4Inputs = {
  q1: Q1Inputs;
  q2: Q2Inputs;
  q3: Q3Inputs;
  q4: Q4Inputs;
  q5: Q5Inputs;
  q6: Q6Inputs;
  q7: Q7Inputs;
  q8: Q8Inputs;
  q9: Q9Inputs;
};

/** the handout's numbers; a fresh copy on every call */
export function hw4DefaultInputs(): Hw4Inputs {
  const objective = (): QuarticObjectiveParams => ({ x: 1, r1: 1, r2: 3 });
  const network = (): Q2Inputs => ({
    X: [
      [1, 2, -1],
      [0, -4, -4],
    ],
    W: [
      [-1, 1, 1],
      [2, 2, 0],
      [4, -1, -3],
    ],
    b: [1, 0, 2],
  });
  return {
    q1: { labels: [0, 1, 1, 2, 3, 0], classes: 4 },
    q2: network(),
    q3: { ...network(), targets: [0, 1] },
    q4: { objective: objective(), probes: [-1, 0.5, 2] },
    q5: { objective: objective(), from: -2, to: 5, points: 71 },
    q6: { objective: objective(), starts: [-1, 0.2, 0.9, 4], lr: 0.1, epochs: 100 },
    q7: { objective: objective(), w0: 0.2, rates: [0.001, 0.01, 1.0, 5.0], epochs: 100 },
    q8: { objective: objective(), w0: 0.2, eta: 5, rho1: 0.9, rho2: 0.999, delta: 1e-8, epochs: 100 },
    q9: q9DefaultInputs(),
  };
}

/** the run's own final_J, or J at the student's own final_w when the grader passes it upstream (a finite number) */
function finalJ(objective: PolynomialObjective, own: number | null, studentFinalW: number | undefined): number | null {
  return studentFinalW === undefined ? own : objective.value(studentFinalW);
}

function linspace(from: number, to: number, points: number): number[] {
  if (points === 1) return [from];
  const step = (to - from) / (points - 1);
  return Array.from({ length: points }, (_, i) => (i === points - 1 ? to : i * step + from));
}

const q1: ReferenceTask<Q1Inputs> = {
  id: "q1",
  solve: (inputs) => ({ answers: { onehot: oneHot(inputs.labels, inputs.classes).toArray() } }),
};

const q2: ReferenceTask<Q2Inputs> = {
  id: "q2",
  solve(inputs, upstream) {
    const z = denseForward(Matrix.from(inputs.X), Matrix.from(inputs.W), inputs.b);
    // ECF: the softmax of the student's own z
    return { answers: { z: z.toArray(), yhat: softmax(upstream.matrix("q2.z", z)).toArray() } };
  },
};

/**
 * grad_z is dJ/dz per sample, yhat - Y (what the seed and most handouts
 * write before averaging); the averaged (yhat - Y)/N is accepted as an
 * alternative. grad_W and grad_b are the gradients of the averaged loss.
 * ECF: a student's yhat (q2) replaces ours; a student's grad_z, read as
 * per-sample, replaces ours for grad_W and grad_b.
 */
const q3: ReferenceTask<Q3Inputs> = {
  id: "q3",
  solve(inputs, upstream): TaskSolution {
    const x = Matrix.from(inputs.X);
    const weights = Matrix.from(inputs.W);
    const samples = x.rows;
    const ownYhat = softmax(denseForward(x, weights, inputs.b));
    const yhat = upstream.matrix("q2.yhat", ownYhat);
    const perSample = softmaxCrossEntropyBackward(yhat, inputs.targets, "none");
    const averaged = softmaxCrossEntropyBackward(yhat, inputs.targets, "mean");
    const studentGradZ = upstream.matrix("q3.grad_z", samples, weights.cols);
    const layerGradZ = studentGradZ === undefined ? averaged : map(studentGradZ, (v) => v / samples);
    const { gradWeights, gradBias } = denseBackward(x, weights, layerGradZ);
    const alternatives: Record<string, Record<string, Value>> = {
      grad_z: { "per-sample": perSample.toArray(), averaged: averaged.toArray() },
    };
    if (studentGradZ !== undefined) {
      // the student's dJ/dz may be the averaged one already: then the 1/N is in it, and W's gradient is X^T dJ/dz
      const fromAveraged = denseBackward(x, weights, studentGradZ);
      alternatives.grad_W = { "from-averaged": fromAveraged.gradWeights.toArray() };
      alternatives.grad_b = { "from-averaged": Array.from(fromAveraged.gradBias) };
    }
    return {
      answers: { grad_z: perSample.toArray(), grad_W: gradWeights.toArray(), grad_b: Array.from(gradBias) },
      alternatives,
      factors: { N: samples },
    };
  },
};

/**
 * extrema are the stationary points that are minima or maxima (an
 * inflection is not an extremum), ascending. ECF: J_at_extrema and kinds at
 * the student's own extrema, sorted, when the grader passes them upstream.
 */
const q4: ReferenceTask<Q4Inputs> = {
  id: "q4",
  solve(inputs, upstream) {
    const objective = quarticObjective(inputs.objective);
    const extrema = stationaryPoints(objective).filter((p) => p.kind !== "saddle");
    // any number of extrema: the student's own, however many they found
    const student = upstream.vector("q4.extrema");
    const described = student === undefined ? extrema : describePoints(objective, student);
    return {
      answers: {
        grad_at: inputs.probes.map((w) => objective.gradient(w)),
        extrema: extrema.map((p) => p.w),
        J_at_extrema: described.map((p) => p.J),
        kinds: described.map((p) => p.kind),
      },
    };
  },
};

/** J after every epoch: its first value is J after epoch 1 (engine/descent.ts traces after each step) */
const EPOCH_J = { x: "epoch", y: "J", first: 1 };

/** each run's J, by the path it is graded at */
function epochCurves(runs: number): Record<string, typeof EPOCH_J> {
  return Object.fromEntries(Array.from({ length: runs }, (_, i) => [`runs[${i}].J`, EPOCH_J]));
}

const q5: ReferenceTask<Q5Inputs> = {
  id: "q5",
  solve(inputs) {
    const objective = quarticObjective(inputs.objective);
    const step = inputs.points > 1 ? (inputs.to - inputs.from) / (inputs.points - 1) : 1;
    // J over a grid of w: a curve over w, though each value is graded on its own
    const curves = { J: { x: "w", y: "J", first: inputs.from, step } };
    return { answers: { J: linspace(inputs.from, inputs.to, inputs.points).map((w) => objective.value(w)) }, curves };
  },
};

const q6: ReferenceTask<Q6Inputs> = {
  id: "q6",
  solve(inputs, upstream) {
    const objective = quarticObjective(inputs.objective);
    const runs = inputs.starts.map((w0, i) => {
      const run = gradientDescent(objective, { w0, lr: inputs.lr, epochs: inputs.epochs });
      const final_J = finalJ(objective, run.final_J, upstream.number(`q6.runs[${i}].final_w`));
      return { w0, final_w: run.final_w, final_J, J: run.J };
    });
    return { answers: { runs }, curves: epochCurves(runs.length) };
  },
};

const q7: ReferenceTask<Q7Inputs> = {
  id: "q7",
  solve(inputs, upstream) {
    const objective = quarticObjective(inputs.objective);
    const runs = inputs.rates.map((lr, i) => {
      const run = gradientDescent(objective, { w0: inputs.w0, lr, epochs: inputs.epochs });
      const final_J = finalJ(objective, run.final_J, upstream.number(`q7.runs[${i}].final_w`));
      return { lr, final_w: run.final_w, final_J, diverged: run.diverged, J: run.J };
    });
    // after a divergence the key says null; numpy without a try/except leaves NaN or inf there, which says the same
    const alternatives: Record<string, Record<string, Value>> = {};
    runs.forEach((run, i) => {
      if (!run.diverged) return;
      for (const key of ["final_w", "final_J"]) {
        alternatives[`runs[${i}].${key}`] = { null: null, nan: Number.NaN, inf: Number.POSITIVE_INFINITY, "-inf": Number.NEGATIVE_INFINITY };
      }
    });
    return { answers: { runs }, alternatives, curves: epochCurves(runs.length) };
  },
};

const q8: ReferenceTask<Q8Inputs> = {
  id: "q8",
  solve(inputs, upstream) {
    const { objective: params, ...options } = inputs;
    const objective = quarticObjective(params);
    const run = adam(objective, options);
    const final_J = finalJ(objective, run.final_J, upstream.number("q8.final_w"));
    return { answers: { J: run.J, final_w: run.final_w, final_J }, curves: { J: EPOCH_J } };
  },
};

/** q7: each run's `diverged` against its own final values and J (raw student data) */
function q7Flags(answers: unknown, inputs: Q7Inputs) {
  const runs = answers !== null && typeof answers === "object" && !Array.isArray(answers) ? (answers as Record<string, unknown>).runs : undefined;
  return divergenceFlags("q7.runs", runs, { diverged: "diverged", finals: ["final_w", "final_J"], curve: "J", epochs: inputs.epochs });
}

const reference = defineAssignment<Hw4Inputs>({
  id: "hw4-hyperparameters",
  title: "Assignment 4: Exploring Hyperparameters",
  defaultInputs: hw4DefaultInputs,
  tasks: { q1, q2, q3, q4, q5, q6, q7, q8, q9 },
  variantInputs,
  crossChecks: (answers, inputs) => [...q7Flags(answers.q7, inputs.q7), ...q9CrossChecks(answers.q9, inputs.q9)],
  // q9 trains on the assignments' MNIST split; exported so students train on exactly it
  datasets: mnistSplitDataSets,
  cachedRuns: (inputs) => q9CachedRuns(inputs.q9),
});

/**
 * One student's numbers (ASSIGNMENTS.md, "Variant"): q1's labels, q2's
 * X, W and b (small integers), q3's targets, q4's probes and the two
 * non-zero roots of dJ/dw. q5-q8 keep the handout's objective: their
 * grading (a run that never settles, one that overflows) is built on it.
 * q9 keeps the handout's training setup: its bands are trained once, shipped.
 * Each task draws from its own fork, so a change to one task's rule leaves
 * the others' numbers alone.
 */
function variantInputs(stream: Stream): Partial<Hw4Inputs> {
  const handout = hw4DefaultInputs();
  const integers = (fork: Stream, count: number, lo: number, hi: number) =>
    Array.from({ length: count }, () => fork.int(lo, hi + 1));
  const q1 = stream.fork("q1");
  const q2 = stream.fork("q2");
  const network: Q2Inputs = {
    X: [integers(q2, 3, -4, 4), integers(q2, 3, -4, 4)],
    W: [integers(q2, 3, -4, 4), integers(q2, 3, -4, 4), integers(q2, 3, -4, 4)],
    b: integers(q2, 3, -2, 2),
  };
  const q4 = stream.fork("q4");
  // two distinct positive roots, so that 0 < r1 < r2 gives min, max, min as in the handout
  const r1 = q4.int(1, 4);
  const r2 = r1 + q4.int(1, 4);
  const probeChoices = [-1.5, -1, -0.5, 0.5, 1.5, 2, 2.5, 3.5];
  const probes: number[] = [];
  while (probes.length < 3) {
    const probe = probeChoices[q4.int(0, probeChoices.length)] as number;
    if (!probes.includes(probe)) probes.push(probe);
  }
  return {
    q1: { labels: integers(q1, handout.q1.labels.length, 0, handout.q1.classes - 1), classes: handout.q1.classes },
    q2: network,
    q3: { ...network, targets: integers(stream.fork("q3"), 2, 0, 2) },
    q4: { objective: { x: 1, r1, r2 }, probes: probes.sort((a, b) => a - b) },
  };
}

export default reference;

/** solves one task with the handout's inputs; for tests and `nngrade reference` */
export function solveDefault<TaskId extends keyof Hw4Inputs>(taskId: TaskId, upstream: Upstream = NO_UPSTREAM): TaskSolution {
  const task: ReferenceTask<Hw4Inputs[TaskId]> = reference.definition.tasks[taskId];
  // only q9 asks the cache, and reads the shipped runs
  return task.solve(hw4DefaultInputs()[taskId], upstream, { cache: new ReferenceCache(reference.id) });
}
