import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { writeFileAtomic } from "../../atomic-write.ts";
import { BATCH_FILE, type BatchInfo, batchRecord, duplicateLine, parseBatchInfo, type StudentOutput, writeBatchFiles } from "../../batch/outputs.ts";
import { checkOutFolder, createOutFolder } from "../../batch/out-folder.ts";
import { RecordKeeper } from "../../batch/record.ts";
import { removeStaleTemporaries, STATE_FOLDER } from "../../batch/state.ts";
import { NngradeError } from "../../errors.ts";
import { parseResultJson } from "../../report/json.ts";
import { type CommandIo, reportTime } from "../io.ts";
import { EXIT } from "../exit-codes.ts";

export interface MergeOptions {
  dirs: string[];
  out: string;
  /** also summary.pdf */
  pdf?: boolean;
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
 * Combines the output folders of `grade --shard k/n` runs (or of any grade
 * runs of one assignment) into one folder: every student's reports, and the
 * gradebooks a single run would have written. Refuses folders graded with a
 * different rubric or engine, and a set of shards with one missing.
 */
export async function mergeCommand(options: MergeOptions, io: CommandIo): Promise<number> {
  const folders: Folder[] = [];
  for (const given of options.dirs) {
    const path = resolve(io.cwd, given);
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

  const out = resolve(io.cwd, options.out);
  // as grade's: OUT is none of the folders merged, nor holds files nngrade did not write, and can be written
  checkOutFolder(io.cwd, options.out, options.dirs);
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
  const { written, duplicates } = await writeBatchFiles(out, students, { ...first.info, shard: null }, { pdf: options.pdf ?? false, generatedAt: reportTime(io.env) });
  const broken = students.filter((student) => student.result.error).length;
  io.stdout(`${first.info.assignment}: merged ${students.length} students from ${folders.length} folders, broken ${broken}\n`);
  io.stdout(`reports: ${relative(io.cwd, out) || "."}/ (${written.join(", ")}, a .json and .html per student)\n`);
  for (const duplicate of duplicates) {
    io.stderr(`nngrade: ${duplicateLine(duplicate)}\n`);
  }
  return duplicates.length > 0 ? EXIT.failed : EXIT.ok;
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
