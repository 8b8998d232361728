import type { Value, ValueObject } from "../value.ts";

/**
 * Values of other items a task's solution may start from. In a plain solve it
 * answers undefined for everything and the reference uses its own numbers; in
 * error-carried-forward it answers the student's values of the failed upstream
 * items, so the reference recomputes downstream answers from them.
 * Ids are full item ids: "q2.yhat", "q6.runs[1].final_w".
 */
export interface Upstream {
  get(itemId: string): Value | undefined;
}

export const NO_UPSTREAM: Upstream = { get: () => undefined };

export interface TaskSolution {
  /** the expected answers, exactly in submission shape (answer keys of ASSIGNMENTS.md) */
  answers: ValueObject;
  /**
   * other accepted answers for items graded with the "oneof" comparator, by
   * answer path inside the task ("grad_z") then alternative id; the canonical
   * value in `answers` must be one of them
   */
  alternatives?: Record<string, Record<string, Value>>;
  /** named numbers a constant-factor diagnosis may use, e.g. { N: 2 } samples */
  factors?: Record<string, number>;
}

export interface ReferenceTask<Inputs = unknown> {
  id: string;
  /** solves the task; must be pure and deterministic */
  solve(inputs: Inputs, upstream: Upstream): TaskSolution;
}

export interface Reference {
  id: string;
  title: string;
  /** the handout's inputs, by task id (the default variant) */
  defaultInputs(): Record<string, unknown>;
  tasks: ReferenceTask[];
}
