/**
 * Who a result's flags are for. Most flags tell the student something about
 * their own answers (a 1-based label, a choice that contradicts their own
 * heatmap); some are the TA's alone: a result no honest run reaches, the
 * same value in cells that cannot share it, a claim nothing could check, or
 * the reference's own failure. Those stay in results.json, the gradebooks'
 * flags and the class summary, and out of what a student reads (their
 * report, `nngrade check` without --all, Gradescope's student view).
 */
import type { GradeResult } from "./types.ts";

/** flag codes for the TA only: suspicions of integrity, and faults of the grader or the reference rather than the student's */
export const TA_ONLY_FLAGS: ReadonlySet<string> = new Set([
  "beyond-reference",
  "identical-accuracies",
  "identical-values",
  "unverified",
  "ecf-failed",
  "cross-check-error",
  "duplicate-id",
  "not-on-roster",
  "roster-shared",
]);

/** whether a flag is the TA's alone (TA_ONLY_FLAGS) */
export function isTaOnlyFlag(flag: { code: string }): boolean {
  return TA_ONLY_FLAGS.has(flag.code);
}

/** the flags a student may read */
export function studentFlags(flags: GradeResult["flags"]): GradeResult["flags"] {
  return flags.filter((flag) => !isTaOnlyFlag(flag));
}
