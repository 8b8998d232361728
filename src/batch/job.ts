/**
 * The worker side of a pooled runner (pool.ts): piscina calls gradeJob once
 * per submission, on a worker thread, even for --jobs 1 (only a thread can
 * be stopped). The assignment is loaded once per thread (loadAssignment
 * keeps it), as soon as the thread starts; the grading itself is
 * grade-one.ts's, the same as the in-process runner's.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadAssignment } from "../grade/assignment.ts";
import { type GradedSubmission, type GradeJob, gradeAndWrite } from "./grade-one.ts";
import type { JobStarted, WorkerData } from "./pool.ts";

export type { GradedSubmission, GradeJob } from "./grade-one.ts";

/** A job as the pool hands it to a worker: which assignment to grade it with, and the pool's ticket for its time budget. */
export interface WorkerJob extends GradeJob {
  /** a built-in assignment id or an absolute rubric path */
  assignment: string;
  /** the pool's number for a job with a time budget: jobStarted tells the pool when its time begins */
  ticket?: number;
}

// a worker loads its assignment as soon as it starts: the main thread is still planning the batch
const warmUp = (workerData as WorkerData | null | undefined)?.nngradeAssignment;
if (warmUp !== undefined) loadAssignment(warmUp).catch(() => undefined);

/** Grades one submission on a worker thread and writes its reports. */
export async function gradeJob(job: WorkerJob): Promise<GradedSubmission> {
  const assignment = await loadAssignment(job.assignment);
  jobStarted(job);
  return gradeAndWrite(assignment, job);
}

/** Tells the pool that this job's own work begins: its time budget counts from here, not from the worker's start (pool.ts). */
export function jobStarted(job: Pick<WorkerJob, "ticket">): void {
  if (job.ticket !== undefined) parentPort?.postMessage({ nngradeJobStarted: job.ticket } satisfies JobStarted);
}
