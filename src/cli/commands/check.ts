import { appendFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Assignment, loadAssignment } from "../../grade/assignment.ts";
import { bundleAssignment, deferredSummary, type StudentBundle } from "../../bundle/student-bundle.ts";
import type { Reference } from "../../grade/reference.ts";
import { readStudentBundleAt } from "../../bundle/bundle-files.ts";
import type { GradeResult } from "../../result/types.ts";
import { gradeSubmission } from "../../grading.ts";
import { assignmentFor, effectiveVariant, variantMode } from "../../grade/variant.ts";
import { NngradeError } from "../../errors.ts";
import { asText, renderReport } from "../../report/formats.ts";
import { writeFileAtomic } from "../../atomic-write.ts";
import { type CommandIo, reportTime } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import type { Owner, Submission } from "../../rubric/submission.ts";
import { loadSubmission } from "../../rubric/submission-file.ts";
import { parseMinScore } from "./shared.ts";
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
  // the batch's reader: the same safe file reading, the same identity rules
  const submission = await loadSubmission(io.cwd, options.file, { owner });
  if (options.bundle !== undefined) {
    if (options.assignment !== undefined || options.all || options.variants !== undefined) {
      throw new NngradeError("usage", "--bundle grades what the bundle holds: not with --assignment, --all or --variants");
    }
  }
  const result = options.bundle !== undefined ? await gradeFromBundle(options.bundle, submission, io) : await gradeFromReference(options, submission, io);
  // the report files asked for, each by its format's id (report/formats.ts)
  const files = { html: options.html, pdf: options.pdf, junit: options.junit };
  for (const [format, file] of Object.entries(files)) {
    if (file !== undefined) await writeFileAtomic(resolve(io.cwd, file), await renderReport(format, result));
  }
  const context = { color: io.color, file: options.file };
  if (options.ci) {
    io.stdout(asText(await renderReport("github", result, context)));
    const summary = io.env.GITHUB_STEP_SUMMARY;
    // the runner collects the summary file after the step: appended, as other steps may write to it too
    if (summary) await appendFile(summary, asText(await renderReport("step-summary", result, context)));
  }
  io.stdout(asText(await renderReport(options.format ?? (options.json ? "json" : "text"), result, context)));
  if (options.minScore !== undefined && result.score < parseMinScore(options.minScore, result.max_score)) {
    return EXIT.failed;
  }
  return EXIT.ok;
}

/** the submission graded as `nngrade check` grades it: the assignment's reference, the student's variant */
async function gradeFromReference(options: CheckOptions, submission: Submission, io: CommandIo): Promise<GradeResult> {
  const assignmentId = options.assignment ?? submission.assignment;
  if (assignmentId === undefined) {
    throw new NngradeError("usage", `${options.file}: no assignment: pass --assignment or set "assignment" in the file`);
  }
  // only the person running nngrade may name a rubric file (its reference module is code); a submission names an id
  if (options.assignment === undefined && !ASSIGNMENT_ID.test(assignmentId)) {
    throw new NngradeError("usage", `${options.file}: assignment: "${assignmentId.slice(0, 60)}" is not an assignment id`);
  }
  // an id (the file's, checked above, or --assignment's) names a built-in or an assignment of the course nngrade runs in
  const assignment = await loadAssignment(resolveAssignment(assignmentId, io.cwd));
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
    throw new NngradeError("usage", `${given}: a bundle of ${bundle.assignment.id}, but the submission is for ${submission.assignment.slice(0, 60)}`);
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
