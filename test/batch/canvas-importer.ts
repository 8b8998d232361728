/**
 * Canvas's gradebook import, transcribed from its source so that
 * gradebook-canvas.csv is tested against Canvas's rules rather than ours
 * (github.com/instructure/canvas-lms):
 *
 * - app/models/gradebook_importer.rb: csv_stream (the CSV options:
 *   skip_lines /^[;, ]+$/, an empty unquoted field is nil, the converter
 *   decimal_comma_to_period), identify_delimiter (";" when the first three
 *   lines split into one consistent, larger number of fields by it),
 *   check_for_non_student_row (the first row is the header; a row whose first
 *   cell holds "Points Possible" gives each assignment's points; a row of
 *   nothing but "Muted"/"Manual Posting..." is skipped), header? and
 *   update_column_count (Student, ID, [SIS User ID, SIS Login ID,
 *   [Integration ID], [Root Account]], Section), strip_non_assignment_columns
 *   (NON_ASSIGNMENT_COLUMN_HEADERS, matched anywhere in a header),
 *   parse_assignments (by the id of "Title (id)", else a published
 *   assignment whose title is the whole header, else a new assignment named
 *   title), process_student (by ID, else the SIS User ID's pseudonym, else
 *   the SIS Login ID's, else name or sortable name, else a new, unknown
 *   user), process_submissions (the cell, stripped);
 * - app/models/assignment.rb: Assignment.title_and_id, /\A(.*)\s\((\d+)\)\z/;
 * - ui/features/gradebook_uploads/jquery/process_gradebook_upload.js:
 *   createAssignments (one per new assignment) and
 *   populateGradeDataPerSubmission (every cell whose grade differs from the
 *   original one is posted, an empty one as an empty grade).
 *
 * Left out as nngrade never writes them: LastName/FirstName headers, custom
 * columns, override columns, grading periods, pass/fail and excused grades.
 */
import { parse } from "csv-parse/sync";

export interface CanvasStudent {
  id: number;
  name: string;
  sortable_name: string;
  sis_user_id?: string;
  /** the pseudonym's unique_id: what SIS Login ID names */
  login?: string;
}

export interface CanvasAssignment {
  id: number;
  title: string;
  points_possible: number;
}

export interface CanvasCourse {
  students: CanvasStudent[];
  /** published, gradeable assignments */
  assignments: CanvasAssignment[];
  /** student id -> assignment id -> grade as Canvas holds it */
  grades: Map<number, Map<number, string>>;
}

export interface ImportOutcome {
  /** the header is not one Canvas takes */
  invalidHeader: boolean;
  delimiter: "," | ";";
  /** an assignment column as Canvas read it: the existing assignment it updates, or a new one */
  columns: { header: string; assignment: number | "new"; title: string; points: string | null }[];
  /** rows of students Canvas does not know (a new, unknown user), by the name in the Student cell */
  unknownStudents: string[];
  /** what is posted: for each known student row, the grades that differ from what Canvas holds */
  posted: { student: number; assignment: number | string; grade: string | null }[];
}

/** Assignment.title_and_id: Ruby's \s is ASCII white space, . any character but a newline */
export function titleAndId(header: string): [string, string | null] {
  const match = /^(.*)[ \t\r\n\f\v]\((\d+)\)$/.exec(header);
  return match === null ? [header, null] : [match[1] as string, match[2] as string];
}

const NON_ASSIGNMENT_COLUMN_HEADERS = ["Current Score", "Current Points", "Current Grade", "Final Score", "Final Points", "Final Grade", "Override Score", "Override Grade", "Override Status"];

/** a line split as Ruby's CSV.parse_line would, with col_sep; undefined when it is not valid CSV */
function fieldCount(line: string, separator: string): number | undefined {
  try {
    const rows = parse(line, { delimiter: separator, relax_column_count: true }) as string[][];
    return rows[0]?.length ?? 0;
  } catch {
    return undefined;
  }
}

/** identify_delimiter, on the first three lines */
export function delimiterOf(text: string): "," | ";" {
  const lines = text.split(/(?<=\n)/).slice(0, 3);
  const counts: Record<string, number> = {};
  for (const separator of [";", ","]) {
    counts[separator] = 0;
    const byRow = lines.map((line) => fieldCount(line, separator));
    if (byRow.some((count) => count === undefined)) continue;
    if (new Set(byRow).size === 1) counts[separator] = byRow[0] as number;
  }
  return (counts[";"] as number) > (counts[","] as number) ? ";" : ",";
}

/** the rows as csv_stream gives them: nil for an empty unquoted field, decimal commas made points, blank lines skipped */
function rowsOf(text: string, delimiter: string): (string | null)[][] {
  const lines = text.split(/\r?\n/);
  const kept = lines.filter((line) => !/^[;, ]+$/.test(line)).join("\n");
  return parse(kept, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    cast: (value, context) => {
      if (value === "" && !context.quoting) return null;
      if (/^-?[0-9.,]+%?$/.test(value)) {
        const parts = value.split(/[,.]/);
        const last = parts.pop() as string;
        return parts.length === 0 ? last : `${parts.join("")}.${last}`;
      }
      return value;
    },
  }) as (string | null)[][];
}

