import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { item, roundAll, task } from "../helpers/results.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/submissions/hw4-hyperparameters/", import.meta.url));

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment("hw4-hyperparameters");
});

function grade(name: string, scope: "all" | "visible" = "all"): GradeResult {
  const file = `${FIXTURES}${name}`;
  const submission = parseSubmission(readFileSync(file, "utf8"), file);
  return gradeSubmission(
    assignment,
    { student: { id: submission.student.id }, answers: submission.answers, assignment: submission.assignment },
    { scope },
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the fixture is free-form JSON that each test edits in place
function correctAnswers(): Record<string, any> {
  return JSON.parse(readFileSync(`${FIXTURES}correct-numpy.json`, "utf8")).answers;
}

function gradeAnswers(answers: Record<string, unknown>, scope: "all" | "visible" = "all"): GradeResult {
  return gradeSubmission(assignment, { student: { id: "t" }, answers }, { scope });
}

describe("hw4-hyperparameters fixtures", () => {
  it("gives full marks to the submission numpy wrote", () => {
    const result = grade("correct-numpy.json");
    // q1-q8 45 points, q9 (MNIST) 15
    expect(result.max_score).toBe(60);
    expect(result.score).toBe(60);
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
      // a gradient of the summed loss: the named count N says why (summed.ts)
      expect(graded.diagnosis?.code).toBe("summed");
      expect(graded.diagnosis?.message).toMatch(/1\/N/);
    }
    expect(result.score).toBe(41);
  });

  it("carries a flipped dJ/dz forward, and charges the root error at least what a shallow one costs", () => {
    const result = grade("mistake-sign-carried.json");
    expect(item(result, "q3.grad_z")).toMatchObject({ status: "fail", diagnosis: { code: "sign" }, score: 0 });
    for (const id of ["q3.grad_W", "q3.grad_b"]) {
      expect(item(result, id)).toMatchObject({ status: "ecf", max_score: 2 });
      expect(item(result, id).message).toMatch(/q3\.grad_z \(error carried forward\); less credit, so that the error in q3\.grad_z costs/);
    }
    // flipping dJ/dW alone costs its 2 points: flipping dJ/dz, from which both follow, costs no less
    const shallow = correctAnswers();
    shallow.q3.grad_W = shallow.q3.grad_W.map((row: number[]) => row.map((value) => -value));
    const lostShallow = task(gradeAnswers(shallow), "q3").max_score - task(gradeAnswers(shallow), "q3").score;
    expect(lostShallow).toBe(2);
    expect(task(result, "q3").max_score - task(result, "q3").score).toBe(lostShallow);
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

  it("gives full marks to a correct submission rounded to 4 decimals, as students round", () => {
    const result = gradeAnswers(roundAll(correctAnswers(), 4) as Record<string, unknown>);
    const lost = result.tasks.flatMap((t) => t.items).filter((i) => i.status !== "pass");
    expect(lost.map((i) => `${i.id}: ${i.message}`)).toEqual([]);
  });

  it("gives the softmax of the student's own wrong z error-carried-forward credit", () => {
    const answers = correctAnswers();
    const z = [[-1, 6, 4], [-24, -4, 12]]; // the bias left out
    const yhat = z.map((row) => {
      const exps = row.map(Math.exp);
      const total = exps.reduce((a, b) => a + b, 0);
      return exps.map((e) => e / total);
    });
    answers.q2 = { z, yhat };
    const result = gradeAnswers(answers);
    expect(item(result, "q2.z").status).toBe("fail");
    expect(item(result, "q2.yhat")).toMatchObject({ status: "ecf" });
    // the wrong z costs at least what a wrong yhat alone would (all of yhat's points)
    const lost = task(result, "q2").max_score - task(result, "q2").score;
    expect(lost).toBeGreaterThanOrEqual(item(result, "q2.yhat").max_score);
  });

  it("carries an averaged dJ/dz of a wrong yhat forward without dividing by N twice", () => {
    const answers = correctAnswers();
    const yhat = [[0.2, 0.5, 0.3], [0.1, 0.6, 0.3]];
    const targets = [0, 1];
    const averaged = yhat.map((row, i) => row.map((p, j) => (p - (j === targets[i] ? 1 : 0)) / 2));
    const X = [[1, 2, -1], [0, -4, -4]];
    const gradW = [0, 1, 2].map((r) => [0, 1, 2].map((c) => X[0]![r]! * averaged[0]![c]! + X[1]![r]! * averaged[1]![c]!));
    const gradB = [0, 1, 2].map((c) => averaged[0]![c]! + averaged[1]![c]!);
    answers.q2.yhat = yhat;
    answers.q3 = { grad_z: averaged, grad_W: gradW, grad_b: gradB };
    const result = gradeAnswers(answers);
    expect(item(result, "q2.yhat").status).toBe("fail");
    for (const id of ["q3.grad_z", "q3.grad_W", "q3.grad_b"]) expect(item(result, id).status).toBe("ecf");
  });

  it("gives part of the points for a curve that starts with the initial value, once per run", () => {
    const answers = correctAnswers();
    const run = answers.q6.runs[0];
    const w0 = run.w0 as number;
    const initial = 0.25 * w0 ** 4 - (4 / 3) * w0 ** 3 + 1.5 * w0 ** 2;
    run.J = [initial, ...run.J];
    const graded = item(gradeAnswers(answers), "q6.runs[0].J");
    expect(graded).toMatchObject({ status: "partial", score: 0.75, diagnosis: { code: "shifted" } });
  });

  it("earns nothing for a template's nulls beside given values copied back", () => {
    const answers = { q7: { runs: [0.001, 0.01, 1, 5].map((lr) => ({ lr, final_w: null, final_J: null, diverged: null, J: null })) } };
    const result = gradeAnswers(answers);
    expect(task(result, "q7").score).toBe(0);
    expect(item(result, "q7.runs[3].final_w").status).toBe("missing");
  });

  it("gives no diagnosis on a hidden item: it would give the answer away", () => {
    const answers = correctAnswers();
    answers.q8.final_w = -answers.q8.final_w;
    const graded = item(gradeAnswers(answers), "q8.final_w");
    expect(graded.status).toBe("fail");
    expect(graded.diagnosis).toBeNull();
  });
});

