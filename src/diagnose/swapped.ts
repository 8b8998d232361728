import type { Diagnoser, DiagnoseInput, Diagnosis, SiblingAnswer } from "./types.ts";
import { flattenNumeric, isClose } from "./close.ts";

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
