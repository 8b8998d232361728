/**
 * Engine items from a Python reference: the TA's solve returns how the
 * predictions and the reported accuracy are judged as data (extras
 * "evaluations"), nngrade's evaluators run it, and a student bundle carries
 * it, so check and check --bundle grade those items alike.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleAssignment, studentBundle } from "../../src/bundle/student-bundle.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { ItemResult } from "../../src/result/types.ts";
import { parseSubmissionText } from "../../src/rubric/json.ts";

const FOLDER = join(import.meta.dirname, "engine-course");
const work = mkdtempSync(join(tmpdir(), "nngrade-python-evaluations-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// the 60 labels as the module draws them (30 of class 0, then 30 of class 1), written here by hand
const LABELS = [...Array(30).fill(0), ...Array(30).fill(1)] as number[];

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment(join(FOLDER, "perceptron.json"));
});

function grade(target: Assignment, fit: Record<string, unknown>): Map<string, ItemResult> {
  const submission = parseSubmissionText(JSON.stringify({ assignment: "perceptron", student: { id: "s" }, answers: { fit } }), "s.json");
  return new Map(gradeSubmission(target, submission as never).tasks[0]!.items.map((item) => [item.id, item]));
}

/** predictions right on all but `wrong` of the points */
function predictions(wrong: number): number[] {
  return LABELS.map((label, i) => (i < wrong ? 1 - label : label));
}

describe("engine evaluations from a python reference", () => {
  it("scores the student's own predictions against the labels and checks the accuracy they report against them", () => {
    const good = grade(assignment, { predictions: predictions(4), accuracy: 56 / 60 });
    expect(good.get("fit.predictions")).toMatchObject({ status: "pass", score: 2 });
    expect(good.get("fit.predictions")?.message).toMatch(/^your predictions score 0\.9333, within the reference band/);
    expect(good.get("fit.accuracy")).toMatchObject({ status: "pass", score: 2 });
    // an accuracy the predictions do not give earns nothing, and says what they give
    const claimed = grade(assignment, { predictions: predictions(20), accuracy: 0.95 });
    expect(claimed.get("fit.accuracy")).toMatchObject({ status: "fail", score: 0 });
    expect(claimed.get("fit.accuracy")?.message).toBe("reported 0.95, but your predictions score 0.6667 on the labels of the training set");
    // 1-based labels are read so, for the partial credit
    const shifted = grade(assignment, { predictions: predictions(4).map((label) => label + 1), accuracy: 56 / 60 });
    expect(shifted.get("fit.predictions")).toMatchObject({ status: "partial", score: 1 });
    expect(shifted.get("fit.predictions")?.message).toMatch(/^labels look 1-based/);
    const short = grade(assignment, { predictions: predictions(0).slice(1) });
    expect(short.get("fit.predictions")?.message).toBe("predictions has 59 labels, the training set 60");
  });

  it("grades the engine items from a student bundle as check does", () => {
    const bundle = studentBundle(assignment);
    expect(bundle.at_grading).toEqual([]);
    const bundled = bundleAssignment(JSON.parse(JSON.stringify(bundle)));
    for (const fit of [
      { predictions: predictions(4), accuracy: 56 / 60 },
      { predictions: predictions(20), accuracy: 0.95 },
      { predictions: predictions(4).map((label) => label + 1), accuracy: 93.3 },
      { accuracy: 0.93 },
      { predictions: "all zeros", accuracy: 0.5 },
    ]) {
      const full = grade(assignment, fit);
      const self = grade(bundled, fit);
      for (const [id, item] of full) expect(self.get(id), `${JSON.stringify(fit).slice(0, 60)} ${id}`).toMatchObject({ status: item.status, score: item.score, message: item.message });
    }
  });

  it("takes the axes of a python solve's curves, and refuses a curve entry without them, naming the path", async () => {
    expect(assignment.solutions.get("fit")?.curves).toEqual({ predictions: { x: "point", y: "label" } });
    const module = readFileSync(join(FOLDER, "perceptron.py"), "utf8").replace('{"x": "point", "y": "label"}', '{"x": "point"}');
    writeFileSync(join(work, "curveless.py"), module);
    writeFileSync(join(work, "curveless.json"), readFileSync(join(FOLDER, "perceptron.json"), "utf8").replace('"id": "perceptron"', '"id": "curveless"'));
    await expect(loadAssignment(join(work, "curveless.json"))).rejects.toThrow(/solve_fit: curves\.predictions: expected \{answer path: \{"x": str, "y": str/);
  });

  it("refuses an evaluation the grading core does not know, naming the path and what it has", async () => {
    const module = readFileSync(join(FOLDER, "perceptron.py"), "utf8").replace('"evaluator": "predictions"', '"evaluator": "f1-score"');
    writeFileSync(join(work, "broken.py"), module);
    writeFileSync(join(work, "broken.json"), readFileSync(join(FOLDER, "perceptron.json"), "utf8").replace('"id": "perceptron"', '"id": "broken"'));
    await expect(loadAssignment(join(work, "broken.json"))).rejects.toThrow(
      /solve_fit: evaluations\.predictions: evaluator: expected one of accuracy, predictions, reported-accuracy, got "f1-score"/,
    );
    const labels = readFileSync(join(FOLDER, "perceptron.py"), "utf8").replace('"classes": 2', '"classes": 1');
    writeFileSync(join(work, "labels.py"), labels);
    writeFileSync(join(work, "labels.json"), readFileSync(join(FOLDER, "perceptron.json"), "utf8").replace('"id": "perceptron"', '"id": "labels"'));
    copyFileSync(join(FOLDER, "perceptron.py"), join(work, "perceptron.py"));
    await expect(loadAssignment(join(work, "labels.json"))).rejects.toThrow(/evaluations\.predictions: data\.classes: expected a whole number >= 2/);
  });
});
