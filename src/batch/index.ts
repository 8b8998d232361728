/**
 * Batch grading as a library: gradeBatch and the runners it grades with,
 * and mergeBatches for the folders of sharded batches. `nngrade grade` and
 * `nngrade merge` are thin commands over these; a program can call them the
 * same way, with its own events in place of the terminal's progress bar.
 */
export { type BatchEvents, type BatchMessage, type BatchOptions, type BatchOutcome, type BatchProgress, gradeBatch } from "./grade-batch.ts";
export type { GradedSubmission, GradeJob } from "./grade-one.ts";
export type { BatchGradebook, DuplicateId, StudentOutput } from "./outputs.ts";
export { type MergeOptions, type MergeOutcome, mergeBatches } from "./merge.ts";
export { type PooledRunnerOptions, pooledRunner, TIMEOUT_DEFAULT, TIMEOUT_MAX } from "./pool.ts";
export { inProcessRunner, type Runner, type RunningJobs, type Settled } from "./runner.ts";
export { parseShard, type Shard } from "./shard.ts";
