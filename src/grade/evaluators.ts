/**
 * Engine evaluations written as data. An engine item's evaluation is a
 * function a reference returns (TaskSolution.evaluations): it can run the
 * student's own model, but it cannot travel in a student bundle, so a
 * self-check had to leave those items to the TA. The common ones (an
 * accuracy against the band of the reference's seeds; predicted labels
 * scored against the true labels; a reported accuracy that must be the one
 * the student's own predictions give) need only numbers: a reference gives
 * them as { evaluator, data } (TaskSolution.portableEvaluations, or a Python
 * solve's "evaluations" extra), the grader runs the evaluator named here, and
 * a bundle carries the data, so that `check`, `check --bundle` and the
 * self-check page run the same function on the same numbers.
 *
 * Pure functions over values: no file, no Node built-in (the page runs them).
 */
import { type Band, type BandOptions, bandOf } from "../compare/band.ts";
import { isValueObject, type Value, type ValueObject } from "../value.ts";
import { beyondReference } from "./integrity.ts";
import { type Evaluation, type Flag, unverifiedFlag } from "./reference.ts";

/** an engine evaluation as data: which evaluator of the grading core runs it, and its numbers */
export interface PortableEvaluation {
  evaluator: EvaluatorId;
  data: ValueObject;
}

/** what an evaluator is told besides the answer: the item it grades, and the student's own answers it depends on */
export interface EvaluationContext {
  /** the item's id, task first: "q9.val_accuracy" */
  itemId: string;
  /** the student's value of an item the graded one depends on (its rubric depends_on), right or wrong */
  upstream: (itemId: string) => Value | undefined;
}

/**
 * How an accuracy is judged against the reference's seeds: inside the band
 * (compare/band.ts, made from `samples` with `band`'s options), full credit;
 * below it but within `partial_below`, `partial_credit`; lower, nothing.
 * Above it: full credit for `above: "pass"` (a training accuracy: longer
 * training fits better), nothing for "fail" (a validation accuracy past
 * what the model reaches), and then a result past every seed is flagged.
 */
export interface AccuracyData {
  samples: number[];
  band?: Pick<BandOptions, "method" | "coverage" | "confidence" | "floor" | "range" | "sigmas">;
  partial_below?: number;
  partial_credit?: number;
  above?: "pass" | "fail";
}

/** predicted labels scored against the true ones (0-based; 1-based ones read so, for `partial_credit` of the credit) */
export interface PredictionsData extends AccuracyData {
  /** the true labels, in the order the predictions are given (the exported data set's) */
  labels: number[];
  classes: number;
  /** what the labels are of, for messages: "the validation set" (default "the data set") */
  set?: string;
}

/** a reported accuracy: it must be the accuracy of the student's own predictions (item `predictions`), within `agree_within` */
export interface ReportedAccuracyData extends PredictionsData {
  /** the item id of the predictions, one the graded item depends on: "q9.val_predictions" */
  predictions: string;
  agree_within: number;
}

interface Evaluator {
  /** what is wrong with `data`, one problem per entry; none for a usable one */
  problems(data: ValueObject): string[];
  evaluate(received: Value, data: ValueObject, context: EvaluationContext): Evaluation;
}

const fmt = (x: number) => String(Number(x.toFixed(4)));

/** an accuracy as a fraction: 0..1 as it is, (1, 100] read as a percentage */
export function asFraction(value: Value | undefined): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) return undefined;
  return value <= 1 ? value : value / 100;
}

/** labels as given (0-based), or shifted down when every one is in 1..classes and one is `classes` */
export type ReadLabels = { labels: number[]; oneBased: boolean } | { problem: string };

/** predicted labels read for scoring (`name` and `set` word its problems): 0-based as given, 1-based shifted down, else the problem */
export function readLabels(value: Value | undefined, count: number, classes: number, name = "the predictions", set = "the data set"): ReadLabels {
  if (!Array.isArray(value)) return { problem: `${name} is not a list of labels` };
  if (value.length !== count) return { problem: `${name} has ${value.length} labels, ${set} ${count}` };
  if (!value.every((v) => typeof v === "number" && Number.isInteger(v))) return { problem: `${name} must be whole-number labels` };
  const labels = value as number[];
  if (labels.every((v) => v >= 0 && v < classes)) return { labels, oneBased: false };
  if (labels.every((v) => v >= 1 && v <= classes)) return { labels: labels.map((v) => v - 1), oneBased: true };
  return { problem: `${name} must be labels 0-${classes - 1}` };
}

