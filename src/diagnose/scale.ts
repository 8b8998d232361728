import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { isClose, numbersClose, numericPair } from "./close.ts";

interface FactorCandidate {
  factor: number;
  message: string;
}

const LOSS_HALF = "check the 1/2 in the loss or the lambda convention";

/**
 * Factors that have a usual cause. An arbitrary ratio (received = 1.37 x expected)
 * is not a diagnosis: it says nothing a student can act on.
 */
const COMMON_FACTORS: readonly FactorCandidate[] = [
  { factor: 2, message: `a factor 2 too large: ${LOSS_HALF}` },
  { factor: 0.5, message: `a factor 2 too small: ${LOSS_HALF}` },
  { factor: 10, message: "10 times too large: check the units or the decimal point" },
  { factor: 0.1, message: "10 times too small: check the units or the decimal point" },
  { factor: 100, message: "100 times too large: this looks like a percentage where a fraction is asked" },
  { factor: 0.01, message: "100 times too small: this looks like a fraction where a percentage is asked" },
];

/**
 * Factors that describe the task but never scale an answer: a model with 10
 * classes does not make an accuracy 10 times too large, and a 1-based
 * numbering is not a factor at all (other diagnosers read these).
 */
const NOT_SCALES: ReadonlySet<string> = new Set(["classes", "index_base"]);

/** The item's own factors (N samples, batch size) come first: they name the cause, a bare 2 only guesses. */
function candidates(factors: Record<string, number> | undefined): FactorCandidate[] {
  const named: FactorCandidate[] = [];
  const entries = Object.entries(factors ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of entries) {
    if (NOT_SCALES.has(name) || name.trim() === "" || typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value === 1) continue;
    named.push({ factor: value, message: `missing 1/${name}: the value is ${name} times too large` });
    named.push({ factor: 1 / value, message: `divided by ${name} once too often: the value is ${name} times too small` });
  }
  return [...named, ...COMMON_FACTORS];
}

/** received / factor passes the item's own tolerance everywhere, and the factor shows somewhere. */
function explainedBy(factor: number, received: readonly number[], expected: readonly number[], input: DiagnoseInput): boolean {
  let factorShows = false;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    if (!numbersClose((received[i] as number) / factor, e, input.tolerance)) return false;
    if (!numbersClose(factor * e, e, input.tolerance)) factorShows = true;
  }
  return factorShows;
}

export const scale: Diagnoser = {
  meta: {
    id: "scale",
    description: "the received value is the expected one times a known constant factor (N, 1/N, 2, 10, 100)",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const pair = numericPair(input.received, input.expected);
    if (pair === null) return null;
    if (isClose(input.received, input.expected, input.tolerance)) return null;
    // a fraction of exactly 0 or 1 (a perfect accuracy) is a result of its own, not twice a 0.5
    if (input.fractions?.includes("") && (input.received === 1 || input.received === 0)) return null;
    for (const candidate of candidates(input.factors)) {
      if (explainedBy(candidate.factor, pair.received.values, pair.expected.values, input)) {
        return { code: "scale", message: candidate.message };
      }
    }
    return null;
  },
};
