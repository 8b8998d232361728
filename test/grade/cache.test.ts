import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheKey, MemoryCacheStore, ReferenceCache } from "../../src/grade/cache.ts";
import { ReferenceCache as StoredReferenceCache } from "../../src/grade/reference-cache.ts";

const root = mkdtempSync(join(tmpdir(), "nngrade-cache-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folders(name: string) {
  return { shippedFolder: join(root, name, "shipped"), userFolder: join(root, name, "user") };
}

describe("ReferenceCache", () => {
  it("computes once, then answers from the file, in a new process too", () => {
    let computed = 0;
    const compute = () => {
      computed++;
      return [0.9, Number.NaN, 1e-300];
    };
    const first = new ReferenceCache("toy", folders("once"));
    expect(first.get({ lr: 0.1, seeds: [0, 1] }, compute)).toEqual([0.9, Number.NaN, 1e-300]);
    expect(first.get({ seeds: [0, 1], lr: 0.1 }, compute)).toEqual([0.9, Number.NaN, 1e-300]);
    // a fresh instance reads what the first wrote: a later check never trains
    const second = new ReferenceCache("toy", folders("once"));
    expect(second.get({ lr: 0.1, seeds: [0, 1] }, compute)).toEqual([0.9, Number.NaN, 1e-300]);
    expect(computed).toBe(1);
    expect(existsSync(join(root, "once", "user", "toy.json"))).toBe(true);
    expect(existsSync(join(root, "once", "shipped", "toy.json"))).toBe(false);
  });

  it("recomputes on rebuild and writes the shipped file", () => {
    const shipped = new ReferenceCache("toy", { ...folders("rebuild"), rebuild: true });
    expect(shipped.get({ k: 1 }, () => 42)).toBe(42);
    const written = JSON.parse(readFileSync(join(root, "rebuild", "shipped", "toy.json"), "utf8"));
    expect(written.format).toBe("nngrade/reference-cache@1");
    expect(written.entries[cacheKey({ k: 1 })]).toEqual({ key: { k: 1 }, value: 42 });
    // the shipped entry is what a normal run reads, with nothing in the user's folder
    expect(new ReferenceCache("toy", folders("rebuild")).get({ k: 1 }, () => -1)).toBe(42);
  });

  it("keys by content and engine version, not by object key order", () => {
    expect(cacheKey({ a: 1, b: [1, 2] })).toBe(cacheKey({ b: [1, 2], a: 1 }));
    expect(cacheKey({ a: 1 })).not.toBe(cacheKey({ a: 2 }));
  });
});

describe("ReferenceCache with a store of its own", () => {
  it("keeps its runs in the store given, shipped first, and computes what neither tier holds", () => {
    const store = new MemoryCacheStore();
    store.write("shipped", "toy", { [cacheKey({ k: 1 })]: { key: { k: 1 }, value: 7 } });
    const cache = new StoredReferenceCache("toy", { store });
    let computed = 0;
    expect(cache.get({ k: 1 }, () => ++computed)).toBe(7);
    expect(cache.get({ k: 2 }, () => ++computed)).toBe(1);
    // a fresh cache over the same store reads what the first computed
    expect(new StoredReferenceCache("toy", { store }).get({ k: 2 }, () => ++computed)).toBe(1);
    expect(computed).toBe(1);
    expect(Object.keys(store.read("user", "toy"))).toEqual([cacheKey({ k: 2 })]);
  });

  it("rebuilds into the shipped tier, started from the primed runs only", () => {
    const store = new MemoryCacheStore();
    store.write("shipped", "toy", { stale: { key: { old: true }, value: 0 } });
    const primed = new Map([[cacheKey({ k: 1 }), { key: { k: 1 }, value: 5 }]]);
    const cache = new StoredReferenceCache("toy", { rebuild: true, primed, store });
    expect(cache.get({ k: 1 }, () => -1)).toBe(5);
    expect(cache.get({ k: 2 }, () => 6)).toBe(6);
    expect(Object.keys(store.read("shipped", "toy")).sort()).toEqual([cacheKey({ k: 1 }), cacheKey({ k: 2 })].sort());
  });

  it("shares the runs of caches given no store, in memory", () => {
    let computed = 0;
    expect(new StoredReferenceCache("toy-memory").get({ k: 1 }, () => ++computed)).toBe(1);
    expect(new StoredReferenceCache("toy-memory").get({ k: 1 }, () => ++computed)).toBe(1);
    expect(computed).toBe(1);
  });

  it("still answers when its store cannot write", () => {
    const failing = { read: () => ({}), write: () => { throw new Error("read-only"); } };
    expect(new StoredReferenceCache("toy", { store: failing }).get({ k: 1 }, () => 3)).toBe(3);
  });
});
