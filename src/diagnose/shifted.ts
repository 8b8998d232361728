import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { flattenNumeric, numbersClose, type Tolerance } from "./close.ts";

/** Two points fit almost any pair of neighbours; three aligned points are evidence. */
const MIN_OVERLAP = 3;
/** One wrong value is a wrong value; a shift shows at every epoch where the curve still moves. */
const MIN_UNSHIFTED_MISSES = 2;

interface Shift {
  /** received[k + offset] is compared with expected[k] */
  offset: number;
  message: string;
}

/**
 * Recording J before the update puts J(w0) first and every later value one
 * place late; starting the record after the second epoch puts every value one
 * place early. Late comes first: it is the commoner slip, and a curve that
 * alternates between two values fits both.
 */
const SHIFTS: readonly Shift[] = [
  { offset: 1, message: "the curve is shifted by one epoch: record the value after each epoch's update" },
  { offset: -1, message: "the curve is shifted by one epoch: the first epoch is missing" },
];

/** Every value that both curves have at this offset agrees, and there are enough of them. */
function alignsAt(offset: number, received: readonly number[], expected: readonly number[], tolerance: Tolerance): boolean {
  let overlap = 0;
  for (let k = Math.max(0, -offset); k < expected.length && k + offset < received.length; k++) {
    if (!numbersClose(received[k + offset] as number, expected[k] as number, tolerance)) return false;
    overlap++;
  }
  return overlap >= MIN_OVERLAP;
}

function unshiftedMisses(received: readonly number[], expected: readonly number[], tolerance: Tolerance): number {
  let misses = 0;
  const common = Math.min(received.length, expected.length);
  for (let k = 0; k < common; k++) if (!numbersClose(received[k] as number, expected[k] as number, tolerance)) misses++;
  return misses;
}

export const shifted: Diagnoser = {
  meta: {
    id: "shifted",
    description: "a curve (one value per epoch) shifted by one epoch: recorded before each update, or missing the first epoch",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const received = flattenNumeric(input.received);
    const expected = flattenNumeric(input.expected);
    if (received === null || expected === null) return null;
    if (received.shape.length !== 1 || expected.shape.length !== 1) return null;
    // one value more or less is what a shift leaves behind; more is a different curve
    if (Math.abs(received.values.length - expected.values.length) > 1) return null;
    if (unshiftedMisses(received.values, expected.values, input.tolerance) < MIN_UNSHIFTED_MISSES) return null;
    const shift = SHIFTS.find((candidate) => alignsAt(candidate.offset, received.values, expected.values, input.tolerance));
    return shift === undefined ? null : { code: "shifted", message: shift.message };
  },
};
