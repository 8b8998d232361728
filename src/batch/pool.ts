/**
 * Runs a batch's jobs on a pool of worker threads (piscina), or one after the
 * other in this thread. Each job settles on its own: a job that throws, or
 * whose worker dies (a crash, an out-of-memory abort), is reported as an
 * error and the rest go on; piscina starts a new worker in the dead one's
 * place.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { COMPILED, PACKAGE_ROOT } from "../package-root.ts";
import { type GradedSubmission, type GradeJob, gradeJob } from "./job.ts";

export type Settled = { ok: true; value: GradedSubmission } | { ok: false; error: Error };

export interface PoolOptions {
  /** worker threads; 1 grades in this thread */
  threads: number;
  /** the worker module (tests pass one that misbehaves) */
  workerFile?: URL;
  /** the assignment the workers load as soon as they start, while the batch is still being planned */
  assignment?: string;
}

/** grades jobs as they are given to it; close() once every run() has settled */
export interface JobRunner {
  run(job: GradeJob): Promise<Settled>;
  close(): Promise<void>;
}

/** what a worker thread is started with (worker.js and job.ts read it) */
export interface WorkerData {
  nngradeAssignment?: string;
}

/**
 * Compiled (dist/), a worker loads the compiled job module as it is; from the
 * sources, worker.js registers tsx in the worker first. Either way piscina
 * calls its export gradeJob.
 */
const WORKER_FILE = COMPILED
  ? pathToFileURL(join(PACKAGE_ROOT, "dist", "src", "batch", "job.js"))
  : pathToFileURL(join(PACKAGE_ROOT, "src", "batch", "worker.js"));

/**
 * Starting a worker costs about as much as grading a submission or two (tsx,
 * the engine, the assignment's reference solve): below this many submissions
 * to grade, one thread is as fast.
 */
export const TINY_BATCH = 4;

/** --jobs N as given, else one thread per core, never more than there is work for */
export function threadCount(requested: number | undefined, submissions: number): number {
  const wanted = requested ?? availableParallelism();
  const threads = Math.max(1, Math.min(wanted, submissions));
  return requested === undefined && submissions < TINY_BATCH ? 1 : threads;
}

export function startRunner(options: PoolOptions): JobRunner {
  if (options.threads <= 1) return { run: inProcess, close: async () => undefined };
  const workerData: WorkerData = options.assignment === undefined ? {} : { nngradeAssignment: options.assignment };
  const pool = new Piscina<GradeJob, GradedSubmission>({
    filename: (options.workerFile ?? WORKER_FILE).href,
    name: "gradeJob",
    minThreads: options.threads,
    maxThreads: options.threads,
    // a worker waits for its next job while the batch is planned: never let it time out meanwhile
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData,
  });
  return {
    run: async (job) => {
      try {
        return { ok: true, value: await pool.run(job) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
      }
    },
    close: () => pool.destroy(),
  };
}

/** `work` on each item `next` gives, `lanes` at a time, until it gives undefined */
export async function inLanes<T>(lanes: number, next: () => T | undefined, work: (item: T) => Promise<void>): Promise<void> {
  const lane = async () => {
    for (let item = next(); item !== undefined; item = next()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
}

async function inProcess(job: GradeJob): Promise<Settled> {
  try {
    return { ok: true, value: await gradeJob(job) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
