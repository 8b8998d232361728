import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { beforeUpdate } from "./before-update.ts";
import { belowChance } from "./below-chance.ts";
import { oneBased } from "./one-based.ts";
import { order } from "./order.ts";
import { percentage } from "./percentage.ts";
import { probabilities } from "./probabilities.ts";
import { rounded } from "./rounded.ts";
import { scale } from "./scale.ts";
import { shifted } from "./shifted.ts";
import { sign } from "./sign.ts";
import { summed } from "./summed.ts";
import { swapped } from "./swapped.ts";
import { transposed } from "./transposed.ts";
import { DiagnoserRegistry } from "./registry.ts";

export { isClose } from "./close.ts";
export { swappedBothWays } from "./swapped.ts";
export { DiagnoserRegistry } from "./registry.ts";
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

export const diagnosers: ReadonlyMap<string, Diagnoser> = createRegistry([
  beforeUpdate,
  belowChance,
  oneBased,
  order,
  percentage,
  probabilities,
  rounded,
  scale,
  shifted,
  sign,
  summed,
  swapped,
  transposed,
]);

/**
 * The most specific explanation first, so that a student is told the cause
 * that accounts for the most evidence:
 * - before-update: the answer is the task's own previous value of it (the
 *   reference's trace says so); first, because that value is also a sibling's
 *   (the step before) and often near a rounding of the right one.
 * - swapped: the whole answer equals another concrete value of the task (and,
 *   both ways, that value's answer equals this one): two independent matches.
 * - transposed: every element matches, rearranged; needs a non-symmetric matrix.
 * - order: every value right, listed in another order; a permutation fits no
 *   pattern below (a sorted list is not a shifted one), so it goes early.
 * - one-based: every label off by exactly one. Before shifted: labels in
 *   order (0, 1, 2, ...) moved up by one are also that sequence moved one place,
 *   and for integer labels the numbering is the likelier cause.
 * - shifted: every epoch of a curve matches its neighbour, at >= 3 points and
 *   with the unshifted curve wrong at >= 2; a transformation no element-wise
 *   constant below can imitate on a moving curve.
 * - probabilities: every element matches the softmax (or sigmoid) of the
 *   other side, a whole nonlinear function; nothing below fits it by chance.
 *   After swapped: z and yhat are siblings in q2, and an exchange of the two
 *   is the stronger evidence.
 * - below-chance: an accuracy at chance says the training is broken; before
 *   scale, because 0.079 for 0.79 is more often a broken model than a
 *   misplaced decimal point, and a factor `classes` would otherwise be read as
 *   a missing 1/classes.
 * - percentage: where the task asks for a fraction, numbers above 1 and at
 *   most 100 are a percentage whatever else they match; after below-chance
 *   (7.8 for 0.52 is a model at chance, in percent).
 * - summed: a count the task names (N, m, batch size) as the factor; before
 *   sign and scale, since the named count says why, and it can repair a
 *   trained answer (a band, a curve graded by its properties) that no
 *   element-wise comparison explains.
 * - sign, scale: one constant applied to every element; sign before scale as
 *   -1 is the commoner slip and the two never overlap (scale factors are > 0).
 * - rounded last: it only says the answer is near the right one; when a
 *   sharper explanation fits, that is the more useful hint.
 */
export const DIAGNOSIS_ORDER: readonly string[] = [
  "before-update",
  "swapped",
  "transposed",
  "order",
  "one-based",
  "shifted",
  "probabilities",
  "below-chance",
  "percentage",
  "summed",
  "sign",
  "scale",
  "rounded",
];

function inOrder(registry: ReadonlyMap<string, Diagnoser>, order: readonly string[]): Diagnoser[] {
  const missing = [...registry.keys()].filter((id) => !order.includes(id));
  if (missing.length > 0) throw new Error(`diagnose: no priority for ${missing.join(", ")}`);
  return order.map((id) => {
    const diagnoser = registry.get(id);
    if (diagnoser === undefined) throw new Error(`diagnose: unknown diagnoser "${id}" in the priority order`);
    return diagnoser;
  });
}

/** The built-in diagnosers in DIAGNOSIS_ORDER, the registry every grading starts from. */
export const builtinDiagnosers = new DiagnoserRegistry(inOrder(diagnosers, DIAGNOSIS_ORDER));

/** The first diagnosis of the built-in diagnosers in priority order, or null when no known mistake explains the answer. */
export function diagnose(input: DiagnoseInput): Diagnosis | null {
  return builtinDiagnosers.diagnose(input);
}
