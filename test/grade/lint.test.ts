import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { assignmentFrom } from "../../src/grade/assignment-from.ts";
import { listAssignments, loadAssignment } from "../../src/grade/assignment.ts";
import { knownDiagnosisCodes, lintAssignment, nextDouble } from "../../src/grade/lint.ts";
import type { Reference } from "../../src/grade/reference.ts";
import type { Rubric } from "../../src/rubric/types.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "nngrade-lint-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("nextDouble", () => {
  it("steps to the neighbouring double either way, across zero too", () => {
    expect(nextDouble(1, 1)).toBe(1 + Number.EPSILON);
    expect(nextDouble(1, -1)).toBe(1 - Number.EPSILON / 2);
    expect(nextDouble(-1, 1)).toBe(-1 + Number.EPSILON / 2);
    expect(nextDouble(0, 1)).toBe(Number.MIN_VALUE);
    expect(nextDouble(0, -1)).toBe(-Number.MIN_VALUE);
    expect(nextDouble(0.2, 1)).toBeGreaterThan(0.2);
    expect(nextDouble(0.2, 1) - 0.2).toBeLessThan(1e-16);
  });
});

describe("rubric lint", () => {
  it("finds nothing ill-posed in the built-in hw4 rubric", async () => {
    const report = lintAssignment(await loadAssignment("hw4-hyperparameters"));
    expect(report.warnings).toEqual([]);
  });

  it("warns about lr 1.0's run graded value by value, the known ill-posed case", async () => {
    const rubric = JSON.parse(readFileSync(join(ROOT, "rubrics/hw4-hyperparameters.json"), "utf8"));
    const q7 = rubric.tasks.find((task: { id: string }) => task.id === "q7");
    // drop the overrides that grade the chaotic run by its first epochs and its range: the wildcards then grade it exactly
    q7.items = q7.items.filter((item: { answer: string }) => !item.answer.startsWith("runs[2]."));
    const file = join(folder, "naive.json");
    writeFileSync(file, JSON.stringify(rubric));
    const report = lintAssignment(await loadAssignment(file));
    expect(report.warnings.map((warning) => warning.itemId).sort()).toEqual(["q7.runs[2].J", "q7.runs[2].final_J", "q7.runs[2].final_w"]);
  });
});

describe("rubric lint on diagnosis codes", () => {
  const rubric = (items: Rubric["tasks"][number]["items"]): Rubric => ({
    format: "nngrade/rubric@1",
    id: "codes",
    title: "codes",
    tasks: [{ id: "t1", title: "one", points: items.length, items }],
  });
  const reference: Reference = {
    id: "codes",
    title: "codes",
    defaultInputs: () => ({ t1: {} }),
    tasks: [
      {
        id: "t1",
        solve: () => ({
          answers: { loss: 0.5, W: [[1, 2], [3, 4]], count: 12 },
          mistakes: { count: { "weights-only": { value: 8, message: "counted the weights only" } } },
        }),
      },
    ],
  };
  const RELABS = { mode: "relabs" };

  it("warns about a code no diagnoser, grader or reference mistake gives, naming the item and the known codes", () => {
    const report = lintAssignment(
      assignmentFrom(
        rubric([
          { answer: "loss", points: 1, compare: RELABS, diagnosis_credit: { sumed: 0.5, summed: 0.5 } },
          { answer: "W", points: 1, compare: { mode: "array" }, feedback: { diagnosis: { transpose: "rows and columns", transposed: "rows and columns" } } },
          { answer: "count", points: 1, compare: RELABS, diagnosis_credit: { "weights-only": 0.5, "weight-only": 0.5 } },
        ]),
        reference,
      ),
    );
    expect(report.warnings.map((warning) => warning.itemId)).toEqual(["t1.loss", "t1.W", "t1.count"]);
    const [sumed, transpose, weightOnly] = report.warnings.map((warning) => warning.message);
    expect(sumed).toMatch(/^diagnosis_credit: "sumed" is no diagnosis code, so it never applies; the codes are before-update, below-chance, .*summed, swapped, transposed$/);
    expect(transpose).toMatch(/^feedback\.diagnosis: "transpose" is no diagnosis code/);
    // the reference's own mistakes are known codes of their own answer, and are listed there
    expect(weightOnly).toMatch(/"weight-only" is no diagnosis code.*; the reference's own mistakes here: weights-only$/);
  });

  it("knows every code the built-in diagnosers and the grader's own diagnoses give", async () => {
    const sources = [
      ...readdirSync(join(ROOT, "src/diagnose")).map((name) => join(ROOT, "src/diagnose", name)),
      // grade.ts's own diagnoses come from src/diagnose (swappedBothWays); its other codes are flags
      join(ROOT, "src/grade/diagnose-extras.ts"),
    ];
    const given = new Set(sources.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/\bcode: "([a-z-]+)"/g)].map((match) => match[1] as string)));
    expect(given.size).toBeGreaterThan(10);
    const known = knownDiagnosisCodes(await loadAssignment("hw4-hyperparameters"), "q1", []);
    expect([...given].filter((code) => !known.diagnosers.includes(code))).toEqual([]);
  });

  it("knows the codes every shipped rubric uses", async () => {
    for (const { id } of listAssignments()) {
      const report = lintAssignment(await loadAssignment(id));
      expect(report.warnings.filter((warning) => /diagnosis code/.test(warning.message)), id).toEqual([]);
    }
  });
});

