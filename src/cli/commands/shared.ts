import { NngradeError } from "../../errors.ts";

/** --min-score as given: points (12.5) or a share of the maximum (80%) */
export interface MinScore {
  value: number;
  percent: boolean;
}

/** "12.5" is points, "80%" a share of the maximum; a negative one, or one above 100%, is a usage error. */
export function parseMinScore(text: string): MinScore {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const body = percent ? trimmed.slice(0, -1).trim() : trimmed;
  const value = Number(body);
  if (body === "" || !Number.isFinite(value)) {
    throw new NngradeError("usage", `--min-score: expected points (12.5) or a percentage (80%), got "${text.slice(0, 40)}"`);
  }
  if (value < 0) throw new NngradeError("usage", `--min-score: ${trimmed} is below 0`);
  if (percent && value > 100) throw new NngradeError("usage", `--min-score: ${trimmed} is above 100%`);
  return { value, percent };
}

/**
 * Whether `score` of `maxScore` reaches the minimum, and why in words: "62.5%
 * is below 80%". The share shown is cut, never rounded, so that one below
 * the minimum never reads as reaching it. A minimum in points above the
 * maximum is a usage error: no submission could reach it.
 */
export function checkMinScore(score: number, maxScore: number, min: MinScore): { met: boolean; message: string } {
  if (!min.percent && min.value > maxScore) {
    throw new NngradeError("usage", `--min-score: ${min.value} is more than the ${maxScore} points there are`);
  }
  // compared in millionths of a point: 58% of 50 is 29, not 28.999999999999996
  const micro = (value: number) => Math.round(value * 1e6);
  if (min.percent) {
    const met = maxScore === 0 || micro(score * 100) >= micro(min.value * maxScore);
    const share = maxScore === 0 ? 100 : Math.floor((score * 100 * 100) / maxScore + 1e-9) / 100;
    return { met, message: `${share}% ${met ? "reaches" : "is below"} ${min.value}%` };
  }
  const met = micro(score) >= micro(min.value);
  return { met, message: `${score}/${maxScore} points ${met ? "reaches" : "is below"} ${min.value}` };
}
