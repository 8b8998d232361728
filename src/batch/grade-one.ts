/**
 * One submission's work in a batch, wherever it runs: read it, grade it,
 * render and write its JSON and HTML (and PDF) reports, and hand back only
 * the compact record the batch keeps. A pooled runner does this on a worker
 * thread (job.ts); the in-process runner on the caller's thread (runner.ts).
 * Written where it is graded: sending a full result and its reports' text
 * to the main thread cost more than grading (a structured clone of ~0.5 MB
 * per student), and a main thread writing every report fell behind the
 * workers and piled their output up in memory.
 */
import { basename, join, resolve } from "node:path";
import { writeFileAtomicSync } from "../atomic-write.ts";
import { NngradeError } from "../errors.ts";
import type { Assignment } from "../grade/assignment.ts";
import { gradeSubmission } from "../grading.ts";
import { fromMicro } from "../grade/points.ts";
import { assignmentFor, effectiveVariant, variantMode } from "../grade/variant.ts";
import { reportFormat } from "../report/formats.ts";
import type { GradeResult } from "../result/types.ts";
import { type Owner, studentIdFromPath } from "../rubric/submission.ts";
import { readSubmission } from "../rubric/submission-file.ts";
import { batchRecord } from "./record.ts";
import { type ReportHashes, sha256 } from "./state.ts";

/** One submission to grade: plain data only, since it crosses to a worker thread by structured clone. */
export interface GradeJob {
  /** the --variants override, if any */
  variants?: string;
  cwd: string;
  /** the submission file as reports name it (relative to cwd) */
  source: string;
  /** who it is when its folder or an export's metadata says so (the file's own id is then only flagged) */
  owner?: Owner;
  generatedAt: string;
  /** the output folder (absolute) and the report files' name there, without extension */
  out: string;
  name: string;
  /** render the PDF report too (where the job runs: it is the slow part) */
  pdf?: boolean;
}

/** What a graded submission sends back once its reports are written: the batch's record of it (record.ts). */
export interface GradedSubmission {
  record: GradeResult;
  /** each report file's name in OUT and the sha256 of what was written: a rerun trusts a report only while they match */
  reports: ReportHashes;
}

/** Grades one job's submission with a loaded assignment and writes its reports; a submission that cannot be graded gets an error result, never a throw. */
export async function gradeAndWrite(assignment: Assignment, job: GradeJob): Promise<GradedSubmission> {
  return writeReports(gradeOne(assignment, job), job);
}

/** the report formats every student gets from a batch (report/formats.ts); pdf when asked for */
const STUDENT_FORMATS = ["json", "html"] as const;

/** Renders and writes a result's reports (<name>.json, .html and with pdf .pdf), each atomically. */
export async function writeReports(result: GradeResult, target: Pick<GradeJob, "out" | "name" | "pdf">): Promise<GradedSubmission> {
  const base = join(target.out, target.name);
  const files: [string, string | Uint8Array][] = [];
  for (const id of [...STUDENT_FORMATS, ...(target.pdf ? ["pdf"] : [])]) {
    const format = reportFormat(id);
    files.push([`${base}${format.extension}`, await format.render(result, {})]);
  }
  // synchronously, without fsync (see writeFileAtomic): a worker has nothing else to do meanwhile, and
  // handing each of a write's five file operations to libuv's thread pool cost more than the operations
  const reports: ReportHashes = {};
  for (const [path, content] of files) {
    writeFileAtomicSync(path, content, { durable: false });
    reports[basename(path)] = sha256(content);
  }
  return { record: batchRecord(result), reports };
}

function gradeOne(assignment: Assignment, job: GradeJob): GradeResult {
  const mode = variantMode(assignment, job.variants);
  try {
    // read here without the thread pool (rubric/submission-file.ts), as the plan read it
    const { submission, error } = readSubmission(job.cwd, job.source, { owner: job.owner });
    if (submission === undefined) throw error ?? new NngradeError("submission", `${job.source}: cannot read the file`);
    return gradeSubmission(assignmentFor(assignment, submission.student.id, mode), submission, {
      scope: "all",
      generatedAt: job.generatedAt,
      variant: effectiveVariant(assignment, mode),
    });
  } catch (error) {
    // one unreadable or ungradable file must not stop the batch: it gets a result that says why
    const known = error instanceof NngradeError;
    const message = known ? error.message : `${job.source}: could not be graded: ${(error as Error).message}`;
    return errorResult(assignment, job, job.owner?.id ?? studentIdFromPath(resolve(job.cwd, job.source)), { code: known ? error.code : "internal", message });
  }
}

/** The result of a submission that could not be graded at all: score 0 and why. */
export function errorResult(
  assignment: Pick<Assignment, "id" | "title" | "plan">,
  job: Pick<GradeJob, "source" | "generatedAt" | "owner">,
  id: string,
  error: { code: string; message: string },
): GradeResult {
  const student: GradeResult["student"] = { id };
  if (job.owner?.name !== undefined) student.name = job.owner.name;
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
