import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { rounded } from "./rounded.ts";
import { scale } from "./scale.ts";
import { sign } from "./sign.ts";
import { swapped } from "./swapped.ts";
import { transposed } from "./transposed.ts";

export { isClose } from "./close.ts";
export type { Diagnoser, DiagnoseInput, Diagnosis, SiblingAnswer } from "./types.ts";

/** Builds a registry keyed and sorted by id; a duplicate id is a programming error. */
export function createRegistry(diagnosers: readonly Diagnoser[]): ReadonlyMap<string, Diagnoser> {
  const sorted = [...diagnosers].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
  const registry = new Map<string, Diagnoser>();
  for (const diagnoser of sorted) {
    if (registry.has(diagnoser.meta.id)) throw new Error(`diagnose: duplicate diagnoser id "${diagnoser.meta.id}"`);
    registry.set(diagnoser.meta.id, diagnoser);
  }
  return registry;
}

export const diagnosers: ReadonlyMap<string, Diagnoser> = createRegistry([rounded, scale, sign, swapped, transposed]);

/**
 * The most specific explanation first, so that a student is told the cause
 * that accounts for the most evidence:
 * - swapped: the whole answer equals another concrete value of the task (and,
 *   both ways, that value's answer equals this one): two independent matches.
 * - transposed: every element matches, rearranged; needs a non-symmetric matrix.
 * - sign, scale: one constant applied to every element; sign before scale as
 *   -1 is the commoner slip and the two never overlap (scale factors are > 0).
 * - rounded last: it only says the answer is near the right one; when a
 *   sharper explanation fits, that is the more useful hint.
 */
export const DIAGNOSIS_ORDER: readonly string[] = ["swapped", "transposed", "sign", "scale", "rounded"];

function inOrder(registry: ReadonlyMap<string, Diagnoser>, order: readonly string[]): Diagnoser[] {
  const missing = [...registry.keys()].filter((id) => !order.includes(id));
  if (missing.length > 0) throw new Error(`diagnose: no priority for ${missing.join(", ")}`);
  return order.map((id) => {
    const diagnoser = registry.get(id);
    if (diagnoser === undefined) throw new Error(`diagnose: unknown diagnoser "${id}" in the priority order`);
    return diagnoser;
  });
}

const ordered = inOrder(diagnosers, DIAGNOSIS_ORDER);

/** The first diagnosis in priority order, or null when no known mistake explains the answer. */
export function diagnose(input: DiagnoseInput): Diagnosis | null {
  for (const diagnoser of ordered) {
    const diagnosis = diagnoser.diagnose(input);
    if (diagnosis !== null) return diagnosis;
  }
  return null;
}

