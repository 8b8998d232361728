import { loadAssignment } from "../../grade/assignment.ts";
import { blankAnswers } from "../../grade/blank-answers.ts";
import { type ExpectedAnswer, expectedAnswers } from "../../grade/expected-answers.ts";
import { toPythonJson } from "../../result/python-json.ts";
import { isValueObject, type Value } from "../../value.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { resolveAssignment } from "../../grade/course.ts";

// handout.ts reads it from here
export { blankAnswers };

export async function templateCommand(options: { assignment: string }, io: CommandIo): Promise<number> {
  const assignment = await loadAssignment(resolveAssignment(options.assignment, io.cwd));
  const answers: Record<string, Value> = {};
  for (const [taskId, solution] of assignment.solutions) answers[taskId] = blankAnswers(solution.answers);
  const template = { assignment: assignment.id, student: { id: "", name: "" }, answers };
  io.stdout(`${toPythonJson(template, 2)}\n`);
  // on stderr, so that `template ID > answers.json` writes the JSON alone and the terminal shows how to fill it
  io.stderr(pythonHelper(answers));
  // the template says only where each answer goes; what it should be (a 2x3 matrix, within 1e-6) is said beside it
  io.stderr(`nngrade: each answer, and how it is compared:\n${formatExpectedAnswers(expectedAnswers(assignment))}`);
  // where the handout could be read two ways, how nngrade reads it: before the student computes, not after
  for (const task of assignment.plan.tasks) {
    for (const convention of task.conventions) io.stderr(`nngrade: ${task.id}: ${convention}\n`);
  }
  return EXIT.ok;
}

/** a kind longer than this does not widen the column for every other line */
const KIND_COLUMN_MAX = 40;

/** one line per answer, its id, kind and hint in aligned columns: "  q2.z  a 2x3 matrix  each within 1e-6 relative" */
export function formatExpectedAnswers(expected: readonly ExpectedAnswer[]): string {
  const ids = expected.map((answer) => `${answer.taskId}.${answer.answer}`);
  const idWidth = Math.max(0, ...ids.map((id) => id.length));
  const kindWidth = Math.max(0, ...expected.map((answer) => answer.kind.length).filter((length) => length <= KIND_COLUMN_MAX));
  return expected.map((answer, k) => `  ${(ids[k] ?? "").padEnd(idWidth)}  ${answer.kind.padEnd(kindWidth)}  ${answer.hint}\n`).join("");
}

/**
 * How to fill the template from Python: numpy arrays and numbers go in as
 * they are and leave as lists (`.tolist()`); NaN and infinities are written
 * as json.dump writes them, which nngrade reads. Never default=str: that
 * writes numpy's text of an array, which is no list.
 */
export function pythonHelper(answers: Record<string, Value>): string {
  const [taskId, taskAnswers] = Object.entries(answers)[0] ?? ["q1", {}];
  const key = isValueObject(taskAnswers) ? (Object.keys(taskAnswers)[0] ?? "answer") : "answer";
  return [
    "nngrade: to fill it from Python (numpy arrays and NaN as they are):",
    `  import json; submission = json.load(open("answers.json"))`,
    `  submission["answers"]["${taskId}"]["${key}"] = ${key}   # a numpy array or number`,
    `  json.dump(submission, open("answers.json", "w"), default=lambda value: value.tolist(), indent=1)`,
    "",
  ].join("\n");
}
