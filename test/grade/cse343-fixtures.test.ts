import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { item, roundAll, task } from "../helpers/results.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/submissions/cse343-nn-from-scratch/", import.meta.url));
// written by test/golden/make_cse343_golden.py: students who round to 4 decimals as they go, worked out in python
const golden = JSON.parse(readFileSync(new URL("../golden/cse343-nn-from-scratch.json", import.meta.url), "utf8"));

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment("cse343-nn-from-scratch");
});

function grade(name: string): GradeResult {
  const file = `${FIXTURES}${name}`;
  const submission = parseSubmission(readFileSync(file, "utf8"), file);
  return gradeSubmission(assignment, { student: { id: submission.student.id }, answers: submission.answers, assignment: submission.assignment });
}

// biome-ignore lint/suspicious/noExplicitAny: the fixture is free-form JSON that each test edits in place
function correctAnswers(): Record<string, any> {
  return JSON.parse(readFileSync(`${FIXTURES}correct-numpy.json`, "utf8")).answers;
}

function gradeAnswers(answers: Record<string, unknown>): GradeResult {
  return gradeSubmission(assignment, { student: { id: "t" }, answers });
}

function notPassed(result: GradeResult, taskId: string): string[] {
  return task(result, taskId)
    .items.filter((i) => i.status !== "pass")
    .map((i) => `${i.id} ${i.status}`);
}

