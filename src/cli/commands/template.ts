import { loadAssignment } from "../../grade/assignment.ts";
import { toPythonJson } from "../../report/python-json.ts";
import { isValueObject, numericShape, type Value } from "../../value.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../main.ts";

/** Every answer becomes null; lists of runs keep their objects so students see the keys. */
export function blankAnswers(value: Value): Value {
  if (Array.isArray(value)) {
    if (numericShape(value) !== null) return null;
    return value.every(isValueObject) ? value.map(blankAnswers) : null;
  }
  if (isValueObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, blankAnswers(inner)]));
  return null;
}

export async function templateCommand(options: { assignment: string }, io: CommandIo): Promise<number> {
  const assignment = await loadAssignment(options.assignment);
  const answers: Record<string, Value> = {};
  for (const [taskId, solution] of assignment.solutions) answers[taskId] = blankAnswers(solution.answers);
  const template = { assignment: assignment.id, student: { id: "", name: "" }, answers };
  io.stdout(`${toPythonJson(template, 2)}\n`);
  return EXIT.ok;
}