describe("items that pass every value", () => {
  const rubric = (items: Rubric["tasks"][number]["items"]): Rubric => ({
    format: "nngrade/rubric@1",
    id: "any",
    title: "any",
    tasks: [{ id: "t1", title: "t1", points: items.reduce((sum, item) => sum + item.points, 0), items }],
  });
  // seeds whose accuracies spread from 0.13 to 0.81, as hw3b's lr 1e-4 row does; and seeds that agree
  const spread = [0.13, 0.81, 0.5, 0.3, 0.7, 0.2];
  const tight = [0.9, 0.91, 0.905, 0.9, 0.91, 0.902];
  const reference: Reference = {
    id: "any",
    title: "any",
    defaultInputs: () => ({ t1: {} }),
    tasks: [
      {
        id: "t1",
        solve: () => ({
          answers: { accuracy: 0.5, tuned: 0.9, loss: 0.3, w: 1.5 },
          bands: { accuracy: { samples: spread }, tuned: { samples: tight } },
          fractions: ["accuracy", "tuned"],
        }),
      },
    ],
  };
  const band = { mode: "band", range: [0, 1] };

  it("warns about a band that reaches both ends of its range and a range holding every accuracy", () => {
    const report = lintAssignment(
      assignmentFrom(
        rubric([
          { answer: "accuracy", points: 1, compare: band },
          { answer: "tuned", points: 1, compare: band },
          { answer: "loss", points: 1, compare: { mode: "range", min: 0, max: 1 } },
          { answer: "w", points: 0.5, compare: { mode: "range", min: 1, max: 2 } },
        ]),
        reference,
      ),
    );
    // the loss is no fraction: [0, 1] decides something about it
    expect(report.warnings.map((warning) => warning.itemId)).toEqual(["t1.accuracy"]);
    expect(report.warnings[0]!.message).toMatch(/^every value passes: its band 0 to 1 \(.*6 seeded runs.*\) holds all the answer can be, so its 1 point\(s\) are earned by any number in it/);
    // a range bounded below only, at 0: every accuracy passes it too
    const fractionRange = lintAssignment(assignmentFrom(rubric([{ answer: "tuned", points: 2, compare: { mode: "range", min: 0 } }]), reference));
    expect(fractionRange.warnings.map((warning) => warning.message)).toEqual([expect.stringMatching(/^every value passes: its range from 0 up holds all/)]);
  });

  it("finds hw3b's lr 1e-4 row, graded by a range of [0, 1], and snapshot bands pooled past both ends", async () => {
    const report = lintAssignment(await loadAssignment("hw3b-hyperparameter-optimization"));
    const any = report.warnings.filter((warning) => warning.message.startsWith("every value passes"));
    expect(any.map((warning) => warning.itemId)).toContain("t2.val_accuracy[0][*]");
    expect(any.find((warning) => warning.itemId === "t2.val_accuracy[0][*]")?.message).toMatch(/its 1 point\(s\) \(10 answers: val_accuracy\[0\]\[1\]/);
    // hw4's accuracies are graded against bands its seeds keep tight
    expect(lintAssignment(await loadAssignment("hw4-hyperparameters")).warnings).toEqual([]);
  });
});
