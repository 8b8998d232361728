/**
 * The pooled runner: a batch's jobs on a pool of worker threads (piscina).
 * Each job settles on its own: a job that throws, whose worker dies (a
 * crash, an out-of-memory abort), or that runs past its time budget, is
 * reported as an error and the rest go on; piscina starts a new worker in
 * the place of one that died or was stopped. The command line grades on
 * worker threads, even --jobs 1: only terminating a thread stops a
 * submission stuck in synchronous code.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { loadAssignment } from "../grade/assignment.ts";
import { COMPILED, PACKAGE_ROOT } from "../package-root.ts";
import type { GradedSubmission } from "./grade-one.ts";
import type { WorkerJob } from "./job.ts";
import type { Runner, Settled } from "./runner.ts";

/** How a pooled runner grades; only the assignment must be given. */
export interface PooledRunnerOptions {
  /** a built-in assignment id or an absolute rubric path: the main thread and every worker load it by this */
  assignment: string;
  /** worker threads (a whole number >= 1); default one per core, and one for a tiny batch (threadCount) */
  jobs?: number;
  /** seconds one submission may take once its worker has begun it (default TIMEOUT_DEFAULT; 0: no limit) */
  timeout?: number;
  /** the worker module (tests pass one that crashes or hangs) */
  workerFile?: URL;
}

/**
 * Submissions handed to the pool at once, per worker thread: enough that no
 * worker waits for its next one, not the whole class, whose queued jobs and
 * promises would be held until the last one is graded.
 */
const JOBS_AHEAD_PER_THREAD = 4;

/**
 * A runner that grades on worker threads, each loading the assignment
 * itself; the batch's thread loads it too, to plan. A batch that is a first
 * run starts the workers before it has planned, so they load while it plans.
 */
export function pooledRunner(options: PooledRunnerOptions): Runner {
  return {
    load: () => loadAssignment(options.assignment),
    start(submissions) {
      const threads = threadCount(options.jobs, submissions);
      const pool = startRunner({
        threads,
        timeout: options.timeout ?? TIMEOUT_DEFAULT,
        assignment: options.assignment,
        ...(options.workerFile ? { workerFile: options.workerFile } : {}),
      });
      return {
        lanes: JOBS_AHEAD_PER_THREAD * Math.max(1, threads),
        run: (job) => pool.run({ ...job, assignment: options.assignment }),
        close: () => pool.close(),
      };
    },
  };
}

/** How the pool underneath a pooled runner is started (pooledRunner works these out). */
export interface PoolOptions {
  /** worker threads; 0 starts none until a job comes */
  threads: number;
  /** seconds a job may run once its worker has begun it; 0 or absent: no limit */
  timeout?: number;
  /** the worker module (tests pass one that misbehaves) */
  workerFile?: URL;
  /** the assignment the workers load as soon as they start, while the batch is still being planned */
  assignment?: string;
}

/** grades jobs as they are given to it; close() once every run() has settled */
export interface JobRunner {
  run(job: WorkerJob): Promise<Settled>;
  close(): Promise<void>;
}

/** what a worker thread is started with (worker.js and job.ts read it) */
export interface WorkerData {
  nngradeAssignment?: string;
}

/** what job.ts posts on its thread's parent port once it begins a job (the job's ticket) */
export interface JobStarted {
  nngradeJobStarted: number;
}

/** a job timeout's default, in seconds: far above what grading one submission takes, far below a stalled class */
export const TIMEOUT_DEFAULT = 120;

/**
 * A job's budget counts from when its worker begins it (job.ts says so once
 * the assignment is loaded), not from when it is handed over: a new worker
 * first starts tsx and loads the assignment, which is no submission's time.
 * A worker that never says it began (stuck before any submission is read) is
 * stopped this long after its budget would have run out.
 */
const START_ALLOWANCE_MS = 60_000;

/** the longest timeout in seconds: setTimeout fires at once when asked to wait longer than 2^31 - 1 ms */
export const TIMEOUT_MAX = Math.floor((2 ** 31 - 1 - START_ALLOWANCE_MS) / 1000);

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

/** --jobs N as given, else one thread per core; never more than there is work for, none without work */
export function threadCount(requested: number | undefined, submissions: number): number {
  if (submissions < 1) return 0;
  const wanted = requested ?? availableParallelism();
  const threads = Math.max(1, Math.min(wanted, submissions));
  return requested === undefined && submissions < TINY_BATCH ? 1 : threads;
}

/** Starts the worker pool; its jobs settle one by one, a dead or stopped worker replaced. */
export function startRunner(options: PoolOptions): JobRunner {
  const threads = Math.max(0, options.threads);
  const workerData: WorkerData = options.assignment === undefined ? {} : { nngradeAssignment: options.assignment };
  const pool = new Piscina<WorkerJob, GradedSubmission>({
    filename: (options.workerFile ?? WORKER_FILE).href,
    name: "gradeJob",
    // threads 0 (a rerun with nothing to grade) starts a worker only if a job comes after all
    minThreads: threads,
    maxThreads: Math.max(1, threads),
    // a worker waits for its next job while the batch is planned: never let it time out meanwhile
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData,
  });
  const timeoutMs = options.timeout === undefined || options.timeout <= 0 ? undefined : options.timeout * 1000;
  const begun = new Map<number, () => void>();
  pool.on("message", (message: unknown) => {
    if (isJobStarted(message)) begun.get(message.nngradeJobStarted)?.();
  });
  // no more jobs on the pool than workers: a job handed over is begun as soon as its worker is ready, so its
  // budget is not spent waiting in piscina's queue behind the others
  const slot = slots(Math.max(1, threads));
  let tickets = 0;
  return {
    run: (job) => slot(() => (timeoutMs === undefined ? settle(pool.run(job)) : runTimed(pool, { ...job, ticket: tickets++ }, timeoutMs, begun))),
    close: () => pool.destroy(),
  };
}

/**
 * One job that is aborted when it runs past its budget: piscina then
 * terminates the thread running it (even in an endless loop) and starts
 * another in its place (Piscina.run with a signal, piscina 5 runTask).
 */
async function runTimed(
  pool: Piscina<WorkerJob, GradedSubmission>,
  job: WorkerJob & { ticket: number },
  timeoutMs: number,
  begun: Map<number, () => void>,
): Promise<Settled> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  let timer = setTimeout(abort, timeoutMs + START_ALLOWANCE_MS);
  begun.set(job.ticket, () => {
    clearTimeout(timer);
    timer = setTimeout(abort, timeoutMs);
  });
  try {
    const settled = await settle(pool.run(job, { signal: controller.signal }));
    if (settled.ok || !controller.signal.aborted) return settled;
    return { ok: false, error: new Error(`timed out after ${timeoutMs / 1000} s`), code: "timeout" };
  } finally {
    clearTimeout(timer);
    begun.delete(job.ticket);
  }
}

async function settle(running: Promise<GradedSubmission>): Promise<Settled> {
  try {
    return { ok: true, value: await running };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)), code: "worker" };
  }
}

function isJobStarted(message: unknown): message is JobStarted {
  return typeof message === "object" && message !== null && typeof (message as JobStarted).nngradeJobStarted === "number";
}

/** runs at most `count` of the tasks given to it at once; the others wait their turn, in order */
function slots(count: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = count;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next === undefined) free++;
      else next();
    }
  };
}

/** `work` on each item `next` gives, `lanes` at a time, until it gives undefined */
export async function inLanes<T>(lanes: number, next: () => T | undefined, work: (item: T) => Promise<void>): Promise<void> {
  const lane = async () => {
    for (let item = next(); item !== undefined; item = next()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
}
