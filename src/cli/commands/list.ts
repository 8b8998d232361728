import { listAssignments } from "../../grade/assignment.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";

export async function listCommand(_options: unknown, io: CommandIo): Promise<number> {
  const assignments = listAssignments();
  const width = Math.max(0, ...assignments.map((info) => info.id.length));
  for (const info of assignments) io.stdout(`${info.id.padEnd(width)}  ${info.title}\n`);
  return EXIT.ok;
}
