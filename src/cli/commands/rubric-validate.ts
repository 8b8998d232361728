import { resolve } from "node:path";
import { readRubric } from "../../grade/assignment.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../main.ts";

export async function rubricValidateCommand(options: { file: string }, io: CommandIo): Promise<number> {
  const { rubric } = readRubric(resolve(io.cwd, options.file));
  const items = rubric.tasks.reduce((sum, task) => sum + task.items.length, 0);
  io.stdout(`${options.file}: valid (${rubric.tasks.length} tasks, ${items} items)\n`);
  return EXIT.ok;
}
