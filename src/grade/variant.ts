import { createStream } from "../engine/random/stream.ts";
import type { Assignment } from "./assignment.ts";
import { NO_UPSTREAM, type TaskSolution } from "./reference.ts";

export type VariantMode = "default" | "per-student";

/**
 * The assignment as one student was given it: with per-student variants the
 * inputs come from a stream seeded by "<assignment>/<student id>", so the
 * handout, the grader and a regrade all draw the same numbers, and two
 * students get different matrices. The rubric's plan is shared: a variant
 * changes numbers, never shapes.
 */
/** the seed of a student's own inputs: the stream every task's variant rule draws from */
export function variantSeed(assignmentId: string, studentId: string): string {
  return `${assignmentId}/${studentId}`;
}

export function assignmentFor(assignment: Assignment, studentId: string, mode: VariantMode): Assignment {
  if (mode === "default") return assignment;
  const draw = assignment.reference.variantInputs;
  if (draw === undefined) return assignment;
  const inputs = { ...assignment.inputs, ...draw(createStream(variantSeed(assignment.id, studentId))) };
  const solutions = new Map<string, TaskSolution>();
  for (const task of assignment.reference.tasks) solutions.set(task.id, task.solve(inputs[task.id], NO_UPSTREAM, assignment.context));
  return { ...assignment, inputs, solutions };
}

/** The rubric's choice unless the command line overrides it. */
export function variantMode(assignment: Assignment, override?: string): VariantMode {
  const chosen = override ?? assignment.rubric.variants ?? "default";
  return chosen === "per-student" ? "per-student" : "default";
}

/** the variant a grade really used: per-student only where the reference draws one */
export function effectiveVariant(assignment: Assignment, mode: VariantMode): VariantMode {
  return mode === "per-student" && assignment.reference.variantInputs !== undefined ? "per-student" : "default";
}