describe("cse343-nn-from-scratch fixtures", () => {
  it("gives full marks to the submission numpy wrote", () => {
    const result = grade("correct-numpy.json");
    expect(result.max_score).toBe(50);
    expect(result.score).toBe(50);
    expect(result.tasks.map((t) => [t.id, t.max_score])).toEqual([
      ["s1", 15],
      ["s2", 5],
      ["s3", 10],
      ["s4", 20],
    ]);
    expect(result.tasks.flatMap((t) => t.items).every((i) => i.status === "pass")).toBe(true);
    expect(result.flags).toEqual([]);
  });

  it("names the seed's swapped bias updates in step 2 and carries them into step 3", () => {
    const result = grade("seed-004.json");
    for (const [own, other] of [
      ["b1", "b2"],
      ["b2", "b1"],
    ]) {
      const swapped = item(result, `s1.steps[1].${own}`);
      expect(swapped).toMatchObject({ status: "fail", score: 0, diagnosis: { code: "swapped" } });
      expect(swapped.diagnosis?.message).toContain(`s1.steps[1].${other}`);
      expect(swapped.feedback).toMatch(/its own gradient/);
      // step 3 updates the seed's own wrong bias correctly: full credit, carried forward
      const carried = item(result, `s1.steps[2].${own}`);
      expect(carried).toMatchObject({ status: "ecf", score: 0.375, max_score: 0.375 });
      expect(carried.message).toContain(`s1.steps[1].${own}`);
    }
    expect(notPassed(result, "s1")).toEqual(["s1.steps[1].b1 fail", "s1.steps[1].b2 fail", "s1.steps[2].b1 ecf", "s1.steps[2].b2 ecf"]);
    expect(task(result, "s1").score).toBe(14.25);
  });

  it("accepts the seed's margin of 1/2 and says it is 1/||w||; its s3 gives no margin", () => {
    const result = grade("seed-004.json");
    expect(task(result, "s2").score).toBe(5);
    expect(item(result, "s2.margin").feedback).toMatch(/^1\/\|\|w\|\|/);
    expect(notPassed(result, "s3")).toEqual(["s3.margin missing"]);
    // s4's twelve identical accuracies (0.8226 / 0.8220) lie in no cell's band: no train accuracy is near 0.82
    expect(task(result, "s4").score).toBe(0);
    expect(result.max_score).toBe(50);
    expect(result.score).toBe(27.25);
  });

  it("accepts both margins as the full width 2/||w|| and says which convention", () => {
    const result = grade("mistake-margin-width.json");
    for (const id of ["s2.margin", "s3.margin"]) {
      expect(item(result, id).status).toBe("pass");
      expect(item(result, id).feedback).toMatch(/^2\/\|\|w\|\|, the full width/);
    }
    expect(result.score).toBe(50);
  });

  it("names support vectors numbered from 0", () => {
    const result = grade("mistake-zero-based.json");
    const graded = item(result, "s2.support_vectors");
    expect(graded).toMatchObject({ status: "partial", diagnosis: { code: "one-based" } });
    expect(graded.diagnosis?.message).toMatch(/numbers from 1/);
    // the one point that happens to be right earns its share of the set
    expect(graded.score).toBe(1);
    expect(result.score).toBe(49);
  });

  it("names the flipped sign of w and b; the margin does not depend on it", () => {
    const result = grade("mistake-sign-w.json");
    for (const id of ["s3.w", "s3.b"]) expect(item(result, id)).toMatchObject({ status: "fail", diagnosis: { code: "sign" } });
    expect(notPassed(result, "s3")).toEqual(["s3.w fail", "s3.b fail"]);
    expect(task(result, "s3").score).toBe(5);
  });

  it("carries one slip in step 1 through all three steps, and charges it what the costliest carried item would cost", () => {
    const result = grade("mistake-slip-carried.json");
    expect(item(result, "s1.steps[0].z2")).toMatchObject({ status: "fail", score: 0 });
    expect(notPassed(result, "s1")[0]).toBe("s1.steps[0].z2 fail");
    const others = task(result, "s1").items.filter((i) => i.id !== "s1.steps[0].z2");
    // the slip changes every later number: the later steps are carried forward, none of them failed
    for (const i of others.filter((o) => /steps\[[12]\]/.test(o.id))) expect(i.status).toBe("ecf");
    expect(others.filter((i) => i.status === "fail" || i.status === "partial")).toEqual([]);
    // an early slip costs what an error in the costliest item it carried into would, no less and no more
    const carried = others.filter((i) => i.status === "ecf");
    const lost = task(result, "s1").max_score - task(result, "s1").score;
    expect(lost).toBeCloseTo(Math.max(...carried.map((i) => i.max_score)), 9);
  });

  it("takes the points of a loss without its 1/2 once, at L and dL/db2, and carries the rest", () => {
    const result = grade("mistake-loss-no-half.json");
    const lost = [0, 1, 2].flatMap((k) => [`s1.steps[${k}].L fail`, `s1.steps[${k}].grad_b2 fail`]);
    expect(notPassed(result, "s1").filter((line) => line.endsWith("fail"))).toEqual(lost);
    for (const id of ["s1.steps[0].L", "s1.steps[0].grad_b2"]) {
      expect(item(result, id).diagnosis).toMatchObject({ code: "scale" });
    }
    // the other gradients follow the student's own doubled dL/dz2, the updates the student's gradients
    expect(item(result, "s1.steps[0].grad_w1").status).toBe("ecf");
    expect(item(result, "s1.steps[0].w1").status).toBe("ecf");
    expect(task(result, "s1").score).toBe(12);
  });
});

