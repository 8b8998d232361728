/**
 * A reference given as JSON answer keys (src/authoring/key.ts): a rubric
 * names the keys beside it, as examples/key-toy does, and is graded through
 * loadAssignment like any other. Each case writes its own copy of the
 * example to a temporary folder and edits it there.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { referenceFromKey } from "../../src/authoring/key.ts";
import { RubricError } from "../../src/errors.ts";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/key-toy/", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "nngrade-key-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: rubrics, keys and submissions are free-form JSON each case edits in place
type Json = Record<string, any>;

let copies = 0;
/** a fresh copy of examples/key-toy, edited by `edit`; answers the rubric file's path */
function exampleCopy(edit: (files: { rubric: Json; keys: Json[] }) => void = () => undefined): string {
  const folder = join(root, `copy-${copies++}`);
  cpSync(EXAMPLE, folder, { recursive: true });
  const read = (name: string): Json => JSON.parse(readFileSync(join(folder, name), "utf8").replaceAll("NaN", '"__nan__"'));
  const write = (name: string, value: Json) => writeFileSync(join(folder, name), JSON.stringify(value).replaceAll('"__nan__"', "NaN"));
  const rubric = read("key-toy.json");
  const keyNames = rubric.key as string[];
  const keys = keyNames.map(read);
  edit({ rubric, keys });
  write("key-toy.json", rubric);
  keys.forEach((key, index) => {
    write(keyNames[index] as string, key);
  });
  return join(folder, "key-toy.json");
}

/** the example's correct submission, with `edit` applied to its answers; NaN written as Python writes it */
function submissionText(edit: (answers: Json) => void = () => undefined): string {
  const submission = JSON.parse(readFileSync(join(EXAMPLE, "correct.json"), "utf8").replaceAll("NaN", '"__nan__"'));
  edit(submission.answers);
  return JSON.stringify(submission).replaceAll('"__nan__"', "NaN");
}

async function grade(rubricFile: string, text: string): Promise<GradeResult> {
  const assignment = await loadAssignment(rubricFile);
  return gradeSubmission(assignment, parseSubmission(text, "submission.json"));
}

