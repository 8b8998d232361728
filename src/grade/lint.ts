import { type BandOptions, type BandSamples, bandOf } from "../compare/band.ts";
import { formatNumber } from "../compare/format.ts";
import { getAtPath } from "../rubric/answers.ts";
import { isValueObject, type Value } from "../value.ts";
import type { Assignment } from "./assignment.ts";
import { fractionPathsIn } from "./diagnose-extras.ts";
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
 * (diagnosisCodeWarnings): a typo that would silently never apply; and
 * where an item passes every value its answer can take (acceptsAnyWarnings).
 */
export function lintAssignment(assignment: Assignment): LintReport {
  const warnings: LintWarning[] = [...diagnosisCodeWarnings(assignment), ...acceptsAnyWarnings(assignment)];
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

/** the interval an item accepts whatever the student answers, or undefined when it decides something */
function acceptedEverywhere(mode: string, options: Record<string, unknown>, samples: BandSamples | undefined, fraction: boolean): string | undefined {
  // an accuracy is a share: [0, 1] is all it can be
  const domain: [number, number] = fraction ? [0, 1] : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const covers = (low: number, high: number) => low <= domain[0] && high >= domain[1];
  if (mode === "range") {
    const low = typeof options.min === "number" ? options.min : Number.NEGATIVE_INFINITY;
    const high = typeof options.max === "number" ? options.max : Number.POSITIVE_INFINITY;
    if (!covers(low, high)) return undefined;
    if (Number.isFinite(low) && Number.isFinite(high)) return `its range ${formatNumber(low)} to ${formatNumber(high)}`;
    return Number.isFinite(low) ? `its range from ${formatNumber(low)} up` : Number.isFinite(high) ? `its range up to ${formatNumber(high)}` : "its range, unbounded,";
  }
  if (mode === "band" && samples !== undefined && samples.samples.length > 0) {
    const band = bandOf(samples, options as BandOptions);
    const range = (options.range ?? []) as (number | null)[];
    // the band reaches its range's ends (clipped there), which hold every value the answer can take
    const low = typeof range[0] === "number" && band.low <= range[0] ? Number.NEGATIVE_INFINITY : band.low;
    const high = typeof range[1] === "number" && band.high >= range[1] ? Number.POSITIVE_INFINITY : band.high;
    return covers(low, high) ? `its band ${formatNumber(band.low)} to ${formatNumber(band.high)} (${band.basis})` : undefined;
  }
  return undefined;
}

/**
 * Items whose comparison passes every value the answer can take: a range of
 * [0, 1] on an accuracy, a band whose seeds spread so far that it reaches
 * both ends of its range. Their points are given for any number, and a
 * message beside them that quotes the seeds' spread ("0.13 to 0.81") reads
 * as if something were checked: the TA is told, with the cells, so that
 * the points can go where they decide something (or stay, knowingly).
 */
export function acceptsAnyWarnings(assignment: Assignment): LintWarning[] {
  const warnings: LintWarning[] = [];
  for (const task of assignment.plan.tasks) {
    const solution = assignment.solutions.get(task.id);
    const byPattern = new Map<string, { what: string; paths: string[]; micro: number }>();
    for (const item of task.items) {
      if (item.pointsMicro === 0) continue;
      const fraction = fractionPathsIn(solution?.fractions, item.path).includes("");
      const what = acceptedEverywhere(item.mode, item.options as Record<string, unknown>, solution?.bands?.[item.path], fraction);
      if (what === undefined) continue;
      const entry = byPattern.get(item.pattern) ?? { what, paths: [], micro: 0 };
      entry.paths.push(item.path);
      entry.micro += item.pointsMicro;
      byPattern.set(item.pattern, entry);
    }
    for (const [pattern, { what, paths, micro }] of byPattern) {
      const cells = paths.length === 1 ? "" : ` (${paths.length} answers: ${paths.slice(0, 3).join(", ")}${paths.length > 3 ? ", ..." : ""})`;
      warnings.push({
        itemId: `${task.id}.${pattern}`,
        message: `every value passes: ${what} holds all the answer can be, so its ${formatNumber(micro / 1e6)} point(s)${cells} are earned by any number in it; grade something these answers decide, or keep the points knowingly`,
      });
    }
  }
  return warnings;
}
