import { randomUUID } from "node:crypto";
import { appendFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { type Assignment, loadAssignment } from "../../grade/assignment.ts";
import { bundleAssignment, deferredSummary, type StudentBundle } from "../../bundle/student-bundle.ts";
import type { Reference } from "../../grade/reference.ts";
import { readStudentBundleAt } from "../../bundle/bundle-files.ts";
import { type GradeResult, RESULT_SCHEMA } from "../../result/types.ts";
import { studentFlags } from "../../result/flags.ts";
import { gradeSubmission } from "../../grading.ts";
import { assignmentFor, effectiveVariant, variantMode } from "../../grade/variant.ts";
import { NngradeError, SubmissionError, SubmissionParseError, UnknownAssignmentError } from "../../errors.ts";
import { asText, renderReport } from "../../report/formats.ts";
import { answerPositions, type JsonPath, locatePaths } from "../../report/answer-positions.ts";
import { type GithubContext, renderAnnotations, renderStepSummary } from "../../report/github.ts";
import { renderJunit } from "../../report/junit.ts";
import { writeFileAtomic } from "../../atomic-write.ts";
import { type CommandIo, reportTime } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { type Owner, type Submission, studentIdFromPath } from "../../rubric/submission.ts";
import { decodeSubmissionBytes } from "../../rubric/encoding.ts";
import { readSubmission, type SubmissionRead } from "../../rubric/submission-file.ts";
import { checkMinScore, parseMinScore } from "./shared.ts";
import { resolveAssignment } from "../../grade/course.ts";
import { ASSIGNMENT_ID } from "../../rubric/types.ts";

export interface CheckOptions {
  file: string;
  assignment?: string;
  json: boolean;
  format?: "text" | "json" | "gradescope";
  ci: boolean;
  junit?: string;
  html?: string;
  pdf?: string;
  minScore?: string;
  all: boolean;
  variants?: string;
  /** grade as this student, whatever the file says (an autograder that knows who submitted); a list when given twice */
  studentId?: string | readonly string[];
  /** grade the visible items from a student bundle (nngrade build --student): a folder or a bundle file */
  bundle?: string;
}

export async function checkCommand(options: CheckOptions, io: CommandIo): Promise<number> {
  let owner: Owner | undefined;
  if (options.studentId !== undefined) {
    // yargs gives a list for an option given twice: which one was meant is not ours to guess
    const studentId = options.studentId;
    if (typeof studentId !== "string") {
      throw new NngradeError("usage", `--student-id: expected one id, got ${Array.isArray(studentId) ? studentId.length : typeof studentId}`);
    }
    if (studentId.trim() === "") throw new NngradeError("usage", "--student-id: expected a non-empty id");
    // the autograder knows who submitted: an id in the file that differs is flagged, as in a batch
    owner = { id: studentId, by: "--student-id" };
  }
  if (options.bundle !== undefined) {
    if (options.assignment !== undefined || options.all || options.variants !== undefined) {
      throw new NngradeError("usage", "--bundle grades what the bundle holds: not with --assignment, --all or --variants");
    }
  }
  // the command line's own mistakes are said before anything is read, and write no report
  const minScore = options.minScore === undefined ? undefined : parseMinScore(options.minScore);
  // the batch's reader: the same safe file reading, the same identity rules
  const read = readSubmission(io.cwd, options.file, { owner });
  let result: GradeResult;
  try {
    if (read.submission === undefined) throw read.error ?? new NngradeError("submission", `${options.file}: cannot read the file`);
    const submission = read.submission;
    result = options.bundle !== undefined ? await gradeFromBundle(options.bundle, submission, io) : await gradeFromReference(options, submission, io);
  } catch (error) {
    // a file that cannot be graded is the commonest mistake: CI's reports say so too, then the error ends the run as before
    try {
      await writeFailureReports(error, read, options, io);
    } catch (failure) {
      // the reason the file could not be graded matters more than a report that could not be written
      io.stderr(`nngrade: could not write the CI reports: ${(failure as Error).message}\n`);
    }
    throw error;
  }
  // a student's own run shows what is theirs to read, in every output: the TA's flags stay in the TA's run (--all)
  if (!options.all) result = { ...result, flags: studentFlags(result.flags) };
  const verdict = minScore === undefined ? undefined : checkMinScore(result.score, result.max_score, minScore);
  // the report files asked for, each by its format's id (report/formats.ts)
  const files = { html: options.html, pdf: options.pdf };
  for (const [format, file] of Object.entries(files)) {
    if (file !== undefined) await writeFileAtomic(resolve(io.cwd, file), await renderReport(format, result));
  }
  if (options.junit !== undefined) await writeFileAtomic(resolve(io.cwd, options.junit), renderJunit(result, { hostname: hostname() }));
  if (options.ci) {
    const text = shortOfPoints(result) ? submissionText(read) : undefined;
    const context: GithubContext = { positions: text === undefined ? undefined : answerPositions(result, text), minScore: verdict };
    await writeGithub(result, context, options, io);
  }
  const report = asText(await renderReport(options.format ?? (options.json ? "json" : "text"), result, { color: io.color, file: options.file }));
  if (options.ci || io.env.GITHUB_ACTIONS === "true") {
    // the runner reads every line of a step's output for commands (with --ci or not), and the report quotes
    // student text: commands stop for it, until a token no student can know
    const token = randomUUID();
    io.stdout(`::stop-commands::${token}\n${report}${report.endsWith("\n") ? "" : "\n"}::${token}::\n`);
  } else {
    io.stdout(report);
  }
  if (verdict !== undefined && !verdict.met) {
    io.stderr(`nngrade: --min-score: ${verdict.message}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

/** the annotations on stdout, and the step summary where the runner asks for one */
async function writeGithub(result: GradeResult, context: GithubContext, options: CheckOptions, io: CommandIo): Promise<void> {
  io.stdout(renderAnnotations(result, options.file, context));
  const summary = io.env.GITHUB_STEP_SUMMARY;
  // the runner collects the summary file after the step: appended, as other steps may write to it too
  if (summary) await appendFile(summary, renderStepSummary(result, context));
}

/**
 * For a submission that could not be graded, what --junit and --ci write
 * all the same: a JUnit file with one error, an annotation at the place
 * the problem is (a parse error's line and column) and the step summary.
 */
async function writeFailureReports(error: unknown, read: SubmissionRead, options: CheckOptions, io: CommandIo): Promise<void> {
  if (!options.ci && options.junit === undefined) return;
  const known = error instanceof NngradeError;
  const failed: GradeResult = {
    schema: RESULT_SCHEMA,
    assignment: (options.assignment ?? read.submission?.assignment ?? "").slice(0, 60),
    student: { id: read.submission?.student.id ?? studentIdFromPath(options.file) },
    score: 0,
    max_score: 0,
    tasks: [],
    flags: [],
    source: options.file,
    generated_at: reportTime(io.env),
    error: { code: known ? error.code : "internal", message: known ? error.message : `${options.file}: could not be graded: ${(error as Error).message}` },
  };
  if (options.junit !== undefined) await writeFileAtomic(resolve(io.cwd, options.junit), renderJunit(failed, { hostname: hostname() }));
  if (options.ci) await writeGithub(failed, { errorPosition: errorPosition(error, read) }, options, io);
}

/** where in the file an error is: a parse error's own place, else the place of what it is about */
function errorPosition(error: unknown, read: SubmissionRead): { line?: number; column?: number } | undefined {
  if (error instanceof SubmissionParseError) return { line: error.line, column: error.column };
  let path = error instanceof Error ? ERROR_PATHS.get(error) : undefined;
  // "answers: expected an object, got an array" is about answers; a problem with no path, about the whole file
  if (path === undefined && error instanceof SubmissionError) path = /^([A-Za-z_][\w-]*): /.exec(error.problems[0] ?? "")?.slice(1) ?? [];
  if (path === undefined) return undefined;
  const text = submissionText(read);
  return text === undefined ? undefined : locatePaths(text, [path])[0];
}

/** the JSON paths errors are about, where the code that throws them knows (the file's "assignment") */
const ERROR_PATHS = new WeakMap<Error, JsonPath>();

function about<T extends Error>(path: JsonPath, error: T): T {
  ERROR_PATHS.set(error, path);
  return error;
}

/** the submission's text as the reader decoded it, for finding places in it; undefined when it has none */
function submissionText(read: SubmissionRead): string | undefined {
  if (read.bytes === undefined) return undefined;
  try {
    return decodeSubmissionBytes(read.bytes, "");
  } catch {
    return undefined;
  }
}

function shortOfPoints(result: GradeResult): boolean {
  return result.tasks.some((task) => task.items.some((item) => item.score < item.max_score));
}

/** the submission graded as `nngrade check` grades it: the assignment's reference, the student's variant */
async function gradeFromReference(options: CheckOptions, submission: Submission, io: CommandIo): Promise<GradeResult> {
  const assignmentId = options.assignment ?? submission.assignment;
  if (assignmentId === undefined) {
    throw about([], new NngradeError("usage", `${options.file}: no assignment: pass --assignment or set "assignment" in the file`));
  }
  // only the person running nngrade may name a rubric file (its reference module is code); a submission names an id
  if (options.assignment === undefined && !ASSIGNMENT_ID.test(assignmentId)) {
    throw about(["assignment"], new NngradeError("usage", `${options.file}: assignment: "${assignmentId.slice(0, 60)}" is not an assignment id`));
  }
  // an id (the file's, checked above, or --assignment's) names a built-in or an assignment of the course nngrade runs in
  let assignment: Assignment;
  try {
    assignment = await loadAssignment(resolveAssignment(assignmentId, io.cwd));
  } catch (error) {
    // an id the file names that no assignment has is the file's "assignment" line
    if (options.assignment === undefined && error instanceof UnknownAssignmentError) throw about(["assignment"], error);
    throw error;
  }
  const mode = variantMode(assignment, options.variants);
  return gradeSubmission(assignmentFor(assignment, submission.student.id, mode), submission, {
    variant: effectiveVariant(assignment, mode),
    scope: options.all ? "all" : "visible",
    generatedAt: reportTime(io.env),
  });
}

/** the submission graded from a student bundle: the visible items, against the student's own variant where the bundle has one */
async function gradeFromBundle(given: string, submission: Submission, io: CommandIo): Promise<GradeResult> {
  const { bundle, folder } = readStudentBundleAt(resolve(io.cwd, given), submission.student.id, given);
  if (submission.assignment !== undefined && submission.assignment !== bundle.assignment.id) {
    throw about(["assignment"], new NngradeError("usage", `${given}: a bundle of ${bundle.assignment.id}, but the submission is for ${submission.assignment.slice(0, 60)}`));
  }
  let assignment: Assignment;
  try {
    // a solver the TA included (build --include-solver) carries errors forward here, as the TA's grading does
    const solver = bundle.solver === undefined ? undefined : await bundleSolver(bundle, folder, given);
    assignment = bundleAssignment(bundle, submission.student.id, solver === undefined ? {} : { solver });
  } catch (error) {
    throw new NngradeError("input", `${given}: ${(error as Error).message}`, { cause: error });
  }
  const result = gradeSubmission(assignment, submission, { variant: bundle.variants, scope: "visible", generatedAt: reportTime(io.env) });
  // the total is of what the bundle grades: what it leaves to the TA is said, so that 100% is not read as the grade
  const { count, points, ids } = deferredSummary(bundle);
  if (count > 0) {
    result.flags.push({
      code: "graded-by-ta",
      message: `${count} item(s), ${points} point(s), are graded by your TA, not here: ${ids.slice(0, 8).join(", ")}${ids.length > 8 ? ` and ${ids.length - 8} more` : ""}`,
    });
  }
  return result;
}

/** the reference a bundle includes: a Python module in its solver/ folder */
async function bundleSolver(bundle: StudentBundle, folder: string, given: string): Promise<Reference> {
  const module = join(folder, bundle.solver!.module);
  if (!existsSync(module)) throw new NngradeError("input", `${given}: the bundle names a solver, ${bundle.solver!.module}, that is not there`);
  const { pythonReference } = await import("../../python/python-reference.ts");
  return pythonReference(module, { id: bundle.assignment.id, title: bundle.assignment.title });
}
