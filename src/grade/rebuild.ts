/**
 * `nngrade reference <id> --rebuild` on every core: the reference lists the
 * runs its solves will ask the cache for (Reference.cachedRuns), worker
 * threads compute them, and the solve then reads them from a cache primed
 * with them. Each run is a pure function of its key (the engine's kernels
 * give the same bits on one thread or several), results are put back by
 * their index in the list, never by when they finished, and the file is
 * written in hash order: its bytes do not depend on scheduling.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { COMPILED, PACKAGE_ROOT } from "../package-root.ts";
import type { Value } from "../value.ts";
import { loadReference } from "./assignment.ts";
import { type CacheEntry, cacheKey } from "./cache.ts";
import type { CachedRun } from "./reference.ts";

/** what a rebuild worker is asked: run `index` of the assignment's list (rebuild-job.ts) */
export interface RebuildJob {
  assignment: string;
  index: number;
}

const WORKER_FILE = COMPILED
  ? pathToFileURL(join(PACKAGE_ROOT, "dist", "src", "grade", "rebuild-job.js"))
  : pathToFileURL(join(PACKAGE_ROOT, "src", "grade", "rebuild-worker.js"));

/** the reference's runs with duplicate keys dropped (first one kept), each with its hash; the same list on every thread */
export function distinctRuns(runs: readonly CachedRun[]): { hash: string; run: CachedRun }[] {
  const seen = new Set<string>();
  const distinct: { hash: string; run: CachedRun }[] = [];
  for (const run of runs) {
    const hash = cacheKey(run.key);
    if (seen.has(hash)) continue;
    seen.add(hash);
    distinct.push({ hash, run });
  }
  return distinct;
}

export interface RebuildOptions {
  /** worker threads; one per core by default */
  threads?: number;
}

/** Computes every cached run of the assignment on worker threads: the entries to prime the rebuild's cache with. */
export async function computeCachedRuns(assignment: string, options: RebuildOptions = {}): Promise<Map<string, CacheEntry>> {
  const { reference, inputs } = await loadReference(assignment);
  const runs = distinctRuns(reference.cachedRuns?.(inputs) ?? []);
  const primed = new Map<string, CacheEntry>();
  if (runs.length === 0) return primed;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), runs.length));
  const pool = new Piscina<RebuildJob, Value>({
    filename: WORKER_FILE.href,
    name: "computeRun",
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  try {
    const values = await Promise.all(runs.map((_, index) => pool.run({ assignment, index })));
    runs.forEach(({ hash, run }, index) => {
      primed.set(hash, { key: run.key, value: values[index] as Value });
    });
  } finally {
    await pool.destroy();
  }
  return primed;
}
