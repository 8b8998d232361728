import { resolve } from "node:path";
import { loadAssignment } from "../../grade/assignment.ts";
import { lintAssignment } from "../../grade/lint.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { resolveAssignment } from "../../grade/course.ts";

/** Validates like `rubric validate`, then warns about items whose expected values a rounding difference moves. */
export async function rubricLintCommand(options: { file: string }, io: CommandIo): Promise<number> {
  const target = options.file.endsWith(".json") ? resolve(io.cwd, options.file) : options.file;
  const assignment = await loadAssignment(resolveAssignment(target, io.cwd));
  const report = lintAssignment(assignment);
  for (const warning of report.warnings) io.stdout(`warning  ${warning.itemId}: ${warning.message}\n`);
  for (const skip of report.skipped) io.stdout(`skipped  ${skip.taskId}: ${skip.reason}\n`);
  io.stdout(`${options.file}: ${report.warnings.length} warning(s)\n`);
  return EXIT.ok;
}
