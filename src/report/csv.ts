/**
 * The batch gradebook, RFC 4180: CRLF line ends, fields quoted when they hold
 * a comma, a double quote, CR or LF, quotes inside doubled. Rows come in the
 * order given (the batch sorts them), scores as the grader rounded them.
 */
import { formatScore } from "./format.ts";
import type { GradeResult } from "./result.ts";

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A spreadsheet runs a cell that starts with = + - @ tab or CR as a formula
 * (CSV injection): OWASP's advice is to prefix such a cell with an apostrophe,
 * which makes it text. Applied to every text cell a student controls (id,
 * name); numbers are written by us and stay numbers.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

export function renderGradebook(results: readonly GradeResult[], taskIds: readonly string[]): string {
  let out = row(["student_id", "name", "score", "max_score", ...taskIds.map(guardFormula), "status"]);
  for (const result of results) {
    const taskScores = taskIds.map((id) => {
      const task = result.tasks.find((t) => t.id === id);
      return task === undefined ? "" : formatScore(task.score);
    });
    out += row([
      guardFormula(result.student.id),
      guardFormula(result.student.name ?? ""),
      formatScore(result.score),
      formatScore(result.max_score),
      ...taskScores,
      result.error ? guardFormula(result.error.code) : "graded",
    ]);
  }
  return out;
}
