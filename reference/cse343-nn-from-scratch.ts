/**
 * cse343-nn-from-scratch (seed 004): hand backprop (s1), two linear SVM
 * questions (s2, s3), and the MNIST activations x initialisations grid (s4,
 * cse343-activations.ts) graded against bands, with its cross-cell checks
 * (cse343-checks.ts).
 */
import {
  activateValue,
  activationSlope,
  classify,
  describeHyperplane,
  marginOf,
  maxMarginHyperplane,
  type Stream,
} from "nngrade/engine";
import { defineAssignment, type Flag, mnistSplitDataSets, NO_UPSTREAM, ReferenceCache, type ReferenceTask, type TaskSolution, type Upstream, type Value } from "nngrade/authoring";
import { type S4Inputs, s4, s4CachedRuns, s4DefaultInputs, s4Grid } from "./cse343-activations.ts";
import { s4Flags } from "./cse343-checks.ts";

export interface NetworkParameters {
  w1: number;
  b1: number;
  w2: number;
  b2: number;
}

/** a1 = relu(w1 x + b1), a2 = w2 a1 + b2, L = 1/2 (a2 - y)^2; one SGD step per sample, in order */
export interface HandBackpropInputs {
  /** (x, y) pairs */
  samples: [number, number][];
  start: NetworkParameters;
  eta: number;
}

/** a hyperplane w.x + b = 0 given; points are numbered from 1 in the question */
export interface GivenHyperplaneInputs {
  w: number[];
  b: number;
  points: number[][];
  query: number[];
}

export interface LabelledPoint {
  name: string;
  x: number[];
  y: 1 | -1;
}

export interface SvmFromDataInputs {
  points: LabelledPoint[];
}

export type Cse343Inputs = { s1: HandBackpropInputs; s2: GivenHyperplaneInputs; s3: SvmFromDataInputs; s4: S4Inputs };

/** the handout's numbers; a fresh copy on every call */
export function cse343DefaultInputs(): Cse343Inputs {
  return {
    s1: {
      samples: [
        [1, 3],
        [2, 4],
        [3, 5],
      ],
      start: { w1: 1, b1: 0, w2: 1, b2: 0 },
      eta: 0.01,
    },
    s2: {
      w: [-2, 0],
      b: 5,
      points: [
        [1, 3],
        [2, 3],
        [3, 3],
        [4, 3],
      ],
      query: [1, 3],
    },
    s3: {
      points: [
        { name: "A", x: [0, 0], y: 1 },
        { name: "B", x: [1, 0], y: 1 },
        { name: "C", x: [0, 1], y: 1 },
        { name: "D", x: [1, 1], y: -1 },
        { name: "E", x: [3, 1], y: -1 },
        { name: "F", x: [2, 0], y: -1 },
      ],
    },
    s4: s4DefaultInputs(),
  };
}

export const STEP_KEYS = ["z1", "a1", "z2", "a2", "L", "grad_w1", "grad_b1", "grad_w2", "grad_b2", "w1", "b1", "w2", "b2"] as const;
export type StepKey = (typeof STEP_KEYS)[number];
export type StepValues = Record<StepKey, number>;

interface HandStep {
  values: StepValues;
  /** other ways a student chains the same gradient, by key then reading id */
  readings: Partial<Record<StepKey, Record<string, number>>>;
}

/**
 * One SGD step. Every value is computed from the values it depends on in the
 * rubric, and `given` may put a student's own value in place of any of them
 * (error carried forward); with nothing given this is the plain step.
 */
