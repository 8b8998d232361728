import type { Value } from "../value.ts";
import { formatValue } from "./format.ts";
import { ATOL_DEFAULT, isClose, RTOL_DEFAULT, type RelabsOptions } from "./relabs.ts";
import { badReferenceOutcome, COMMON_MESSAGES, nullOutcome, typeOutcome } from "./scalar.ts";
import { NON_NEGATIVE_NUMBER } from "./schema.ts";
import type { Comparator } from "./types.ts";

export const SET_PARTIAL_DEFAULT = true;
/** how many extra values a message lists */
const EXTRA_SHOWN = 5;

export type SetOptions = RelabsOptions & { partial: boolean };

function isNumberList(value: Value): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === "number");
}

/** Drops values close to an earlier one: a value given twice counts once. */
function distinct(values: number[], tolerance: RelabsOptions): number[] {
  const kept: number[] = [];
  for (const v of values) if (!kept.some((k) => isClose(v, k, tolerance))) kept.push(v);
  return kept;
}

/**
 * A maximum matching between expected and received values (Kuhn's augmenting
 * paths), so that overlapping tolerances never cost a match a greedy pass would lose.
 * Returns, for each received index, the expected index it is matched to or -1.
 */
function maximumMatching(received: number[], expected: number[], tolerance: RelabsOptions): number[] {
  const matchOfReceived = received.map(() => -1);
  const canMatch = expected.map((e) => received.map((r) => isClose(r, e, tolerance)));
  const augment = (e: number, visited: boolean[]): boolean => {
    for (let r = 0; r < received.length; r++) {
      if (!canMatch[e]?.[r] || visited[r]) continue;
      visited[r] = true;
      const holder = matchOfReceived[r] ?? -1;
      if (holder === -1 || augment(holder, visited)) {
        matchOfReceived[r] = e;
        return true;
      }
    }
    return false;
  };
  for (let e = 0; e < expected.length; e++) augment(e, received.map(() => false));
  return matchOfReceived;
}

export const comparator: Comparator<SetOptions> = {
  meta: {
    id: "set",
    expects: "answer",
    diagnosable: true,
    description: "an unordered set of numbers (extrema, roots): each expected value matched by one received value",
    optionsSchema: {
      type: "object",
      properties: {
        rtol: {
          ...NON_NEGATIVE_NUMBER,
          description:
            "relative tolerance: a received value matches an expected one when |received - expected| <= atol + rtol * |expected|; a value given twice (that close) counts once",
        },
        atol: { ...NON_NEGATIVE_NUMBER, description: "absolute tolerance, added to rtol * |expected|" },
        partial: {
          type: "boolean",
          description: "true: partial credit matched / max(expected values, matched + extra values), so missing and extra values both cost; false: all or nothing",
        },
      },
      additionalProperties: false,
    },
    defaults: { rtol: RTOL_DEFAULT, atol: ATOL_DEFAULT, partial: SET_PARTIAL_DEFAULT },
    messages: {
      ok: "all values found",
      missing: "found {{matched}} of {{expected_count}} values; {{missing}} missing",
      extra: "all {{expected_count}} values found, plus {{extra}} not in the answer: {{extra_values}}",
      "missing-and-extra":
        "found {{matched}} of {{expected_count}} values; {{missing}} missing, and {{extra}} not in the answer: {{extra_values}}",
      ...COMMON_MESSAGES,
    },
  },
  compare(received, expected, options) {
    const nullCase = nullOutcome(received, expected);
    if (nullCase) return nullCase;
    if (!isNumberList(expected)) return badReferenceOutcome(expected);
    if (!isNumberList(received)) return typeOutcome("a list of numbers", received);
    const tolerance = { rtol: options.rtol, atol: options.atol };
    const wanted = distinct(expected, tolerance);
    const matchOfReceived = maximumMatching(received, wanted, tolerance);
    const matched = matchOfReceived.filter((e) => e !== -1).length;
    // an unmatched value close to a wanted one repeats a value already found: not extra
    const extras = received.filter((r, i) => matchOfReceived[i] === -1 && !wanted.some((e) => isClose(r, e, tolerance)));
    const missing = wanted.length - matched;
    const data = {
      matched,
      expected_count: wanted.length,
      missing,
      extra: extras.length,
      extra_values: extras.slice(0, EXTRA_SHOWN).map(formatValue).join(", ") + (extras.length > EXTRA_SHOWN ? ", …" : ""),
    };
    if (missing === 0 && extras.length === 0) return { score: true, messageId: "ok", data };
    const messageId = missing === 0 ? "extra" : extras.length === 0 ? "missing" : "missing-and-extra";
    const score = options.partial ? matched / Math.max(wanted.length, matched + extras.length) : false;
    return { score, messageId, data };
  },
};
