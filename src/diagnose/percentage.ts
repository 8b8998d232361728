import { expandWildcards, getAtPath } from "../rubric/answers.ts";
import type { Value } from "../value.ts";
import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";

const MESSAGE = "this looks like a percentage where a fraction is asked: give accuracies between 0 and 1";

/** the numbers of `value` at the fraction paths; null when one of them is not a finite number */
function fractionNumbers(value: Value, paths: readonly string[]): number[] | null {
  const numbers: number[] = [];
  for (const pattern of paths) {
    let concrete: string[];
    try {
      concrete = pattern === "" ? [""] : expandWildcards(pattern, value);
    } catch {
      return null; // the student's answer is not the list the path runs through
    }
    for (const path of concrete) {
      const found = path === "" ? { found: true, value } : getAtPath(value, path);
      if (!found.found) return null;
      const collect = (v: unknown): boolean => {
        if (typeof v === "number") {
          if (!Number.isFinite(v)) return false;
          numbers.push(v);
          return true;
        }
        return Array.isArray(v) && v.every(collect);
      };
      if (!collect(found.value)) return null;
    }
  }
  return numbers;
}

/** a percentage is about 100 times the fraction; a trained accuracy differs from the reference's run by far less than this */
const RATIO_SLACK = 1.5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Where the task asks for fractions (accuracies), an answer whose every such
 * number lies in [0, 100], at least one above 1, and typically about 100
 * times the reference's fractions is a percentage (1.7 for 0.85 is twice the
 * fraction, not 1.7%). Read in the answer itself, so a list of trials (an
 * engine item with no element-wise reference) is read as well as a scalar:
 * its accuracies are compared as a whole, by their medians.
 */
export const percentage: Diagnoser = {
  meta: {
    id: "percentage",
    description: "percentages where the task asks for fractions (accuracies between 0 and 1)",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    const paths = input.fractions;
    if (paths === undefined || paths.length === 0) return null;
    const numbers = fractionNumbers(input.received, paths);
    if (numbers === null || numbers.length === 0) return null;
    if (!numbers.every((n) => n >= 0 && n <= 100) || !numbers.some((n) => n > 1)) return null;
    const reference = fractionNumbers(input.expected, paths);
    if (reference === null || reference.length === 0 || !reference.every((n) => n >= 0 && n <= 1)) return null;
    const ratio = median(numbers) / median(reference);
    if (!(ratio >= 100 / RATIO_SLACK && ratio <= 100 * RATIO_SLACK)) return null;
    return { code: "percentage", message: MESSAGE };
  },
};