function handStep(x: number, y: number, eta: number, before: NetworkParameters, given: (key: StepKey) => number | undefined): HandStep {
  const use = (key: StepKey, own: number) => given(key) ?? own;
  const z1 = before.w1 * x + before.b1;
  const a1 = activateValue("relu", use("z1", z1));
  const z2 = before.w2 * use("a1", a1) + before.b2;
  const a2 = activateValue("identity", use("z2", z2));
  // dL/da2 of L = 1/2 (a2 - y)^2; the output is linear, so this is dL/dz2 too
  const error = use("a2", a2) - y;
  const slope = activationSlope("relu", use("z1", z1), use("a1", a1));
  const grad_b2 = error;
  const grad_w2 = error * use("a1", a1);
  const grad_b1 = error * before.w2 * slope;
  const grad_w1 = grad_b1 * x;
  const values: StepValues = {
    z1,
    a1,
    z2,
    a2,
    L: 0.5 * error ** 2,
    grad_w1,
    grad_b1,
    grad_w2,
    grad_b2,
    w1: before.w1 - eta * use("grad_w1", grad_w1),
    b1: before.b1 - eta * use("grad_b1", grad_b1),
    w2: before.w2 - eta * use("grad_w2", grad_w2),
    b2: before.b2 - eta * use("grad_b2", grad_b2),
  };
  // students chain the gradients: dL/dw2 = dL/dz2 a1, dL/db1 = dL/dz2 w2 relu'(z1), dL/dw1 = dL/db1 x;
  // a gradient consistent with the student's own dL/dz2 (grad_b2) or dL/dz1 (grad_b1) is consistent
  const dz2 = use("grad_b2", grad_b2);
  const readings = {
    grad_w2: { "from grad_b2": dz2 * use("a1", a1) },
    grad_b1: { "from grad_b2": dz2 * before.w2 * slope },
    grad_w1: { "from grad_b2": dz2 * before.w2 * slope * x, "from grad_b1": use("grad_b1", grad_b1) * x },
  };
  return { values, readings };
}

function parametersOf(values: NetworkParameters): NetworkParameters {
  return { w1: values.w1, b1: values.b1, w2: values.w2, b2: values.b2 };
}

/**
 * Zeros carry forward to zeros (relu of 0, products with 0), so an all-zero
 * answer is consistent with itself: a carried value of 0 where the handout's
 * answer is not 0 is no evidence of work, and earns no carried credit (TAs
 * give none when an error makes the rest trivial). null matches no answer: a
 * student's null is read as not answered.
 */
function worthCarrying(carried: number, exact: number): number | null {
  return carried === 0 && exact !== 0 ? null : carried;
}

/**
 * Step k starts from the parameters after step k-1: the student's own where
 * the grader passes them (ECF), else the reference's exact ones.
 */
const s1: ReferenceTask<HandBackpropInputs> = {
  id: "s1",
  solve(inputs, upstream) {
    const exact: StepValues[] = [];
    let parameters = parametersOf(inputs.start);
    for (const [x, y] of inputs.samples) {
      const { values } = handStep(x, y, inputs.eta, parameters, () => undefined);
      exact.push(values);
      parameters = parametersOf(values);
    }
    const steps: Record<string, number | null>[] = [];
    const alternatives: Record<string, Record<string, Value>> = {};
    // each parameter before the step's update, and each weight gradient without its input factor
    const beforeUpdate: Record<string, Value> = {};
    const mistakes: NonNullable<TaskSolution["mistakes"]> = {};
    inputs.samples.forEach(([x, y], k) => {
      const previous = k === 0 ? inputs.start : (exact[k - 1] as StepValues);
      const studentBefore = (key: keyof NetworkParameters) => (k === 0 ? undefined : upstream.number(`s1.steps[${k - 1}].${key}`));
      const before = {
        w1: studentBefore("w1") ?? previous.w1,
        b1: studentBefore("b1") ?? previous.b1,
        w2: studentBefore("w2") ?? previous.w2,
        b2: studentBefore("b2") ?? previous.b2,
      };
      const step = handStep(x, y, inputs.eta, before, (key) => upstream.number(`s1.steps[${k}].${key}`));
      const own = exact[k] as StepValues;
      const answers: Record<string, number | null> = {};
      for (const key of STEP_KEYS) answers[key] = worthCarrying(step.values[key], own[key]);
      steps.push(answers);
      for (const key of ["w1", "b1", "w2", "b2"] as const) beforeUpdate[`steps[${k}].${key}`] = before[key];
      mistakes[`steps[${k}].grad_w1`] = { "missing-factor": { value: step.values.grad_b1, message: "dL/dw1 is missing its factor x: dL/dw1 = dL/dz1 * x" } };
      mistakes[`steps[${k}].grad_w2`] = { "missing-factor": { value: step.values.grad_b2, message: "dL/dw2 is missing its factor a1: dL/dw2 = dL/dz2 * a1" } };
      for (const [key, readings] of Object.entries(step.readings)) {
        alternatives[`steps[${k}].${key}`] = Object.fromEntries(
          Object.entries(readings).map(([id, value]) => [id, worthCarrying(value, own[key as StepKey])]),
        );
      }
    });
    return { answers: { steps }, alternatives, before: beforeUpdate, mistakes };
  },
};

