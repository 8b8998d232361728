import { loadAssignment } from "../../grade/assignment.ts";
import { assignmentFor, variantMode } from "../../grade/variant.ts";
import { toPythonJson } from "../../result/python-json.ts";
import type { Value } from "../../value.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { blankAnswers, formatExpectedAnswers } from "./template.ts";
import { expectedAnswers } from "../../grade/expected-answers.ts";
import { resolveAssignment } from "../../grade/course.ts";

export interface HandoutOptions {
  assignment: string;
  student?: string;
  json: boolean;
}

/**
 * A student's inputs for every task: the handout's numbers, or with
 * --student the numbers drawn for that student (what `check --variants
 * per-student` grades against), and the answers template to fill in.
 */
export async function handoutCommand(options: HandoutOptions, io: CommandIo): Promise<number> {
  const base = await loadAssignment(resolveAssignment(options.assignment, io.cwd));
  const student = options.student?.trim();
  const assignment = student ? assignmentFor(base, student, "per-student") : base;
  // which numbers a grade uses is the rubric's choice: a handout that would not be graded as printed says so
  const graded = variantMode(base);
  if (base.reference.variantInputs !== undefined) {
    if (student && graded === "default") {
      io.stderr(`nngrade: ${base.id} grades everyone on the handout's numbers (the rubric's variants: default); these are ${student}'s own, graded with --variants per-student\n`);
    } else if (!student && graded === "per-student") {
      io.stderr(`nngrade: ${base.id} gives each student their own numbers: --student <id> prints theirs; these are the handout's\n`);
    }
  }
  const answers: Record<string, Value> = {};
  for (const [taskId, solution] of assignment.solutions) answers[taskId] = blankAnswers(solution.answers);
  const described = expectedAnswers(assignment);
  const expected: Record<string, Record<string, { shape: number[] | null; kind: string; hint: string }>> = {};
  for (const { taskId, answer, shape, kind, hint } of described) expected[taskId] = { ...expected[taskId], [answer]: { shape, kind, hint } };
  const handout = {
    assignment: assignment.id,
    student: student ? { id: student } : undefined,
    variant: student && base.reference.variantInputs ? "per-student" : "default",
    inputs: assignment.inputs,
    conventions: Object.fromEntries(assignment.plan.tasks.filter((task) => task.conventions.length > 0).map((task) => [task.id, task.conventions])),
    template: { assignment: assignment.id, student: { id: student ?? "", name: "" }, answers },
    // by task, then by the rubric item's answer path: what the template's nulls should become
    expected,
  };
  if (options.json) {
    io.stdout(`${toPythonJson(handout, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout(`${assignment.title} (${assignment.id}), ${handout.variant === "per-student" ? `inputs of student ${student}` : "the handout's inputs"}\n\n`);
  for (const task of assignment.plan.tasks) {
    io.stdout(`${task.id}  ${task.title}\n${indent(compact(assignment.inputs[task.id] ?? null))}\n`);
    for (const convention of task.conventions) io.stdout(`${indent(`note: ${convention}`)}\n`);
    io.stdout("\n");
  }
  io.stdout(`answers template (save as answers.json):\n${toPythonJson(handout.template, 2)}\n`);
  io.stdout(`\neach answer, and how it is compared:\n${formatExpectedAnswers(described)}`);
  return EXIT.ok;
}

/** one line per key; lists of numbers (a matrix row, the labels) stay on one line */
function compact(value: unknown, depth = 0): string {
  const pad = "  ".repeat(depth + 1);
  if (Array.isArray(value)) {
    const inner = value.map((item) => compact(item, depth + 1));
    const flat = `[${inner.join(", ")}]`;
    return flat.length <= 72 && !flat.includes("\n") ? flat : `[\n${inner.map((line) => pad + line).join(",\n")}\n${"  ".repeat(depth)}]`;
  }
  if (value !== null && typeof value === "object") {
    const lines = Object.entries(value).map(([key, inner]) => `${pad}${key}: ${compact(inner, depth + 1)}`);
    return `{\n${lines.join("\n")}\n${"  ".repeat(depth)}}`;
  }
  return toPythonJson(value);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
