/**
 * A reference written in plain numpy: `inputs(seed=None)` and one
 * `solve_<task>(inputs, upstream)` per task in a Python module, run by a
 * persistent worker (python-session.ts). Everything asked of the module goes
 * through the assignment's run cache, keyed by the module's source: its task
 * list, the handout's inputs, each student's variant inputs, and every solve
 * (by task, inputs and the upstream values it was given). `nngrade reference
 * <id> --rebuild` keeps the default variant's in the shipped cache beside
 * the rubric, so a check or a Gradescope run starts Python only for a
 * student's own upstream values (error carried forward) or variant.
 */
import { basename } from "node:path";
import { isBandSamples } from "../compare/band.ts";
import { NngradeError } from "../errors.ts";
import type { ReferenceCache } from "../grade/reference-cache.ts";
import { portableEvaluationProblems } from "../grade/evaluators.ts";
import { pythonSourceHash } from "../grade/reference-source.ts";
import type { DataSet, Reference, ReferenceTask, SolveContext, TaskSolution, Upstream } from "../grade/reference.ts";
import { isValueObject, type Value, type ValueObject } from "../value.ts";
import { PythonSession, type PythonSessionOptions } from "./python-session.ts";

/** changes whenever what the worker sends for a solve changes: it is part of every cache key */
const WORKER_PROTOCOL = "nngrade_worker@3";

/** a task's answers must be an object of answers, in submission shape; the worker sends them with the task's extras */
function solvedOf(value: Value, module: string, task: string): ValueObject {
  const answers = isValueObject(value) ? value.answers : undefined;
  if (!isValueObject(value) || answers === undefined || !isValueObject(answers)) {
    throw new NngradeError("reference", `${module}: solve_${task} returned ${Array.isArray(answers) ? "a list" : answers === null ? "None" : typeof answers}, expected a dict of answers`);
  }
  return value;
}

/**
 * the answers, and what grading may use besides them: named counts for
 * diagnoses, accepted alternatives, fraction paths, values before the last
 * update, bands (each seed's value of a trained result), and engine evaluations as data
 */
function toSolution(solved: ValueObject, module: string, task: string): TaskSolution {
  const solution: TaskSolution = { answers: solved.answers as ValueObject };
  if (isValueObject(solved.factors)) solution.factors = solved.factors as Record<string, number>;
  if (isValueObject(solved.alternatives)) solution.alternatives = solved.alternatives as Record<string, Record<string, Value>>;
  if (Array.isArray(solved.fractions)) solution.fractions = solved.fractions as string[];
  if (isValueObject(solved.before)) solution.before = solved.before;
  if (isValueObject(solved.bands)) solution.bands = bandsOf(solved.bands, module, task);
  if (solved.evaluations !== undefined) solution.portableEvaluations = evaluationsOf(solved.evaluations, module, task);
  if (solved.curves !== undefined) solution.curves = curvesOf(solved.curves, module, task);
  return solution;
}

/** {"loss": {"x": "epoch", "y": "loss", "first": 1}}: which lists are curves, and what their axes are */
function curvesOf(curves: Value, module: string, task: string): NonNullable<TaskSolution["curves"]> {
  const expected = `${module}: solve_${task}: curves: expected {answer path: {"x": str, "y": str, "first": number (optional), "step": number (optional)}}`;
  if (!isValueObject(curves)) throw new NngradeError("reference", expected);
  for (const [path, curve] of Object.entries(curves)) {
    const { x, y, first, step, ...rest } = isValueObject(curve) ? curve : ({} as ValueObject);
    const number = (value: Value | undefined) => value === undefined || (typeof value === "number" && Number.isFinite(value));
    if (typeof x !== "string" || typeof y !== "string" || !number(first) || !number(step) || Object.keys(rest).length > 0) {
      throw new NngradeError("reference", `${expected.replace(": curves:", `: curves.${path}:`)}`);
    }
  }
  return curves as NonNullable<TaskSolution["curves"]>;
}

/** {"accuracy": {"evaluator": "accuracy", "data": {"samples": [...]}}}: engine items judged by the grading core's evaluators */
function evaluationsOf(evaluations: Value, module: string, task: string): NonNullable<TaskSolution["portableEvaluations"]> {
  if (!isValueObject(evaluations)) throw new NngradeError("reference", `${module}: solve_${task}: evaluations: expected {answer path: {"evaluator": name, "data": {...}}}`);
  for (const [path, spec] of Object.entries(evaluations)) {
    const problems = portableEvaluationProblems(spec);
    if (problems.length > 0) throw new NngradeError("reference", `${module}: solve_${task}: evaluations.${path}: ${problems.join("; ")}`);
  }
  return evaluations as unknown as NonNullable<TaskSolution["portableEvaluations"]>;
}

