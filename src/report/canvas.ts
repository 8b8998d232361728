/**
 * The gradebook as Canvas imports it (Grades > Import), written for the rules
 * of Canvas's importer (GradebookImporter, and the page that posts what it
 * found), so that an import updates one assignment and never adds a second:
 *
 * - the columns Student, ID, SIS User ID, SIS Login ID, Section, then the
 *   assignment, and a second row "Points Possible" holding its maximum;
 * - a row is a student found by ID (Canvas's user id), else SIS User ID,
 *   else SIS Login ID, else by name; with a roster (Canvas's own export is
 *   one) every row carries the roster's identity columns as they are, so
 *   Canvas finds each student exactly as in its export; without one,
 *   nngrade's student id goes in SIS User ID;
 * - the assignment column is "Name (ID)" when the TA gives Canvas's
 *   assignment id: Canvas reads the id from "... (digits)" and updates that
 *   assignment whatever it is called. Without an id the column is the
 *   rubric's title, which Canvas matches exactly (case, spaces and all) to
 *   an assignment's name; a title that matches none becomes a new
 *   assignment, a second column in the gradebook.
 *
 * Canvas posts every cell that differs from what it holds, an empty one as
 * an empty grade: an empty cell would clear a grade entered by hand. So a
 * student nngrade has no grade for is not in the file at all: a submission
 * that could not be graded (gradebook.csv says why), a student with two
 * submissions (which counts is the TA's call), a graded student who is not
 * on the roster (flagged in gradebook.csv and the summary), and a roster
 * student with no submission.
 */
import { csvField, studentCell } from "./csv.ts";
import { formatScore } from "./format.ts";
import type { GradeResult } from "../result/types.ts";
import { RosterIndex, type RosterStudent } from "./roster.ts";

export const CANVAS_FIXED_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] as const;

/** the assignment column of gradebook-canvas.csv, and whose rows go in it */
export interface CanvasColumn {
  /** the assignment's name (the rubric's title) */
  title: string;
  pointsPossible: number;
  /** Canvas's id of the assignment (digits, from its URL): the column is then "title (id)" */
  assignmentId?: string;
  /** the class as Canvas knows it: rows carry its identity columns, and only its students are imported */
  roster?: readonly RosterStudent[];
}

/** which results go into the import, and which are left out for the TA to look at */
export interface CanvasPlan {
  /** in file order: with a roster, the roster's order */
  rows: { result: GradeResult; entry?: RosterStudent }[];
  /** graded students the roster does not list */
  notOnRoster: GradeResult[];
  /** roster students (or, without a roster, student ids) that several submissions are graded as */
  shared: { name: string; results: GradeResult[] }[];
}

/** Canvas's rule for "Title (123)": an assignment id at the end (Assignment.title_and_id) */
const TITLE_AND_ID = /^(.*)[ \t\r\n\f\v]\((\d+)\)$/;
/** columns Canvas's importer drops as its own, matched anywhere in a header (NON_ASSIGNMENT_COLUMN_HEADERS) */
const NOT_ASSIGNMENTS = ["Current Score", "Current Points", "Current Grade", "Final Score", "Final Points", "Final Grade", "Override Score", "Override Grade", "Override Status"];

/** the assignment column's header: the title on one line and never a formula, with Canvas's id when there is one */
export function canvasColumnTitle(column: Pick<CanvasColumn, "title" | "assignmentId">): string {
  const title = studentCell(column.title);
  return column.assignmentId === undefined ? title : `${title} (${column.assignmentId})`;
}

/** why Canvas would not import the column as meant: a title it reads as an id, or as a column of its own */
export function canvasColumnProblems(column: Pick<CanvasColumn, "title" | "assignmentId">): string[] {
  const header = canvasColumnTitle(column);
  const problems: string[] = [];
  const id = TITLE_AND_ID.exec(header)?.[2];
  if (column.assignmentId === undefined && id !== undefined) {
    problems.push(`Canvas reads the column "${header}" as assignment ${id}: give --canvas-assignment with the assignment's own id`);
  }
  const dropped = NOT_ASSIGNMENTS.find((name) => header.includes(name));
  if (dropped !== undefined) problems.push(`Canvas skips a column whose title holds "${dropped}" as its own: the import would change nothing; retitle the assignment in the rubric`);
  return problems;
}

/** the students the import holds: graded, once each, and with a roster on it */
export function planCanvasImport(results: readonly GradeResult[], roster?: readonly RosterStudent[]): CanvasPlan {
  const notOnRoster: GradeResult[] = [];
  const groups = new Map<string | number, { name: string; entry?: RosterStudent; results: GradeResult[] }>();
  const index = roster === undefined ? undefined : new RosterIndex(roster);
  for (const result of results) {
    if (index === undefined) {
      const group = groups.get(result.student.id) ?? { name: result.student.id, results: [] };
      group.results.push(result);
      groups.set(result.student.id, group);
      continue;
    }
    const match = index.find(result.student.id);
    if (match === undefined) {
      // a file that could not be graded has no grade to import, and often no id but its file name: it reads
      // "unreadable" (or why not) in the gradebooks, not also "not on the roster"
      if (!result.error) notOnRoster.push(result);
      continue;
    }
    const entry = (roster as readonly RosterStudent[])[match.index] as RosterStudent;
    const group = groups.get(match.index) ?? { name: entry.student || result.student.id, entry, results: [] };
    group.results.push(result);
    groups.set(match.index, group);
  }
  // a roster's students in its order; without one, the results' order
  const ordered = index === undefined ? [...groups.values()] : [...groups.entries()].sort(([a], [b]) => (a as number) - (b as number)).map(([, group]) => group);
  const rows: CanvasPlan["rows"] = [];
  const shared: CanvasPlan["shared"] = [];
  for (const group of ordered) {
    if (group.results.length > 1) {
      shared.push({ name: group.name, results: group.results });
      continue;
    }
    const result = group.results[0] as GradeResult;
    if (result.error) continue;
    rows.push(group.entry === undefined ? { result } : { result, entry: group.entry });
  }
  return { rows, notOnRoster, shared };
}

function row(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** a roster's identity cell as it is, on one line (a line break would split the row Canvas reads) */
function rosterCell(text: string): string {
  return text.replace(/[\r\n]+/g, " ").trim();
}

/** a class's results as a CSV that Canvas imports into one assignment column */
export function renderCanvasGradebook(results: readonly GradeResult[], column: CanvasColumn): string {
  let out = row([...CANVAS_FIXED_COLUMNS, canvasColumnTitle(column)]);
  out += row(["Points Possible", "", "", "", "", formatScore(column.pointsPossible)]);
  for (const { result, entry } of planCanvasImport(results, column.roster).rows) {
    const score = formatScore(result.score);
    if (entry === undefined) {
      const id = studentCell(result.student.id);
      out += row([studentCell(result.student.name ?? "") || id, "", id, "", "", score]);
    } else {
      const name = studentCell(entry.student) || studentCell(result.student.name ?? "") || studentCell(result.student.id);
      // the roster's identity columns are Canvas's own export, and Canvas matches them literally: a formula guard's
      // apostrophe would make "=1+2" another student; they are the TA's file, not student text (one line all the same)
      const identity = [entry.id, entry.sis_user_id, entry.sis_login_id].map(rosterCell);
      out += row([name, ...identity, studentCell(entry.section), score]);
    }
  }
  return out;
}
