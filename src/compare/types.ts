import type { Value } from "../value.ts";

/** A JSON Schema (draft 2020-12) object, validated by ajv at rubric load. */
export type JsonSchema = Record<string, unknown>;

/**
 * What a comparator is given as "expected", taken from the reference's solution of the task:
 * - "answer": the reference's answer at the item's path
 * - "alternatives": the accepted answers by id (TaskSolution.alternatives)
 * - "bands": the seeded runs a band is made from (TaskSolution.bands)
 * - "evaluation": the engine's verdict on the student's own answer (TaskSolution.evaluations);
 *   such an item is solved with the student's own upstream answers, right or wrong
 * Only an "answer" comparator is nudged by `rubric lint` and matched against a reference's named mistakes.
 */
export type Expects = "answer" | "alternatives" | "bands" | "evaluation";

/** every value of Expects, for checking a comparator's meta at run time */
export const EXPECTS: readonly Expects[] = ["answer", "alternatives", "bands", "evaluation"];

/**
 * Which plot suits an item's answer:
 * - "curve": a list drawn over the reference's
 * - "vector": drawn element by element (the reference's value beside the answer's), or as a curve where the
 *   reference says its points are steps of something (TaskSolution.curves: J over a grid of w)
 */
export type PlotHint = "curve" | "vector";

/** every value of PlotHint, for checking a comparator's meta at run time */
export const PLOT_HINTS: readonly PlotHint[] = ["curve", "vector"];

/** the relative and absolute tolerance an item is held to, so a diagnosis holds to the same standard */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/** the tolerance of another registered comparator's options, for comparators that nest one (array, oneof) */
export type ToleranceOf = (mode: string, options: Record<string, unknown>) => Tolerance;

/** what a comparator declares: its id and options, its message templates, what it is given as expected, its tolerance, whether it can be diagnosed and the plot that suits it */
export interface ComparatorMeta<Options> {
  /** the mode name used in rubrics: "relabs", "array", ... */
  id: string;
  description: string;
  /** JSON Schema of the options object; validated once, at rubric load */
  optionsSchema: JsonSchema;
  /** defaults merged under the rubric's options before compare is called */
  defaults: Options;
  /** message templates by messageId; `{{name}}` is filled from CompareOutcome.data */
  messages: Record<string, string>;
  /** problems a JSON Schema cannot say (min above max), each a short phrase; run at rubric load after the schema */
  checkOptions?: (options: Options) => string[];
  /** what the grader hands `compare` as "expected" (and what the reference must provide for the item) */
  expects: Expects;
  /** whether a failed answer is given to the diagnosers; a hidden item never is */
  diagnosable: boolean;
  /**
   * the tolerance of the rubric's options as given (defaults not merged), for
   * diagnoses and reports; by default their own rtol and atol, else 1e-5 and 1e-8
   */
  tolerance?: (options: Record<string, unknown>, toleranceOf: ToleranceOf) => Tolerance;
  /** which plot a visible item gets; by default none of these (a heatmap, confusion or trials plot may still fit) */
  plot?: PlotHint;
  /**
   * whether items of one rubric pattern that report one value (or curve) where
   * the reference's differ are flagged (integrity.ts): true where the answer is
   * the number or curve the student reports, not a structure that may coincide
   */
  identicalValues?: boolean;
}

/**
 * What a comparator returns: never a finished sentence, a message id and its data
 * (as ESLint rules do), so that reports can word and translate messages.
 * score: true/1 = full credit, false/0 = none, a number in (0, 1) = partial.
 */
export interface CompareOutcome {
  score: number | boolean;
  messageId: string;
  data?: Record<string, string | number>;
  /** positions of the worst elements, for reports: "[1][2]" */
  worst?: string[];
}

/** Lets composite comparators (array, oneof, curve) call another registered comparator. */
export interface CompareContext {
  compareWith(mode: string, received: Value, expected: Value, options: Record<string, unknown>): CompareOutcome;
}

/** one way of comparing an answer with what the reference expects: its meta (id, options schema, messages, what it needs) and compare() */
export interface Comparator<Options = Record<string, unknown>> {
  meta: ComparatorMeta<Options>;
  compare(received: Value, expected: Value, options: Options, context: CompareContext): CompareOutcome;
}
