/**
 * For a test of what `nngrade grade` does with a class (which files it reads,
 * what it refuses, the rows and reports it writes) rather than of its worker
 * threads: the command line's pool swapped for the in-process runner, so that
 * a run does not start threads that each boot tsx and load the assignment.
 * The in-process runner writes the pool's reports byte for byte; the real
 * pool is tested in test/batch/pooled-runner.test.ts and, from the bin, in
 * test/cli/grade-batch.test.ts and test/hostile/class.test.ts.
 *
 *   vi.mock("../../src/batch/pool.ts", async (original) => (await import("../helpers/in-process-pool.ts")).inProcessPool(original));
 */
import type * as Pool from "../../src/batch/pool.ts";
import { inProcessRunner } from "../../src/batch/runner.ts";

export async function inProcessPool(original: () => Promise<unknown>): Promise<typeof Pool> {
  const pool = (await original()) as typeof Pool;
  return { ...pool, pooledRunner: (options) => inProcessRunner(options.assignment) };
}
