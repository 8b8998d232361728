import { NngradeError } from "../../errors.ts";

/** "12.5" is points, "80%" a share of the maximum. */
export function parseMinScore(text: string, maxScore: number): number {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const number = Number(percent ? trimmed.slice(0, -1) : trimmed);
  if (trimmed === "" || !Number.isFinite(number) || number < 0) {
    throw new NngradeError("usage", `--min-score: expected points (12.5) or a percentage (80%), got "${text}"`);
  }
  return percent ? (number / 100) * maxScore : number;
}
