import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { type BatchOutcome, gradeBatch } from "../../batch/grade-batch.ts";
import { type BatchGradebook, duplicateLine } from "../../batch/outputs.ts";
import { canvasColumnProblems, planCanvasImport } from "../../report/canvas.ts";
import { ROSTER_KEY_NAMES, ROSTER_KEYS, type RosterStudent } from "../../report/roster.ts";
import { pooledRunner, TIMEOUT_DEFAULT, TIMEOUT_MAX } from "../../batch/pool.ts";
import type { Runner } from "../../batch/runner.ts";
import { parseShard } from "../../batch/shard.ts";
import { NngradeError } from "../../errors.ts";
import { EXIT } from "../exit-codes.ts";
import { type CommandIo, reportTime } from "../io.ts";
import { type Progress, startProgress } from "../progress.ts";
import { resolveAssignment } from "../../grade/course.ts";
import { rosterTable } from "./build.ts";

export interface GradeOptions {
  paths: string[];
  assignment: string;
  out: string;
  variants?: string;
  jobs?: number;
  /** seconds one submission may take to grade before its worker is stopped (default TIMEOUT_DEFAULT; 0: no limit) */
  timeout?: number;
  force?: boolean;
  shard?: string;
  /** also a PDF report per student, and summary.pdf */
  pdf?: boolean;
  /** Canvas's id of the assignment (the digits of its URL): gradebook-canvas.csv's column is then "Title (id)" */
  canvasAssignment?: string;
  /** a CSV of the class (Canvas's gradebook export): its identity columns go to Canvas, and a graded student not on it is flagged and left out */
  roster?: string;
  /** gradebook.csv with a UTF-8 byte order mark, so that Excel reads it as UTF-8 */
  excel?: boolean;
  /** grade with this runner rather than a pool of worker threads (tests pass an in-process one); it grades its own assignment, and jobs and timeout are its own */
  runner?: Runner;
}

/**
 * `nngrade grade`: gradeBatch (batch/grade-batch.ts) on a pool of worker
 * threads, with a progress bar on a terminal, a summary line, and exit 1
 * when two submissions claim one student.
 */
export async function gradeCommand(options: GradeOptions, io: CommandIo): Promise<number> {
  const jobs = options.jobs === undefined ? undefined : checkJobs(options.jobs);
  const timeout = checkTimeout(options.timeout ?? TIMEOUT_DEFAULT);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  // read before anything is graded: a roster or an id that cannot be used is a usage error, not a lost batch
  const gradebook = gradebookOptions(options, io.cwd);
  // a rubric path, a built-in id or a course's own (grade/course.ts), as every command takes them
  const assignment = resolveAssignment(options.assignment, io.cwd, { keepUnknown: options.runner !== undefined });
  const runner = options.runner ?? pooledRunner({ assignment, timeout, ...(jobs === undefined ? {} : { jobs }) });
  let progress: Progress | undefined;
  const say = (text: string) => (progress === undefined ? io.stderr(text) : progress.log(text));
  let outcome: BatchOutcome;
  try {
    outcome = await gradeBatch(
      {
        cwd: io.cwd,
        paths: options.paths,
        out: options.out,
        generatedAt: reportTime(io.env),
        ...(options.variants === undefined ? {} : { variants: options.variants }),
        ...(options.force === undefined ? {} : { force: options.force }),
        ...(shard === undefined ? {} : { shard }),
        ...(options.pdf === undefined ? {} : { pdf: options.pdf }),
        ...(gradebook === undefined ? {} : { gradebook }),
        events: {
          onStart: ({ total, done, broken }) => {
            progress = startProgress(io, total, done, broken);
          },
          onProgress: ({ broken }) => progress?.advance(broken),
          onMessage: ({ kind, text }) => say(kind === "warning" ? `nngrade: warning: ${text}\n` : `nngrade: ${text}\n`),
        },
      },
      runner,
    );
  } finally {
    progress?.stop();
  }
  io.stdout(summaryLine(outcome));
  const pdfText = options.pdf ? " and .pdf" : "";
  io.stdout(`reports: ${relative(io.cwd, outcome.out) || "."}/ (${outcome.written.join(", ")}, a .json and .html${pdfText} per student)\n`);
  // two submissions as one student: both are graded and kept, and the TA must say which counts
  for (const duplicate of outcome.duplicates) io.stderr(`nngrade: ${duplicateLine(duplicate)}\n`);
  const column = { title: outcome.assignment.title || outcome.assignment.id, ...(gradebook?.canvas_assignment_id === undefined ? {} : { assignmentId: gradebook.canvas_assignment_id }) };
  for (const problem of canvasColumnProblems(column)) io.stderr(`nngrade: warning: gradebook-canvas.csv: ${problem}\n`);
  const rosterProblems = gradebook?.roster === undefined ? [] : rosterLines(outcome, gradebook.roster);
  for (const line of rosterProblems) io.stderr(`nngrade: ${line}\n`);
  return outcome.duplicates.length > 0 || rosterProblems.length > 0 ? EXIT.failed : EXIT.ok;
}

