import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parse } from "csv-parse/sync";
import { writeFileAtomic } from "../../atomic-write.ts";
import { writeStudentBundle } from "../../bundle/bundle-files.ts";
import { selfCheckPage } from "../../selfcheck/page-html.ts";
import { selfCheckScript } from "../../selfcheck/script.ts";
import { deferredSummary, type StudentBundle, studentBundle } from "../../bundle/student-bundle.ts";
import { NngradeError } from "../../errors.ts";
import { type Assignment, loadAssignment, pythonReferenceFile } from "../../grade/assignment.ts";
import { type CourseFiles, courseFiles } from "../../gradescope/course-files.ts";
import { resolveAssignment } from "../../grade/course.ts";
import { assignmentFor, variantMode } from "../../grade/variant.ts";
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
  /** with includeSolver: other files the module needs (helper modules, data it reads), relative to the rubric's folder */
  solverFile?: string | string[];
  /** whose numbers: the rubric's choice unless given, as for grade */
  variants?: string;
}

/** the column of a roster that holds student ids, by the names gradebooks give it */
const ID_COLUMNS = ["sis user id", "sid", "student_id", "student id", "id", "email", "email address", "login", "student"];

/** a roster CSV as rows: the header when the first row names columns as gradebooks do (else the first row is a student), then the students */
export function rosterTable(text: string, file: string): { header: string[] | undefined; rows: string[][] } {
  let rows: string[][];
  try {
    rows = parse(text.startsWith("\uFEFF") ? text.slice(1) : text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw new NngradeError("input", `${file}: not a CSV file (${(error as Error).message})`, { cause: error });
  }
  const header = (rows[0] ?? []).map((name) => name.toLowerCase());
  const isHeader = ID_COLUMNS.some((name) => header.includes(name)) || header.some((name) => ["name", "first name", "last name", "timestamp"].includes(name));
  // Canvas's own export has a "Points Possible" row under its header, and may have a muted or manual-posting one:
  // not students (Canvas's importer skips them by the same rule)
  const body = (isHeader ? rows.slice(1) : rows).filter(
    (row) => !(row[0] ?? "").includes("Points Possible") && !row.every((cell) => /^\s*(Muted|Manual Posting.*)?\s*$/i.test(cell)),
  );
  return { header: isHeader ? rows[0] : undefined, rows: body };
}

/** the student ids of a roster CSV: the column named as an id (else the first), blank rows and repeats dropped */
export function rosterIds(text: string, file: string): string[] {
  const { header, rows: body } = rosterTable(text, file);
  const named = ID_COLUMNS.map((name) => (header ?? []).map((cell) => cell.toLowerCase()).indexOf(name)).find((index) => index >= 0);
  const column = named ?? 0;
  const blank = body.filter((row) => (row[column] ?? "") === "").length;
  // a student without an id would silently get no bundle
  if (blank > 0) throw new NngradeError("input", `${file}: ${blank} row(s) with no id in column "${header !== undefined ? header[column] : column + 1}": give every student an id`);
  const ids = [...new Set(body.map((row) => row[column] as string))];
  if (ids.length === 0) throw new NngradeError("input", `${file}: no student ids (expected a column named ${ID_COLUMNS.slice(0, 4).join(", ")}, or ids in the first column)`);
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
  // the bundle's numbers are the ones the TA's grading will use: the rubric's variants, or --variants as grade takes it
  const mode = variantMode(assignment, options.variants);
  if (students !== undefined && mode === "default") {
    throw new NngradeError(
      "usage",
      `${assignment.id} grades everyone on the handout's numbers (the rubric's variants: default): build without --roster, or with --variants per-student if the class is graded so`,
    );
  }
  if (students === undefined && mode === "per-student" && assignment.reference.variantInputs !== undefined) {
    throw new NngradeError("usage", `${assignment.id} gives each student their own numbers: --roster class.csv names the students to build them for`);
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
  const deferred = deferredSummary(bundle);
  io.stdout(`${assignment.id}: student bundle in ${shown}/ (${written.length} file(s)${students ? `, ${students.length} students` : ""})\n`);
  io.stdout(`  self-check grades ${kept} item(s), ${Number(points.toFixed(6))} points; ${deferred.count} item(s), ${deferred.points} points, are graded only by the TA\n`);
  if (solverFiles !== undefined) {
    io.stdout(`  with the reference's own code in ${shown}/solver/ (${solverFiles.files.map((file) => file.path).join(", ")}): errors are carried forward in the self-check, and anyone with the bundle can compute every answer, hidden ones included\n`);
  }
  io.stdout(`  students run: npx nngrade check answers.json --bundle ${shown}\n`);
  return EXIT.ok;
}

/**
 * The files --include-solver puts in the bundle: the Python module, and the
 * files the TA names with --solver-file (helper modules, data it reads);
 * never the rubric or cache/. Only a Python reference: check --bundle runs
 * it as nngrade does; a page cannot run Python, and a TypeScript reference
 * is not bundled yet.
 */
function solverFilesOf(assignment: Assignment, options: BuildOptions): { module: string; files: CourseFiles["files"] } {
  const module = pythonReferenceFile(assignment.rubricFile, assignment.reference.id);
  if (module === undefined) {
    throw new NngradeError("usage", `--include-solver: ${assignment.id}'s reference is not a course's Python module; only one can go in a bundle so far`);
  }
  if (options.html !== undefined) throw new NngradeError("usage", "--include-solver: a page cannot run the Python solver; build the page without it (check --bundle runs it)");
  // the module, and what the TA names: nothing else of the folder (other assignments, rosters, notes) goes to students
  const wanted = new Set([relative(dirname(assignment.rubricFile), module).split(sep).join("/"), ...[options.solverFile ?? []].flat()]);
  const { files } = courseFiles(assignment.rubricFile);
  const found = files.filter((file) => wanted.has(file.path));
  const missing = [...wanted].filter((path) => !found.some((file) => file.path === path));
  if (missing.length > 0) throw new NngradeError("usage", `--solver-file: no ${missing.join(", ")} in ${assignment.id}'s folder (paths relative to the rubric's folder)`);
  if (found.some((file) => file.path.startsWith("cache/") || file.path === relative(dirname(assignment.rubricFile), assignment.rubricFile))) {
    throw new NngradeError("usage", "--solver-file: the rubric and the shipped answers (cache/) never go in a bundle");
  }
  return { module: relative(dirname(assignment.rubricFile), module).split(sep).join("/"), files: found };
}
