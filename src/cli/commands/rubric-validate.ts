import { loadAssignment } from "../../grade/assignment.ts";
import { resolveAssignment } from "../../grade/course.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";

/**
 * Validates the rubric as the grader will use it: the schema, each
 * comparator's options, and then the rubric against its reference (every
 * answer path exists, points add up, dependencies resolve, no cycle).
 * Takes a rubric file or an assignment id, as every other command does.
 */
export async function rubricValidateCommand(options: { assignment: string }, io: CommandIo): Promise<number> {
  const assignment = await loadAssignment(resolveAssignment(options.assignment, io.cwd));
  const items = assignment.plan.tasks.reduce((sum, task) => sum + task.items.length, 0);
  io.stdout(
    `${options.assignment}: valid (${assignment.plan.tasks.length} tasks, ${items} graded items, reference "${assignment.reference.id}")\n`,
  );
  return EXIT.ok;
}