/** the margin in both conventions, for the oneof comparator: 1/||w|| first, the canonical answer */
function marginAlternatives(w: readonly number[]): Record<string, Value> {
  const { distance, width } = marginOf(w);
  return { distance, width };
}

const s2: ReferenceTask<GivenHyperplaneInputs> = {
  id: "s2",
  solve(inputs) {
    const hyperplane = { w: inputs.w, b: inputs.b };
    const described = describeHyperplane(hyperplane, inputs.points);
    return {
      answers: {
        margin: described.margin.distance,
        // the question numbers its points from 1
        support_vectors: described.supportVectors.map((i) => i + 1),
        query_class: classify(hyperplane, inputs.query),
      },
      alternatives: { margin: marginAlternatives(inputs.w) },
      factors: { index_base: 1 },
    };
  },
};

/**
 * Support vectors are listed by letter in alphabetical order: the exact
 * comparator compares lists in order and none compares labels as a set.
 * ECF: the margin of the student's own w.
 */
const s3: ReferenceTask<SvmFromDataInputs> = {
  id: "s3",
  solve(inputs, upstream) {
    const solution = maxMarginHyperplane(
      inputs.points.map((p) => p.x),
      inputs.points.map((p) => p.y),
    );
    const studentW = upstream.vector("s3.w", solution.w.length);
    const marginW = studentW?.some((v) => v !== 0) ? studentW : solution.w;
    const margins = marginAlternatives(marginW);
    const names = solution.supportVectors.map((i) => (inputs.points[i] as LabelledPoint).name).sort();
    return {
      answers: { w: solution.w, b: solution.b, support_vectors: names, margin: margins.distance as number },
      alternatives: { margin: margins },
    };
  },
};

const reference = defineAssignment<Cse343Inputs>({
  id: "cse343-nn-from-scratch",
  title: "CSE343 Assignment 3: a neural network from scratch",
  defaultInputs: cse343DefaultInputs,
  tasks: { s1, s2, s3, s4 },
  // s4's runs, for a rebuild on every core; s1-s3 train nothing
  cachedRuns: (inputs) => s4CachedRuns(inputs.s4),
  variantInputs,
  // the reference's s4 runs come from the same cache the solve filled (the shipped one): nothing trains here
  crossChecks: (answers, inputs): Flag[] => s4Flags(answers, s4Grid(new ReferenceCache(reference.id), inputs.s4)),
  // s4 trains on the assignments' MNIST split; exported so students train on exactly it
  datasets: mnistSplitDataSets,
});

/**
 * One student's numbers (ASSIGNMENTS.md, "Variant"); s4 keeps the handout's
 * training setup, its bands are trained once and shipped. Each task draws from
 * its own fork, so a change to one task's rule leaves the others' numbers alone.
 */
function variantInputs(stream: Stream): Partial<Cse343Inputs> {
  return { s1: handBackpropVariant(stream.fork("s1")), s2: givenHyperplaneVariant(stream.fork("s2")), s3: svmFromDataVariant(stream.fork("s3")) };
}

