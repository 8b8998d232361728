import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { ENGINE_VERSION } from "../../src/engine/version.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { assignmentFor } from "../../src/grade/variant.ts";
import { toPythonJson } from "../../src/result/python-json.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

let hw4: Assignment;
beforeAll(async () => {
  hw4 = await loadAssignment("hw4-hyperparameters");
});
const work = mkdtempSync(join(tmpdir(), "nngrade-variant-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Inputs = {
  q1: { labels: number[]; classes: number };
  q2: { X: number[][]; W: number[][]; b: number[] };
  q4: { objective: { x: number; r1: number; r2: number }; probes: number[] };
};

describe("per-student variants", () => {
  it("draws the same inputs for a student every time, and other inputs for another student", () => {
    const first = assignmentFor(hw4, "s1", "per-student").inputs;
    expect(assignmentFor(hw4, "s1", "per-student").inputs).toEqual(first);
    expect(assignmentFor(hw4, "s2", "per-student").inputs.q2).not.toEqual(first.q2);
    expect(assignmentFor(hw4, "s1", "default").inputs).toEqual(hw4.inputs);
  });

  it("keeps the answers' shapes and solves each student's own numbers", () => {
    for (let k = 0; k < 25; k++) {
      const variant = assignmentFor(hw4, `student-${k}`, "per-student");
      const inputs = variant.inputs as Inputs;
      const { X, W, b } = inputs.q2;
      // z = X W + b by hand
      const z = X.map((row) => b.map((bias, j) => row.reduce((sum, x, p) => sum + x * (W[p]?.[j] ?? 0), bias)));
      expect(variant.solutions.get("q2")?.answers.z).toEqual(z);
      const { r1, r2 } = inputs.q4.objective;
      expect(0 < r1 && r1 < r2).toBe(true);
      expect(variant.solutions.get("q4")?.answers.extrema).toEqual([0, r1, r2]);
      expect(variant.solutions.get("q4")?.answers.kinds).toEqual(["min", "max", "min"]);
      const onehot = variant.solutions.get("q1")?.answers.onehot as number[][];
      expect(onehot.map((row) => row.indexOf(1))).toEqual(inputs.q1.labels);
    }
  });

  it("grades a student against their own numbers, not the handout's", () => {
    const variant = assignmentFor(hw4, "s77", "per-student");
    const answers = Object.fromEntries([...variant.solutions].map(([id, solution]) => [id, solution.answers]));
    const own = gradeSubmission(variant, { student: { id: "s77" }, answers });
    const handout = gradeSubmission(hw4, { student: { id: "s77" }, answers });
    expect(own.score).toBe(own.max_score);
    expect(handout.score).toBeLessThan(handout.max_score);
  });

  it("prints a student's handout, which check --variants per-student then grades", async () => {
    let stdout = "";
    const io = {
      cwd: work,
      stdout: (text: string) => {
        stdout += text;
      },
      stderr: () => undefined,
      color: false,
      progress: false,
      env: {},
    };
    expect(await main(["handout", "hw4-hyperparameters", "--student", "s77", "--json"], io)).toBe(0);
    const handout = JSON.parse(stdout);
    expect(handout.inputs).toEqual(assignmentFor(hw4, "s77", "per-student").inputs);
    const variant = assignmentFor(hw4, "s77", "per-student");
    const answers = Object.fromEntries([...variant.solutions].map(([id, solution]) => [id, solution.answers]));
    writeFileSync(join(work, "s77.json"), toPythonJson({ assignment: "hw4-hyperparameters", student: { id: "s77" }, answers }));
    stdout = "";
    expect(await main(["check", "s77.json", "--variants", "per-student", "--json"], io)).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.score).toBe(result.max_score);
    // the result says what it was graded with: a regrade can tell a changed rubric or engine
    expect(result.graded_with).toEqual({
      rubric_sha256: createHash("sha256").update(readFileSync(join(REPO_ROOT, "rubrics/hw4-hyperparameters.json"))).digest("hex"),
      engine_version: ENGINE_VERSION,
      variant: "per-student",
      variant_seed: "hw4-hyperparameters/s77",
    });
    stdout = "";
    expect(await main(["check", "s77.json", "--json"], io)).toBe(0);
    expect(JSON.parse(stdout).graded_with.variant_seed).toBeNull();
  });
});
