/**
 * The gradebook as Canvas imports it (Grades > Import): the columns Student,
 * ID, SIS User ID, SIS Login ID, Section, then one column per assignment, and
 * a second row "Points Possible" holding each assignment's maximum. Canvas
 * matches a row to a student by ID, SIS User ID or SIS Login ID; nngrade
 * knows the student id a submission or an export gives, which is what a
 * university's SIS id is, so it goes in SIS User ID and Canvas's own ID stays
 * empty. A column whose header names no existing assignment becomes a new one.
 *
 * A submission that could not be graded is left blank, not 0: a blank cell
 * changes nothing in Canvas, so an import never records a zero a TA has not
 * looked at (its row in gradebook.csv and its report say why).
 */
import { csvField, guardFormula, studentCell } from "./csv.ts";
import { formatScore } from "./format.ts";
import type { GradeResult } from "../result/types.ts";

export const CANVAS_FIXED_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] as const;

export interface CanvasColumn {
  /** the assignment's name as Canvas shows it */
  title: string;
  pointsPossible: number;
}

function row(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** a class's results as a CSV that Canvas imports into one assignment column */
export function renderCanvasGradebook(results: readonly GradeResult[], column: CanvasColumn): string {
  let out = row([...CANVAS_FIXED_COLUMNS, guardFormula(column.title)]);
  out += row(["Points Possible", "", "", "", "", formatScore(column.pointsPossible)]);
  for (const result of results) {
    const id = studentCell(result.student.id);
    out += row([studentCell(result.student.name ?? "") || id, "", id, "", "", result.error ? "" : formatScore(result.score)]);
  }
  return out;
}
