import { shapeText } from "../../report/data-export.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { assignmentDataSets } from "./data-export.ts";

/** Each data set of an assignment: name, shape, and what it is. */
export async function dataListCommand(options: { assignment: string }, io: CommandIo): Promise<number> {
  const { sets } = await assignmentDataSets(options.assignment, io.cwd);
  const rows = sets.map((set) => [set.name, shapeText(set), set.description] as const);
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const shapeWidth = Math.max(...rows.map(([, shape]) => shape.length));
  for (const [name, shape, description] of rows) io.stdout(`${name.padEnd(nameWidth)}  ${shape.padEnd(shapeWidth)}  ${description}\n`);
  return EXIT.ok;
}
