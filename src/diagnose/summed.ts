import type { Value } from "../value.ts";
import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { flattenNumeric, isClose, numbersClose, numericPair } from "./close.ts";
import { scale } from "./scale.ts";

/**
 * Factors that describe the task but are no count a loss or gradient is
 * averaged over (scale.ts says why); everything else a reference names (N,
 * m, batch_size, train_samples) is such a count.
 */
const NOT_COUNTS: ReadonlySet<string> = new Set(["classes", "index_base"]);
/** a trained value (a band's mean, one seed's curve) is compared with another run: its ratio only roughly */
const RATIO_SLACK = 1.25;

interface Count {
  name: string;
  value: number;
}

function countsOf(factors: Record<string, number> | undefined): Count[] {
  return Object.entries(factors ?? {})
    .filter(([name, value]) => !NOT_COUNTS.has(name) && name.trim() !== "" && Number.isFinite(value) && value > 1)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value }));
}

/** received = factor x expected element by element, within the item's tolerance, and the factor shows */
function exactlyScaled(factor: number, input: DiagnoseInput): boolean {
  const pair = numericPair(input.received, input.expected);
  if (pair === null) return false;
  let shows = false;
  for (let i = 0; i < pair.expected.values.length; i++) {
    const e = pair.expected.values[i] as number;
    if (!numbersClose((pair.received.values[i] as number) / factor, e, input.tolerance)) return false;
    if (!numbersClose(factor * e, e, input.tolerance)) shows = true;
  }
  return shows;
}

/** the median of received / expected over the elements where expected is not 0; null without one */
function typicalRatio(received: Value, expected: Value): number | null {
  const r = flattenNumeric(received);
  const e = flattenNumeric(expected);
  if (r === null || e === null) return null;
  const ratios: number[] = [];
  const common = Math.min(r.values.length, e.values.length);
  for (let i = 0; i < common; i++) {
    const ratio = (r.values[i] as number) / (e.values[i] as number);
    if (Number.isFinite(ratio) && ratio > 0) ratios.push(ratio);
  }
  if (ratios.length === 0) return null;
  ratios.sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length / 2)] as number;
}

function divided(received: Value, factor: number): Value {
  if (typeof received === "number") return received / factor;
  if (Array.isArray(received)) return received.map((v) => divided(v as Value, factor));
  return received;
}

/**
 * A trained value (a loss curve graded by its properties, a band) cannot be
 * compared element by element: the answer is this count times the
 * reference's, roughly, and divided by the count it passes the item's own
 * comparison; and no other count fits the ratio as well.
 */
function repairedBy(factor: number, counts: readonly Count[], input: DiagnoseInput, typical: () => number | null): boolean {
  if (input.passes === undefined) return false;
  const ratio = typical();
  if (ratio === null) return false;
  const near = (f: number) => ratio >= f / RATIO_SLACK && ratio <= f * RATIO_SLACK;
  if (!near(factor)) return false;
  // a usual factor (10 near m = 8) that fits exactly is the better explanation
  if (scale.diagnose({ ...input, factors: {} }) !== null) return false;
  const others = counts.filter((c) => c.value !== factor && c.value !== 1 / factor);
  if (others.some((c) => near(c.value) || near(1 / c.value))) return false;
  try {
    return input.passes(divided(input.received, factor));
  } catch {
    return false;
  }
}

export const summed: Diagnoser = {
  meta: {
    id: "summed",
    description: "a loss or gradient summed where the mean is asked (or divided twice): a factor equal to a count the task names (N, m, batch size)",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    if (flattenNumeric(input.received) === null || flattenNumeric(input.expected) === null) return null;
    if (isClose(input.received, input.expected, input.tolerance)) return null;
    const counts = countsOf(input.factors);
    // the same for every count tried: worked out once, and only if a count needs it
    let ratio: number | null = null;
    let worked = false;
    const typical = () => {
      if (!worked) ratio = typicalRatio(input.received, input.expected);
      worked = true;
      return ratio;
    };
    for (const { name, value } of counts) {
      if (exactlyScaled(value, input) || repairedBy(value, counts, input, typical)) {
        return { code: "summed", message: `summed where the mean is asked: the value is ${name} times too large (missing 1/${name})` };
      }
      if (exactlyScaled(1 / value, input) || repairedBy(1 / value, counts, input, typical)) {
        return { code: "scale", message: `divided by ${name} once too often: the value is ${name} times too small` };
      }
    }
    return null;
  },
};
