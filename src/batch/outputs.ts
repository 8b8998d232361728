/**
 * The files a batch writes besides each student's reports: the gradebooks,
 * the class summary, and .nngrade-state/batch.json, which says what the
 * folder holds (kept out of sight, so every *.json beside the gradebook is a
 * student's result) so that `nngrade merge` can check the shards belong together and read exactly their results
 * (not a stale report an earlier run left in the same folder). A single run,
 * a shard and a merge all write them here, from results in one order, so a
 * merge of the shards gives the single run's gradebook byte for byte.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../atomic-write.ts";
import { NngradeError } from "../errors.ts";
import { planCanvasImport, renderCanvasGradebook } from "../report/canvas.ts";
import { renderGradebook } from "../report/csv.ts";
import { ROSTER_KEY_NAMES, ROSTER_KEYS, type RosterStudent } from "../report/roster.ts";
import type { GradeResult } from "../result/types.ts";
import { buildClassSummary, type DuplicateId, renderSummaryHtml } from "../report/summary.ts";

export type { DuplicateId } from "../report/summary.ts";
import { byCodeUnit } from "./discover.ts";
import type { Shard } from "./shard.ts";
import { STATE_FOLDER } from "./state.ts";

// the record a batch keeps per student (merge and the tests import it from here)
export { batchRecord } from "./record.ts";

export const BATCH_FILE = join(STATE_FOLDER, "batch.json");
/** names a student's reports (and resume state) may not take: the batch's own files beside them */
export const RESERVED_NAMES = ["summary", "gradebook", "gradebook-canvas", "batch"] as const;
export const BATCH_SCHEMA = "nngrade/batch@1";

export interface BatchInfo {
  schema: typeof BATCH_SCHEMA;
  assignment: string;
  assignment_title: string;
  rubric_sha256: string;
  engine_version: string;
  task_ids: string[];
  max_score: number;
  shard: Shard | null;
  /** each student's report name (<name>.json, <name>.html), in gradebook order */
  results: string[];
  /** student ids that several submissions resolve to (each graded, none replaced): the TA decides which counts */
  duplicates: DuplicateId[];
  /** how the gradebooks were asked for; absent when as by default. Kept so that a merge writes them the same */
  gradebook?: BatchGradebook;
}

/** how the gradebooks are written (grade's --canvas-assignment, --roster, --excel) */
export interface BatchGradebook {
  /** Canvas's id of the assignment: gradebook-canvas.csv's column is "Title (id)", which Canvas matches by the id */
  canvas_assignment_id?: string;
  /** the class as Canvas knows it: its identity columns go to Canvas, and only its students are imported */
  roster?: RosterStudent[];
  /** gradebook.csv starts with a UTF-8 byte order mark, for Excel */
  excel?: boolean;
}

/** One row of a batch: a student's report name and their result (a compact record, record.ts, while a batch runs). */
export interface StudentOutput {
  /** the report files' name without extension */
  name: string;
  result: GradeResult;
}

/** gradebook order: by student id, then by file, so it is the same however the batch was split */
export function gradebookOrder(a: StudentOutput, b: StudentOutput): number {
  return (
    byCodeUnit(a.result.student.id, b.result.student.id) ||
    byCodeUnit(a.result.source ?? "", b.result.source ?? "") ||
    byCodeUnit(a.name, b.name)
  );
}

/** writes the gradebooks, the summary and the batch file; answers the names of the files written */
export async function writeBatchFiles(
  out: string,
  students: readonly StudentOutput[],
  info: Omit<BatchInfo, "schema" | "results" | "duplicates">,
  options: { pdf?: boolean; generatedAt?: string } = {},
): Promise<{ written: string[]; duplicates: DuplicateId[] }> {
  const ordered = [...students].sort(gradebookOrder);
  const results = ordered.map((student) => student.result);
  const { roster, canvas_assignment_id: assignmentId, excel } = info.gradebook ?? {};
  // a shard's gradebook lists its own students: the roster's others are in the other shards
  const gradebook = renderGradebook(results, info.task_ids, {
    ...(roster === undefined ? {} : { roster }),
    excel: excel === true,
    maxScore: info.max_score,
    noSubmissionRows: info.shard === null,
  });
  await writeFileAtomic(join(out, "gradebook.csv"), gradebook);
  const column = {
    title: info.assignment_title || info.assignment,
    pointsPossible: info.max_score,
    ...(assignmentId === undefined ? {} : { assignmentId }),
    ...(roster === undefined ? {} : { roster }),
  };
  await writeFileAtomic(join(out, "gradebook-canvas.csv"), renderCanvasGradebook(results, column));
  const reports = ordered.map((student) => student.name);
  const summary = buildClassSummary(roster === undefined ? results : withRosterFlags(results, roster), info.task_ids, { reports });
  const title = info.assignment_title || info.assignment;
  await writeFileAtomic(join(out, "summary.html"), renderSummaryHtml(summary, title));
  if (options.pdf) {
    // loaded only when asked for: pdfkit and the fonts cost a good part of a second
    const { renderSummaryPdf } = await import("../report/summary-pdf.ts");
    await writeFileAtomic(join(out, "summary.pdf"), await renderSummaryPdf(summary, title, options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }));
  }
  const batch: BatchInfo = { schema: BATCH_SCHEMA, ...info, results: ordered.map((student) => student.name), duplicates: summary.duplicates };
  await writeFileAtomic(join(out, BATCH_FILE), `${JSON.stringify(batch, null, 2)}\n`);
  const written = ["gradebook.csv", "gradebook-canvas.csv", "summary.html", ...(options.pdf ? ["summary.pdf"] : [])];
  return { written, duplicates: summary.duplicates };
}

