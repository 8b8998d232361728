import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { flagCodes, item, notPassed } from "../helpers/results.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";

// written by fixtures/make_acml_fixtures.py (numpy, its own training); seed-001.json is transcribed from the seed
const FIXTURES = fileURLToPath(new URL("../../fixtures/submissions/acml-autoencoder/", import.meta.url));

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment("acml-autoencoder");
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

describe("acml-autoencoder fixtures", () => {
  it("gives full marks, and no flag, to a student's own numpy run with a seed the reference never used", () => {
    const result = grade("correct-numpy.json");
    expect(result.tasks.map((t) => t.id)).toEqual(["a1", "a2", "a3", "a4", "a5", "a6"]);
    expect(result.max_score).toBe(40);
    expect(notPassed(result)).toEqual([]);
    expect(result.score).toBe(40);
    expect(result.flags).toEqual([]);
  });

  it("gives full marks to numpy's run with the reference's first seed", () => {
    const result = grade("numpy-seed-0.json");
    expect(notPassed(result)).toEqual([]);
    expect(result.flags).toEqual([]);
  });

  it("gives the seed its two parameter counts, the only numbers it prints", () => {
    const result = grade("seed-001.json");
    expect(item(result, "a3.params_k").status).toBe("pass");
    expect(item(result, "a3.params_k_minus_1").status).toBe("pass");
    expect(notPassed(result).every((id) => item(result, id).status === "missing")).toBe(true);
    expect(result.score).toBe(2);
  });

  it("fails weights that do not reconstruct with the engine's message; their own loss is carried forward, their codes fail", () => {
    const result = grade("mistake-decay-left-on.json");
    const weights = item(result, "a1.weights");
    expect(weights).toMatchObject({ status: "fail", score: 0 });
    expect(weights.message).toMatch(/^the engine ran your weights: input 0 comes back as \d/);
    expect(weights.message).toMatch(/\(loss 0\.4375\)$/);
    expect(item(result, "a1.final_loss")).toMatchObject({ status: "ecf", score: 3 });
    const codes = item(result, "a6.hidden_codes");
    expect(codes).toMatchObject({ status: "fail", score: 0 });
    expect(codes.message).toMatch(/have the same code: the codes must be pairwise distinct/);
    expect(notPassed(result)).toEqual(["a1.weights", "a1.final_loss", "a6.hidden_codes"]);
    expect(result.score).toBe(28);
    expect(result.flags).toEqual([]);
  });

  it("flags and fails a final loss printed mid-run, not the loss of the weights handed in", () => {
    const result = grade("mistake-reported-loss.json");
    expect(item(result, "a1.weights").status).toBe("pass");
    expect(item(result, "a1.final_loss")).toMatchObject({ status: "fail", score: 0 });
    expect(flagCodes(result)).toEqual(["reported-vs-computed"]);
    expect(result.flags[0]?.message).toMatch(/^a1: final_loss is 0\.\d+, but your weights give 0\.00/);
  });

  it("fails and flags a small final loss that is not the loss of the weights handed in", () => {
    const answers = answersOf("correct-numpy.json");
    answers.a1.final_loss = 0.001;
    const result = gradeSubmission(assignment, { student: { id: "t" }, answers });
    expect(flagCodes(result)).toEqual(["reported-vs-computed"]);
    // the engine item sees the student's own weights even when they pass, so a made-up small loss fails
    expect(item(result, "a1.final_loss")).toMatchObject({ status: "fail", score: 0 });
  });

  it("flags hidden codes that are not the activations of the student's own a1 weights", () => {
    const result = grade("mistake-codes-not-own.json");
    expect(flagCodes(result)).toEqual(["codes-not-from-weights"]);
    expect(result.flags[0]?.message).toMatch(/^a6: hidden_codes are not the activations of your a1 weights/);
  });

  it("credits no final loss and only the form of codes when the weights they come from cannot be read, and flags both", () => {
    const answers = answersOf("correct-numpy.json");
    delete answers.a1.weights;
    const result = gradeSubmission(assignment, { student: { id: "t" }, answers });
    expect(item(result, "a1.weights").status).toBe("missing");
    expect(item(result, "a1.final_loss")).toMatchObject({ status: "fail", score: 0 });
    expect(item(result, "a6.hidden_codes")).toMatchObject({ status: "partial", score: 2.5 });
    expect(flagCodes(result)).toEqual(["unverified", "unverified"]);
    expect(result.flags.map((flag) => flag.message.slice(0, 3))).toEqual(["a1:", "a6:"]);
  });

  it("fails identical codes, and codes outside a sigmoid's range", () => {
    const answers = answersOf("correct-numpy.json");
    answers.a6.hidden_codes = Array.from({ length: 8 }, () => [0.2, 0.5, 0.9]);
    expect(item(gradeSubmission(assignment, { student: { id: "t" }, answers }), "a6.hidden_codes").message).toMatch(/inputs 0 and 1 have the same code/);
    answers.a6.hidden_codes = answersOf("correct-numpy.json").a6.hidden_codes.map((row: number[]) => row.map((v) => 2 * v - 1));
    expect(item(gradeSubmission(assignment, { student: { id: "t" }, answers }), "a6.hidden_codes").message).toMatch(/lie in \[0, 1\]/);
  });

  it("flags a2 losses that fall as lambda grows, and fails them against the bands", () => {
    const result = grade("mistake-lambda-reversed.json");
    // the two lambdas given the smaller losses are below every seed of theirs: one finding of the pattern
    expect(flagCodes(result)).toEqual(["loss-decreases-with-lambda", "beyond-reference"]);
    expect(result.flags[1]?.message).toMatch(/^a2: 2 results past what their configurations reach: final_loss\[2\]: 0\.27\d* is below what this configuration reaches in \d+ seeded runs/);
    // reversed, the two plateau values 0.4375 come first and differ only in their last bits: that is no fall
    expect(result.flags[0]?.message).toMatch(/^a2: final_loss falls from 0\.4375 at lambda 0\.001 to 0\.27\d* at lambda 0\.01;/);
    expect(notPassed(result)).toEqual(["a2.final_loss[0]", "a2.final_loss[1]", "a2.final_loss[2]", "a2.final_loss[3]"]);
    expect(flagCodes(grade("correct-numpy.json"))).toEqual([]);
  });

  it("names parameter counts without the biases, and a k-1 network that kept 8 outputs", () => {
    const result = grade("mistake-weights-only.json");
    for (const id of ["a3.params_k", "a3.params_k_minus_1"]) expect(item(result, id)).toMatchObject({ status: "fail", diagnosis: { code: "weights-only" } });
    expect(notPassed(result)).toEqual(["a3.params_k", "a3.params_k_minus_1"]);
    const answers = answersOf("correct-numpy.json");
    answers.a3.params_k_minus_1 = 56;
    const other = gradeSubmission(assignment, { student: { id: "t" }, answers });
    expect(item(other, "a3.params_k_minus_1")).toMatchObject({ status: "fail", diagnosis: { code: "outputs-not-reduced" } });
  });

  it("takes null as never, and a number where the reference never gets there fails", () => {
    const answers = answersOf("correct-numpy.json");
    expect(answers.a4.iterations_to_0_1.slice(0, 2)).toEqual([null, null]);
    answers.a4.iterations_to_0_1[0] = 20000;
    const result = gradeSubmission(assignment, { student: { id: "t" }, answers });
    expect(item(result, "a4.iterations_to_0_1[0]").status).toBe("fail");
    expect(notPassed(result)).toEqual(["a4.iterations_to_0_1[0]"]);
  });
});
