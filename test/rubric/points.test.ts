import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { planRubric } from "../../src/grade/plan.ts";
import type { Rubric } from "../../src/rubric/types.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-points-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function hw4Rubric(): Rubric {
  return JSON.parse(readFileSync(join(REPO_ROOT, "rubrics/hw4-hyperparameters.json"), "utf8")) as Rubric;
}

async function validate(rubric: Rubric, name: string) {
  const file = join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify(rubric));
  return runCli(["rubric", "validate", file]);
}

describe("rubric points are bounded", () => {
  it("refuses 1e308 points for an item and a task, located, before any total reads Infinity", async () => {
    const rubric = hw4Rubric();
    const task = rubric.tasks[0] as Rubric["tasks"][number];
    task.points = 1e308;
    (task.items[0] as Rubric["tasks"][number]["items"][number]).points = 1e308;
    const { code, stderr } = await validate(rubric, "huge");
    expect(code).toBe(1);
    expect(stderr).toContain('rubric "hw4-hyperparameters" > task "q1": points must be <= 1000000');
    expect(stderr).toContain('rubric "hw4-hyperparameters" > task "q1" > item "onehot": points must be <= 1000000');
    expect(stderr).not.toContain("Infinity");
  });

  it("refuses points finer than the grader's micro-points", async () => {
    const rubric = hw4Rubric();
    const task = rubric.tasks[1] as Rubric["tasks"][number];
    (task.items[0] as Rubric["tasks"][number]["items"][number]).points = 0.0000005;
    const { code, stderr } = await validate(rubric, "fine");
    expect(code).toBe(1);
    expect(stderr).toContain(`rubric "hw4-hyperparameters" > task "q2" > item "${task.items[0]?.answer}": points must be a multiple of 0.000001`);
  });

  it("accepts the bound itself, 1000000 points for an item and its task", async () => {
    const rubric = hw4Rubric();
    rubric.tasks = rubric.tasks.slice(0, 1);
    const task = rubric.tasks[0] as Rubric["tasks"][number];
    task.points = 1_000_000;
    (task.items[0] as Rubric["tasks"][number]["items"][number]).points = 1_000_000;
    const { code, stdout, stderr } = await validate(rubric, "bounds");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/valid \(1 tasks/);
  });

  it("is checked by the plan too, for a rubric that skipped the schema", async () => {
    const assignment = await loadAssignment("hw4-hyperparameters");
    const rubric = structuredClone(assignment.rubric);
    const task = rubric.tasks[0] as Rubric["tasks"][number];
    task.points = 1e308;
    (task.items[0] as Rubric["tasks"][number]["items"][number]).points = 1e308;
    expect(() => planRubric(rubric, assignment.solutions)).toThrow(
      'rubric "hw4-hyperparameters" > task "q1": points add up to more than the grader counts exactly (at most 1000000 per task)',
    );
  });
});
