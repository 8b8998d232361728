/**
 * The batch gradebook, RFC 4180: CRLF line ends, fields quoted when they hold
 * a comma, a double quote, CR or LF, quotes inside doubled. Rows come in the
 * order given (the batch sorts them), scores as the grader rounded them.
 *
 * A submission that could not be graded has no score, as in the Canvas
 * import (canvas.ts), and its status says why in words a TA reads
 * ("unreadable", "timed out"), never an internal error code.
 */
import { formatScore } from "./format.ts";
import type { GradeResult } from "../result/types.ts";
import { ROSTER_KEY_NAMES, RosterIndex, type RosterStudent, rosterStudentId } from "./roster.ts";

const FORMULA_START = /^[=+\-@\t\r]/;
// a row must be one line whatever a student wrote, and show what it holds:
// line breaks and tabs become a space, other C0 and C1 controls (NUL among
// them) go, as do the bidi embeddings, overrides, isolates and marks that
// make a cell show in another order than it holds (U+202E shows "s1234" as "4321s")
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/**
 * A spreadsheet runs a cell that starts with = + - @ tab or CR as a formula
 * (CSV injection): OWASP's advice is to prefix such a cell with an apostrophe,
 * which makes it text. Applied to every text cell a student controls (id,
 * name); numbers are written by us and stay numbers.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell a student controls (id, name, anything read from a submission): one line, shown as it is, never a formula. */
export function studentCell(text: string): string {
  return guardFormula(text.replace(LINE_BREAKS, " ").replace(CONTROLS, "").trim());
}

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/**
 * The status column of a result that could not be graded, by its error's
 * code: every code a batch's error result can carry (a test holds this
 * list to the codes the source throws).
 */
export const GRADEBOOK_STATUS: Readonly<Record<string, string>> = {
  // the file: not JSON, not readable, not a submission (no answers file, several, a link, too large, the wrong shape)
  "submission-parse": "unreadable",
  input: "unreadable",
  submission: "invalid submission",
  // the batch: the grading budget, a worker thread that died
  timeout: "timed out",
  worker: "grader crashed",
  // the assignment's own fault: its rubric, its reference
  rubric: "rubric error",
  reference: "reference failed",
  "reference-unavailable": "reference unavailable",
  "unknown-assignment": "unknown assignment",
  // nngrade's own fault
  internal: "grader error",
  usage: "grader error",
  registry: "grader error",
};

/** what the status column says for a result */
export function gradebookStatus(result: GradeResult): string {
  if (!result.error) return "graded";
  return errorStatus(result.error.code);
}

/** an error code in the words a TA reads (GRADEBOOK_STATUS): the gradebooks and the class summary say the same */
export function errorStatus(code: string): string {
  return GRADEBOOK_STATUS[code] ?? "not graded";
}

/** how gradebook.csv is written beyond its defaults */
export interface GradebookOptions {
  /** the class: a roster column says which of its columns each student was found by (or not on roster), and its students without a submission get a row */
  roster?: readonly RosterStudent[];
  /** start with a UTF-8 byte order mark, which Excel needs to read the file as UTF-8 (Zoë, 李) */
  excel?: boolean;
  /** the assignment's points, for the rows of roster students without a submission */
  maxScore?: number;
  /** rows for the roster's students without a submission (default true); not for a shard, which holds part of the class */
  noSubmissionRows?: boolean;
}

/** what the roster column says of a student it does not list */
export const NOT_ON_ROSTER = "not on roster";

/** a class's results as one CSV gradebook: a row per student, a column per task, formulas guarded */
export function renderGradebook(results: readonly GradeResult[], taskIds: readonly string[], options: GradebookOptions = {}): string {
  const { roster } = options;
  const index = roster === undefined ? undefined : new RosterIndex(roster);
  let out = options.excel ? "\uFEFF" : "";
  out += row(["student_id", "name", "score", "max_score", ...taskIds.map(guardFormula), "status", ...(roster ? ["roster"] : [])]);
  const found = new Set<number>();
  for (const result of results) {
    const taskScores = taskIds.map((id) => {
      const task = result.tasks.find((t) => t.id === id);
      return task === undefined ? "" : formatScore(task.score);
    });
    const fields = [
      studentCell(result.student.id),
      studentCell(result.student.name ?? ""),
      result.error ? "" : formatScore(result.score),
      formatScore(result.max_score),
      ...taskScores,
      gradebookStatus(result),
    ];
    if (index !== undefined) {
      const match = index.find(result.student.id);
      if (match !== undefined) found.add(match.index);
      // a file that could not be graded has no grade to place, and often no id but its file name: its status says it all
      fields.push(match !== undefined ? `by ${ROSTER_KEY_NAMES[match.by]}` : result.error ? "" : NOT_ON_ROSTER);
    }
    out += row(fields);
  }
  // the roster's students nngrade has nothing from: no score, and said so
  const maxScore = options.maxScore === undefined ? "" : formatScore(options.maxScore);
  const listed = options.noSubmissionRows === false ? [] : (roster ?? []);
  listed.forEach((entry, k) => {
    if (!found.has(k)) out += row([studentCell(rosterStudentId(entry)), studentCell(entry.student), "", maxScore, ...taskIds.map(() => ""), "no submission", ""]);
  });
  return out;
}