/** the terminal's line for an id several submissions resolve to */
export function duplicateLine(duplicate: DuplicateId): string {
  const sources = duplicate.sources.map((source) => source || "(no file)").join(", ");
  return `student id "${duplicate.id}" has ${duplicate.sources.length} submissions: ${sources} (each graded and kept, none in gradebook-canvas.csv; say which counts)`;
}

/**
 * The results, those the Canvas import leaves out for the roster's sake
 * flagged for the TA's summary (a copy: the records stay as graded).
 */
function withRosterFlags(results: readonly GradeResult[], roster: readonly RosterStudent[]): GradeResult[] {
  const plan = planCanvasImport(results, roster);
  const extra = new Map<GradeResult, GradeResult["flags"]>();
  const keys = ROSTER_KEYS.map((key) => ROSTER_KEY_NAMES[key]).join(", ");
  for (const result of plan.notOnRoster) {
    extra.set(result, [{ code: "not-on-roster", message: `no roster student has "${result.student.id}" as ${keys}: left out of gradebook-canvas.csv` }]);
  }
  for (const { name, results: several } of plan.shared) {
    const ids = several.map((result) => `${result.student.id} (${result.source ?? "no file"})`).join(", ");
    for (const result of several) {
      extra.set(result, [{ code: "roster-shared", message: `${several.length} submissions are the roster's ${name}: ${ids}; none is in gradebook-canvas.csv until you say which counts` }]);
    }
  }
  return results.map((result) => {
    const flags = extra.get(result);
    return flags === undefined ? result : { ...result, flags: [...result.flags, ...flags] };
  });
}

/** reads a folder's batch file, checking the fields merge relies on */
export function parseBatchInfo(text: string, file: string): BatchInfo {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new NngradeError("input", `${file}: not JSON (${(error as Error).message})`, { file });
  }
  const record = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const expect = (ok: boolean, path: string, what: string) => {
    if (!ok) throw new NngradeError("input", `${file}: ${path}: expected ${what}`, { file });
  };
  expect(record.schema === BATCH_SCHEMA, "schema", `"${BATCH_SCHEMA}"`);
  for (const key of ["assignment", "assignment_title", "rubric_sha256", "engine_version"]) {
    expect(typeof record[key] === "string", key, "a string");
  }
  const isStrings = (value: unknown, check: (text: string) => boolean) =>
    Array.isArray(value) && value.every((text) => typeof text === "string" && check(text));
  expect(isStrings(record.task_ids, () => true), "task_ids", "a list of task ids");
  expect(typeof record.max_score === "number" && Number.isFinite(record.max_score), "max_score", "a number");
  expect(isStrings(record.results, isSafeName), "results", "a list of report names (letters, digits, . _ -)");
  const shard = record.shard as Record<string, unknown> | null | undefined;
  const shardOk =
    shard === null ||
    (typeof shard === "object" &&
      shard !== undefined &&
      Number.isInteger(shard.index) &&
      Number.isInteger(shard.count) &&
      (shard.index as number) >= 1 &&
      (shard.index as number) <= (shard.count as number));
  expect(shardOk, "shard", "null or { index, count } with 1 <= index <= count");
  if (record.gradebook !== undefined) {
    const gradebook = (typeof record.gradebook === "object" && record.gradebook !== null ? record.gradebook : {}) as Record<string, unknown>;
    expect(typeof record.gradebook === "object" && record.gradebook !== null && !Array.isArray(record.gradebook), "gradebook", "an object");
    const id = gradebook.canvas_assignment_id;
    expect(id === undefined || (typeof id === "string" && /^\d{1,20}$/.test(id)), "gradebook.canvas_assignment_id", "a Canvas assignment id (digits)");
    expect(gradebook.excel === undefined || typeof gradebook.excel === "boolean", "gradebook.excel", "true or false");
    const isEntry = (entry: unknown) =>
      typeof entry === "object" && entry !== null && ["student", "id", "sis_user_id", "sis_login_id", "section", "email"].every((key) => typeof (entry as Record<string, unknown>)[key] === "string");
    expect(gradebook.roster === undefined || (Array.isArray(gradebook.roster) && gradebook.roster.every(isEntry)), "gradebook.roster", "a list of roster students");
  }
  return record as unknown as BatchInfo;
}

/** a report name as the batch makes them: nothing that could step out of the folder */
function isSafeName(name: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(name) && !name.startsWith(".") && name.length <= 120;
}
