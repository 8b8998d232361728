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
