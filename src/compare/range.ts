import { dataNumber } from "./format.ts";
import { COMMON_MESSAGES, nullOutcome, typeOutcome } from "./scalar.ts";
import type { Comparator } from "./types.ts";

/** Either bound may be left out; both are inclusive. */
export type RangeOptions = { min?: number; max?: number };

export const comparator: Comparator<RangeOptions> = {
  meta: {
    id: "range",
    expects: "answer",
    diagnosable: true,
    description: "a number within [min, max] (a chaotic run's last value known only to lie in a range)",
    optionsSchema: {
      type: "object",
      properties: {
        min: { type: "number", description: "the smallest value accepted, inclusive; left out: no lower bound" },
        max: { type: "number", description: "the largest value accepted, inclusive; left out: no upper bound" },
      },
      minProperties: 1,
      additionalProperties: false,
    },
    defaults: {},
    messages: {
      ok: "within the accepted range",
      below: "got {{received}}, below the accepted minimum {{min_expected}}",
      "below-hidden": "got {{received}}, which is too small",
      above: "got {{received}}, above the accepted maximum {{max_expected}}",
      "above-hidden": "got {{received}}, which is too large",
      "not-finite": "got {{received}}, expected a finite number",
      ...COMMON_MESSAGES,
    },
    checkOptions: ({ min, max }) => (min !== undefined && max !== undefined && min > max ? [`min ${min} is above max ${max}`] : []),
  },
  // the expected value only says whether an answer exists at all (null after a divergence); the range decides
  compare(received, expected, options) {
    const nullCase = nullOutcome(received, expected);
    if (nullCase) return nullCase;
    if (typeof received !== "number") return typeOutcome("a number", received);
    // a range describes real numbers: NaN and the infinities lie outside it, whichever bound is open
    if (!Number.isFinite(received)) return { score: false, messageId: "not-finite", data: { received: dataNumber(received) } };
    if (options.min !== undefined && received < options.min) {
      return { score: false, messageId: "below", data: { received, min_expected: options.min } };
    }
    if (options.max !== undefined && received > options.max) {
      return { score: false, messageId: "above", data: { received, max_expected: options.max } };
    }
    return { score: true, messageId: "ok" };
  },
};
