import type { GradeResult, ItemResult, TaskResult } from "../../src/result/types.ts";

/** one item of a result by its full id ("q3.grad_W"); a missing one fails the test loudly */
export function item(result: GradeResult, id: string): ItemResult {
  const found = result.tasks.flatMap((task) => task.items).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

export function task(result: GradeResult, id: string): TaskResult {
  const found = result.tasks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no task ${id}`);
  return found;
}

/** ids of the items that did not pass, in report order */
export function notPassed(result: GradeResult): string[] {
  return result.tasks.flatMap((t) => t.items).filter((i) => i.status !== "pass").map((i) => i.id);
}

export function flagCodes(result: GradeResult): string[] {
  return result.flags.map((flag) => flag.code);
}

/** every number of an answer rounded to `decimals` places, as a student rounds */
export function roundAll(value: unknown, decimals: number): unknown {
  if (typeof value === "number") return Number(value.toFixed(decimals));
  if (Array.isArray(value)) return value.map((inner) => roundAll(inner, decimals));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, roundAll(inner, decimals)]));
  }
  return value;
}
