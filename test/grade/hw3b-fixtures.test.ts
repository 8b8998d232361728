import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { flagCodes, item, notPassed } from "../helpers/results.ts";
import { main } from "../../src/cli/main.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";

// written by fixtures/make_hw3b_fixtures.py (numpy, its own seeds); seed-000.json is transcribed from the seed
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = `${ROOT}fixtures/submissions/hw3b-hyperparameter-optimization/`;
const ID = "hw3b-hyperparameter-optimization";

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment(ID);
});

function grade(name: string): GradeResult {
  const file = `${FIXTURES}${name}`;
  const submission = parseSubmission(readFileSync(file, "utf8"), file);
  return gradeSubmission(assignment, { student: { id: name }, answers: submission.answers, assignment: submission.assignment });
}

// biome-ignore lint/suspicious/noExplicitAny: the fixture is free-form JSON that each test edits in place
function answersOf(name: string): Record<string, any> {
  return JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")).answers;
}

const gradeAnswers = (answers: Record<string, unknown>) => gradeSubmission(assignment, { student: { id: "t" }, answers });

describe("hw3b-hyperparameter-optimization fixtures", () => {
  it("gives full marks to numpy's submission with its own seeds: every trained result lands in its band", () => {
    const result = grade("correct-numpy.json");
    expect(result.max_score).toBe(50);
    expect(notPassed(result)).toEqual([]);
    expect(result.score).toBe(50);
    expect(result.flags).toEqual([]);
  });

  it("gives full marks to the reference's own answers, printed and checked by the cli", async () => {
    let printed = "";
    const io = { cwd: ROOT, stdout: (text: string) => (printed += text), stderr: () => {}, color: false, progress: false, env: {} };
    expect(await main(["reference", ID, "--json"], io)).toBe(0);
    const parsed = JSON.parse(printed);
    const result = gradeSubmission(assignment, { student: parsed.student, answers: parsed.answers });
    expect(notPassed(result)).toEqual([]);
    expect(result.score).toBe(50);
  });

  it("grades what the seed reported: the zero-init accuracy and the best cell right, an off-grid worst cell, a diagnosis without curves", () => {
    const result = grade("seed-000.json");
    expect(item(result, "t1.val_accuracy").status).toBe("pass");
    // no heatmap of its own: its best cell is checked against the reference's best cells
    expect(item(result, "t3.best").score).toBe(2);
    expect(item(result, "t3.best").message).toMatch(/^lr 0\.1, sigma\^2 0\.6 is among the best cells of the reference heatmap/);
    expect(item(result, "t3.worst")).toMatchObject({ status: "fail", score: 0 });
    expect(item(result, "t3.worst").message).toMatch(/^lr 0\.05, sigma\^2 0\.2 is not a cell of the t2 heatmap/);
    expect(item(result, "t4.worst_diagnosis").message).toMatch(/^no readable worst_curves/);
    expect(result.score).toBe(5);
  });

  it("fails t3 choices that are not the best and worst of the student's own heatmap, and carries its snapshots forward", () => {
    const result = grade("mistake-inconsistent-choice.json");
    expect(item(result, "t3.best").message).toBe("your own heatmap has its best cell at lr 0.01, sigma^2 0.7, not lr 0.0001, sigma^2 0.1");
    expect(item(result, "t3.worst").status).toBe("fail");
    const snapshots = result.tasks.find((t) => t.id === "t3")!.items.filter((i) => i.id.startsWith("t3.snapshots"));
    // its cells' snapshots pass: inside the bands pooled over the plausible cells, or as carried forward
    expect(snapshots.every((i) => i.status === "pass" || i.status === "ecf")).toBe(true);
    expect(flagCodes(result)).toEqual(["inconsistent-choice", "inconsistent-choice"]);
    expect(result.score).toBe(46);
  });

  it("flags a heatmap with every cell the same, and fails the cells whose band it misses", () => {
    const result = grade("mistake-identical-heatmap.json");
    expect(flagCodes(result)).toContain("identical-values");
    // 0.956 everywhere: the sigma^2 = 0 column must be at chance, lr 1e-3 is not that good
    for (const id of ["t2.val_accuracy[3][0]", "t2.val_accuracy[1][1]"]) expect(item(result, id).status, id).toBe("fail");
    // its choices are right for its own (tied) heatmap
    expect(item(result, "t3.best").status).toBe("ecf");
  });

  it("fails a best_index that does not point at the largest val_accuracy, and flags it", () => {
    const result = grade("mistake-best-index.json");
    expect(notPassed(result)).toEqual(["t4.best_index"]);
    expect(item(result, "t4.best_index").message).toBe("your largest val_accuracy is trial 0, not 7");
    expect(flagCodes(result)).toEqual(["best-index-not-max"]);
  });

  it("fails a diagnosis that its own worst curves contradict, and flags it", () => {
    const result = grade("mistake-diagnosis.json");
    expect(notPassed(result)).toEqual(["t4.worst_diagnosis"]);
    expect(item(result, "t4.worst_diagnosis").message).toBe("your worst_curves read as underfitting, not overfitting");
    expect(flagCodes(result)).toEqual(["diagnosis-contradicts-curves"]);
  });

  it("flags a zero initialisation that reaches the accuracy of a random one", () => {
    const result = grade("mistake-zero-init-trains.json");
    expect(notPassed(result)).toEqual(["t1.val_accuracy", "t1.train_loss", "t1.confusion", "t1.hidden_identical"]);
    expect(flagCodes(result)).toEqual(["zero-init-trains"]);
  });

  it("flags a cell that surely trains reported at chance", () => {
    const answers = answersOf("correct-numpy.json");
    answers.t2.val_accuracy[3][5] = 0.5;
    const result = gradeAnswers(answers);
    expect(item(result, "t2.val_accuracy[3][5]").status).toBe("fail");
    expect(flagCodes(result)).toEqual(["below-chance"]);
  });

  it("takes half the trials' points for a best trial the retrained configuration never reaches", () => {
    const answers = answersOf("correct-numpy.json");
    answers.t4.trials[7].val_accuracy = 0.99;
    answers.t4.best_index = 7;
    const result = gradeAnswers(answers);
    expect(item(result, "t4.trials")).toMatchObject({ status: "partial", score: 5 });
    expect(item(result, "t4.best_index").status).toBe("ecf");
  });

  it("gives no pass to a best trial too costly to retrain that claims 1.0, and flags it for the TA", () => {
    const answers = answersOf("correct-numpy.json");
    answers.t4.trials[7] = { lr: 0.1, layers: 1997, units: 1, activation: "tanh", batch_size: 1, sigma2: 0.5, val_accuracy: 1 };
    answers.t4.best_index = 7;
    const result = gradeAnswers(answers);
    // the form's half: ten readable trials; the claimed accuracy earns nothing
    expect(item(result, "t4.trials")).toMatchObject({ status: "partial", score: 5 });
    expect(item(result, "t4.trials").message).toMatch(/reports 1: not retrained \(1997 hidden layers; the grader retrains at most 20\)/);
    expect(item(result, "t4.best_index").status).toBe("ecf");
    expect(flagCodes(result)).toEqual(["unverified"]);
    expect(result.flags[0]!.message).toMatch(/^t4: trial 7 \(lr 0\.1, 1997x1 tanh, batch 1, sigma\^2 0\.5\) claims val_accuracy 1, not checked: /);
  });

  it("accepts either all-one-class confusion matrix and a zero-init curve near ln 2", () => {
    const answers = answersOf("correct-numpy.json");
    answers.t1.confusion = [[250, 0], [250, 0]];
    answers.t1.train_loss = Array.from({ length: 100 }, () => Math.LN2);
    expect(notPassed(gradeAnswers(answers))).toEqual([]);
    answers.t1.confusion = [[250, 0], [0, 250]];
    expect(item(gradeAnswers(answers), "t1.confusion").status).toBe("fail");
  });
});
