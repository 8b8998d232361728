import { relative } from "node:path";
import { mergeBatches } from "../../batch/merge.ts";
import { duplicateLine } from "../../batch/outputs.ts";
import { EXIT } from "../exit-codes.ts";
import { type CommandIo, reportTime } from "../io.ts";

export interface MergeOptions {
  dirs: string[];
  out: string;
  /** also summary.pdf */
  pdf?: boolean;
}

/**
 * `nngrade merge`: mergeBatches (batch/merge.ts) over the output folders of
 * `grade --shard k/n` runs, a summary line, and exit 1 when two submissions
 * claim one student.
 */
export async function mergeCommand(options: MergeOptions, io: CommandIo): Promise<number> {
  const outcome = await mergeBatches({ cwd: io.cwd, dirs: options.dirs, out: options.out, pdf: options.pdf ?? false, generatedAt: reportTime(io.env) });
  io.stdout(`${outcome.assignment}: merged ${outcome.rows.length} students from ${outcome.folders} folders, broken ${outcome.broken}\n`);
  io.stdout(`reports: ${relative(io.cwd, outcome.out) || "."}/ (${outcome.written.join(", ")}, a .json and .html per student)\n`);
  for (const duplicate of outcome.duplicates) io.stderr(`nngrade: ${duplicateLine(duplicate)}\n`);
  return outcome.duplicates.length > 0 ? EXIT.failed : EXIT.ok;
}
