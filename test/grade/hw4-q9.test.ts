/**
 * hw4 q9 (MNIST softmax regression): the shipped runs against numpy's
 * (test/golden/hw4-q9.json, fixtures/make_hw4_q9_fixtures.py), one run
 * retrained bit for bit, and the grading of a student's own setup.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { q9DefaultInputs, q9 as q9Task } from "../../reference/hw4-softmax-regression.ts";
import { solveDefault } from "../../reference/hw4-hyperparameters.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { ReferenceCache } from "../../src/grade/cache.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { disposeFastBackend, initFastBackend } from "../../src/engine/kernels/fastest.ts";
import { NO_UPSTREAM } from "../../src/grade/reference.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import { expectClose } from "../golden/expect-close.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(ROOT, "fixtures/submissions/hw4-hyperparameters");
const golden = JSON.parse(readFileSync(join(ROOT, "test/golden/hw4-q9.json"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "nngrade-q9-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment("hw4-hyperparameters");
});

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON that tests edit
function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
}

// biome-ignore lint/suspicious/noExplicitAny: the q9 answers a test edits
function correctQ9(): Record<string, any> {
  return fixture("correct-numpy.json").answers.q9;
}

function grade(answers: Record<string, unknown>): GradeResult {
  return gradeSubmission(assignment, { student: { id: "t" }, answers });
}

function item(result: GradeResult, id: string): ItemResult {
  const found = result.tasks.flatMap((task) => task.items).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function q9Score(result: GradeResult): number | undefined {
  return result.tasks.find((task) => task.id === "q9")?.score;
}

describe("hw4 q9 reference runs", () => {
  // the WebAssembly gemm gives the JavaScript one's bits sooner; one thread, vitest runs other files on the other core
  beforeAll(async () => {
    await initFastBackend({ threads: 1 });
  });
  afterAll(disposeFastBackend);

  it("ships numpy's accuracies for every reference seed, and numpy's first run", () => {
    const solution = solveDefault("q9");
    expect(q9DefaultInputs().seeds).toEqual(golden.setup.seeds);
    // accuracies are counts over 8,000 and 2,000 images: exactly numpy's
    expect(solution.bands?.train_accuracy?.samples).toEqual(golden.train_accuracy);
    expect(solution.bands?.val_accuracy?.samples).toEqual(golden.val_accuracy);
    const answers = solution.answers as Record<string, unknown>;
    expect(answers.val_predictions).toEqual(golden.seed0.val_predictions);
    expectClose(answers.train_loss, golden.seed0.train_loss, { rtol: 1e-9 });
    expectClose(answers.val_loss, golden.seed0.val_loss, { rtol: 1e-9 });
  });

  it("retrains the first seed's run bit for bit as shipped", { timeout: 600_000 }, () => {
    const inputs = { ...q9DefaultInputs(), seeds: [0] };
    const cache = new ReferenceCache("hw4-hyperparameters", { rebuild: true, shippedFolder: work, userFolder: work });
    const fresh = q9Task.solve(inputs, NO_UPSTREAM, { cache }).answers;
    expect(fresh).toEqual(solveDefault("q9").answers);
  });
});

describe("hw4 q9 grading", () => {
  it("gives full marks to a numpy student's own setup (z-scored, lr 2e-3, batch 100, 15 epochs)", () => {
    const result = grade({ q9: correctQ9() });
    expect(q9Score(result)).toBe(15);
    // its validation loss rises after epoch 6, as a z-scored model's does: the shape checks allow it
    const valLoss = correctQ9().val_loss as number[];
    expect(valLoss.at(-1)).toBeGreaterThan(Math.min(...valLoss));
    expect(result.flags).toEqual([]);
  });

  it("names 1-based predictions and a reported accuracy that is not theirs", () => {
    const doc = fixture("mistake-q9-reported-one-based.json");
    const result = gradeSubmission(assignment, { student: doc.student, answers: doc.answers });
    expect(item(result, "q9.val_predictions")).toMatchObject({ status: "partial", score: 2.5 });
    expect(item(result, "q9.val_predictions").message).toMatch(/1-based/);
    expect(item(result, "q9.val_accuracy")).toMatchObject({ status: "fail", score: 0 });
    expect(item(result, "q9.val_accuracy").message).toMatch(/your val_predictions score 0\.9065/);
    // the reported 0.968 is also past every reference seed: a claim no honest run of this configuration makes
    expect(result.flags.map((flag) => flag.code)).toEqual(["reported-vs-computed", "beyond-reference"]);
    expect(q9Score(result)).toBe(8.5);
  });

  it("gives the seed's 0.79 after early stopping part of the points, its 0.94 training accuracy all", () => {
    const result = grade({ q9: { train_accuracy: 0.94, val_accuracy: 0.79 } });
    expect(item(result, "q9.train_accuracy")).toMatchObject({ status: "pass", score: 2 });
    // below the band but within 0.10 of it: half, and half again with no predictions to check it against
    expect(item(result, "q9.val_accuracy")).toMatchObject({ status: "partial", score: 1 });
    expect(item(result, "q9.val_accuracy").message).toMatch(/below the reference band.*no readable val_predictions/);
    expect(item(result, "q9.val_predictions").status).toBe("missing");
    // an accuracy nothing could check is the TA's to look at
    expect(result.flags).toEqual([{ code: "unverified", message: "q9: val_accuracy 0.79 is not checked (no readable val_predictions): partial credit at most" }]);
  });

  it("accepts the accuracy rounded to two decimals or given as a percentage", () => {
    for (const reported of [0.91, 90.65]) {
      const answers = { ...correctQ9(), val_accuracy: reported };
      expect(item(grade({ q9: answers }), "q9.val_accuracy").status).toBe("pass");
    }
  });

  it("flags a model at chance and names it as a bug, not a fit problem", () => {
    const answers = correctQ9();
    answers.val_predictions = answers.val_predictions.map(() => 1);
    const digitOnes = 225 / 2000; // the validation set's ones (mnist-split.ts)
    answers.val_accuracy = digitOnes;
    const result = grade({ q9: answers });
    expect(item(result, "q9.val_predictions")).toMatchObject({ status: "fail", score: 0 });
    expect(item(result, "q9.val_accuracy")).toMatchObject({ status: "fail", diagnosis: { code: "below-chance" } });
    expect(result.flags.map((flag) => flag.code)).toContain("below-chance");
  });

  it("fails a validation accuracy above what a softmax regression reaches", () => {
    const answers = { ...correctQ9(), val_accuracy: 0.99, val_predictions: golden.seed0.val_predictions };
    const graded = item(grade({ q9: answers }), "q9.val_accuracy");
    expect(graded.status).toBe("fail");
    expect(graded.message).toMatch(/reported 0\.99, but your val_predictions score 0\.9135/);
  });

  it("grades curves by their shape: a longer run passes, a flat loss at log(10) does not", () => {
    const longer = correctQ9();
    longer.train_loss = [...longer.train_loss, ...Array(25).fill(longer.train_loss.at(-1))];
    expect(longer.train_loss).toHaveLength(40);
    expect(item(grade({ q9: longer }), "q9.train_loss").status).toBe("pass");
    const flat = { ...correctQ9(), train_loss: Array(20).fill(Math.log(10)) };
    expect(item(grade({ q9: flat }), "q9.train_loss").status).toBe("fail");
    const rising = { ...correctQ9(), val_loss: [0.5, 0.6, 0.8, 1.1, 1.5] };
    expect(item(grade({ q9: rising }), "q9.val_loss").status).toBe("fail");
  });

  it("refuses predictions of the wrong count or outside 0-9 without throwing", () => {
    const cases: [unknown, RegExp][] = [
      [Array(1999).fill(0), /1999 labels/],
      [Array(2000).fill(12), /labels 0-9/],
      [Array(2000).fill(0.5), /whole-number/],
    ];
    for (const [predictions, message] of cases) {
      const graded = item(grade({ q9: { ...correctQ9(), val_predictions: predictions } }), "q9.val_predictions");
      expect(graded.score).toBe(0);
      expect(graded.message).toMatch(message);
    }
  });
});