/** the share of `labels` equal to `truth`, position by position */
export function accuracyOf(labels: readonly number[], truth: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (labels[i] === truth[i]) correct++;
  return correct / truth.length;
}

function bandFor(data: AccuracyData): Band {
  return bandOf(data.samples, data.band ?? {});
}

/** an accuracy against the band of the seeds (AccuracyData) */
export function accuracyVerdict(accuracy: number, data: AccuracyData): { score: number; message: string } {
  const { low, high, mean, basis } = bandFor(data);
  const band = `${fmt(low)}–${fmt(high)} (${basis})`;
  if (accuracy >= low && accuracy <= high) return { score: 1, message: `within the reference band ${band}` };
  if (accuracy > high && data.above !== "fail") return { score: 1, message: `above the reference band ${band}: a longer fit` };
  if (accuracy > high) return { score: 0, message: `above the reference band ${band}: more than the reference's model reaches here` };
  if (accuracy >= low - (data.partial_below ?? 0)) {
    return { score: data.partial_credit ?? 0.5, message: `below the reference band ${band}: the model learned, but a tuned one reaches about ${fmt(mean)}` };
  }
  return { score: 0, message: `far below the reference band ${band}` };
}

/** "q9.val_accuracy" -> "q9: val_accuracy", as flags name an item */
function flagSubject(itemId: string): string {
  const dot = itemId.indexOf(".");
  return dot < 0 ? itemId : `${itemId.slice(0, dot)}: ${itemId.slice(dot + 1)}`;
}

/** a reported accuracy past the band and every seed, where nothing above the band passes */
function beyond(data: AccuracyData, itemId: string, reported: number): Flag | undefined {
  if (data.above !== "fail") return undefined;
  return beyondReference(itemId, reported, data.samples, bandFor(data), "higher");
}

function withFlag(evaluation: Evaluation, flag: Flag | undefined): Evaluation {
  return flag === undefined ? evaluation : { ...evaluation, flag };
}

/** the part of an item id after its task: "q9.val_predictions" -> "val_predictions" */
function answerName(itemId: string): string {
  const dot = itemId.indexOf(".");
  return dot < 0 ? itemId : itemId.slice(dot + 1);
}

const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function accuracyProblems(data: ValueObject): string[] {
  const problems: string[] = [];
  if (!Array.isArray(data.samples) || data.samples.length === 0 || !data.samples.every(isFiniteNumber)) {
    problems.push("samples: expected the seeds' accuracies, a non-empty list of finite numbers");
  }
  if (data.band !== undefined && !isValueObject(data.band)) problems.push("band: expected the band's options, an object");
  for (const key of ["partial_below", "partial_credit"] as const) {
    const value = data[key];
    if (value !== undefined && !(isFiniteNumber(value) && value >= 0 && (key !== "partial_credit" || value <= 1))) {
      problems.push(`${key}: expected a number${key === "partial_credit" ? " in [0, 1]" : " >= 0"}`);
    }
  }
  if (data.above !== undefined && data.above !== "pass" && data.above !== "fail") problems.push('above: expected "pass" or "fail"');
  if (data.set !== undefined && typeof data.set !== "string") problems.push("set: expected what the labels are of, a string");
  return problems;
}

function predictionsProblems(data: ValueObject): string[] {
  const problems = accuracyProblems(data);
  if (!(Number.isInteger(data.classes) && (data.classes as number) >= 2)) problems.push("classes: expected a whole number >= 2");
  const classes = data.classes as number;
  if (!Array.isArray(data.labels) || data.labels.length === 0 || !data.labels.every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < classes)) {
    problems.push("labels: expected the true labels, a non-empty list of whole numbers 0 to classes - 1");
  }
  return problems;
}

