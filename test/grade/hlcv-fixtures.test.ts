import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { item, notPassed } from "../helpers/results.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";

// the fixtures are written by fixtures/make_hlcv_fixtures.py (numpy); seed-003.json is transcribed from the seed
const FIXTURES = fileURLToPath(new URL("../../fixtures/submissions/hlcv-two-layer-net/", import.meta.url));

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment("hlcv-two-layer-net");
});

function grade(name: string): GradeResult {
  const file = `${FIXTURES}${name}`;
  const submission = parseSubmission(readFileSync(file, "utf8"), file);
  return gradeSubmission(assignment, { student: { id: submission.student.id }, answers: submission.answers, assignment: submission.assignment });
}

// biome-ignore lint/suspicious/noExplicitAny: the fixture is free-form JSON that each test edits in place
function answersOf(name: string): Record<string, any> {
  return JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")).answers;
}

function gradeAnswers(answers: Record<string, unknown>): GradeResult {
  return gradeSubmission(assignment, { student: { id: "t" }, answers });
}

const REL_ERRORS = ["e2.rel_error.W1", "e2.rel_error.b1", "e2.rel_error.W2", "e2.rel_error.b2"];

describe("hlcv-two-layer-net fixtures", () => {
  it("gives full marks to the submission numpy wrote", () => {
    const result = grade("correct-numpy.json");
    expect(result.tasks.map((t) => t.id)).toEqual(["e1", "e2", "e3", "e4"]);
    expect(result.max_score).toBe(40);
    expect(result.score).toBe(40);
    expect(notPassed(result)).toEqual([]);
    expect(result.flags).toEqual([]);
  });

  it("gives full marks to the same written another way (log-sum-exp, einsum), whose values differ by rounding", () => {
    const result = grade("correct-logsumexp.json");
    expect(notPassed(result)).toEqual([]);
    const numpy = answersOf("correct-numpy.json").e3.loss_history as number[];
    const other = answersOf("correct-logsumexp.json").e3.loss_history as number[];
    // the fixture really is another computation, not a copy
    expect(other.some((v, i) => v !== numpy[i])).toBe(true);
  });

  it("gives the seed full marks on every number it printed: scores, relative errors, final loss", () => {
    const result = grade("seed-003.json");
    for (const id of ["e1.scores", ...REL_ERRORS, "e3.final_loss"]) expect(item(result, id).status, id).toBe("pass");
    const toyItems = notPassed(result).filter((id) => !id.startsWith("e4."));
    expect(toyItems.every((id) => item(result, id).status === "missing")).toBe(true);
    // it prints its loss only as a difference from the handout's, and its gradients not at all
    expect(toyItems).toEqual(["e1.loss", "e2.grad_W1", "e2.grad_b1", "e2.grad_W2", "e2.grad_b2", "e3.loss_history"]);
    // its e4 accuracies (42.6% to 53.9%, 7.8%) are far below what every net reaches on these digits: e4 earns nothing
    expect(result.tasks.find((t) => t.id === "e4")?.score).toBe(0);
    expect(result.score).toBe(12);
    expect(result.max_score).toBe(40);
  });

  it("calls the seed's 4- and 5-layer nets at 7.8% a bug, not overfitting, and flags them", () => {
    const result = grade("seed-003.json");
    for (const id of ["e4.depth_sweep[2]", "e4.depth_sweep[3]"]) {
      expect(item(result, id)).toMatchObject({ status: "fail", diagnosis: { code: "below-chance" } });
      expect(item(result, id).feedback).toMatch(/not overfitting/);
      expect(item(result, id).message).toMatch(/below the reference band/);
    }
    // 48.6% is wrong, but it learned something: no chance diagnosis
    for (const id of ["e4.hidden_sweep[0]", "e4.depth_sweep[1]"]) expect(item(result, id)).toMatchObject({ status: "fail", diagnosis: null });
    const flags = result.flags.filter((f) => f.code === "below-chance");
    expect(flags).toHaveLength(1);
    expect(flags[0]!.message).toMatch(/depth_sweep\[2\] = 0\.078, depth_sweep\[3\] = 0\.078 at or below chance/);
  });

  it("fails the toy net's 1e-4 initialisation on MNIST: the deep nets stay at the majority digit, named as a bug", () => {
    const result = grade("mistake-small-init.json");
    const e4Items = result.tasks.find((t) => t.id === "e4")!.items;
    expect(e4Items.every((i) => i.status === "fail")).toBe(true);
    for (const i of e4Items.filter((i) => i.id.startsWith("e4.depth_sweep"))) expect(i.diagnosis?.code, i.id).toBe("below-chance");
    // the one-layer nets learn, slowly: below their band, but not at chance
    for (const i of e4Items.filter((i) => i.id.startsWith("e4.hidden_sweep"))) expect(i.diagnosis, i.id).toBeNull();
    expect(result.flags.map((f) => f.code)).toEqual(["below-chance"]);
    expect(result.score).toBe(30);
  });

  it("grades e4 against bands: numpy's other seed passes without matching the reference's means, an accuracy 0.05 off fails", () => {
    const answers = answersOf("correct-numpy.json");
    const ids = [0, 1, 2].map((i) => `e4.hidden_sweep[${i}]`).concat([0, 1, 2, 3].map((i) => `e4.depth_sweep[${i}]`));
    const result = gradeAnswers(answers);
    for (const id of ids) {
      expect(item(result, id).status, id).toBe("pass");
      // the reference's mean over its seeds, never numpy's seed-10 value itself
      expect(item(result, id).expected, id).not.toBe(item(result, id).received);
    }
    answers.e4.depth_sweep[1] += 0.05;
    answers.e4.hidden_sweep[2] -= 0.05;
    const moved = gradeAnswers(answers);
    expect(item(moved, "e4.depth_sweep[1]").message).toMatch(/above the reference band 0\.9\d+–0\.9\d+: 99\.5% of 10 seeded runs \(95% confidence\)/);
    expect(item(moved, "e4.hidden_sweep[2]").message).toMatch(/below the reference band/);
    expect(moved.score).toBe(40 - 1.75 - 1);
  });

  it("takes the points of the loss once for a consistent 0.5 reg convention: gradients and training carry it", () => {
    const result = grade("mistake-half-reg.json");
    expect(item(result, "e1.loss")).toMatchObject({ status: "fail", score: 0 });
    expect(item(result, "e1.loss").feedback).toMatch(/no 1\/2/);
    for (const id of ["e2.grad_W1", "e2.grad_W2", "e3.loss_history", "e3.final_loss"]) {
      expect(item(result, id).status, id).toBe("ecf");
      expect(item(result, id).message).toMatch(/e1\.loss/);
    }
    // the biases carry no regularisation, and the student's own check is consistent
    for (const id of ["e2.grad_b1", "e2.grad_b2", ...REL_ERRORS]) expect(item(result, id).status, id).toBe("pass");
    // 25 of e1-e3, and e4's 10 (every fixture but mistake-small-init has the correct e4)
    expect(result.score).toBe(35);
  });

  it("names logits given for the softmax scores, and the loss computed right still passes", () => {
    const result = grade("mistake-logits.json");
    expect(item(result, "e1.scores")).toMatchObject({ status: "fail", diagnosis: { code: "probabilities" } });
    expect(item(result, "e1.scores").diagnosis?.message).toMatch(/logits/);
    expect(item(result, "e1.loss").status).toBe("pass");
    expect(result.score).toBe(35);
  });

  it("names transposed weight gradients", () => {
    const result = grade("mistake-transposed.json");
    for (const id of ["e2.grad_W1", "e2.grad_W2"]) expect(item(result, id)).toMatchObject({ status: "fail", diagnosis: { code: "transposed" } });
    expect(notPassed(result)).toEqual(["e2.grad_W1", "e2.grad_W2"]);
  });

  it("finds a run without the lr decay where the first decayed step shows, at iteration 3", () => {
    const result = grade("mistake-no-decay.json");
    expect(item(result, "e3.loss_history").status).toBe("fail");
    expect(item(result, "e3.loss_history").message).toMatch(/^at epoch 3 /);
    expect(item(result, "e3.final_loss").status).toBe("fail");
    expect(result.score).toBe(30);
  });

  it("fails relative errors reported above 1e-7, and the gradients they were right about", () => {
    const result = grade("mistake-missing-2.json");
    for (const id of ["e2.rel_error.W1", "e2.rel_error.W2"]) {
      expect(item(result, id).status, id).toBe("fail");
      expect(item(result, id).message).toMatch(/above the accepted maximum 1e-7/);
    }
    for (const id of ["e2.rel_error.b1", "e2.rel_error.b2", "e2.grad_b1", "e2.grad_b2"]) expect(item(result, id).status, id).toBe("pass");
    // the loss is the handout's: nothing to carry forward, the gradients are simply wrong
    expect(item(result, "e1.loss").status).toBe("pass");
    for (const id of ["e2.grad_W1", "e2.grad_W2"]) expect(item(result, id).status, id).toBe("fail");
    // trained with that gradient, the run is off too: the check said so before training
    expect(item(result, "e3.final_loss").status).toBe("fail");
  });

  it("gives the loss of a network without ReLU ecf credit from the student's own scores", () => {
    const result = grade("mistake-no-relu.json");
    expect(item(result, "e1.scores").status).toBe("fail");
    expect(item(result, "e1.loss")).toMatchObject({ status: "ecf", score: 5 });
    expect(item(result, "e1.loss").message).toMatch(/e1\.scores/);
    // its gradient check is consistent with its own (wrong) network, so it passes; the gradients do not
    for (const id of REL_ERRORS) expect(item(result, id).status, id).toBe("pass");
    for (const id of ["e2.grad_W1", "e2.grad_b1", "e2.grad_W2", "e2.grad_b2", "e3.final_loss"]) expect(item(result, id).status, id).toBe("fail");
  });

  it("reads logits given as scores for ecf: the loss of their softmax is consistent", () => {
    const answers = answersOf("mistake-no-relu.json");
    answers.e1.scores = (answers.e1.scores as number[][]).map((row) => row.map(Math.log));
    const result = gradeAnswers(answers);
    expect(item(result, "e1.scores").status).toBe("fail");
    expect(item(result, "e1.loss").status).toBe("ecf");
  });

  it("gives no ecf to gradients in the 0.5 convention when the student's loss is in none", () => {
    const answers = answersOf("mistake-half-reg.json");
    answers.e1.loss *= 1.01;
    const result = gradeAnswers(answers);
    for (const id of ["e2.grad_W1", "e2.grad_W2", "e3.final_loss"]) expect(item(result, id).status, id).toBe("fail");
  });

  it("grades the handout's gradients as right beside a 0.5 reg loss", () => {
    const answers = answersOf("correct-numpy.json");
    answers.e1.loss = answersOf("mistake-half-reg.json").e1.loss;
    const result = gradeAnswers(answers);
    expect(notPassed(result)).toEqual(["e1.loss"]);
  });

  it("names the 1/N left out of the bias gradients", () => {
    const answers = answersOf("correct-numpy.json");
    answers.e2.grad_b2 = (answers.e2.grad_b2 as number[]).map((v) => v * 5);
    const graded = item(gradeAnswers(answers), "e2.grad_b2");
    expect(graded).toMatchObject({ status: "fail", diagnosis: { code: "summed" } });
    expect(graded.diagnosis?.message).toMatch(/1\/N/);
  });

  it("accepts any relative error from 0 to 1e-7, and nothing above", () => {
    const answers = answersOf("correct-numpy.json");
    answers.e2.rel_error = { W1: 0, b1: 9.9e-8, W2: 2.5e-6, b2: -1e-9 };
    const result = gradeAnswers(answers);
    expect(item(result, "e2.rel_error.W1").status).toBe("pass");
    expect(item(result, "e2.rel_error.b1").status).toBe("pass");
    expect(item(result, "e2.rel_error.W2").status).toBe("fail");
    // a relative error is never negative: a negative one was not computed as one
    expect(item(result, "e2.rel_error.b2").status).toBe("fail");
  });

  it("holds the loss history to 1e-9: a relative change of 1e-8 in one iteration fails", () => {
    const answers = answersOf("correct-numpy.json");
    const history = answers.e3.loss_history as number[];
    const value = history[50]!;
    history[50] = value * (1 + 1e-8);
    expect(item(gradeAnswers(answers), "e3.loss_history").message).toMatch(/^at epoch 51 /);
    // another correct formulation moves the values by about 1e-14 (correct-logsumexp.json)
    history[50] = value * (1 + 1e-11);
    expect(item(gradeAnswers(answers), "e3.loss_history").status).toBe("pass");
  });
});
