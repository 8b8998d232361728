/**
 * A course's reference in plain numpy (examples/nn101): loaded beside its
 * rubric, solved by the Python worker, graded with error carried forward
 * through the student's own upstream values, and tested as `nngrade test`
 * tests an assignment.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { loadSubmission } from "../../src/rubric/submission-file.ts";
import { testAssignment } from "../../src/testing.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

const FOLDER = join(REPO_ROOT, "examples/nn101");
const RUBRIC = join(FOLDER, "nn101-dense-layer.json");

describe("a reference written in python", () => {
  it("passes the assignment's own test: full marks for its answers, and every fixture's expected verdicts", async () => {
    const report = testAssignment(await loadAssignment(RUBRIC), { fixtures: join(FOLDER, "fixtures") });
    expect(report.findings.filter((finding) => finding.level === "fail")).toEqual([]);
    expect(report.checks.find((check) => check.check === "fixtures")?.tested).toBe(4);
  });

  it("carries a wrong A forward through the student's own values, solved again in python", async () => {
    const assignment = await loadAssignment(RUBRIC);
    const result = gradeSubmission(assignment, await loadSubmission(FOLDER, "fixtures/wrong-a-carried.json"));
    const items = new Map(result.tasks.flatMap((task) => task.items.map((item) => [item.id, item] as const)));
    expect(items.get("forward.A")?.status).toBe("fail");
    for (const id of ["backward.L", "backward.dW", "backward.db"]) {
      expect(items.get(id)?.status, id).toBe("ecf");
      expect(items.get(id)?.message, id).toContain("error carried forward");
    }
  });

  it("gives the handout's inputs from inputs(None) and a student's own from a seed", async () => {
    const assignment = await loadAssignment(RUBRIC);
    expect(assignment.inputs).toMatchObject({ forward: { X: [[1, 2, -1], [0, -1, 3]] } });
    const stream = { int: () => 12345 } as never;
    const variant = assignment.reference.variantInputs?.(stream) as { forward: { X: number[][] } };
    expect(variant.forward.X).not.toEqual([[1, 2, -1], [0, -1, 3]]);
    // halves and small integers, as the handout's
    for (const value of variant.forward.X.flat()) expect(Number.isInteger(2 * value)).toBe(true);
  });

  it("has a JSON-key twin (examples/nn101-key) that gives the same verdicts, but no credit carried forward", async () => {
    const twin = join(REPO_ROOT, "examples/nn101-key");
    const report = testAssignment(await loadAssignment(join(twin, "nn101-dense-layer-key.json")), { fixtures: join(twin, "fixtures") });
    expect(report.findings.filter((finding) => finding.level === "fail")).toEqual([]);
    const result = gradeSubmission(await loadAssignment(join(twin, "nn101-dense-layer-key.json")), await loadSubmission(twin, "fixtures/wrong-a-carried.json"));
    const backward = result.tasks.find((task) => task.id === "backward")?.items.map((item) => item.status);
    expect(backward).toEqual(["fail", "fail", "fail"]);
  });
});
