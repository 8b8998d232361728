import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { lintAssignment, nextDouble } from "../../src/grade/lint.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "nngrade-lint-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("nextDouble", () => {
  it("steps to the neighbouring double either way, across zero too", () => {
    expect(nextDouble(1, 1)).toBe(1 + Number.EPSILON);
    expect(nextDouble(1, -1)).toBe(1 - Number.EPSILON / 2);
    expect(nextDouble(-1, 1)).toBe(-1 + Number.EPSILON / 2);
    expect(nextDouble(0, 1)).toBe(Number.MIN_VALUE);
    expect(nextDouble(0, -1)).toBe(-Number.MIN_VALUE);
    expect(nextDouble(0.2, 1)).toBeGreaterThan(0.2);
    expect(nextDouble(0.2, 1) - 0.2).toBeLessThan(1e-16);
  });
});

describe("rubric lint", () => {
  it("finds nothing ill-posed in the built-in hw4 rubric", async () => {
    const report = lintAssignment(await loadAssignment("hw4-hyperparameters"));
    expect(report.warnings).toEqual([]);
  });

  it("warns about lr 1.0's run graded value by value, the known ill-posed case", async () => {
    const rubric = JSON.parse(readFileSync(join(ROOT, "rubrics/hw4-hyperparameters.json"), "utf8"));
    const q7 = rubric.tasks.find((task: { id: string }) => task.id === "q7");
    // drop the overrides that grade the chaotic run by its first epochs and its range: the wildcards then grade it exactly
    q7.items = q7.items.filter((item: { answer: string }) => !item.answer.startsWith("runs[2]."));
    const file = join(folder, "naive.json");
    writeFileSync(file, JSON.stringify(rubric));
    const report = lintAssignment(await loadAssignment(file));
    expect(report.warnings.map((warning) => warning.itemId).sort()).toEqual(["q7.runs[2].J", "q7.runs[2].final_J", "q7.runs[2].final_w"]);
  });
});
