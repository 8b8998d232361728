/**
 * docs/assignments.md, written from the built-in assignments themselves: each
 * task's answer keys (the template's), points, and the conventions its rubric
 * states where the handout can be read two ways. One source, so the page a
 * student reads never disagrees with what is graded (a test regenerates it).
 */
import { type Assignment, listAssignments, loadAssignment } from "../grade/assignment.ts";
import { fromMicro } from "../grade/points.ts";
import { isValueObject, type Value } from "../value.ts";
import { blankAnswers } from "../grade/blank-answers.ts";

export async function renderAssignmentDocs(): Promise<string> {
  const parts = [
    "# The built-in assignments",
    "",
    "Written by `npm run docs` from the rubrics and reference modules; do not edit by hand.",
    "Each task's answer keys are what `npx nngrade template <id>` prints; its notes say how",
    "nngrade reads the handout where it can be read two ways (`npx nngrade handout <id>` prints",
    "them too).",
    "",
  ];
  for (const info of listAssignments()) parts.push(section(await loadAssignment(info.id)));
  return `${parts.join("\n").trimEnd()}\n`;
}

function section(assignment: Assignment): string {
  const lines = [`## ${assignment.title} (\`${assignment.id}\`)`, "", "| task | answer keys | points |", "| --- | --- | --- |"];
  for (const task of assignment.plan.tasks) {
    const answers = assignment.solutions.get(task.id)?.answers ?? null;
    lines.push(`| ${task.id} ${escapeCell(task.title)} | ${keysOf(blankAnswers(answers)).map((key) => `\`${key}\``).join(", ")} | ${fromMicro(task.pointsMicro)} |`);
  }
  const noted = assignment.plan.tasks.filter((task) => task.conventions.length > 0);
  if (noted.length > 0) {
    lines.push("", "Conventions:", "");
    for (const task of noted) for (const convention of task.conventions) lines.push(`- ${task.id}: ${convention}`);
  }
  lines.push("");
  return lines.join("\n");
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
