/**
 * An Assignment made from a rubric object and a reference object held in
 * memory, with no rubric file and no reference module to import: for tests
 * (a toy assignment of one task grades in microseconds) and for programs
 * that build their assignments themselves. loadAssignment (assignment.ts)
 * remains the way to load one from files; this does the same steps after
 * the reading: validate, apply the rubric's seeds, solve, plan.
 */
import { BUILTIN_REGISTRIES, type Registries } from "../compare/registries.ts";
import { sha256Hex } from "../engine/sha256.ts";
import { RubricError } from "../errors.ts";
import type { Rubric } from "../rubric/types.ts";
import { rubricProblems } from "../rubric/validate.ts";
import type { Assignment } from "./assignment.ts";
import { ReferenceCache } from "./reference-cache.ts";
import { planRubric } from "./plan.ts";
import { NO_UPSTREAM, type Reference, type SolveContext, type TaskSolution } from "./reference.ts";
import { withRubricSeeds } from "./rubric-seeds.ts";

/** How an in-memory assignment is made; every field may be left out. */
export interface AssignmentFromOptions {
  /** the comparators and diagnosers to validate, plan and grade with (default: the built-ins) */
  registries?: Registries;
  /**
   * where the reference's training runs are kept (default: a ReferenceCache of the reference's id in
   * memory; nngrade's own assignmentFrom, for Node, keeps them on disk as loadAssignment does)
   */
  cache?: ReferenceCache;
  /**
   * skip the schema check: the rubric was checked when it was written (a
   * student bundle's, by nngrade build). The check compiles JSON schemas to
   * functions, which a page whose Content-Security-Policy forbids eval cannot
   * do; the plan's own checks (answer paths, points, dependencies) still run.
   */
  checked?: boolean;
}

/** what messages name as the rubric's file, since there is none */
export function inMemoryRubricFile(rubric: Pick<Rubric, "id">): string {
  return `(in memory) ${rubric.id}`;
}

/**
 * Validates `rubric` (every problem reported at once, as for a file), solves
 * `reference`'s tasks on its default inputs and plans the rubric on them.
 * The rubric's hash, which results and the batch's resume state record, is
 * the sha256 of its JSON text indented by two spaces: the same rubric
 * object gives the same hash on every run.
 */
export function assignmentFrom(rubric: Rubric, reference: Reference, options: AssignmentFromOptions = {}): Assignment {
  const registries = options.registries ?? BUILTIN_REGISTRIES;
  const rubricFile = inMemoryRubricFile(rubric);
  const problems = options.checked ? [] : rubricProblems(rubric, registries.comparators);
  if (problems.length > 0) throw new RubricError(problems, { file: rubricFile });
  const text = `${JSON.stringify(rubric, null, 2)}\n`;
  const inputs = withRubricSeeds(rubric, reference.defaultInputs(), rubricFile);
  const context: SolveContext = { cache: options.cache ?? new ReferenceCache(reference.id) };
  return solvedAssignment({ rubric, rubricFile, text, reference, inputs }, context, registries);
}

/**
 * The assignment of a read rubric and its reference: the reference's tasks
 * solved on the default inputs, and the rubric planned on those solutions.
 * What loadAssignment (from files) and assignmentFrom (in memory) both end in.
 */
export function solvedAssignment(
  read: { rubric: Rubric; rubricFile: string; text: string; reference: Reference; inputs: Record<string, unknown>; sourceHash?: string },
  context: SolveContext,
  registries: Registries,
): Assignment {
  const { rubric, reference, inputs } = read;
  const solutions = new Map<string, TaskSolution>();
  for (const task of reference.tasks) solutions.set(task.id, task.solve(inputs[task.id], NO_UPSTREAM, context));
  return {
    id: rubric.id,
    title: rubric.title,
    rubric,
    rubricFile: read.rubricFile,
    rubricHash: sha256Hex(read.text),
    reference,
    ...(read.sourceHash === undefined ? {} : { sourceHash: read.sourceHash }),
    inputs,
    solutions,
    plan: planRubric(rubric, solutions, registries.comparators),
    context,
    registries,
  };
}
