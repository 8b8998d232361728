/**
 * One submission's work in a batch: read it, grade it, render and write its
 * JSON and HTML (and PDF) reports. Runs in a worker thread (worker.js), even
 * for --jobs 1 (pool.ts: only a thread can be stopped); the assignment is
 * loaded once per thread (loadAssignment keeps it). The worker writes the
 * reports itself and hands back only the compact record the batch keeps:
 * sending a full result and its reports' text to the main thread cost more
 * than grading (a structured clone of ~0.5 MB per student), and a main thread
 * writing every report fell behind the workers and piled their output up in
 * memory.
 */
import { basename, join, resolve } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { writeFileAtomicSync } from "../atomic-write.ts";
import { NngradeError } from "../errors.ts";
import { type Assignment, loadAssignment } from "../grade/assignment.ts";
import { gradeSubmission } from "../grade/grade.ts";
import { assignmentFor, effectiveVariant, variantMode } from "../grade/variant.ts";
import { renderHtml } from "../report/html.ts";
import { renderJsonBytes } from "../report/json.ts";
import type { GradeResult } from "../report/result.ts";
import { studentIdFromPath } from "../rubric/json.ts";
import { fromMicro } from "../grade/points.ts";
import type { JobStarted, WorkerData } from "./pool.ts";
import { batchRecord } from "./record.ts";
import { type ReportHashes, sha256 } from "./state.ts";
import { forGrading, type Owner, readSubmissionSync } from "./submission.ts";

/** plain data only: it crosses to a worker thread by structured clone */
export interface GradeJob {
  /** a built-in assignment id or an absolute rubric path */
  assignment: string;
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
  /** render the PDF report too (on the worker: it is the slow part) */
  pdf?: boolean;
  /** the pool's number for a job with a time budget: jobStarted tells the pool when its time begins */
  ticket?: number;
}

/** what a graded submission sends back once its reports are written: the batch's record of it (record.ts) */
export interface GradedSubmission {
  record: GradeResult;
  /** each report file's name in OUT and the sha256 of what was written: a rerun trusts a report only while they match */
  reports: ReportHashes;
}

// a worker loads its assignment as soon as it starts: the main thread is still planning the batch
const warmUp = (workerData as WorkerData | null | undefined)?.nngradeAssignment;
if (warmUp !== undefined) loadAssignment(warmUp).catch(() => undefined);

export async function gradeJob(job: GradeJob): Promise<GradedSubmission> {
  const assignment = await loadAssignment(job.assignment);
  jobStarted(job);
  return writeReports(await gradeOne(assignment, job), job);
}

/** tells the pool that this job's own work begins: its time budget counts from here, not from the worker's start (pool.ts) */
export function jobStarted(job: Pick<GradeJob, "ticket">): void {
  if (job.ticket !== undefined) parentPort?.postMessage({ nngradeJobStarted: job.ticket } satisfies JobStarted);
}

/** renders and writes a result's reports (<name>.json, .html and with pdf .pdf), each atomically */
export async function writeReports(result: GradeResult, target: Pick<GradeJob, "out" | "name" | "pdf">): Promise<GradedSubmission> {
  const base = join(target.out, target.name);
  const files: [string, string | Uint8Array][] = [
    [`${base}.json`, renderJsonBytes(result)],
    [`${base}.html`, renderHtml(result)],
  ];
  if (target.pdf) {
    // loaded only when asked for: pdfkit and the fonts cost a good part of a second
    const { renderPdf } = await import("../report/pdf.ts");
    files.push([`${base}.pdf`, await renderPdf(result, result.generated_at === undefined ? {} : { generatedAt: result.generated_at })]);
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

async function gradeOne(assignment: Assignment, job: GradeJob): Promise<GradeResult> {
  const mode = variantMode(assignment, job.variants);
  try {
    // read here without the thread pool (submission.ts)
    const read = readSubmissionSync(job.cwd, job.source);
    if (read.submission === undefined) throw read.error ?? new NngradeError("submission", `${job.source}: cannot read the file`);
    const submission = forGrading(read.submission, resolve(job.cwd, job.source), job.owner);
    return gradeSubmission(assignmentFor(assignment, submission.student.id, mode), submission, {
      scope: "all",
      generatedAt: job.generatedAt,
      variant: effectiveVariant(assignment, mode),
    });
  } catch (error) {
    // one unreadable or ungradable file must not stop the batch: it gets a result that says why
    const known = error instanceof NngradeError;
    const message = known ? error.message : `${job.source}: could not be graded: ${(error as Error).message}`;
    return errorResult(assignment, job, job.owner?.id ?? fallbackId(job), { code: known ? error.code : "internal", message });
  }
}

function fallbackId(job: GradeJob): string {
  return studentIdFromPath(resolve(job.cwd, job.source));
}

/** the result of a submission that could not be graded at all: score 0 and why */
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
