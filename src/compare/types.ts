import type { Value } from "../value.ts";

/** A JSON Schema (draft 2020-12) object, validated by ajv at rubric load. */
export type JsonSchema = Record<string, unknown>;

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

export interface Comparator<Options = Record<string, unknown>> {
  meta: ComparatorMeta<Options>;
  compare(received: Value, expected: Value, options: Options, context: CompareContext): CompareOutcome;
}
