import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grade/grade.ts";
import type { GradeResult, ItemResult } from "../../src/report/result.ts";
import { parseSubmissionText, toSubmission } from "../../src/rubric/json.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/submissions/hw4-hyperparameters/", import.meta.url));

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment("hw4-hyperparameters");
});

function grade(name: string, scope: "all" | "visible" = "all"): GradeResult {
  const file = `${FIXTURES}${name}`;
  const submission = toSubmission(parseSubmissionText(readFileSync(file, "utf8"), file), file);
  return gradeSubmission(
    assignment,
    { student: { id: submission.student?.id ?? name }, answers: submission.answers, assignment: submission.assignment },
    { scope },
  );
}

function item(result: GradeResult, id: string): ItemResult {
  const found = result.tasks.flatMap((task) => task.items).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function task(result: GradeResult, id: string) {
  const found = result.tasks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no task ${id}`);
  return found;
}

describe("hw4-hyperparameters fixtures", () => {
  it("gives full marks to the submission numpy wrote", () => {
    const result = grade("correct-numpy.json");
    expect(result.max_score).toBe(45);
    expect(result.score).toBe(45);
    expect(result.tasks.flatMap((t) => t.items).every((i) => i.status === "pass")).toBe(true);
  });

  it("gives the seed student's q1-q4 answers full marks on every item they answered", () => {
    const result = grade("seed-002.json");
    for (const id of ["q1", "q2", "q3"]) expect(task(result, id).score).toBe(task(result, id).max_score);
    // the seed gives no kinds of extrema: the only q4 item not answered
    expect(item(result, "q4.kinds").status).toBe("missing");
    expect(task(result, "q4").score).toBe(5);
    // its dJ/dz is per sample: the accepted alternative is named
    expect(item(result, "q3.grad_z").feedback).toMatch(/per sample/);
    for (const id of ["q5", "q6", "q7", "q8"]) expect(task(result, id).items.every((i) => i.status === "missing")).toBe(true);
  });

  it("names a transposed z and a transposed dJ/dW", () => {
    const result = grade("mistake-transposed.json");
    expect(item(result, "q2.z")).toMatchObject({ status: "fail", diagnosis: { code: "transposed" } });
    expect(item(result, "q3.grad_W")).toMatchObject({ status: "fail", diagnosis: { code: "transposed" } });
    // yhat was right: the transposed z above must not take it down
    expect(item(result, "q2.yhat").status).toBe("pass");
  });

  it("names the missing 1/N in both parameter gradients", () => {
    const result = grade("mistake-missing-1-over-n.json");
    for (const id of ["q3.grad_W", "q3.grad_b"]) {
      const graded = item(result, id);
      expect(graded.status).toBe("fail");
      expect(graded.diagnosis?.code).toBe("scale");
      expect(graded.diagnosis?.message).toMatch(/1\/N/);
    }
    expect(result.score).toBe(41);
  });

  it("carries a flipped dJ/dz forward: gradients consistent with it earn ecf credit", () => {
    const result = grade("mistake-sign-carried.json");
    expect(item(result, "q3.grad_z")).toMatchObject({ status: "fail", diagnosis: { code: "sign" }, score: 0 });
    for (const id of ["q3.grad_W", "q3.grad_b"]) {
      expect(item(result, id)).toMatchObject({ status: "ecf", score: 2, max_score: 2 });
      expect(item(result, id).message).toMatch(/q3\.grad_z/);
    }
  });

  it("names swapped final values and yhat rounded too coarsely", () => {
    const result = grade("mistake-swapped-rounded.json");
    expect(item(result, "q6.runs[3].final_w").diagnosis?.code).toBe("swapped");
    expect(item(result, "q6.runs[3].final_w").diagnosis?.message).toMatch(/q6\.runs\[3\]\.final_J/);
    expect(item(result, "q6.runs[3].final_J").diagnosis?.code).toBe("swapped");
    expect(item(result, "q2.yhat").diagnosis?.code).toBe("rounded");
  });

  it("grades lr 1.0 on its first epochs and its behaviour, not on its last value", () => {
    const result = grade("lr1-reordered-derivative.json");
    const correct = JSON.parse(readFileSync(`${FIXTURES}correct-numpy.json`, "utf8")).answers.q7.runs[2];
    const submitted = JSON.parse(readFileSync(`${FIXTURES}lr1-reordered-derivative.json`, "utf8")).answers.q7.runs[2];
    // the fixture really does end elsewhere than the reference: the test means something
    expect(Math.abs(submitted.final_w - correct.final_w)).toBeGreaterThan(0.01);
    for (const id of ["q7.runs[2].J", "q7.runs[2].final_w", "q7.runs[2].final_J"]) expect(item(result, id).status).toBe("pass");
    expect(result.score).toBe(45);
  });

  it("accepts numpy's NaN for a diverged run, spelled-out kinds, and names values in the wrong order", () => {
    const result = grade("numpy-nan-spelled-sorted.json");
    for (const id of ["q7.runs[3].final_w", "q7.runs[3].final_J"]) {
      expect(item(result, id).status).toBe("pass");
      expect(item(result, id).feedback).toMatch(/NaN accepted/);
    }
    expect(item(result, "q7.runs[3].J").status).toBe("pass");
    expect(item(result, "q4.kinds").status).toBe("pass");
    expect(item(result, "q4.J_at_extrema")).toMatchObject({ status: "fail", diagnosis: { code: "order" } });
    expect(result.score).toBe(44);
  });

  it("reads fractions and expressions, and grades what is there", () => {
    const result = grade("partial-expressions.json");
    expect(task(result, "q2").score).toBe(5);
    expect(task(result, "q4").score).toBe(6);
    expect(item(result, "q3.grad_W").status).toBe("missing");
  });

  it("marks each unreadable answer invalid with its path and grades the rest", () => {
    const result = grade("malformed-shapes.json");
    expect(item(result, "q2.z")).toMatchObject({ status: "invalid" });
    expect(item(result, "q2.z").message).toMatch(/answers\/q2\/z.*2x3/);
    expect(item(result, "q2.yhat").message).toMatch(/one half/);
    expect(item(result, "q3.grad_W").message).toMatch(/3x3.*3x2|3x2.*3x3/);
    expect(item(result, "q3.grad_b").status).toBe("invalid");
    expect(item(result, "q3.grad_z").status).toBe("invalid");
    expect(item(result, "q4.extrema").status).toBe("invalid");
    expect(item(result, "q6.runs[0].final_w")).toMatchObject({ status: "invalid" });
    expect(item(result, "q6.runs[0].final_w").message).toMatch(/answers\/q6/);
    expect(item(result, "q1.onehot").status).toBe("missing");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("leaves hidden items out of a student's self-check", () => {
    const all = grade("correct-numpy.json", "all");
    const visible = grade("correct-numpy.json", "visible");
    expect(all.tasks.map((t) => t.id)).toContain("q8");
    expect(visible.tasks.map((t) => t.id)).not.toContain("q8");
    expect(visible.max_score).toBe(all.max_score - task(all, "q8").max_score);
  });

  it("never shows the expected value or plot of a hidden item", () => {
    const result = grade("mistake-transposed.json", "all");
    for (const graded of task(result, "q8").items) {
      expect(graded.visibility).toBe("hidden");
      expect(graded.expected).toBeUndefined();
      expect(graded.plot).toBeUndefined();
    }
  });
});
