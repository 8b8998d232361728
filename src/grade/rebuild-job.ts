/**
 * A rebuild worker (rebuild.ts): computes one run of an assignment's
 * cachedRuns list by its index. The list is built once per thread, the
 * engine on the fastest backend with one thread of its own (the pool has a
 * thread per core already).
 */
import { initFastBackend } from "../engine/kernels/fastest.ts";
import type { Value } from "../value.ts";
import { loadReference } from "./assignment.ts";
import type { CachedRun } from "./reference.ts";
import { distinctRuns, type RebuildJob } from "./rebuild.ts";

const lists = new Map<string, Promise<{ hash: string; run: CachedRun }[]>>();
let backend: Promise<unknown> | undefined;

export async function computeRun(job: RebuildJob): Promise<Value> {
  backend ??= initFastBackend({ threads: 1 });
  await backend;
  let list = lists.get(job.assignment);
  if (list === undefined) {
    list = loadReference(job.assignment).then(({ reference, inputs }) => distinctRuns(reference.cachedRuns?.(inputs) ?? []));
    lists.set(job.assignment, list);
  }
  const entry = (await list)[job.index];
  if (entry === undefined) throw new Error(`rebuild: ${job.assignment} has no run ${job.index}`);
  return entry.run.compute();
}