function itemOf(result: GradeResult, id: string): ItemResult {
  const found = result.tasks.flatMap((task) => task.items).find((item) => item.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

async function loadError(rubricFile: string): Promise<string> {
  const error = await loadAssignment(rubricFile).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RubricError);
  return (error as RubricError).message;
}

describe("a reference given as JSON answer keys", () => {
  it("grades the example's correct submission (examples/key-toy) at full marks", async () => {
    const result = await grade(join(EXAMPLE, "key-toy.json"), readFileSync(join(EXAMPLE, "correct.json"), "utf8"));
    expect(result.score).toBe(result.max_score);
    expect(result.max_score).toBe(10);
  });

  it("diagnoses a transposed matrix from the key's value alone", async () => {
    const result = await grade(
      exampleCopy(),
      submissionText((answers) => {
        const W = answers.q1.W as number[][];
        answers.q1.W = (W[0] as number[]).map((_, col) => W.map((row) => row[col]));
      }),
    );
    const item = itemOf(result, "q1.W");
    expect(item.status).toBe("fail");
    expect(item.diagnosis?.code).toBe("transposed");
  });

  it("reads the key's NaN (Python's json.dump) and expects exactly a NaN there", async () => {
    const rubric = exampleCopy();
    expect(readFileSync(join(rubric, "../key-seed0.json"), "utf8")).toContain("NaN");
    const nan = await grade(rubric, submissionText());
    expect(itemOf(nan, "q1.log_of_zero_loss").status).toBe("pass");
    const zero = await grade(
      rubric,
      submissionText((answers) => {
        answers.q1.log_of_zero_loss = 0;
      }),
    );
    expect(itemOf(zero, "q1.log_of_zero_loss").status).toBe("fail");
  });

  it.each([
    [0.9, "pass"],
    [0.5, "fail"],
  ])("makes a band of the three keys' numbers: %s is a %s", async (accuracy, status) => {
    const result = await grade(
      exampleCopy(),
      submissionText((answers) => {
        answers.q2.val_accuracy = accuracy;
      }),
    );
    expect(itemOf(result, "q2.val_accuracy").status).toBe(status);
  });

  it("accepts every alternative the key lists for a oneof item", async () => {
    const result = await grade(
      exampleCopy(),
      submissionText((answers) => {
        answers.q1.margin = 0.4;
      }),
    );
    expect(itemOf(result, "q1.margin").status).toBe("pass");
  });

  it("grades an item with depends_on against the key: no error carried forward, no crash", async () => {
    const result = await grade(
      exampleCopy(),
      submissionText((answers) => {
        answers.q1.W = [
          [1, 1, 1],
          [1, 1, 1],
        ];
        // x W for the student's own W: consistent, yet a key cannot recompute it
        answers.q1.z = [
          [3, 3, 3],
          [1, 1, 1],
        ];
      }),
    );
    expect(itemOf(result, "q1.W").status).toBe("fail");
    expect(itemOf(result, "q1.z").status).toBe("fail");
    expect(itemOf(result, "q2.val_accuracy").status).toBe("pass");
  });

  it("refuses keys that disagree in shape, naming the key file and the path", async () => {
    const message = await loadError(
      exampleCopy(({ keys }) => {
        (keys[1] as Json).answers.q1.W = [[1, 2], [3, 4], [5, 6]];
      }),
    );
    expect(message).toContain("key-seed1.json: answers.q1.W: a 3x2 matrix here, a 2x3 matrix in key-seed0.json");
  });

  it.each([
    ["a number where another key has a string", (keys: Json[]) => ((keys[2] as Json).answers.q2.val_accuracy = "0.9"), "key-seed2.json: answers.q2.val_accuracy: a string here, a number in key-seed0.json"],
    ["a field one key leaves out", (keys: Json[]) => delete (keys[1] as Json).answers.q1.margin, "key-seed1.json: answers.q1.margin: missing here, given in key-seed0.json"],
    ["a task one key leaves out", (keys: Json[]) => delete (keys[2] as Json).answers.q2, "key-seed2.json: answers.q2: missing here, given in key-seed0.json"],
    ["a key not in submission shape", (keys: Json[]) => delete (keys[0] as Json).answers, 'key-seed0.json: no "answers" object'],
  ])("refuses %s", async (_, edit, expected) => {
    const message = await loadError(exampleCopy(({ keys }) => edit(keys)));
    expect(message).toContain(expected);
  });

  it.each([
    ["per-student variants", (rubric: Json) => (rubric.variants = "per-student"), "per-student variants need a reference module"],
    ["a reference module too", (rubric: Json) => (rubric.reference = "hw4-hyperparameters"), 'either "reference" (a module) or "key"'],
    ["seeds", (rubric: Json) => (rubric.tasks[1].seeds = [0, 1, 2]), "a key's bands come from its key files"],
    ["a key file that is not there", (rubric: Json) => (rubric.key = ["key-seed9.json"]), "key-seed9.json"],
  ])("refuses a key rubric with %s", async (_, edit, expected) => {
    const message = await loadError(exampleCopy(({ rubric }) => edit(rubric)));
    expect(message).toContain(expected);
  });

  it("makes no band from a single key, and solves the same whatever the upstream", () => {
    const reference = referenceFromKey({ answers: { q1: { a: 1, b: [1, 2] } } }, { id: "one", title: "One key" });
    const [task] = reference.tasks;
    expect(reference.variantInputs).toBeUndefined();
    const solution = task?.solve({}, { get: () => 5 } as never, { cache: undefined as never });
    expect(solution).toEqual({ answers: { a: 1, b: [1, 2] } });
  });

  it("gives a band wherever every key has a finite number", () => {
    const reference = referenceFromKey(
      [{ answers: { q1: { a: 1, c: [1, Number.NaN], s: "x" } } }, { answers: { q1: { a: 2, c: [3, 4], s: "y" } } }],
      { id: "two", title: "Two keys" },
    );
    const solution = reference.tasks[0]?.solve({}, undefined as never, undefined as never);
    expect(solution?.answers).toEqual({ a: 1, c: [1, Number.NaN], s: "x" });
    expect(solution?.bands).toEqual({ a: { samples: [1, 2] }, "c[0]": { samples: [1, 3] } });
  });
});
