/**
 * The batch gradebook, RFC 4180: CRLF line ends, fields quoted when they hold
 * a comma, a double quote, CR or LF, quotes inside doubled. Rows come in the
 * order given (the batch sorts them), scores as the grader rounded them.
 */
import { formatScore } from "./format.ts";
import type { GradeResult } from "../result/types.ts";

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

/** a class's results as one CSV gradebook: a row per student, a column per task, formulas guarded */
export function renderGradebook(results: readonly GradeResult[], taskIds: readonly string[]): string {
  let out = row(["student_id", "name", "score", "max_score", ...taskIds.map(guardFormula), "status"]);
  for (const result of results) {
    const taskScores = taskIds.map((id) => {
      const task = result.tasks.find((t) => t.id === id);
      return task === undefined ? "" : formatScore(task.score);
    });
    out += row([
      studentCell(result.student.id),
      studentCell(result.student.name ?? ""),
      formatScore(result.score),
      formatScore(result.max_score),
      ...taskScores,
      result.error ? studentCell(result.error.code) : "graded",
    ]);
  }
  return out;
}