/** what Canvas does with `csv` imported into `course` (it is not changed) */
export function canvasImport(csv: string, course: CanvasCourse): ImportOutcome {
  const delimiter = delimiterOf(csv);
  const rows = rowsOf(csv, delimiter);
  const outcome: ImportOutcome = { invalidHeader: false, delimiter, columns: [], unknownStudents: [], posted: [] };
  const header = (rows[0] ?? []).map((cell) => cell ?? "");
  // header?
  if (!(header.length > 3 && header[0]?.includes("Student") && header[1]?.includes("ID"))) return { ...outcome, invalidHeader: true };
  let studentColumns = 3;
  let sisUser: number | undefined;
  let sisLogin: number | undefined;
  if (/SIS\s+Login\s+ID/.test(header[2] ?? "")) {
    sisLogin = 2;
    studentColumns += 1;
  } else if (/SIS\s+User\s+ID/.test(header[2] ?? "") && /SIS\s+Login\s+ID/.test(header[3] ?? "")) {
    const integration = /Integration\s+ID/.test(header[4] ?? "") ? 1 : 0;
    sisUser = 2;
    sisLogin = 3;
    studentColumns += 2 + integration;
    if (/Root\s+Account/.test(header[4 + integration] ?? "")) studentColumns += 1;
  }
  if (!(header[studentColumns - 1] ?? "").includes("Section")) return { ...outcome, invalidHeader: true };
  // strip_non_assignment_columns, then parse_assignments
  const headers = header.slice(studentColumns).filter((name) => !NON_ASSIGNMENT_COLUMN_HEADERS.some((reserved) => name.includes(reserved)));
  const columns = headers.map((name) => {
    const [title, id] = titleAndId(name);
    const found = (id === null ? undefined : course.assignments.find((a) => a.id === Number(id))) ?? course.assignments.find((a) => a.title === name);
    return { header: name, index: header.indexOf(name), assignment: found?.id ?? ("new" as const), title: found?.title ?? title, points: null as string | null };
  });
  for (const row of rows.slice(1)) {
    if ((row[0] ?? "").includes("Points Possible")) {
      for (const column of columns) column.points = row[column.index] ?? column.points;
      continue;
    }
    if (row.filter((cell) => cell !== null).every((cell) => /^\s*(Muted|Manual Posting.*)?\s*$/i.test(cell as string))) continue;
    // process_student
    const id = row[1];
    let student = id ? course.students.find((s) => s.id === Number.parseInt(id, 10)) : undefined;
    const sisUserId = sisUser === undefined ? null : row[sisUser];
    const sisLoginId = sisLogin === undefined ? null : row[sisLogin];
    if (student === undefined && sisUserId) student = course.students.find((s) => s.sis_user_id === sisUserId);
    if (student === undefined && sisLoginId) student = course.students.find((s) => s.login === sisLoginId);
    if (student === undefined) student = course.students.find((s) => s.name === row[0] || s.sortable_name === row[0]);
    if (student === undefined) {
      outcome.unknownStudents.push(row[0] ?? "");
      continue;
    }
    // process_submissions, then populateGradeDataPerSubmission: a grade that differs from the original is posted
    for (const column of columns) {
      const grade = row[column.index]?.trim() ?? null;
      const original = column.assignment === "new" ? null : (course.grades.get(student.id)?.get(column.assignment) ?? null);
      if (grade === original) continue;
      outcome.posted.push({ student: student.id, assignment: column.assignment === "new" ? `new: ${column.title}` : column.assignment, grade });
    }
  }
  outcome.columns = columns.map(({ header: name, assignment, title, points }) => ({ header: name, assignment, title, points }));
  return outcome;
}

/** the course after the import: new assignments created, posted grades stored (an empty one removes the grade) */
export function applyImport(course: CanvasCourse, outcome: ImportOutcome): CanvasCourse {
  const assignments = [...course.assignments];
  const created = new Map<string, number>();
  for (const column of outcome.columns.filter((c) => c.assignment === "new")) {
    const id = 900000 + assignments.length;
    assignments.push({ id, title: column.title, points_possible: Number(column.points) });
    created.set(`new: ${column.title}`, id);
  }
  const grades = new Map([...course.grades].map(([student, byAssignment]) => [student, new Map(byAssignment)]));
  for (const post of outcome.posted) {
    const assignment = typeof post.assignment === "number" ? post.assignment : (created.get(post.assignment) as number);
    const byAssignment = grades.get(post.student) ?? new Map<number, string>();
    if (post.grade === null || post.grade === "") byAssignment.delete(assignment);
    else byAssignment.set(assignment, post.grade);
    grades.set(post.student, byAssignment);
  }
  return { students: course.students, assignments, grades };
}