const EVALUATORS: Record<EvaluatorId, Evaluator> = {
  accuracy: {
    problems: accuracyProblems,
    evaluate(received, data, { itemId }) {
      const reported = asFraction(received);
      if (reported === undefined) return { score: 0, message: "an accuracy is a number between 0 and 1" };
      const verdict = accuracyVerdict(reported, data as unknown as AccuracyData);
      return withFlag({ score: verdict.score, message: `${fmt(reported)}, ${verdict.message}` }, beyond(data as unknown as AccuracyData, itemId, reported));
    },
  },
  predictions: {
    problems: predictionsProblems,
    evaluate(received, raw, { itemId }) {
      const data = raw as unknown as PredictionsData;
      const read = readLabels(received, data.labels.length, data.classes, answerName(itemId), data.set);
      if ("problem" in read) return { score: 0, message: read.problem };
      const computed = accuracyOf(read.labels, data.labels);
      const verdict = accuracyVerdict(computed, data);
      if (!read.oneBased) return { score: verdict.score, message: `your predictions score ${fmt(computed)}, ${verdict.message}` };
      return {
        score: verdict.score * (data.partial_credit ?? 0.5),
        message: `labels look 1-based (0-based here): read so, your predictions score ${fmt(computed)}, ${verdict.message}`,
      };
    },
  },
  "reported-accuracy": {
    problems(data) {
      const problems = predictionsProblems(data);
      if (typeof data.predictions !== "string" || !data.predictions.includes(".")) problems.push('predictions: expected the predictions\' item id, "task.answer"');
      if (!(isFiniteNumber(data.agree_within) && data.agree_within >= 0)) problems.push("agree_within: expected a number >= 0");
      return problems;
    },
    evaluate(received, raw, { itemId, upstream }) {
      const data = raw as unknown as ReportedAccuracyData;
      const reported = asFraction(received);
      if (reported === undefined) return { score: 0, message: "an accuracy is a number between 0 and 1" };
      const name = answerName(data.predictions);
      const own = upstream(data.predictions);
      const read = own === undefined ? undefined : readLabels(own, data.labels.length, data.classes, name, data.set);
      const above = beyond(data, itemId, reported);
      if (read === undefined || "problem" in read) {
        // a plausible accuracy nothing can check: the partial credit at most, and the TA is told
        const verdict = accuracyVerdict(reported, data);
        const unchecked: Evaluation = {
          score: verdict.score * (data.partial_credit ?? 0.5),
          message: `${fmt(reported)}, ${verdict.message}; no readable ${name} to check it against`,
        };
        const flag = unchecked.score > 0 ? unverifiedFlag(`${flagSubject(itemId)} ${fmt(reported)} is not checked (no readable ${name}): partial credit at most`) : undefined;
        return withFlag(unchecked, above ?? flag);
      }
      const computed = accuracyOf(read.labels, data.labels);
      if (Math.abs(reported - computed) > data.agree_within) {
        return withFlag({ score: 0, message: `reported ${fmt(reported)}, but your ${name} score ${fmt(computed)} on the labels of ${data.set ?? "the data set"}` }, above);
      }
      const verdict = accuracyVerdict(reported, data);
      return withFlag({ score: verdict.score, message: `${fmt(reported)}, the accuracy of your ${name}, ${verdict.message}` }, above);
    },
  },
};

/** the evaluators of the grading core, by the id a reference names */
export type EvaluatorId = "accuracy" | "predictions" | "reported-accuracy";

export const EVALUATOR_IDS = Object.keys(EVALUATORS) as EvaluatorId[];

function isEvaluatorId(id: unknown): id is EvaluatorId {
  return typeof id === "string" && Object.hasOwn(EVALUATORS, id);
}

/** what is wrong with a portable evaluation as a reference wrote it, one problem per entry ("" paths are the spec's own) */
export function portableEvaluationProblems(spec: unknown): string[] {
  if (!isValueObject(spec as Value)) return ['expected {"evaluator": name, "data": {...}}'];
  const { evaluator, data } = spec as { evaluator?: unknown; data?: unknown };
  if (!isEvaluatorId(evaluator)) return [`evaluator: expected one of ${EVALUATOR_IDS.join(", ")}, got ${JSON.stringify(evaluator)}`];
  if (!isValueObject(data as Value)) return ["data: expected an object"];
  return EVALUATORS[evaluator].problems(data as ValueObject).map((problem) => `data.${problem}`);
}

/**
 * Runs a portable evaluation on a student's answer. The spec was checked
 * when the rubric was planned (plan.ts, portableEvaluationProblems), for a
 * bundle's as for a reference's: grading a class runs this per item and
 * answer, and does not walk 2,000 labels again each time.
 */
export function evaluatePortable(spec: PortableEvaluation, received: Value, context: EvaluationContext): Evaluation {
  const evaluator = EVALUATORS[spec.evaluator];
  if (evaluator === undefined) throw new Error(`portable evaluation of ${context.itemId}: no evaluator ${JSON.stringify(spec.evaluator)}`);
  return evaluator.evaluate(received, spec.data, context);
}
