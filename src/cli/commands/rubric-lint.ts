import { loadAssignment } from "../../grade/assignment.ts";
import { lintAssignment } from "../../grade/lint.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { resolveAssignment } from "../../grade/course.ts";

/** Validates like `rubric validate`, then warns about items whose expected values a rounding difference moves. */
export async function rubricLintCommand(options: { assignment: string }, io: CommandIo): Promise<number> {
  const assignment = await loadAssignment(resolveAssignment(options.assignment, io.cwd));
  const report = lintAssignment(assignment);
  for (const warning of report.warnings) io.stdout(`warning  ${warning.itemId}: ${warning.message}\n`);
  for (const skip of report.skipped) io.stdout(`skipped  ${skip.taskId}: ${skip.reason}\n`);
  io.stdout(`${options.assignment}: ${report.warnings.length} warning(s)\n`);
  return EXIT.ok;
}
