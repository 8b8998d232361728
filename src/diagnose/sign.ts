import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { isClose, numbersClose, numericPair } from "./close.ts";

/**
 * Every element must be either right or exactly negated; anything else wrong
 * means the sign is not the (whole) story. Elements whose sign cannot be told
 * within tolerance (expected about 0) count as neither right nor flipped.
 */
export const sign: Diagnoser = {
  meta: {
    id: "sign",
    description: "the received value is the expected one with the sign flipped, in all or some entries",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const pair = numericPair(input.received, input.expected);
    if (pair === null) return null;
    if (isClose(input.received, input.expected, input.tolerance)) return null;
    let signed = 0;
    let flipped = 0;
    const received = pair.received.values;
    const expected = pair.expected.values;
    for (let i = 0; i < expected.length; i++) {
      const e = expected[i] as number;
      const r = received[i] as number;
      const signMatters = !numbersClose(-e, e, input.tolerance);
      if (numbersClose(r, e, input.tolerance)) {
        if (signMatters) signed++;
      } else if (numbersClose(r, -e, input.tolerance)) {
        signed++;
        flipped++;
      } else {
        return null;
      }
    }
    if (flipped === 0) return null;
    if (pair.expected.shape.length === 0) return { code: "sign", message: "the sign is flipped" };
    if (flipped === signed) {
      return { code: "sign", message: "the sign is flipped: every non-zero entry has the opposite sign" };
    }
    return {
      code: "sign",
      message: `the sign is wrong in ${flipped} of ${signed} non-zero entries; their magnitudes are right`,
    };
  },
};