describe("cse343-nn-from-scratch grading", () => {
  it("gives full marks to a correct submission rounded to 4 decimals, as students round", () => {
    const result = gradeAnswers(roundAll(correctAnswers(), 4) as Record<string, unknown>);
    expect(notPassed(result, "s1")).toEqual([]);
    expect(result.score).toBe(50);
  });

  it.each(["rounded_4_decimals", "calculator_4_decimals"])("gives full marks to s1 worked at 4 decimals step by step (%s)", (name) => {
    const answers = correctAnswers();
    answers.s1 = { steps: golden[name] };
    const result = gradeAnswers(answers);
    expect(notPassed(result, "s1")).toEqual([]);
  });

  it("does not pass biases rounded to 2 decimals", () => {
    const answers = correctAnswers();
    answers.s1.steps[1].b1 = Number(answers.s1.steps[1].b1.toFixed(2));
    expect(item(gradeAnswers(answers), "s1.steps[1].b1").status).toBe("fail");
  });

  it("names weights updated with each other's gradients", () => {
    const answers = correctAnswers();
    const [first, second] = answers.s1.steps;
    second.w1 = first.w1 - 0.01 * second.grad_w2;
    second.w2 = first.w2 - 0.01 * second.grad_w1;
    const result = gradeAnswers(answers);
    for (const id of ["s1.steps[1].w1", "s1.steps[1].w2"]) expect(item(result, id)).toMatchObject({ status: "fail", diagnosis: { code: "swapped" } });
  });

  it("gives nothing for an all-zero s1: zeros are consistent with zeros, not work", () => {
    const answers = correctAnswers();
    answers.s1.steps = answers.s1.steps.map((step: Record<string, number>) => Object.fromEntries(Object.keys(step).map((key) => [key, 0])));
    const result = gradeAnswers(answers);
    expect(task(result, "s1").score).toBe(0);
    expect(task(result, "s1").items.some((i) => i.status === "ecf")).toBe(false);
  });

  it("gives the margin of the student's own non-canonical w error-carried-forward credit", () => {
    const answers = correctAnswers();
    // twice the canonical w: 1/||w|| is then a quarter of the width, neither accepted margin
    answers.s3 = { w: [-4, -4], b: 6, support_vectors: ["B", "C", "D", "F"], margin: "1/sqrt(32)" };
    const result = gradeAnswers(answers);
    expect(item(result, "s3.w")).toMatchObject({ status: "fail", diagnosis: { code: "scale" } });
    expect(item(result, "s3.margin")).toMatchObject({ status: "ecf", score: 2 });
    expect(item(result, "s3.margin").message).toContain("s3.w");
  });

  it("reads support vector letters in either case, and a missing one as wrong", () => {
    const answers = correctAnswers();
    answers.s3.support_vectors = ["b", "c", "d", "f"];
    expect(item(gradeAnswers(answers), "s3.support_vectors").status).toBe("pass");
    answers.s3.support_vectors = ["B", "C", "D"];
    expect(item(gradeAnswers(answers), "s3.support_vectors").status).toBe("fail");
  });

  it("accepts the s3 support vectors in any order, but not with one missing", () => {
    const answers = correctAnswers();
    answers.s3.support_vectors = [...answers.s3.support_vectors].reverse();
    expect(item(gradeAnswers(answers), "s3.support_vectors").status).toBe("pass");
    answers.s3.support_vectors = answers.s3.support_vectors.slice(1);
    expect(item(gradeAnswers(answers), "s3.support_vectors").status).not.toBe("pass");
  });

  it("names a slip against the student's own upstream numbers when those were wrong", () => {
    const result = grade("mistake-loss-no-half.json");
    for (const step of [1, 2]) {
      const graded = item(result, `s1.steps[${step}].L`);
      expect(graded.diagnosis?.code).toBe("scale");
      expect(graded.message).toMatch(/recomputed from your own s1\.steps\[\d\]\.a2/);
    }
  });
});

