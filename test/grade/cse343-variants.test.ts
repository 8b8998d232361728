import { beforeAll, describe, expect, it } from "vitest";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { assignmentFor } from "../../src/grade/variant.ts";
import type { Cse343Inputs } from "../../reference/cse343-nn-from-scratch.ts";

let cse343: Assignment;
beforeAll(async () => {
  cse343 = await loadAssignment("cse343-nn-from-scratch");
});

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, i) => sum + v * (b[i] as number), 0);

describe("cse343-nn-from-scratch per-student variants", () => {
  it("draws the same inputs for a student every time, and other inputs for another student", () => {
    const first = assignmentFor(cse343, "s1", "per-student").inputs as Cse343Inputs;
    expect(assignmentFor(cse343, "s1", "per-student").inputs).toEqual(first);
    const other = assignmentFor(cse343, "s2", "per-student").inputs as Cse343Inputs;
    expect(other.s1).not.toEqual(first.s1);
    expect(other.s2).not.toEqual(first.s2);
    expect(other.s4).toEqual(cse343.inputs.s4);
  });

  it("gives every student well-posed numbers whose answers keep the handout's shapes", () => {
    const s3Points = new Set<string>();
    for (let k = 0; k < 25; k++) {
      const variant = assignmentFor(cse343, `student-${k}`, "per-student");
      const inputs = variant.inputs as Cse343Inputs;

      // s1: three samples with positive x, so relu is active at the start; parameters from the brief's menus
      expect(inputs.s1.samples).toHaveLength(3);
      for (const [x, y] of inputs.s1.samples) expect(Number.isInteger(x) && x > 0 && Number.isInteger(y)).toBe(true);
      expect([0.5, 1, 1.5, 2]).toContain(inputs.s1.start.w1);
      expect([0.5, 1, 1.5, 2]).toContain(inputs.s1.start.w2);
      expect([0.01, 0.02, 0.05]).toContain(inputs.s1.eta);
      const steps = variant.solutions.get("s1")?.answers.steps as Record<string, number>[];
      expect(steps).toHaveLength(3);
      for (const step of steps) expect(step.z1).toBeGreaterThan(0);

      // s2: integer w and b; the support vectors are exactly the points on w.x + b = +-1, one on each side
      const { w, b, points, query } = inputs.s2;
      expect([...w, b].every(Number.isInteger)).toBe(true);
      const s2 = variant.solutions.get("s2")?.answers as { margin: number; support_vectors: number[]; query_class: number };
      const onMargin = points.flatMap((p, i) => (Math.abs(dot(w, p) + b) === 1 ? [i + 1] : []));
      expect(onMargin).toHaveLength(2);
      expect(s2.support_vectors).toEqual(onMargin);
      expect(new Set(s2.support_vectors.map((i) => dot(w, points[i - 1] as number[]) + b))).toEqual(new Set([1, -1]));
      expect(s2.margin).toBeCloseTo(1 / Math.hypot(...w), 12);
      expect(s2.query_class).toBe(Math.sign(dot(w, query) + b));
      expect(s2.query_class).not.toBe(0);

      // s3: the returned hyperplane separates every point with functional margin >= 1, the four support vectors at 1
      const s3 = variant.solutions.get("s3")?.answers as { w: number[]; b: number; support_vectors: string[]; margin: number };
      const functional = inputs.s3.points.map((p) => p.y * (dot(s3.w, p.x) + s3.b));
      for (const m of functional) expect(m).toBeGreaterThanOrEqual(1 - 1e-12);
      const atOne = inputs.s3.points.filter((_, i) => Math.abs((functional[i] as number) - 1) < 1e-9).map((p) => p.name);
      expect(atOne).toEqual(["B", "C", "D", "F"]);
      expect(s3.support_vectors).toEqual(["B", "C", "D", "F"]);
      expect(inputs.s3.points.map((p) => p.name)).toEqual(["A", "B", "C", "D", "E", "F"]);
      // an isometry keeps the handout's margin 1/||[-2, -2]||
      expect(s3.margin).toBeCloseTo(1 / Math.sqrt(8), 12);
      s3Points.add(JSON.stringify(inputs.s3.points));
    }
    expect(s3Points.size).toBeGreaterThan(10);
  });

  it("grades a student against their own numbers, not the handout's", () => {
    const variant = assignmentFor(cse343, "s77", "per-student");
    const answers = Object.fromEntries(["s1", "s2", "s3"].map((id) => [id, variant.solutions.get(id)?.answers]));
    const own = gradeSubmission(variant, { student: { id: "s77" }, answers });
    const handout = gradeSubmission(cse343, { student: { id: "s77" }, answers });
    for (const id of ["s1", "s2", "s3"]) {
      const task = own.tasks.find((t) => t.id === id);
      expect(task?.score).toBe(task?.max_score);
    }
    const handoutS1 = handout.tasks.find((t) => t.id === "s1");
    expect(handoutS1?.score).toBeLessThan(handoutS1?.max_score as number);
  });
});
