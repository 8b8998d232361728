import { allClose, numericPair } from "./close.ts";
import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";

const MESSAGE = "the values are right but not in the order the question asks for";

/**
 * A vector whose values are all right but listed in another order (J at the
 * extrema by value instead of by w). Both sides are sorted and compared with
 * the item's own tolerance; an answer that is already in order is not this.
 */
export const order: Diagnoser = {
  meta: { id: "order", description: "the right values in the wrong order" },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const pair = numericPair(input.received, input.expected);
    if (pair === null || pair.expected.shape.length !== 1) return null;
    const received = pair.received.values;
    const expected = pair.expected.values;
    if (expected.length < 2 || received.length !== expected.length) return null;
    if (![...received, ...expected].every(Number.isFinite)) return null;
    if (allClose(received, expected, input.tolerance)) return null;
    const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);
    return allClose(ascending(received), ascending(expected), input.tolerance) ? { code: "order", message: MESSAGE } : null;
  },
};
