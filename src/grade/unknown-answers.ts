import { isValueObject } from "../value.ts";
import type { Assignment } from "./assignment.ts";

/**
 * Answers filed under a name the assignment does not have ("Q1", "grad_w")
 * are otherwise just "not answered": say where they are and what was
 * probably meant, so a student loses no points to a typo they cannot see.
 */
export function unknownAnswers(assignment: Assignment, answers: Record<string, unknown>): string[] {
  const notes: string[] = [];
  const also = assignment.answerNames ?? {};
  const taskIds = [...new Set([...assignment.solutions.keys(), ...Object.keys(also)])];
  for (const key of Object.keys(answers)) {
    const solution = assignment.solutions.get(key);
    if (!solution && !Object.hasOwn(also, key)) {
      notes.push(describe(`answers/${key}`, key, taskIds));
      continue;
    }
    const given = answers[key];
    if (!isValueObject(given)) continue;
    const expectedKeys = [...new Set([...Object.keys(solution?.answers ?? {}), ...(Object.hasOwn(also, key) ? (also[key] ?? []) : [])])];
    for (const inner of Object.keys(given)) {
      if (!expectedKeys.includes(inner)) notes.push(describe(`answers/${key}/${inner}`, inner, expectedKeys));
    }
  }
  return notes;
}

function describe(where: string, name: string, known: string[]): string {
  const guess = closest(name, known);
  return guess === undefined ? `${where} is not asked for` : `${where} is not asked for (did you mean ${guess}?)`;
}

/** a known name that differs only in case, or by one edit */
function closest(name: string, known: string[]): string | undefined {
  const lower = name.toLowerCase();
  return known.find((candidate) => candidate.toLowerCase() === lower) ?? known.find((candidate) => withinOneEdit(candidate, name));
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // after the first difference the rest must match with one character replaced, dropped or added
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}