/** {"accuracy": {"samples": [0.83, 0.85, ...], "better": "higher"}}: checked here, where the TA can be told which path is wrong */
function bandsOf(bands: ValueObject, module: string, task: string): NonNullable<TaskSolution["bands"]> {
  const result: NonNullable<TaskSolution["bands"]> = {};
  for (const [path, band] of Object.entries(bands)) {
    const { better, ...samples } = isValueObject(band) ? band : {};
    if (!isBandSamples(samples) || (better !== undefined && better !== "higher" && better !== "lower")) {
      throw new NngradeError(
        "reference",
        `${module}: solve_${task}: bands.${path}: expected {"samples": [finite numbers, one per seed], "better": "higher" | "lower" (optional)}`,
      );
    }
    result[path] = better === undefined ? samples : { ...samples, better };
  }
  return result;
}

/** the module's data sets as `nngrade data export` writes them: a features matrix of numbers, labels optional */
function dataSetsOf(value: Value, module: string): DataSet[] {
  if (!Array.isArray(value)) throw new NngradeError("reference", `${module}: datasets() returned ${typeof value}, expected a list of data sets`);
  return value.map((set, index) => {
    const where = `${module}: datasets()[${index}]`;
    const { name, description, features, labels } = isValueObject(set) ? set : ({} as ValueObject);
    const rows = Array.isArray(features) ? features : [];
    const cols = Array.isArray(rows[0]) ? rows[0].length : 0;
    if (typeof name !== "string" || rows.length === 0 || cols === 0 || !rows.every((row) => Array.isArray(row) && row.length === cols && row.every((x) => typeof x === "number"))) {
      throw new NngradeError("reference", `${where}: expected {"name": str, "description": str, "features": a matrix of numbers, "labels": optional list}`);
    }
    if (labels !== undefined && (!Array.isArray(labels) || labels.length !== rows.length || !labels.every((label) => Number.isInteger(label)))) {
      throw new NngradeError("reference", `${where}: labels: expected ${rows.length} integer class labels, one per row of features`);
    }
    const data = Float64Array.from((rows as number[][]).flat());
    return { name, description: typeof description === "string" ? description : name, features: { rows: rows.length, cols, data }, ...(labels ? { labels: labels as number[] } : {}) };
  });
}

export interface PythonReferenceOptions extends PythonSessionOptions {
  id: string;
  title: string;
  /**
   * where the task list and the inputs are kept, as the solves are in the
   * solve context's: give loadAssignment's, so that a rebuild ships them
   * too; a cache of its own (memory) by default
   */
  cache?: ReferenceCache;
}

/**
 * The Reference of a Python module. Task ids are the module's (`solve_<id>`
 * or TASKS); a per-student variant calls `inputs(seed)` with a seed drawn
 * from the student's stream, so a module without seeded inputs should
 * return the handout's for any seed. Python starts on the first question
 * the cache cannot answer.
 */
export function pythonReference(module: string, options: PythonReferenceOptions): Reference {
  let session: PythonSession | undefined;
  const python = () => (session ??= new PythonSession(module, options));
  // the same hash a batch's resume state keeps of the reference (grade/reference-source.ts)
  const source = pythonSourceHash(module);
  const name = basename(module);
  const keyOf = (kind: string, rest: Record<string, Value> = {}) => ({ kind, worker: WORKER_PROTOCOL, module: name, source, ...rest });
  const asked = (cache: ReferenceCache | undefined, key: Record<string, unknown>, compute: () => Value): Value => (cache ? cache.get(key, compute) : compute());
  const taskIds = asked(options.cache, keyOf("python-tasks"), () => python().call({ op: "tasks" }));
  if (!Array.isArray(taskIds) || !taskIds.every((task) => typeof task === "string")) throw new NngradeError("reference", `${name}: the module's task list is not a list of names`);
  const tasks: ReferenceTask[] = taskIds.map((task) => ({
    id: task,
    solve(inputs: unknown, upstream: Upstream, context: SolveContext): TaskSolution {
      const given: Record<string, Value> = {};
      for (const id of upstream.ids()) given[id] = upstream.get(id) as Value;
      const key = keyOf("python-solve", { task, inputs: inputs as Value, upstream: given });
      const solved = context.cache.get(key, () => solvedOf(python().call({ op: "solve", task, inputs, upstream: given }), name, task)) as ValueObject;
      return toSolution(solved, name, task);
    },
  }));
  const inputsFor = (seed: number | null) =>
    asked(options.cache, keyOf("python-inputs", { seed }), () => python().call({ op: "inputs", seed })) as Record<string, unknown>;
  return {
    id: options.id,
    title: options.title,
    defaultInputs: () => inputsFor(null),
    // a seed numpy's RandomState takes (below 2^32), drawn from the student's stream
    variantInputs: (stream) => inputsFor(stream.int(0, 2 ** 31)),
    datasets: () => dataSetsOf(python().call({ op: "datasets" }), name),
    // the nudged solves lint asks for are python calls, kept in the run cache like any other
    lintSolves: true,
    tasks,
  };
}
