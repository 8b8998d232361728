import { join, resolve } from "node:path";
import { writeFileAtomic } from "../../atomic-write.ts";
import { NngradeError } from "../../errors.ts";
import { loadAssignment } from "../../grade/assignment.ts";
import type { DataSet } from "../../grade/reference.ts";
import {
  checkDataSets,
  dataSetFiles,
  type ExportFormat,
  exportReadme,
  pythonLoadLines,
  sha256Hex,
  sha256SumsLine,
} from "../../report/data-export.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { resolveAssignment } from "../../grade/course.ts";

export interface DataExportOptions {
  assignment: string;
  out: string;
  format: ExportFormat;
}

/** an assignment's data sets, or an input error naming it when it has none */
export async function assignmentDataSets(id: string, cwd: string = process.cwd()): Promise<{ id: string; title: string; sets: DataSet[] }> {
  const assignment = await loadAssignment(resolveAssignment(id, cwd));
  const sets = assignment.reference.datasets?.() ?? [];
  if (sets.length === 0) throw new NngradeError("input", `${assignment.id} has no data sets to export`);
  checkDataSets(sets);
  return { id: assignment.id, title: assignment.title, sets };
}

/**
 * Writes every data set of an assignment, a README and SHA256SUMS into --out,
 * and prints each file's sha256 and the Python that loads it. Each file is
 * written atomically, and one set's bytes at a time.
 */
export async function dataExportCommand(options: DataExportOptions, io: CommandIo): Promise<number> {
  const { id, title, sets } = await assignmentDataSets(options.assignment, io.cwd);
  const directory = resolve(io.cwd, options.out);
  const sums: string[] = [];
  const write = async (name: string, content: Uint8Array | string) => {
    try {
      await writeFileAtomic(join(directory, name), content);
    } catch (error) {
      throw new NngradeError("input", `${options.out}: cannot write ${name} (${(error as Error).message})`, { cause: error });
    }
    sums.push(sha256SumsLine(name, sha256Hex(content)));
  };
  for (const set of sets) {
    for (const file of dataSetFiles(set, options.format)) await write(file.name, file.content);
  }
  await write("README.txt", exportReadme({ id, title }, sets, options.format));
  const sumsText = sums.join("");
  await write("SHA256SUMS", sumsText);

  io.stdout(`${id}: ${sets.map((set) => set.name).join(", ")} written to ${options.out}\n\n`);
  io.stdout(`sha256 (check with: cd ${options.out} && sha256sum -c SHA256SUMS)\n${sumsText}\n`);
  io.stdout("load in python (import numpy as np):\n");
  for (const set of sets) {
    for (const line of pythonLoadLines(set, options.format, (file) => join(options.out, file))) io.stdout(`  ${line}\n`);
  }
  return EXIT.ok;
}
