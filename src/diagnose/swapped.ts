import type { Diagnoser, DiagnoseInput, Diagnosis, SiblingAnswer } from "./types.ts";
import { flattenNumeric, isClose } from "./close.ts";
import { rounded } from "./rounded.ts";
import { scale } from "./scale.ts";
import { sign } from "./sign.ts";

function significantDigits(value: number): number {
  for (let digits = 1; digits < 17; digits++) if (Number(value.toPrecision(digits)) === value) return digits;
  return 17;
}

/** what a one-way match must not also be: a slip of the answer's own value explains it without a sibling */
const OWN_SLIPS: readonly Diagnoser[] = [sign, scale, rounded];

/** A value of all zeros turns up everywhere; matching it is no evidence of a mix-up. */
function hasNonZero(value: SiblingAnswer["expected"], atol: number): boolean {
  const numeric = flattenNumeric(value);
  return (numeric?.values ?? []).some((x) => !(Math.abs(x) <= atol));
}

/**
 * Two answers exchanged (both ways), or this answer holding a sibling's value
 * (one way, the wrong field copied). The sibling's received value is compared
 * with this item's tolerance: the sibling's own is not known here.
 */
/** the exchange both ways alone: the strongest evidence there is, which a task's own known mistakes do not outrank */
export function swappedBothWays(input: DiagnoseInput): Diagnosis | null {
  const diagnosis = swapped.diagnose(input);
  return diagnosis?.message.startsWith("looks swapped with") ? diagnosis : null;
}

export const swapped: Diagnoser = {
  meta: {
    id: "swapped",
    description: "the received value belongs to a sibling item: two answers exchanged, or the wrong field copied",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const { tolerance } = input;
    if (flattenNumeric(input.received) === null) return null;
    if (isClose(input.received, input.expected, tolerance)) return null;
    // when the two expected values agree, exchanging them changes nothing
    const candidates = input.siblings.filter(
      (sibling) =>
        sibling.id !== input.itemId &&
        isClose(input.received, sibling.expected, tolerance) &&
        !isClose(sibling.expected, input.expected, tolerance),
    );
    const bothWays = candidates.find((sibling) => isClose(sibling.received, input.expected, tolerance));
    if (bothWays !== undefined) return { code: "swapped", message: `looks swapped with ${bothWays.id}` };
    // a step of hand backprop has many equal numbers (z1 = a1 = 1, L = 2): 2 for z1 is twice z1 as much as it is L
    if (OWN_SLIPS.some((slip) => slip.diagnose(input) !== null)) return null;
    // one number of one or two digits (0.01, a learning rate) turns up in many places: a match is chance
    if (typeof input.received === "number" && significantDigits(input.received) < 3) return null;
    // one way is weaker evidence: only an unambiguous, non-trivial match, and only when the student's
    // own answer there does not contradict it (their L is 0.5: a z2 of 2 equal to the true L is chance)
    const oneWay = candidates.filter(
      (sibling) =>
        hasNonZero(sibling.expected, tolerance.atol) &&
        (sibling.received === undefined || isClose(sibling.received, sibling.expected, tolerance)),
    );
    if (oneWay.length === 1 && oneWay[0] !== undefined) {
      return { code: "swapped", message: `this looks like the value of ${oneWay[0].id}` };
    }
    return null;
  },
};
