import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { isClose, numbersClose, numericPair, type Tolerance } from "./close.ts";

/** Students round to at most this many decimals or significant digits; more is not "too coarse". */
const MAX_ROUNDING_DIGITS = 6;
/** Beyond this, float64 has no digits left to keep. */
const MAX_SIGNIFICANT_DIGITS = 15;
/** Slack for the binary representation of decimals (0.1 * 10 is not exactly 1). */
const FLOAT_SLACK = 1e-9;

/** received has no digits below 10^-decimals (decimals may be negative: a multiple of 100). */
function hasAtMostDecimals(received: number, decimals: number): boolean {
  const scaled = received * 10 ** decimals;
  if (!Number.isFinite(scaled)) return false;
  return Math.abs(scaled - Math.round(scaled)) <= FLOAT_SLACK * Math.max(1, Math.abs(scaled));
}

/**
 * received is expected cut to `decimals` decimals: rounded by any rule (half up,
 * half even, by hand) or truncated, which students do as well.
 */
function cutTo(received: number, expected: number, decimals: number): boolean {
  if (!hasAtMostDecimals(received, decimals)) return false;
  const unit = 10 ** -decimals;
  if (Math.abs(received - expected) <= (unit / 2) * (1 + FLOAT_SLACK)) return true;
  // the float product may land just below an integer (0.29 * 100); then rounding matched above
  const truncated = Math.trunc(expected * 10 ** decimals) / 10 ** decimals;
  return Math.abs(received - truncated) <= unit * FLOAT_SLACK;
}

function isRoundedForm(received: number, expected: number): boolean {
  if (!Number.isFinite(received) || !Number.isFinite(expected)) return false;
  for (let k = 0; k <= MAX_ROUNDING_DIGITS; k++) if (cutTo(received, expected, k)) return true;
  if (expected === 0) return false;
  const magnitude = Math.floor(Math.log10(Math.abs(expected)));
  for (let k = 1; k <= MAX_ROUNDING_DIGITS; k++) if (cutTo(received, expected, k - 1 - magnitude)) return true;
  return false;
}

/** Significant digits a number is written with: 1.0 and 0.5 have one, 0.33 and 1200 two. */
function significantDigitsOf(value: number): number {
  for (let digits = 1; digits <= MAX_SIGNIFICANT_DIGITS; digits++) if (Number(value.toPrecision(digits)) === value) return digits;
  return MAX_SIGNIFICANT_DIGITS;
}

/**
 * A single number cut to one significant digit (1 for 1.02, 1.0 for an
 * accuracy of 0.97) is more often another value than a rounding: a perfect
 * accuracy, a parameter before its update. Rounding is evidence when it shows
 * in two elements (a cut that still passes counts: it shows the habit), or in
 * one failing element that keeps at least two digits.
 */
function roundingShows(received: readonly number[], expected: readonly number[], tolerance: Tolerance): boolean {
  let cut = 0;
  for (let i = 0; i < expected.length; i++) {
    const r = received[i] as number;
    const e = expected[i] as number;
    if (r === e || !isRoundedForm(r, e)) continue;
    if (!numbersClose(r, e, tolerance) && r !== 0 && significantDigitsOf(r) >= 2) return true;
    cut++;
  }
  return cut >= 2;
}

/** Fewest significant digits with which every expected element passes the item's tolerance. */
export function significantDigitsNeeded(expected: readonly number[], tolerance: Tolerance): number | null {
  for (let digits = 1; digits <= MAX_SIGNIFICANT_DIGITS; digits++) {
    const passes = expected.every((e) => !Number.isFinite(e) || numbersClose(Number(e.toPrecision(digits)), e, tolerance));
    if (passes) return digits;
  }
  return null;
}

export const rounded: Diagnoser = {
  meta: {
    id: "rounded",
    description: "the received value is the expected one rounded to too few decimals or significant digits",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const pair = numericPair(input.received, input.expected);
    if (pair === null) return null;
    if (isClose(input.received, input.expected, input.tolerance)) return null;
    const received = pair.received.values;
    const expected = pair.expected.values;
    // all zeros "rounds" any small number; that is a wrong answer, not a rounding
    if (!received.some((r) => r !== 0)) return null;
    for (let i = 0; i < expected.length; i++) {
      const r = received[i] as number;
      const e = expected[i] as number;
      if (!numbersClose(r, e, input.tolerance) && !isRoundedForm(r, e)) return null;
    }
    if (!roundingShows(received, expected, input.tolerance)) return null;
    const digits = significantDigitsNeeded(expected, input.tolerance);
    if (digits === null) return { code: "rounded", message: "rounded too coarsely: keep more digits" };
    const unit = digits === 1 ? "digit" : "digits";
    return { code: "rounded", message: `rounded too coarsely: keep at least ${digits} significant ${unit}` };
  },
};
