/**
 * A toy assignment built in memory (assignmentFrom: no rubric file, no
 * reference module) and a small class of it on disk, for the batch tests:
 * grading it takes microseconds, so the tests exercise the batch, not the
 * grader. Two tasks, a per-student variant, and the usual mess of a class
 * folder: a wrong answer, a missing task, a file that is not JSON, one that
 * is not an object.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { STATE_FOLDER } from "../../src/batch/state.ts";
import { assignmentFrom } from "../../src/grade/assignment-from.ts";
import type { Reference } from "../../src/grade/reference.ts";
import type { Rubric } from "../../src/rubric/types.ts";

export const TOY_ID = "toy-batch";

const rubric: Rubric = {
  format: "nngrade/rubric@1",
  id: TOY_ID,
  title: "A toy batch",
  tasks: [
    { id: "t1", title: "sum", points: 2, items: [{ answer: "total", points: 2, compare: { mode: "relabs", rtol: 1e-9, atol: 1e-12 } }] },
    { id: "t2", title: "doubled", points: 1, items: [{ answer: "doubled", points: 1, compare: { mode: "array" } }] },
  ],
};

type Inputs = { x: number[] };
const inputsOf = (inputs: unknown) => (inputs as Inputs).x;

const reference: Reference = {
  id: TOY_ID,
  title: "A toy batch",
  defaultInputs: () => ({ t1: { x: [1, 2, 3] }, t2: { x: [1, 2, 3] } }),
  // with --variants per-student each student sums numbers of their own
  variantInputs: (stream) => ({ t1: { x: [stream.int(1, 9), stream.int(1, 9), stream.int(1, 9)] } }),
  tasks: [
    { id: "t1", solve: (inputs) => ({ answers: { total: inputsOf(inputs).reduce((sum, value) => sum + value, 0) } }) },
    { id: "t2", solve: (inputs) => ({ answers: { doubled: inputsOf(inputs).map((value) => 2 * value) } }) },
  ],
};

export const toyAssignment = assignmentFrom(rubric, reference);

function submission(id: string, name: string, answers: Record<string, unknown>): string {
  return `${JSON.stringify({ assignment: TOY_ID, student: { id, name }, answers }, null, 1)}\n`;
}

const RIGHT = { t1: { total: 6 }, t2: { doubled: [2, 4, 6] } };

/** the class's files: name -> content; two of them broken (not JSON at line 5, not an object) */
export const TOY_CLASS: Record<string, string> = {
  "ada.json": submission("ada", "Ada Lovelace", RIGHT),
  "bob.json": submission("bob", "Bob Wrong", { t1: { total: 7 }, t2: RIGHT.t2 }),
  "cy.json": submission("cy", "Cy Partial", { t1: RIGHT.t1 }),
  "dee.json": submission("dee", "Dee Right", RIGHT),
  "eve.json": submission("eve", "Eve Doubled", { t1: RIGHT.t1, t2: { doubled: [1, 2, 3] } }),
  "fay.json": submission("fay", "Fay Right", RIGHT),
  "gus.json": submission("gus", "Gus Sign", { t1: { total: -6 }, t2: RIGHT.t2 }),
  "broken-json.json": `{\n "assignment": "${TOY_ID}",\n "student": {"id": "broken", "name": "Bea Broken"},\n "answers": {\n  "t1": {"total": 6,]}\n }\n}\n`,
  "not-an-object.json": "[1, 2, 3]\n",
};

export const TOY_CLASS_SIZE = Object.keys(TOY_CLASS).length;

/** writes the class into `folder` (made if missing) and answers the folder */
export function makeToyClass(folder: string): string {
  mkdirSync(folder, { recursive: true });
  for (const [name, content] of Object.entries(TOY_CLASS)) writeFileSync(join(folder, name), content);
  return folder;
}

/** every file of an output folder but the resume state, name -> text */
export function outputs(folder: string): Map<string, string> {
  return new Map(
    readdirSync(folder)
      .filter((name) => name !== STATE_FOLDER)
      .sort()
      .map((name) => [name, readFileSync(join(folder, name), "utf8")]),
  );
}

/** the gradebook's rows, header first */
export function gradebookRows(folder: string): string[] {
  return readFileSync(join(folder, "gradebook.csv"), "utf8").trimEnd().split("\r\n");
}