/** the gradebooks as asked for, or undefined for the defaults (batch.json then says nothing of them) */
function gradebookOptions(options: GradeOptions, cwd: string): BatchGradebook | undefined {
  const gradebook: BatchGradebook = {};
  if (options.canvasAssignment !== undefined) {
    // Canvas reads an id from a column "Title (digits)": anything else would be part of the title
    if (!/^\d{1,20}$/.test(options.canvasAssignment)) {
      throw new NngradeError("usage", `--canvas-assignment: expected Canvas's assignment id, the digits at the end of its address (.../assignments/123456), got "${options.canvasAssignment.slice(0, 40)}"`);
    }
    gradebook.canvas_assignment_id = options.canvasAssignment;
  }
  if (options.roster !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, options.roster), "utf8");
    } catch (error) {
      throw new NngradeError("usage", `--roster ${options.roster}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
    }
    gradebook.roster = canvasRoster(text, options.roster);
  }
  if (options.excel) gradebook.excel = true;
  return Object.keys(gradebook).length === 0 ? undefined : gradebook;
}

/** a roster's columns by the names Canvas's export, Gradescope's roster and forms give them (lowercase) */
const ROSTER_COLUMNS: Record<keyof RosterStudent, readonly string[]> = {
  student: ["student", "name"],
  id: ["id"],
  sis_user_id: ["sis user id", "sid", "student_id", "student id"],
  sis_login_id: ["sis login id", "login id", "login"],
  section: ["section"],
  email: ["email", "email address"],
};

/**
 * The class as a roster CSV gives it (build's reader: a Canvas export's
 * "Points Possible" row is not a student). A file without a header is a
 * list of ids, taken as SIS User IDs. Refused: a roster with no column to
 * find students by, a student with none of them, two students sharing one.
 */
export function canvasRoster(text: string, file: string): RosterStudent[] {
  const { header, rows } = rosterTable(text, file);
  const names = (header ?? []).map((name) => name.trim().toLowerCase());
  const column = (key: keyof RosterStudent) => ROSTER_COLUMNS[key].map((name) => names.indexOf(name)).find((index) => index >= 0);
  const at = (key: keyof RosterStudent): number | undefined => (header === undefined ? (key === "sis_user_id" ? 0 : undefined) : column(key));
  if (ROSTER_KEYS.every((key) => at(key) === undefined)) {
    throw new NngradeError("usage", `--roster ${file}: no column to find students by: expected SIS User ID, SIS Login ID, ID or email (Canvas's gradebook export has them)`);
  }
  const [first, last] = [names.indexOf("first name"), names.indexOf("last name")];
  const roster = rows.map((row): RosterStudent => {
    const cell = (key: keyof RosterStudent) => {
      const index = at(key);
      return index === undefined ? "" : (row[index] ?? "").trim();
    };
    const fullName = [first, last].map((index) => (index >= 0 ? (row[index] ?? "").trim() : "")).filter((part) => part !== "").join(" ");
    return { student: cell("student") || fullName, id: cell("id"), sis_user_id: cell("sis_user_id"), sis_login_id: cell("sis_login_id"), section: cell("section"), email: cell("email") };
  });
  if (roster.length === 0) throw new NngradeError("usage", `--roster ${file}: no students`);
  const nameless = roster.filter((entry) => ROSTER_KEYS.every((key) => entry[key] === ""));
  if (nameless.length > 0) {
    const shown = nameless.slice(0, 5).map((entry) => entry.student || "(no name)").join(", ");
    throw new NngradeError("usage", `--roster ${file}: ${nameless.length} student(s) with no SIS User ID, SIS Login ID, ID or email: ${shown}`);
  }
  for (const key of ROSTER_KEYS) {
    const seen = new Map<string, RosterStudent>();
    for (const entry of roster) {
      // as the roster is searched: logins and e-mails whatever their case
      const value = key === "sis_login_id" || key === "email" ? entry[key].toLowerCase() : entry[key];
      if (value === "") continue;
      const twin = seen.get(value);
      if (twin !== undefined) {
        throw new NngradeError("usage", `--roster ${file}: ${twin.student || "a student"} and ${entry.student || "another"} share ${ROSTER_KEY_NAMES[key]} "${entry[key].slice(0, 60)}": which one is meant cannot be told`);
      }
      seen.set(value, entry);
    }
  }
  return roster;
}

/** what the TA must look at before importing gradebook-canvas.csv: graded students it leaves out */
function rosterLines(outcome: BatchOutcome, roster: readonly RosterStudent[]): string[] {
  const plan = planCanvasImport(
    outcome.rows.map((row) => row.result),
    roster,
  );
  const lines: string[] = [];
  if (plan.notOnRoster.length > 0) {
    const ids = plan.notOnRoster.map((result) => result.student.id);
    const shown = `${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ` and ${ids.length - 10} more` : ""}`;
    lines.push(`${ids.length} graded student(s) not on the roster, left out of gradebook-canvas.csv (flagged in gradebook.csv and summary.html): ${shown}`);
  }
  for (const { name, results } of plan.shared) {
    lines.push(`the roster's ${name} has ${results.length} submissions (${results.map((result) => result.source ?? result.student.id).join(", ")}), left out of gradebook-canvas.csv: say which counts`);
  }
  return lines;
}

/** the batch in the class summary's words: submissions, those with a score, those broken; and how many were reused */
function summaryLine({ assignment, graded, skipped, broken, shard, planned, discovered }: BatchOutcome): string {
  const brokenText = broken === 0 ? "broken 0" : `broken ${broken} (could not be read or graded; see their reports)`;
  const shardText = shard === undefined ? "" : ` (shard ${shard.index}/${shard.count}: ${planned} of ${discovered} submissions)`;
  const total = graded + skipped;
  return `${assignment.id}${shardText}: submissions ${total} (${graded} graded now, ${skipped} unchanged), with a score ${total - broken}, ${brokenText}\n`;
}

function checkJobs(jobs: number): number {
  if (!Number.isInteger(jobs) || jobs < 1) throw new NngradeError("usage", `--jobs: expected a whole number >= 1, got ${jobs}`);
  return jobs;
}

function checkTimeout(seconds: number): number {
  if (!(seconds >= 0 && seconds <= TIMEOUT_MAX)) {
    throw new NngradeError("usage", `--timeout: expected seconds from 0 (no limit) to ${TIMEOUT_MAX}, got ${seconds}`);
  }
  return seconds;
}
