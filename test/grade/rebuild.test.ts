import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadReference } from "../../src/grade/assignment.ts";
import { ReferenceCache } from "../../src/grade/cache.ts";
import { computeCachedRuns, distinctRuns } from "../../src/grade/rebuild.ts";

// a toy assignment whose runs take different times (so threads finish them out of order) and repeat one key
const folder = mkdtempSync(join(tmpdir(), "nngrade-rebuild-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
writeFileSync(
  join(folder, "toy-runs.json"),
  JSON.stringify({
    format: "nngrade/rubric@1",
    id: "toy-runs",
    title: "toy",
    tasks: [{ id: "t1", title: "runs", points: 1, seeds: [0, 1, 2, 3, 4, 5, 6, 7], items: [{ answer: "mean", points: 1, compare: { mode: "relabs" } }] }],
  }),
);
writeFileSync(
  join(folder, "toy-runs.ts"),
  `
function run(seed) {
  // a seed-dependent amount of work: later seeds finish first on a busy pool
  let x = seed + 0.5;
  const steps = (8 - seed) * 200000;
  for (let i = 0; i < steps; i++) x = (x * 1.000001 + Math.sin(x)) % 1000;
  return { seed, value: x, curve: [x / 3, Number.NaN, 1e-300] };
}
const key = (seed) => ({ kind: "toy-run", seed });
const runs = (inputs) => [...inputs.t1.seeds, 3].map((seed) => ({ key: key(seed), compute: () => run(seed) }));
export default {
  id: "toy-runs",
  title: "toy",
  defaultInputs: () => ({ t1: { seeds: [0, 1] } }),
  tasks: [{
    id: "t1",
    solve: (inputs, _upstream, context) => {
      const values = inputs.seeds.map((seed) => context.cache.get(key(seed), () => run(seed)));
      return { answers: { mean: values.reduce((a, v) => a + v.value, 0) / values.length } };
    },
  }],
  cachedRuns: runs,
};
`,
);
// an ES module as a worker thread's tsx reads it
writeFileSync(join(folder, "package.json"), JSON.stringify({ type: "module" }));
const rubric = join(folder, "toy-runs.json");

describe("reference --rebuild on worker threads", () => {
  it("computes every listed run once, each as the main thread computes it, placed by its index", { timeout: 60_000 }, async () => {
    const { reference, inputs } = await loadReference(rubric);
    const listed = distinctRuns(reference.cachedRuns!(inputs));
    // the rubric's eight seeds, and seed 3 listed twice is one run
    expect(listed).toHaveLength(8);
    const primed = await computeCachedRuns(rubric, { threads: 2 });
    expect([...primed.keys()]).toEqual(listed.map((entry) => entry.hash));
    for (const { hash, run } of listed) expect(primed.get(hash)).toEqual({ key: run.key, value: run.compute() });
  });

  it("writes the shipped file a one-thread rebuild writes, byte for byte, and answers from it without computing", { timeout: 60_000 }, async () => {
    const { reference, inputs } = await loadReference(rubric);
    const primed = await computeCachedRuns(rubric, { threads: 2 });
    const parallel = new ReferenceCache("toy-runs", { rebuild: true, primed, shippedFolder: join(folder, "parallel"), userFolder: join(folder, "user") });
    const serial = new ReferenceCache("toy-runs", { rebuild: true, shippedFolder: join(folder, "serial"), userFolder: join(folder, "user") });
    // the serial one in another order: the file is in hash order either way
    for (const { run } of [...distinctRuns(reference.cachedRuns!(inputs))].reverse()) serial.get(run.key, run.compute);
    for (const { run } of distinctRuns(reference.cachedRuns!(inputs))) {
      expect(parallel.get(run.key, () => { throw new Error("computed again"); })).toEqual(run.compute());
    }
    const read = (name: string) => readFileSync(join(folder, name, "toy-runs.json"), "utf8");
    expect(read("parallel")).toBe(read("serial"));
  });

  it("starts the shipped file afresh: entries no solve lists any more are dropped", () => {
    const shippedFolder = join(folder, "stale");
    new ReferenceCache("toy-runs", { rebuild: true, shippedFolder, userFolder: join(folder, "user") }).get({ kind: "old" }, () => 1);
    new ReferenceCache("toy-runs", { rebuild: true, primed: new Map(), shippedFolder, userFolder: join(folder, "user") });
    expect(JSON.parse(readFileSync(join(shippedFolder, "toy-runs.json"), "utf8")).entries).toEqual({});
  });
});
