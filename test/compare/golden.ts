import { readFileSync } from "node:fs";
import JSON5 from "json5";
import { compareWith } from "../../src/compare/index.ts";

type GoldenCase = [received: number, expected: number, options: Record<string, number>, passes: boolean];

/** Verdicts from numpy and PrairieLearn's formulas, written by golden/make_scalar_cases.py. */
const golden = JSON5.parse(readFileSync(new URL("golden/scalar_cases.json5", import.meta.url), "utf8")) as Record<
  "relabs" | "sigfig" | "decdig",
  GoldenCase[]
>;

/** The golden cases where our verdict differs from the Python one, as readable lines (none expected). */
export function goldenDisagreements(mode: "relabs" | "sigfig" | "decdig"): { count: number; disagreements: string[] } {
  const cases = golden[mode];
  const disagreements = cases
    .filter(([received, expected, options, passes]) => (compareWith(mode, received, expected, options).score === true) !== passes)
    .map(([received, expected, options, passes]) => `${received} vs ${expected} ${JSON.stringify(options)}: python says ${passes}`);
  return { count: cases.length, disagreements };
}
