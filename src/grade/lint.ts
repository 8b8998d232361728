import { getAtPath } from "../rubric/answers.ts";
import { isValueObject, type Value } from "../value.ts";
import type { Assignment } from "./assignment.ts";
import type { ReferenceCache } from "./reference-cache.ts";
import { NO_UPSTREAM, type SolveContext, type TaskSolution } from "./reference.ts";

export interface LintWarning {
  itemId: string;
  message: string;
}

export interface LintReport {
  warnings: LintWarning[];
  /** tasks not perturbed, with the reason (a perturbed input would have to train) */
  skipped: { taskId: string; reason: string }[];
}

class WouldTrain extends Error {}

/** a cache that answers only what it already has: linting must never start a training run */
const READ_ONLY = {
  get() {
    throw new WouldTrain("would train");
  },
} as unknown as ReferenceCache;

/**
 * Warns where an item's expected value is ill-posed: nudging every fractional
 * number of the task's inputs by one ulp (up, then down) moves the reference's answer
 * beyond the item's own tolerance, so a correct student whose arithmetic
 * differs in the last bit would be marked wrong (hw4 q7's run with lr 1.0,
 * graded element-wise over all 100 epochs, is the known case). Also warns
 * where a rubric item names a diagnosis code no diagnosis can give
 * (diagnosisCodeWarnings): a typo that would silently never apply.
 */
export function lintAssignment(assignment: Assignment): LintReport {
  const warnings: LintWarning[] = diagnosisCodeWarnings(assignment);
  const skipped: LintReport["skipped"] = [];
  const context: SolveContext = { cache: assignment.reference.lintSolves ? assignment.context.cache : READ_ONLY };
  const { comparators } = assignment.registries;
  for (const task of assignment.reference.tasks) {
    const planned = assignment.plan.tasks.find((candidate) => candidate.id === task.id);
    if (!planned) continue;
    const inputs = assignment.inputs[task.id];
    const nudged: TaskSolution[] = [];
    try {
      for (const direction of [1, -1] as const) nudged.push(task.solve(nudge(inputs, direction), NO_UPSTREAM, context));
    } catch (error) {
      skipped.push({ taskId: task.id, reason: error instanceof WouldTrain ? "its answers come from training runs" : (error as Error).message });
      continue;
    }
    for (const item of planned.items) {
      // comparators that get what the reference says about an answer (bands, evaluations) have no single value to nudge
      if (comparators.expects(item.mode) !== "answer") continue;
      const original = getAtPath(assignment.solutions.get(task.id)?.answers, item.path);
      if (!original.found) continue;
      for (const solution of nudged) {
        const moved = getAtPath(solution.answers, item.path);
        if (!moved.found) continue;
        const outcome = comparators.compareWith(item.mode, moved.value as Value, original.value as Value, item.options);
        const share = typeof outcome.score === "boolean" ? Number(outcome.score) : outcome.score;
        if (share < 1) {
          warnings.push({
            itemId: item.id,
            message: "a one-ulp change of the task's inputs moves the expected answer beyond the item's tolerance: grade a prefix, a range or a property instead",
          });
          break;
        }
      }
    }
  }
  return { warnings, skipped };
}

/**
 * Codes the grader itself gives, whatever the registries hold: an exchange
 * of two answers found both ways (grade.ts, swappedBothWays) and a matrix
 * graded cell by cell but handed in transposed (diagnose-extras.ts).
 */
const GRADER_CODES = ["swapped", "transposed"] as const;

/**
 * The diagnosis codes an item of this assignment can be given: every
 * registered diagnoser's (a built-in one's id is its code; summed's "scale"
 * is scale's), the grader's own (GRADER_CODES), and the reference's named
 * mistakes of the item's answers (TaskSolution.mistakes), in name order.
 */
export function knownDiagnosisCodes(assignment: Assignment, taskId: string, paths: readonly string[]): { diagnosers: string[]; mistakes: string[] } {
  const diagnosers = new Set<string>([...assignment.registries.diagnosers.ids(), ...GRADER_CODES]);
  const mistakes = new Set<string>();
  const own = assignment.solutions.get(taskId)?.mistakes ?? {};
  for (const path of paths) for (const code of Object.keys(own[path] ?? {})) if (!diagnosers.has(code)) mistakes.add(code);
  return { diagnosers: [...diagnosers].sort(), mistakes: [...mistakes].sort() };
}

/**
 * A rubric item's `diagnosis_credit` and `feedback.diagnosis` keys that no
 * diagnosis of it can have (`"sumed"` for "summed"): each a warning naming
 * the item (its answer path as the rubric writes it) and the known codes.
 */
export function diagnosisCodeWarnings(assignment: Assignment): LintWarning[] {
  const warnings: LintWarning[] = [];
  for (const task of assignment.rubric.tasks) {
    const planned = assignment.plan.tasks.find((candidate) => candidate.id === task.id)?.items ?? [];
    for (const item of task.items) {
      const named = [
        ...Object.keys(item.diagnosis_credit ?? {}).map((code) => ({ code, field: "diagnosis_credit" })),
        ...Object.keys(item.feedback?.diagnosis ?? {}).map((code) => ({ code, field: "feedback.diagnosis" })),
      ];
      if (named.length === 0) continue;
      const paths = planned.filter((candidate) => candidate.pattern === item.answer).map((candidate) => candidate.path);
      const known = knownDiagnosisCodes(assignment, task.id, paths);
      const all = new Set([...known.diagnosers, ...known.mistakes]);
      for (const { code, field } of named) {
        if (all.has(code)) continue;
        const mistakes = known.mistakes.length === 0 ? "" : `; the reference's own mistakes here: ${known.mistakes.join(", ")}`;
        warnings.push({
          itemId: `${task.id}.${item.answer}`,
          message: `${field}: "${code}" is no diagnosis code, so it never applies; the codes are ${known.diagnosers.join(", ")}${mistakes}`,
        });
      }
    }
  }
  return warnings;
}

/**
 * every fractional number of the inputs moved to its neighbouring double, up
 * or down; integers stay, as they are exact data (labels, counts, the
 * handout's small matrices) that no student computes differently
 */
function nudge(value: unknown, direction: 1 | -1): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? value : nextDouble(value, direction);
  if (Array.isArray(value)) return value.map((inner) => nudge(inner, direction));
  if (isValueObject(value as Value)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, nudge(inner, direction)]));
  }
  return value;
}

export function nextDouble(x: number, direction: 1 | -1): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return direction * Number.MIN_VALUE;
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setFloat64(0, x);
  const bits = buffer.getBigInt64(0);
  // away from zero is +1 on the magnitude's bits for either sign
  const awayFromZero = (x > 0) === (direction > 0);
  buffer.setBigInt64(0, awayFromZero ? bits + 1n : bits - 1n);
  return buffer.getFloat64(0);
}
