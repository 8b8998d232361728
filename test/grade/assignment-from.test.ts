import { describe, expect, it } from "vitest";
import { assignmentFrom as assignmentInMemory } from "../../src/grade/assignment-from.ts";
import { assignmentFrom } from "../../src/grade/assignment.ts";
import { ReferenceCache as DiskReferenceCache } from "../../src/grade/cache.ts";
import type { Reference } from "../../src/grade/reference.ts";
import { MemoryCacheStore, ReferenceCache } from "../../src/grade/reference-cache.ts";
import type { Rubric } from "../../src/rubric/types.ts";

const rubric: Rubric = {
  format: "nngrade/rubric@1",
  id: "toy-runs-in-memory",
  title: "A toy that trains",
  tasks: [{ id: "t1", title: "run", points: 1, items: [{ answer: "loss", points: 1, compare: { mode: "relabs" } }] }],
};

/** a reference whose one task asks the cache for a "training run" */
function counting(): { reference: Reference; runs: () => number } {
  let runs = 0;
  const reference: Reference = {
    id: rubric.id,
    title: rubric.title,
    defaultInputs: () => ({ t1: {} }),
    tasks: [{ id: "t1", solve: (_inputs, _upstream, { cache }) => ({ answers: { loss: cache.get({ run: "t1" }, () => ++runs / 10) } }) }],
  };
  return { reference, runs: () => runs };
}

describe("assignmentFrom", () => {
  it("keeps the reference's runs in memory in the core, and in the cache it is given", () => {
    const { reference, runs } = counting();
    const first = assignmentInMemory(rubric, reference);
    expect(first.context.cache).toBeInstanceOf(ReferenceCache);
    expect(first.context.cache).not.toBeInstanceOf(DiskReferenceCache);
    assignmentInMemory(rubric, reference);
    expect(runs()).toBe(1);
    const store = new MemoryCacheStore();
    const given = new ReferenceCache(rubric.id, { store });
    expect(assignmentInMemory(rubric, reference, { cache: given }).context.cache).toBe(given);
    expect(Object.keys(store.read("user", rubric.id))).toHaveLength(1);
  });

  it("keeps them on disk, as loadAssignment does, when made through nngrade for Node", () => {
    const { reference } = counting();
    const store = new MemoryCacheStore();
    // a task that trains nothing, so that the test writes nothing into the user's cache folder
    const trainsNothing: Reference = { ...reference, tasks: [{ id: "t1", solve: () => ({ answers: { loss: 0.1 } }) }] };
    expect(assignmentFrom(rubric, trainsNothing).context.cache).toBeInstanceOf(DiskReferenceCache);
    const given = new ReferenceCache(rubric.id, { store });
    expect(assignmentFrom(rubric, reference, { cache: given }).context.cache).toBe(given);
  });
});