describe("cse343-nn-from-scratch s4", () => {
  type Cell = { activation: string; init: string; train_accuracy: number; val_accuracy: number };
  const cellIndex = (activation: string, init: string) =>
    (correctAnswers().s4.results as Cell[]).findIndex((c) => c.activation === activation && c.init === init);
  const flagsOf = (result: GradeResult, code: string) => result.flags.filter((f) => f.code === code);

  it("reads the seed's own labels (ReLU, Leaky ReLU, random) and flags its twelve identical accuracies", () => {
    const result = grade("seed-004.json");
    const labels = task(result, "s4").items.filter((i) => /\.(activation|init)$/.test(i.id));
    expect(labels).toHaveLength(24);
    expect(labels.filter((i) => i.status !== "pass").map((i) => i.id)).toEqual([]);
    expect(flagsOf(result, "identical-accuracies").map((f) => f.message.split(",")[0])).toEqual([
      "s4: all 12 cells report train_accuracy 0.822583",
      "s4: all 12 cells report val_accuracy 0.822033",
    ]);
    // 0.82 is below the band of every random initialisation: the zero-init check has nothing to say
    expect(flagsOf(result, "zero-init-trains")).toEqual([]);
  });

  it("flags one model's accuracies copied into all twelve cells, and the zero inits that then reach the random ones", () => {
    const result = grade("mistake-identical-accuracies.json");
    expect(flagsOf(result, "identical-accuracies")).toHaveLength(2);
    // sigmoid's random inits stay near chance like its zero init: nothing to tell them apart by
    expect(flagsOf(result, "zero-init-trains").map((f) => f.message.split(" reaches")[0])).toEqual([
      "s4: tanh zero",
      "s4: relu zero",
      "s4: leaky_relu zero",
    ]);
    const relu = cellIndex("relu", "normal");
    expect(item(result, `s4.results[${relu}].val_accuracy`).status).toBe("pass");
    expect(item(result, `s4.results[${relu}].train_accuracy`).status).toBe("pass");
    const farOff = ["sigmoid", "tanh", "relu", "leaky_relu"].flatMap((a) => [cellIndex(a, "zero")]).concat([cellIndex("sigmoid", "uniform")]);
    for (const i of farOff) {
      for (const metric of ["train_accuracy", "val_accuracy"]) expect(item(result, `s4.results[${i}].${metric}`)).toMatchObject({ status: "fail", score: 0 });
    }
    // tanh, relu and leaky relu with a random init all train to about relu normal's accuracy: those six cells keep their points
    const passed = task(result, "s4").items.filter((i) => i.status === "pass" && /accuracy$/.test(i.id)).map((i) => Number(/\[(\d+)\]/.exec(i.id)![1]));
    const randomInits = ["tanh", "relu", "leaky_relu"].flatMap((a) => [cellIndex(a, "uniform"), cellIndex(a, "normal")]);
    expect([...new Set(passed)].sort((a, b) => a - b)).toEqual(randomInits.sort((a, b) => a - b));
    expect(task(result, "s4").score).toBe(12);
  });

  it("flags a zero init that trains like a random one, read as a percentage too; not sigmoid's, whose bands overlap", () => {
    const answers = correctAnswers();
    const cells = answers.s4.results as Cell[];
    const reluZero = cells[cellIndex("relu", "zero")]!;
    const reluUniform = cells[cellIndex("relu", "uniform")]!;
    reluZero.val_accuracy = reluUniform.val_accuracy * 100;
    const sigmoidZero = cells[cellIndex("sigmoid", "zero")]!;
    const sigmoidNormal = cells[cellIndex("sigmoid", "normal")]!;
    sigmoidZero.train_accuracy = sigmoidNormal.train_accuracy;
    sigmoidZero.val_accuracy = sigmoidNormal.val_accuracy;
    const flags = flagsOf(gradeAnswers(answers), "zero-init-trains");
    expect(flags).toHaveLength(1);
    expect(flags[0]!.message).toMatch(/^s4: relu zero reaches val_accuracy 0\.9\d+ \(relu (uniform|normal) from 0\.\d{3}, zero at about 0\.1\d\d\)/);
  });

  it("names an accuracy at chance where the configuration learns", () => {
    const answers = correctAnswers();
    answers.s4.results[cellIndex("relu", "normal")].val_accuracy = 0.1;
    const graded = item(gradeAnswers(answers), `s4.results[${cellIndex("relu", "normal")}].val_accuracy`);
    expect(graded).toMatchObject({ status: "fail", diagnosis: { code: "below-chance" } });
  });

  it.each([
    ["no results", {}],
    ["results not a list", { results: "0.9" }],
    ["odd entries", { results: [null, 3, "x", { activation: 5, init: [], train_accuracy: "0.9", val_accuracy: Number.NaN }, { train_accuracy: 0.5 }] }],
  ])("checks %s without tripping", (_name, s4) => {
    const answers = correctAnswers();
    answers.s4 = s4;
    const result = gradeAnswers(answers);
    expect(result.flags.filter((f) => f.code === "cross-check-error")).toEqual([]);
    expect(result.tasks.find((t) => t.id === "s4")!.score).toBe(0);
  });

  it("gives two identical cells that the reference cannot tell apart no flag", () => {
    const answers = correctAnswers();
    const cells = answers.s4.results as Cell[];
    // tanh, relu and leaky relu with zero weights are the same bias-only model: identical is right there
    answers.s4.results = ["tanh", "relu", "leaky_relu"].map((a) => ({ ...cells[cellIndex(a, "zero")]!, train_accuracy: 0.11275, val_accuracy: 0.1125 }));
    expect(flagsOf(gradeAnswers(answers), "identical-accuracies")).toEqual([]);
  });
});
