import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { numericPair } from "./close.ts";

const ONE_BASED = "labels look 1-based: labels are 0-based here";
const ZERO_BASED = "numbered from 0: this question numbers from 1";

/**
 * How the answer key numbers its labels. A rubric may say so with the factor
 * index_base (0 or 1); otherwise a 0 in the key shows a 0-based key, and a key
 * without one is left open.
 */
function keyBase(expected: readonly number[], factors: Record<string, number> | undefined): 0 | 1 | null {
  const declared = factors?.index_base;
  if (declared === 0 || declared === 1) return declared;
  return expected.includes(0) ? 0 : null;
}

function offsetEverywhere(received: readonly number[], expected: readonly number[], offset: number): boolean {
  return expected.every((e, i) => received[i] === e + offset);
}

/**
 * Labels or point numbers (a vector of non-negative integers) off by one in
 * every entry. With the key's base left open, the labels of ASSIGNMENTS.md
 * are 0-based by convention, so +1 reads as 1-based labels, and -1 (no 0-based
 * slip gives it) as a 1-based key numbered from 0.
 */
export const oneBased: Diagnoser = {
  meta: {
    id: "one-based",
    description: "labels or point numbers off by one everywhere: numbered from 1 where 0 is first, or the reverse",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const pair = numericPair(input.received, input.expected);
    if (pair === null || pair.expected.shape.length !== 1) return null;
    const received = pair.received.values;
    const expected = pair.expected.values;
    // beyond the safe integers e + 1 may equal e, and a right answer would look shifted
    if (!expected.every((e) => Number.isSafeInteger(e + 1) && e >= 0)) return null;
    // a constant vector moved by one is another class, not another numbering
    if (new Set(expected).size < 2) return null;
    const base = keyBase(expected, input.factors);
    if (base !== 1 && offsetEverywhere(received, expected, 1)) return { code: "one-based", message: ONE_BASED };
    if (base !== 0 && received.every((r) => r >= 0) && offsetEverywhere(received, expected, -1)) return { code: "one-based", message: ZERO_BASED };
    return null;
  },
};
