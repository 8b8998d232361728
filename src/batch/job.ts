/**
 * One submission's work in a batch: read it, grade it, render its JSON and
 * HTML reports. Runs in a worker thread (worker.js) or, for --jobs 1 and tiny
 * batches, in the main thread; either way the assignment is loaded once per
 * thread (loadAssignment keeps it).
 */
import { resolve } from "node:path";
import { NngradeError } from "../errors.ts";
import { type Assignment, loadAssignment } from "../grade/assignment.ts";
import { gradeSubmission } from "../grade/grade.ts";
import { assignmentFor, effectiveVariant, variantMode } from "../grade/variant.ts";
import { renderHtml } from "../report/html.ts";
import { renderJson } from "../report/json.ts";
import type { GradeResult } from "../report/result.ts";
import { studentIdFromPath } from "../rubric/json.ts";
import { fromMicro } from "../grade/points.ts";
import { loadSubmission } from "../cli/commands/shared.ts";

/** plain data only: it crosses to a worker thread by structured clone */
export interface GradeJob {
  /** a built-in assignment id or an absolute rubric path */
  assignment: string;
  /** the --variants override, if any */
  variants?: string;
  cwd: string;
  /** the submission file as reports name it (relative to cwd) */
  source: string;
  /** who it is when an export's metadata says so */
  student?: { id: string; name?: string };
  generatedAt: string;
  /** render the PDF report too (on the worker: it is the slow part) */
  pdf?: boolean;
}

export interface GradedSubmission {
  result: GradeResult;
  json: string;
  html: string;
  pdf?: Uint8Array;
}

export async function gradeJob(job: GradeJob): Promise<GradedSubmission> {
  const assignment = await loadAssignment(job.assignment);
  return rendered(await gradeOne(assignment, job), job.pdf ?? false);
}

export async function rendered(result: GradeResult, pdf: boolean): Promise<GradedSubmission> {
  const output: GradedSubmission = { result, json: renderJson(result), html: renderHtml(result) };
  if (pdf) {
    // loaded only when asked for: pdfkit and the fonts cost a good part of a second
    const { renderPdf } = await import("../report/pdf.ts");
    output.pdf = await renderPdf(result, result.generated_at === undefined ? {} : { generatedAt: result.generated_at });
  }
  return output;
}

async function gradeOne(assignment: Assignment, job: GradeJob): Promise<GradeResult> {
  const mode = variantMode(assignment, job.variants);
  try {
    const submission = await loadSubmission(job.cwd, job.source);
    if (job.student !== undefined) submission.student = { ...job.student };
    return gradeSubmission(assignmentFor(assignment, submission.student.id, mode), submission, {
      scope: "all",
      generatedAt: job.generatedAt,
      variant: effectiveVariant(assignment, mode),
    });
  } catch (error) {
    // one unreadable or ungradable file must not stop the batch: it gets a result that says why
    const known = error instanceof NngradeError;
    const message = known ? error.message : `${job.source}: could not be graded: ${(error as Error).message}`;
    return errorResult(assignment, job, job.student?.id ?? fallbackId(job), { code: known ? error.code : "internal", message });
  }
}

function fallbackId(job: GradeJob): string {
  return studentIdFromPath(resolve(job.cwd, job.source));
}

/** the result of a submission that could not be graded at all: score 0 and why */
export function errorResult(
  assignment: Pick<Assignment, "id" | "title" | "plan">,
  job: Pick<GradeJob, "source" | "generatedAt" | "student">,
  id: string,
  error: { code: string; message: string },
): GradeResult {
  const student: GradeResult["student"] = { id };
  if (job.student?.name !== undefined) student.name = job.student.name;
  return {
    schema: "nngrade/result@1",
    assignment: assignment.id,
    assignment_title: assignment.title,
    student,
    score: 0,
    max_score: fromMicro(assignment.plan.tasks.reduce((sum, task) => sum + task.pointsMicro, 0)),
    tasks: [],
    flags: [],
    source: job.source,
    generated_at: job.generatedAt,
    error,
  };
}
