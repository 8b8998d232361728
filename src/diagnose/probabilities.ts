import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { allClose, isClose, type NumericArray, numbersClose, numericPair, type Tolerance } from "./close.ts";

const SOFTMAX_GIVEN = "these look like softmax probabilities; the question asks for the scores before the softmax";
const SOFTMAX_MISSING = "these look like raw scores (logits); apply the softmax";
const SIGMOID_GIVEN = "these look like sigmoid outputs; the question asks for the values before the sigmoid";
const SIGMOID_MISSING = "these look like values before the sigmoid; apply the sigmoid";

/** Softmax of each row, shifted by the row's maximum so that large scores do not overflow; null for non-finite input. */
function softmaxRows(matrix: NumericArray): number[] | null {
  if (!matrix.values.every(Number.isFinite)) return null;
  const columns = matrix.shape[1] as number;
  const out: number[] = [];
  for (let start = 0; start < matrix.values.length; start += columns) {
    const row = matrix.values.slice(start, start + columns);
    const max = row.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    const exps = row.map((x) => Math.exp(x - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    for (const e of exps) out.push(e / sum);
  }
  return out;
}

function sigmoidAll(array: NumericArray): number[] | null {
  if (!array.values.every(Number.isFinite)) return null;
  return array.values.map((x) => 1 / (1 + Math.exp(-x)));
}

/**
 * Probabilities that say nothing: uniform rows come out of any constant row of
 * scores (all zeros, a blank answer), so matching them is no evidence.
 */
function uninformative(probabilities: readonly number[], uniform: number, tolerance: Tolerance): boolean {
  return probabilities.every((p) => numbersClose(p, uniform, tolerance));
}

/**
 * Probabilities of only 0 and 1 (a one-hot matrix) are the activation of any
 * scores with wide enough gaps (100 times the one-hot itself): no evidence.
 */
function certain(probabilities: readonly number[], tolerance: Tolerance): boolean {
  return probabilities.every((p) => numbersClose(p, 0, tolerance) || numbersClose(p, 1, tolerance));
}

interface Activation {
  apply(array: NumericArray): number[] | null;
  /** the output of the activation on inputs that carry no information */
  uniform(array: NumericArray): number;
  given: string;
  missing: string;
}

/**
 * Softmax first: on a matrix of class scores it is the usual output
 * activation; the sigmoid covers binary outputs and hidden codes.
 */
const ACTIVATIONS: readonly Activation[] = [
  {
    apply: (array) => (array.shape.length === 2 && (array.shape[1] as number) >= 2 ? softmaxRows(array) : null),
    uniform: (array) => 1 / (array.shape[1] as number),
    given: SOFTMAX_GIVEN,
    missing: SOFTMAX_MISSING,
  },
  { apply: sigmoidAll, uniform: () => 0.5, given: SIGMOID_GIVEN, missing: SIGMOID_MISSING },
];

export const probabilities: Diagnoser = {
  meta: {
    id: "probabilities",
    description: "probabilities (softmax by row, or sigmoid) where the scores before the activation are asked, or the reverse",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const pair = numericPair(input.received, input.expected);
    if (pair === null) return null;
    // a single number is the sigmoid of some other number: no evidence
    if (pair.expected.values.length < 2) return null;
    if (isClose(input.received, input.expected, input.tolerance)) return null;
    const { received, expected } = pair;
    for (const activation of ACTIVATIONS) {
      const uniform = activation.uniform(expected);
      const fromExpected = activation.apply(expected);
      if (fromExpected !== null && !uninformative(fromExpected, uniform, input.tolerance)) {
        if (allClose(received.values, fromExpected, input.tolerance)) return { code: "probabilities", message: activation.given };
      }
      const fromReceived = activation.apply(received);
      if (fromReceived !== null && !uninformative(expected.values, uniform, input.tolerance) && !certain(expected.values, input.tolerance)) {
        if (allClose(fromReceived, expected.values, input.tolerance)) return { code: "probabilities", message: activation.missing };
      }
    }
    return null;
  },
};
