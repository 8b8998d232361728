import { listAssignments } from "../../grade/assignment.ts";
import { courseAssignments, shownPath } from "../../grade/course.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";

/** the built-in assignments, then the course's own (rubrics in this folder and two levels down) with where they are */
export async function listCommand(_options: unknown, io: CommandIo): Promise<number> {
  const builtIn = listAssignments();
  const course = courseAssignments(io.cwd);
  const width = Math.max(0, ...[...builtIn, ...course].map((info) => info.id.length));
  for (const info of builtIn) io.stdout(`${info.id.padEnd(width)}  ${info.title}\n`);
  if (course.length > 0) io.stdout(`\nthis course (${io.cwd}):\n`);
  for (const info of course) io.stdout(`${info.id.padEnd(width)}  ${info.title}  (${shownPath(info.rubricFile, io.cwd)})\n`);
  return EXIT.ok;
}
