import { isValueObject } from "../value.ts";
import { comparator as array } from "./array.ts";
import { comparator as curve } from "./curve.ts";
import { comparator as decdig } from "./decdig.ts";
import { comparator as exact } from "./exact.ts";
import { comparator as range } from "./range.ts";
import { comparator as relabs } from "./relabs.ts";
import { badReferenceOutcome, COMMON_MESSAGES, nullOutcome } from "./scalar.ts";
import { taggedUnion, withMode } from "./schema.ts";
import { comparator as set } from "./set.ts";
import { comparator as sigfig } from "./sigfig.ts";
import type { Comparator, CompareOutcome } from "./types.ts";
import { nestedTolerance } from "./stated-tolerance.ts";

/** Comparators an alternative may be judged with; oneof itself is left out, alternatives do not nest. */
const INNER_COMPARATORS = [array, curve, decdig, exact, range, relabs, set, sigfig];

export const CREDIT_DEFAULT = 1;
export const INNER_DEFAULT = { mode: "relabs" };

export type Alternative = { id: string; credit?: number };
export type OneofOptions = {
  compare: { mode: string; [option: string]: unknown };
  /** in the order they are tried; by default every alternative of the reference, at full credit */
  alternatives?: Alternative[];
};

/** Failures that say the answer is unreadable the same way for every alternative are passed on as they are. */
const SHARED_FAILURES = new Set(["type", "shape"]);

function numericScore(outcome: CompareOutcome): number {
  return typeof outcome.score === "boolean" ? (outcome.score ? 1 : 0) : outcome.score;
}

export const comparator: Comparator<OneofOptions> = {
  meta: {
    id: "oneof",
    expects: "alternatives",
    diagnosable: true,
    tolerance: (options, toleranceOf) => nestedTolerance(options.compare, options, toleranceOf),
    description: "one of several accepted answers (1/||w|| or 2/||w||), each with its own credit and feedback",
    optionsSchema: {
      type: "object",
      properties: {
        compare: {
          ...taggedUnion(
            "mode",
            INNER_COMPARATORS.map((inner) => withMode(inner.meta.id, inner.meta.optionsSchema)),
          ),
          description:
            "how the answer is compared with each accepted answer: a mode and its options beside it, each option left out taking that mode's default",
        },
        alternatives: {
          type: "array",
          minItems: 1,
          description:
            "the accepted answers to try, in order, each with its credit; the highest score times credit wins, a full match winning a tie. Left out: every accepted answer of the reference, at full credit",
          items: {
            type: "object",
            properties: {
              id: {
                type: "string",
                minLength: 1,
                description: "the accepted answer's name in the reference; a name the reference lacks fails the item",
              },
              credit: {
                type: "number",
                minimum: 0,
                maximum: 1,
                default: CREDIT_DEFAULT,
                description: "share of the item's points a full match earns; a partial match earns its own score times this",
              },
            },
            required: ["id"],
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    defaults: { compare: INNER_DEFAULT },
    messages: {
      ok: "matches",
      matched: "matches the accepted answer {{alternative}}",
      partial: "comes closest to the accepted answer {{alternative}}, for part of the credit",
      none: "matches none of the {{alternatives}} accepted answers",
      "missing-alternative": "the reference has no alternative named {{alternative}}",
      shape: "expected {{expected_shape}}, got {{received_shape}}",
      ...COMMON_MESSAGES,
    },
  },
  compare(received, expected, options, context) {
    const nullCase = nullOutcome(received, expected);
    if (nullCase) return nullCase;
    if (!isValueObject(expected)) return badReferenceOutcome(expected);
    const { mode, ...innerOptions } = options.compare;
    const alternatives: Alternative[] = options.alternatives ?? Object.keys(expected).map((id) => ({ id }));
    let best: { alternative: Alternative; outcome: CompareOutcome; score: number; full: boolean } | undefined;
    const outcomes: CompareOutcome[] = [];
    for (const alternative of alternatives) {
      const value = expected[alternative.id];
      if (value === undefined) return { score: false, messageId: "missing-alternative", data: { alternative: alternative.id } };
      const outcome = context.compareWith(mode, received, value, innerOptions);
      outcomes.push(outcome);
      const full = numericScore(outcome) === 1;
      const score = numericScore(outcome) * (alternative.credit ?? CREDIT_DEFAULT);
      // at equal credit a full match wins, so that a known mistake listed at credit 0 still gets its feedback
      if (best === undefined || score > best.score || (score === best.score && full && !best.full)) {
        best = { alternative, outcome, score, full };
      }
    }
    if (best === undefined || (best.score === 0 && !best.full)) {
      const first = outcomes[0];
      const sameFailure =
        first !== undefined &&
        SHARED_FAILURES.has(first.messageId) &&
        outcomes.every((o) => o.messageId === first.messageId && JSON.stringify(o.data) === JSON.stringify(first.data));
      if (sameFailure) return { score: false, messageId: first.messageId, data: first.data ?? {} };
      return { score: false, messageId: "none", data: { alternatives: alternatives.length } };
    }
    const credit = best.alternative.credit ?? CREDIT_DEFAULT;
    const data = { alternative: best.alternative.id, credit };
    if (best.full) return { score: credit === 1 ? true : credit, messageId: "matched", data };
    return { score: best.score, messageId: "partial", data, ...(best.outcome.worst ? { worst: best.outcome.worst } : {}) };
  },
};
