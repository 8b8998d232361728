/**
 * Runs a batch's jobs on a pool of worker threads (piscina), or one after the
 * other in this thread. Each job settles on its own: a job that throws, or
 * whose worker dies (a crash, an out-of-memory abort), is reported to
 * `settled` as an error and the rest go on; piscina starts a new worker in
 * the dead one's place.
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

export async function runJobs(
  jobs: readonly GradeJob[],
  options: PoolOptions,
  settled: (index: number, outcome: Settled) => Promise<void>,
): Promise<void> {
  if (options.threads <= 1) {
    for (const [index, job] of jobs.entries()) await settled(index, await inProcess(job));
    return;
  }
  const pool = new Piscina<GradeJob, GradedSubmission>({
    filename: (options.workerFile ?? WORKER_FILE).href,
    name: "gradeJob",
    minThreads: options.threads,
    maxThreads: options.threads,
    // a worker waits for its next job while the main thread writes reports: never let it time out meanwhile
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  try {
    await Promise.all(
      jobs.map(async (job, index) => {
        let outcome: Settled;
        try {
          outcome = { ok: true, value: await pool.run(job) };
        } catch (error) {
          outcome = { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
        }
        await settled(index, outcome);
      }),
    );
  } finally {
    await pool.destroy();
  }
}

async function inProcess(job: GradeJob): Promise<Settled> {
  try {
    return { ok: true, value: await gradeJob(job) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
