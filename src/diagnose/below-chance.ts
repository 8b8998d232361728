import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { isClose } from "./close.ts";
import { scale } from "./scale.ts";

/**
 * A model that predicts one class scores that class's share, a little above
 * 1/classes (MNIST's most common digit is about 11%); it has not learned
 * either. The absolute cap keeps two classes from reaching 0.6.
 */
const CHANCE_SLACK_RELATIVE = 0.25;
const CHANCE_SLACK_ABSOLUTE = 0.025;
/** "Well above chance": at least a quarter of the way from chance to a perfect score. */
const WELL_ABOVE_SHARE = 0.25;

/** An accuracy as a fraction: 0..1 as it is, 1..100 read as a percentage; null outside both. */
function asFraction(accuracy: number): number | null {
  if (!Number.isFinite(accuracy) || accuracy < 0 || accuracy > 100) return null;
  return accuracy <= 1 ? accuracy : accuracy / 100;
}

function classCount(factors: Record<string, number> | undefined): number | null {
  const classes = factors?.classes;
  return typeof classes === "number" && Number.isSafeInteger(classes) && classes >= 2 ? classes : null;
}

/**
 * A received accuracy of at most 1 is read as a fraction even where a
 * percentage is asked: 0.79 for 79% is a unit slip, not a broken model, and
 * the fraction is the stricter reading.
 */
export const belowChance: Diagnoser = {
  meta: {
    id: "below-chance",
    description: "an accuracy at or below chance (1/classes) where the reference model learns: a bug, not over- or underfitting",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const classes = classCount(input.factors);
    if (classes === null) return null;
    if (typeof input.received !== "number" || typeof input.expected !== "number") return null;
    if (isClose(input.received, input.expected, input.tolerance)) return null;
    const expected = asFraction(input.expected);
    const received = asFraction(input.received);
    if (expected === null || received === null) return null;
    // 1.7 for 0.85 is twice the fraction, not 1.7%: read as a percentage only when no usual factor explains it
    if (input.received > 1 && input.expected <= 1 && scale.diagnose({ ...input, factors: {} }) !== null) return null;
    const chance = 1 / classes;
    if (expected < chance + WELL_ABOVE_SHARE * (1 - chance)) return null;
    const atChance = chance + Math.min(CHANCE_SLACK_RELATIVE * chance, CHANCE_SLACK_ABSOLUTE);
    if (received > atChance) return null;
    return {
      code: "below-chance",
      message: `an accuracy at or below chance (1/${classes}) means the model did not learn: look for a bug (labels, learning rate, initialisation) rather than over- or underfitting`,
    };
  },
};
