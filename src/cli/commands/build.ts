import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parse } from "csv-parse/sync";
import { writeFileAtomic } from "../../atomic-write.ts";
import { writeStudentBundle } from "../../bundle/bundle-files.ts";
import { selfCheckPage } from "../../selfcheck/page-html.ts";
import { selfCheckScript } from "../../selfcheck/script.ts";
import { type StudentBundle, studentBundle } from "../../bundle/student-bundle.ts";
import { NngradeError } from "../../errors.ts";
import { type Assignment, loadAssignment, pythonReferenceFile } from "../../grade/assignment.ts";
import { type CourseFiles, courseFiles } from "../../gradescope/course-files.ts";
import { resolveAssignment } from "../../grade/course.ts";
import { assignmentFor } from "../../grade/variant.ts";
import { EXIT } from "../exit-codes.ts";
import type { CommandIo } from "../io.ts";

export interface BuildOptions {
  assignment: string;
  student: boolean;
  out: string;
  /** a CSV of the class: one bundle per student, with their own inputs */
  roster?: string;
  /** also write the offline self-check page (one self-contained HTML file) */
  html?: string;
  /** put the reference's own code in the bundle, so that check --bundle carries errors forward: it gives the method away */
  includeSolver?: boolean;
}

/** the column of a roster that holds student ids, by the names gradebooks give it */
const ID_COLUMNS = ["id", "student_id", "student id", "sid", "sis user id", "student", "email", "login"];

/** the student ids of a roster CSV: the column named as an id (else the first), blank rows and repeats dropped */
export function rosterIds(text: string, file: string): string[] {
  let rows: string[][];
  try {
    rows = parse(text.startsWith("\uFEFF") ? text.slice(1) : text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw new NngradeError("input", `${file}: not a CSV file (${(error as Error).message})`, { cause: error });
  }
  const header = (rows[0] ?? []).map((name) => name.toLowerCase());
  const named = ID_COLUMNS.map((name) => header.indexOf(name)).find((index) => index >= 0);
  // a first row that names no id column is a student already
  const column = named ?? 0;
  const body = named === undefined && !header.some((name) => /id|name|student/.test(name)) ? rows : rows.slice(1);
  const ids = [...new Set(body.map((row) => row[column] ?? "").filter((id) => id !== ""))];
  if (ids.length === 0) throw new NngradeError("input", `${file}: no student ids (expected a column named ${ID_COLUMNS.slice(0, 3).join(", ")}, or ids in the first column)`);
  return ids;
}

/**
 * `nngrade build <id> --student --out DIR`: what students may hold to check
 * themselves (bundle/student-bundle.ts): visible items' expected values,
 * inputs, no reference code, nothing hidden.
 */
export async function buildCommand(options: BuildOptions, io: CommandIo): Promise<number> {
  if (!options.student) throw new NngradeError("usage", "nngrade build: say what to build: --student (a student bundle)");
  const assignment = await loadAssignment(resolveAssignment(options.assignment, io.cwd));
  let students: string[] | undefined;
  if (options.roster !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, options.roster), "utf8");
    } catch (error) {
      throw new NngradeError("input", `${options.roster}: cannot read the roster (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
    }
    students = rosterIds(text, options.roster);
    if (assignment.reference.variantInputs === undefined) {
      throw new NngradeError("usage", `${assignment.id}: its reference draws no per-student inputs: build without --roster`);
    }
  }
  let bundle: StudentBundle;
  try {
    bundle = studentBundle(assignment, {
      ...(students === undefined ? {} : { students }),
      variantOf: (id) => assignmentFor(assignment, id, "per-student"),
    });
  } catch (error) {
    if (error instanceof NngradeError) throw error;
    throw new NngradeError("input", `${assignment.id}: ${(error as Error).message}`, { cause: error });
  }
  const folder = resolve(io.cwd, options.out);
  const solverFiles = options.includeSolver ? solverFilesOf(assignment, options) : undefined;
  if (solverFiles !== undefined) bundle = { ...bundle, solver: { kind: "python", module: `solver/${solverFiles.module}` } };
  const written = await writeStudentBundle(folder, bundle);
  for (const file of solverFiles?.files ?? []) {
    await writeFileAtomic(join(folder, "solver", file.path), file.content);
    written.push(`solver/${file.path}`);
  }
  if (options.html !== undefined) {
    const page = selfCheckPage(bundle, await selfCheckScript());
    await writeFileAtomic(resolve(io.cwd, options.html), page);
    io.stdout(`${assignment.id}: self-check page ${options.html} (${Math.ceil(Buffer.byteLength(page) / 1024)} KiB; opens from a file, makes no request)\n`);
  }
  const shown = relative(io.cwd, folder) || ".";
  const kept = bundle.rubric.tasks.reduce((sum, task) => sum + task.items.length, 0);
  const points = bundle.rubric.tasks.reduce((sum, task) => sum + task.points, 0);
  const deferred = bundle.at_grading.reduce((sum, item) => sum + item.points, 0);
  io.stdout(`${assignment.id}: student bundle in ${shown}/ (${written.length} file(s)${students ? `, ${students.length} students` : ""})\n`);
  io.stdout(`  self-check grades ${kept} item(s), ${Number(points.toFixed(6))} points; ${bundle.at_grading.length} item(s), ${Number(deferred.toFixed(6))} points, are graded only by the TA\n`);
  if (solverFiles !== undefined) {
    io.stdout(`  with the reference's own code in ${shown}/solver/: errors are carried forward in the self-check, and anyone with the bundle can compute every answer, hidden ones included\n`);
  }
  io.stdout(`  students run: npx nngrade check answers.json --bundle ${shown}\n`);
  return EXIT.ok;
}

/**
 * The files --include-solver puts in the bundle: a Python reference's folder
 * as gradescope build takes it (its modules and the data they read), less
 * what holds answers or the rubric's hidden parts (the rubric, cache/, other
 * rubrics). Only a Python reference: check --bundle runs it as nngrade does;
 * a page cannot run Python, and a TypeScript reference is not bundled yet.
 */
function solverFilesOf(assignment: Assignment, options: BuildOptions): { module: string; files: CourseFiles["files"] } {
  const module = pythonReferenceFile(assignment.rubricFile, assignment.reference.id);
  if (module === undefined) {
    throw new NngradeError("usage", `--include-solver: ${assignment.id}'s reference is not a course's Python module; only one can go in a bundle so far`);
  }
  if (options.html !== undefined) throw new NngradeError("usage", "--include-solver: a page cannot run the Python solver; build the page without it (check --bundle runs it)");
  const isRubric = (content: Uint8Array) => new TextDecoder().decode(content.subarray(0, 4096)).includes("nngrade/rubric@1");
  const { files } = courseFiles(assignment.rubricFile);
  return {
    module: relative(dirname(assignment.rubricFile), module).split(sep).join("/"),
    files: files.filter((file) => !file.path.startsWith("cache/") && !(file.path.endsWith(".json") && isRubric(file.content))),
  };
}
