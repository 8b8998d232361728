/**
 * Merging the output folders of sharded batches (or of any batches of one
 * assignment) into one: every student's reports, and the gradebooks a
 * single run would have written. `nngrade merge` is a thin command over it.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../atomic-write.ts";
import { NngradeError } from "../errors.ts";
import { parseResultJson } from "../result/json.ts";
import { BATCH_FILE, type BatchInfo, batchRecord, type DuplicateId, gradebookOrder, parseBatchInfo, type StudentOutput, writeBatchFiles } from "./outputs.ts";
import { checkOutFolder, createOutFolder } from "./out-folder.ts";
import { RecordKeeper } from "./record.ts";
import { removeStaleTemporaries, STATE_FOLDER } from "./state.ts";

/** Which folders to merge, and where. */
export interface MergeOptions {
  /** the folder `dirs` and `out` are relative to */
  cwd: string;
  /** output folders of gradeBatch, as the caller names them (messages quote them) */
  dirs: string[];
  /** the merged folder, as the caller names it */
  out: string;
  /** also summary.pdf */
  pdf?: boolean;
  /** when summary.pdf says it was made */
  generatedAt?: string;
}

/** What a merge did. */
export interface MergeOutcome {
  /** the assignment id the folders were graded for */
  assignment: string;
  /** the merged folder, absolute */
  out: string;
  /** how many folders were merged */
  folders: number;
  /** each student's report name and compact result, in gradebook order */
  rows: StudentOutput[];
  /** students whose result is an error */
  broken: number;
  /** student ids several submissions resolve to */
  duplicates: DuplicateId[];
  /** the batch's own files written beside the reports */
  written: string[];
}

interface Folder {
  path: string;
  /** as the user typed it, for messages */
  given: string;
  info: BatchInfo;
}

/** the fields every folder of one batch must agree on */
const SAME_BATCH = ["assignment", "rubric_sha256", "engine_version", "task_ids"] as const;

/**
 * Combines the output folders of sharded batches (or of any batches of one
 * assignment) into one folder: every student's reports, and the gradebooks
 * a single run would have written. Refuses (NngradeError "input") folders
 * graded with a different rubric or engine, and a set of shards with one
 * missing; and ("usage") an OUT that is one of the folders merged.
 */
export async function mergeBatches(options: MergeOptions): Promise<MergeOutcome> {
  const folders: Folder[] = [];
  for (const given of options.dirs) {
    const path = resolve(options.cwd, given);
    if (folders.some((folder) => folder.path === path)) throw new NngradeError("usage", `${given}: given twice`);
    const file = join(path, BATCH_FILE);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new NngradeError("input", `${given}: no ${BATCH_FILE}; expected an output folder of nngrade grade`);
    }
    folders.push({ path, given, info: parseBatchInfo(text, join(given, BATCH_FILE)) });
  }
  const first = folders[0] as Folder;
  for (const folder of folders.slice(1)) {
    for (const key of SAME_BATCH) {
      if (JSON.stringify(folder.info[key]) !== JSON.stringify(first.info[key])) {
        throw new NngradeError("input", `${folder.given}: ${key} differs from ${first.given}'s; these folders are not one batch`);
      }
    }
  }
  checkShards(folders);

  const out = resolve(options.cwd, options.out);
  // as grade's: OUT is none of the folders merged, nor holds files nngrade did not write, and can be written
  checkOutFolder(options.cwd, options.out, options.dirs);
  createOutFolder(out, options.out);
  removeStaleTemporaries(out);
  const students: StudentOutput[] = [];
  const records = new RecordKeeper();
  const from = new Map<string, string>();
  for (const folder of folders) {
    for (const name of folder.info.results) {
      const seen = from.get(name.toLowerCase());
      if (seen !== undefined) throw new NngradeError("input", `${name}: a result of that name is in both ${seen} and ${folder.given}`);
      from.set(name.toLowerCase(), folder.given);
      students.push({ name, result: records.keep(batchRecord(await readResult(folder, name, out))) });
    }
  }
  const { written, duplicates } = await writeBatchFiles(
    out,
    students,
    { ...first.info, shard: null },
    { pdf: options.pdf ?? false, ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }) },
  );
  return {
    assignment: first.info.assignment,
    out,
    folders: folders.length,
    rows: [...students].sort(gradebookOrder),
    broken: students.filter((student) => student.result.error).length,
    duplicates,
    written,
  };
}

/** shards of one split: the same n, each k once, none missing; or no shards at all */
function checkShards(folders: readonly Folder[]): void {
  const sharded = folders.filter((folder) => folder.info.shard !== null);
  if (sharded.length === 0) return;
  if (sharded.length !== folders.length) {
    const plain = folders.find((folder) => folder.info.shard === null) as Folder;
    throw new NngradeError("input", `${plain.given}: not a shard, but the other folders are shards of one batch`);
  }
  const count = (sharded[0] as Folder).info.shard?.count as number;
  const byIndex = new Map<number, string>();
  for (const folder of sharded) {
    const shard = folder.info.shard as NonNullable<BatchInfo["shard"]>;
    if (shard.count !== count) throw new NngradeError("input", `${folder.given}: shard ${shard.index}/${shard.count}, but another folder is a shard of ${count}`);
    const twice = byIndex.get(shard.index);
    if (twice !== undefined) throw new NngradeError("input", `${folder.given}: shard ${shard.index}/${count} again (also ${twice})`);
    byIndex.set(shard.index, folder.given);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    throw new NngradeError("input", `missing shard ${missing.map((index) => `${index}/${count}`).join(", ")}: merge needs every shard of the batch`);
  }
}

/** reads one student's result, and copies their reports (and resume state) into the merged folder */
async function readResult(folder: Folder, name: string, out: string): Promise<StudentOutput["result"]> {
  const read = async (file: string) => {
    try {
      return await readFile(join(folder.path, file));
    } catch {
      throw new NngradeError("input", `${join(folder.given, file)}: missing, but ${BATCH_FILE} lists it`);
    }
  };
  const json = await read(`${name}.json`);
  let result: StudentOutput["result"];
  try {
    result = parseResultJson(json.toString("utf8"));
  } catch (error) {
    throw new NngradeError("input", `${join(folder.given, `${name}.json`)}: not a result (${(error as Error).message})`);
  }
  if (result.schema !== "nngrade/result@1" || result.assignment !== folder.info.assignment) {
    throw new NngradeError("input", `${join(folder.given, `${name}.json`)}: expected a result of ${folder.info.assignment}`);
  }
  if (folder.path !== out) {
    const html = await read(`${name}.html`);
    await writeFileAtomic(join(out, `${name}.json`), json);
    await writeFileAtomic(join(out, `${name}.html`), html);
    // a shard graded with --pdf has a PDF per student: it comes along
    const pdf = await readFile(join(folder.path, `${name}.pdf`)).catch(() => undefined);
    if (pdf !== undefined) await writeFileAtomic(join(out, `${name}.pdf`), pdf);
    // the state lets a later grade run into the merged folder skip this student too
    const state = await readFile(join(folder.path, STATE_FOLDER, `${name}.json`)).catch(() => undefined);
    if (state !== undefined) await writeFileAtomic(join(out, STATE_FOLDER, `${name}.json`), state);
  }
  return result;
}
