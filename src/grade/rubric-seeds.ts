import { RubricError } from "../errors.ts";
import type { Rubric } from "../rubric/types.ts";

/**
 * The rubric's K: a task's `seeds` replace the seeds its reference's inputs
 * name, so a course can build its bands from more or fewer runs. Each run is
 * cached on its own, so a subset of the shipped seeds trains nothing. Used
 * by loadAssignment (files) and assignmentFrom (in memory) alike.
 */
export function withRubricSeeds(rubric: Rubric, inputs: Record<string, unknown>, rubricFile: string): Record<string, unknown> {
  const result = { ...inputs };
  for (const task of rubric.tasks) {
    if (task.seeds === undefined) continue;
    const taskInputs = result[task.id];
    if (typeof taskInputs !== "object" || taskInputs === null || !Array.isArray((taskInputs as { seeds?: unknown }).seeds)) {
      throw new RubricError([`rubric "${rubric.id}" > task "${task.id}": seeds: this task's reference trains nothing with seeds`], { file: rubricFile });
    }
    result[task.id] = { ...taskInputs, seeds: [...task.seeds] };
  }
  return result;
}
