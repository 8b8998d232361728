/**
 * A reference written in plain numpy: `inputs(seed=None)` and one
 * `solve_<task>(inputs, upstream)` per task in a Python module, run by a
 * persistent worker (python-session.ts). Every solve goes through the
 * assignment's run cache, keyed by the module's source, the task, its
 * inputs and the upstream values it was given: the default variant's
 * answers are computed once and kept, so Python is needed again only for a
 * student's own upstream values (error carried forward) or variant.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { sha256Hex } from "../engine/sha256.ts";
import type { Reference, ReferenceTask, SolveContext, TaskSolution, Upstream } from "../grade/reference.ts";
import { isValueObject, type Value, type ValueObject } from "../value.ts";
import { PythonSession, type PythonSessionOptions } from "./python-session.ts";

/** changes whenever what the worker sends for a solve changes: it is part of every cache key */
const WORKER_PROTOCOL = "nngrade_worker@2";

/** a task's answers must be an object of answers, in submission shape; the worker sends them with the task's extras */
function solvedOf(value: Value, module: string, task: string): ValueObject {
  const answers = isValueObject(value) ? value.answers : undefined;
  if (!isValueObject(value) || answers === undefined || !isValueObject(answers)) {
    throw new Error(`${module}: solve_${task} returned ${Array.isArray(answers) ? "a list" : typeof answers}, expected a dict of answers`);
  }
  return value;
}

/** the answers, and what grading may use besides them: named counts for diagnoses, accepted alternatives, fraction paths */
function toSolution(solved: ValueObject): TaskSolution {
  const solution: TaskSolution = { answers: solved.answers as ValueObject };
  if (isValueObject(solved.factors)) solution.factors = solved.factors as Record<string, number>;
  if (isValueObject(solved.alternatives)) solution.alternatives = solved.alternatives as Record<string, Record<string, Value>>;
  if (Array.isArray(solved.fractions)) solution.fractions = solved.fractions as string[];
  return solution;
}

/**
 * The Reference of a Python module. Task ids are the module's (`solve_<id>`
 * or TASKS); a per-student variant calls `inputs(seed)` with a seed drawn
 * from the student's stream, so a module without seeded inputs should
 * return the handout's for any seed.
 */
export function pythonReference(module: string, options: { id: string; title: string } & PythonSessionOptions): Reference {
  let session: PythonSession | undefined;
  const python = () => (session ??= new PythonSession(module, options));
  const source = sha256Hex(readFileSync(module, "utf8"));
  const name = basename(module);
  const taskIds = python().call({ op: "tasks" }) as string[];
  const tasks: ReferenceTask[] = taskIds.map((task) => ({
    id: task,
    solve(inputs: unknown, upstream: Upstream, context: SolveContext): TaskSolution {
      const given: Record<string, Value> = {};
      for (const id of upstream.ids()) given[id] = upstream.get(id) as Value;
      const key = { kind: "python-solve", worker: WORKER_PROTOCOL, module: name, source, task, inputs: inputs as Value, upstream: given };
      const solved = context.cache.get(key, () => solvedOf(python().call({ op: "solve", task, inputs, upstream: given }), name, task)) as ValueObject;
      return toSolution(solved);
    },
  }));
  return {
    id: options.id,
    title: options.title,
    defaultInputs: () => python().call({ op: "inputs", seed: null }) as Record<string, unknown>,
    // a seed numpy's RandomState takes (below 2^32), drawn from the student's stream
    variantInputs: (stream) => python().call({ op: "inputs", seed: stream.int(0, 2 ** 31) }) as Record<string, unknown>,
    tasks,
  };
}
