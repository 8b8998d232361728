/**
 * docs/assignments.md, written from the built-in assignments themselves: each
 * assignment's setting and each task's statement (src/docs/handouts.ts, the
 * words), then what the code says: the handout's inputs, each graded answer's
 * kind and how it is compared, points, which inputs a per-student variant
 * draws afresh, and the conventions its rubric states where the handout can be
 * read two ways. One source for every number, so the page a student reads
 * never disagrees with what is graded (a test regenerates it).
 */
import { createStream } from "../engine/random/stream.ts";
import { type Assignment, listAssignments, loadAssignment } from "../grade/assignment.ts";
import { blankAnswers } from "../grade/blank-answers.ts";
import { type ExpectedAnswer, expectedAnswers } from "../grade/expected-answers.ts";
import { fromMicro } from "../grade/points.ts";
import { variantSeed } from "../grade/variant.ts";
import { isValueObject, type Value } from "../value.ts";
import { type Handout, HANDOUTS } from "./handouts.ts";

export async function renderAssignmentDocs(): Promise<string> {
  const assignments: Assignment[] = [];
  for (const info of listAssignments()) assignments.push(await loadAssignment(info.id));
  const unknown = Object.keys(HANDOUTS).filter((id) => !assignments.some((assignment) => assignment.id === id));
  if (unknown.length > 0) throw new Error(`src/docs/handouts.ts: no built-in assignment ${unknown.join(", ")}`);
  const parts = [
    "# The built-in assignments",
    "",
    "Written by `npm run docs` from the rubrics, the reference modules and the statements in",
    "`src/docs/handouts.ts`; do not edit by hand. For each assignment: what it asks, its tasks",
    "with their answer keys and points, then task by task the handout's inputs (what",
    "`npx nngrade handout <id>` prints; `--student ID` prints one student's own), each graded",
    "answer (what `npx nngrade template <id>` leaves null), its kind and how it is compared, and",
    "the notes that say how nngrade reads the handout where it can be read two ways.",
    "",
    "Conventions throughout: row-major nested arrays; `z = x W + b` with one sample per row",
    "unless a task says otherwise; cross-entropy averaged over the samples; labels are 0-based;",
    'a curve has one value per epoch (or per iteration where a task says so), after that',
    "epoch's updates. A submission is one JSON file, `{\"assignment\": <id>, \"student\": {...},",
    '"answers": {<task>: {<answer key>: ...}}}`, as the template writes it.',
    "",
  ];
  for (const assignment of assignments) parts.push(section(assignment, handoutOf(assignment)));
  return `${parts.join("\n").trimEnd()}\n`;
}

/** the assignment's statements, every task's and no other */
function handoutOf(assignment: Assignment): Handout {
  const handout = HANDOUTS[assignment.id];
  if (handout === undefined) throw new Error(`src/docs/handouts.ts: no statement for ${assignment.id}`);
  const taskIds = assignment.plan.tasks.map((task) => task.id);
  const missing = taskIds.filter((id) => handout.tasks[id] === undefined);
  const extra = Object.keys(handout.tasks).filter((id) => !taskIds.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`src/docs/handouts.ts: ${assignment.id}: ${[...missing.map((id) => `no statement for ${id}`), ...extra.map((id) => `no task ${id}`)].join(", ")}`);
  }
  return handout;
}

function section(assignment: Assignment, handout: Handout): string {
  const lines = [`## ${assignment.title} (\`${assignment.id}\`)`, "", handout.setting, "", "| task | answer keys | points |", "| --- | --- | --- |"];
  for (const task of assignment.plan.tasks) {
    const answers = assignment.solutions.get(task.id)?.answers ?? null;
    lines.push(`| ${task.id} ${escapeCell(task.title)} | ${keysOf(blankAnswers(answers)).map((key) => `\`${key}\``).join(", ")} | ${fromMicro(task.pointsMicro)} |`);
  }
  lines.push("");
  const varying = variantTasks(assignment);
  if (varying.length > 0) {
    lines.push(
      `Per-student variants (\`--variants per-student\`, or \`"variants": "per-student"\` in the rubric): ${varying.join(", ")} draw each`,
      `student's own inputs (\`npx nngrade handout ${assignment.id} --student ID\` prints them); the other tasks keep the handout's.`,
      "",
    );
  }
  const expected = expectedAnswers(assignment);
  for (const task of assignment.plan.tasks) {
    const points = fromMicro(task.pointsMicro);
    lines.push(`### ${task.id} ${task.title} (${points} ${points === 1 ? "point" : "points"})`, "", handout.tasks[task.id]!, "");
    lines.push("The handout's inputs:", "", "```json", inline(assignment.inputs[task.id] ?? null), "```", "");
    const graded = shownAnswers(expected.filter((answer) => answer.taskId === task.id));
    if (graded.length > 0) {
      lines.push("| answer | kind | compared |", "| --- | --- | --- |");
      for (const answer of graded) lines.push(`| \`${answer.answer}\` | ${escapeCell(answer.kind)} | ${escapeCell(answer.hint)} |`);
      lines.push("");
    }
    for (const convention of task.conventions) lines.push(`- Note: ${convention}`);
    if (task.conventions.length > 0) lines.push("");
  }
  return lines.join("\n");
}

/** the tasks whose inputs a student's variant draws afresh (what the reference's variant rule returns) */
function variantTasks(assignment: Assignment): string[] {
  const draw = assignment.reference.variantInputs;
  if (draw === undefined) return [];
  const drawn = new Set(Object.keys(draw(createStream(variantSeed(assignment.id, "docs")))));
  return assignment.plan.tasks.map((task) => task.id).filter((id) => drawn.has(id));
}

/**
 * The rubric's items, less those that only repeat another: an item for one
 * element (steps[1].z1) whose [*] item (steps[*].z1) is compared the same way
 * is there for error carried forward, not for the student.
 */
function shownAnswers(answers: ExpectedAnswer[]): ExpectedAnswer[] {
  const hints = new Map(answers.map((answer) => [answer.answer, answer.hint]));
  return answers.filter((answer) => {
    const general = answer.answer.replace(/\[\d+\]/g, "[*]");
    return general === answer.answer || hints.get(general) !== answer.hint;
  });
}

/** JSON on one line, with a space after each comma and colon */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, inner]) => `${JSON.stringify(key)}: ${inline(inner)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** the answer keys a student fills, one level into lists of runs */
function keysOf(value: Value): string[] {
  if (!isValueObject(value)) return [];
  return Object.entries(value).map(([key, inner]) => {
    if (Array.isArray(inner) && inner.length > 0 && inner.every(isValueObject)) {
      const first = inner[0] as Record<string, Value>;
      return `${key}[] {${Object.keys(first).join(", ")}}`;
    }
    return key;
  });
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
