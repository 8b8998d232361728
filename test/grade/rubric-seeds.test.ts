import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-seeds-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** a copy of a built-in rubric with one task's seeds changed (or added), loaded by path */
function rubricWithSeeds(id: string, taskId: string, seeds: number[]): string {
  const rubric = JSON.parse(readFileSync(join(REPO_ROOT, "rubrics", `${id}.json`), "utf8")) as { tasks: { id: string; seeds?: number[] }[] };
  const task = rubric.tasks.find((t) => t.id === taskId);
  if (task === undefined) throw new Error(`no task ${taskId}`);
  task.seeds = seeds;
  const file = join(work, `${id}-${taskId}-${seeds.join("_")}.json`);
  writeFileSync(file, JSON.stringify(rubric));
  return file;
}

describe("K, the seeds a band is built from, is the rubric's", () => {
  it("every built-in trained task names its seeds in its rubric, and the reference trains with them", async () => {
    for (const [id, tasks] of [
      ["hw4-hyperparameters", ["q9"]],
      ["hlcv-two-layer-net", ["e4"]],
      ["cse343-nn-from-scratch", ["s4"]],
      ["acml-autoencoder", ["a2", "a3", "a4", "a5"]],
      ["hw3b-hyperparameter-optimization", ["t2", "t3", "t4"]],
    ] as const) {
      const assignment = await loadAssignment(id);
      for (const taskId of tasks) {
        const seeds = assignment.rubric.tasks.find((t) => t.id === taskId)?.seeds;
        expect(seeds, `${id} ${taskId}`).toBeDefined();
        expect((assignment.inputs[taskId] as { seeds: number[] }).seeds).toEqual(seeds);
      }
    }
  });

  it("a rubric with fewer seeds gets other bands, from the same cached runs", async () => {
    const shipped = await loadAssignment("cse343-nn-from-scratch");
    const fewer = await loadAssignment(rubricWithSeeds("cse343-nn-from-scratch", "s4", [0, 1]));
    expect((fewer.inputs.s4 as { seeds: number[] }).seeds).toEqual([0, 1]);
    const bandsOf = (a: typeof shipped) => a.solutions.get("s4")?.bands ?? {};
    const paths = Object.keys(bandsOf(shipped));
    expect(paths.length).toBeGreaterThan(0);
    expect(Object.keys(bandsOf(fewer))).toEqual(paths);
    // two seeds' runs are three seeds' runs less one: some band must move
    expect(paths.some((path) => JSON.stringify(bandsOf(fewer)[path]) !== JSON.stringify(bandsOf(shipped)[path]))).toBe(true);
  });

  it("refuses seeds on a task whose reference trains nothing", async () => {
    await expect(loadAssignment(rubricWithSeeds("hw4-hyperparameters", "q1", [0]))).rejects.toThrow(
      /task "q1": seeds: this task's reference trains nothing with seeds/,
    );
  });
});
