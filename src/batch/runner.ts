/**
 * Where a batch's submissions are graded. gradeBatch (grade-batch.ts) plans,
 * resumes and writes the gradebooks; a Runner grades the submissions it is
 * handed and writes their reports. Two ship: the pooled runner (pool.ts),
 * worker threads with a time budget per submission, which the command line
 * uses; and the in-process runner here, which grades on the caller's thread:
 * no worker to start, so tests and programs that embed nngrade grade a small
 * class at once, and an assignment built in memory (assignmentFrom) can be
 * graded, which no worker could load.
 */
import { type Assignment, loadAssignment } from "../grade/assignment.ts";
import { type GradedSubmission, type GradeJob, gradeAndWrite } from "./grade-one.ts";

/**
 * How one job ended. Not ok: the job failed outside the grader's own error
 * handling ("worker": it threw, or on a pool its worker died) or ran out of
 * its time budget ("timeout"); the batch gives that student an error result
 * and grades them again on the next run.
 */
export type Settled = { ok: true; value: GradedSubmission } | { ok: false; error: Error; code: "worker" | "timeout" };

/** One batch's grading, once started: jobs go in, each settles on its own. */
export interface RunningJobs {
  /** how many jobs the batch keeps handed over at once */
  readonly lanes: number;
  /** grades one submission and writes its reports; never rejects */
  run(job: GradeJob): Promise<Settled>;
  /** called once every run() has settled */
  close(): Promise<void>;
}

/**
 * What grades a batch's submissions. A runner may serve several batches, one
 * after another: each calls start() at most once.
 */
export interface Runner {
  /** the assignment this runner grades, loaded: the batch plans with it and records its rubric hash */
  load(): Promise<Assignment>;
  /** begins a batch that expects to hand over about `submissions` jobs (a pool sizes itself by it; it may be 0) */
  start(submissions: number): RunningJobs;
}

/**
 * A runner that grades on the caller's thread, one submission at a time. It
 * cannot stop a submission stuck in synchronous code (there is no time
 * budget); a job that throws is settled as "worker", as a pool settles it.
 * Gives the same reports, byte for byte, as the pooled runner.
 */
export function inProcessRunner(assignment: Assignment | string): Runner {
  const load = typeof assignment === "string" ? () => loadAssignment(assignment) : () => Promise.resolve(assignment);
  return {
    load,
    start: () => ({
      lanes: 1,
      run: async (job) => {
        try {
          return { ok: true, value: await gradeAndWrite(await load(), job) };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error : new Error(String(error)), code: "worker" };
        }
      },
      close: async () => undefined,
    }),
  };
}