function pick<T>(stream: Stream, choices: readonly T[]): T {
  return choices[stream.int(0, choices.length)] as T;
}

/**
 * Numbers a student can push through by hand. A draw is kept only if relu
 * stays strictly active and no gradient vanishes in any step: z1 = 0 has no
 * agreed relu'(0), and a zero step checks nothing.
 */
function handBackpropVariant(stream: Stream): HandBackpropInputs {
  // most draws pass at once; the cap only makes termination certain (the handout's numbers are well-posed)
  for (let attempt = 0; attempt < 1000; attempt++) {
    const inputs: HandBackpropInputs = {
      samples: Array.from({ length: 3 }, (): [number, number] => [stream.int(1, 4), stream.int(1, 7)]),
      start: { w1: pick(stream, [0.5, 1, 1.5, 2]), b1: pick(stream, [0, 0.5]), w2: pick(stream, [0.5, 1, 1.5, 2]), b2: pick(stream, [0, 0.5]) },
      eta: pick(stream, [0.01, 0.02, 0.05]),
    };
    let parameters = parametersOf(inputs.start);
    const wellPosed = inputs.samples.every(([x, y]) => {
      const { values } = handStep(x, y, inputs.eta, parameters, () => undefined);
      parameters = parametersOf(values);
      return values.z1 > 0 && values.a2 !== y;
    });
    if (wellPosed) return inputs;
  }
  return cse343DefaultInputs().s1;
}

/**
 * Four points on a horizontal line, as in the handout, built from w and b:
 * consecutive points differ by 2 in w.x + b, and the first one's value is 1, 3
 * or 5, so the values are odd (none on the hyperplane) and exactly two
 * neighbours sit on w.x + b = +1 and -1: one support vector on each margin.
 */
function givenHyperplaneVariant(stream: Stream): GivenHyperplaneInputs {
  const w = [pick(stream, [-2, -1, 1, 2]), stream.int(-2, 3)] as [number, number];
  const step = -2 / w[0]; // an integer: w.(step, 0) = -2
  const start = [stream.int(0, 5), stream.int(0, 5)] as [number, number];
  const b = pick(stream, [1, 3, 5]) - (w[0] * start[0] + w[1] * start[1]);
  const points = [0, 1, 2, 3].map((k) => [start[0] + k * step, start[1]]);
  const hyperplane = { w, b };
  let query: number[];
  do query = [stream.int(0, 6), stream.int(0, 6)];
  while (classify(hyperplane, query) === 0);
  return { w, b, points, query };
}

/**
 * The handout's six points moved by a symmetry of the integer grid (a swap of
 * the axes and sign flips) and an integer translation in [-3, 3]. These are
 * isometries, so every functional margin is kept: the hard-margin solution
 * stays unique (w = R w0, b = b0 - w.t) with the same support vectors B, C,
 * D, F, and the letters keep their points.
 */
function svmFromDataVariant(stream: Stream): SvmFromDataInputs {
  const swap = stream.int(0, 2) === 1;
  const signs = [pick(stream, [-1, 1]), pick(stream, [-1, 1])];
  const shift = [stream.int(-3, 4), stream.int(-3, 4)];
  const move = ([a, c]: number[]) => (swap ? [c, a] : [a, c]).map((v, i) => (v as number) * (signs[i] as number) + (shift[i] as number));
  return { points: cse343DefaultInputs().s3.points.map((p) => ({ ...p, x: move(p.x) })) };
}

export default reference;

/** solves one task with the handout's inputs; for tests */
export function solveDefault<TaskId extends keyof Cse343Inputs>(taskId: TaskId, upstream: Upstream = NO_UPSTREAM): TaskSolution {
  const task: ReferenceTask<Cse343Inputs[TaskId]> = reference.definition.tasks[taskId];
  // s4 reads the shipped cache; s1-s3 never ask it for anything
  return task.solve(cse343DefaultInputs()[taskId], upstream, { cache: new ReferenceCache(reference.id) });
}
