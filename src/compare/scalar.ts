import type { Value } from "../value.ts";
import { dataNumber, describeType, formatValue } from "./format.ts";
import type { CompareOutcome } from "./types.ts";

/**
 * The verdict for a pair where either side is not finite, or undefined when both
 * are finite and a tolerance must decide. NaN matches only a NaN the rubric
 * expects and an infinity only the same infinity: two non-finite values are
 * never "close" because both are non-finite.
 */
export function nonFiniteVerdict(received: number, expected: number): boolean | undefined {
  if (Number.isNaN(expected)) return Number.isNaN(received);
  if (Number.isNaN(received)) return false;
  if (!Number.isFinite(expected)) return received === expected;
  if (!Number.isFinite(received)) return false;
  return undefined;
}

export function typeOutcome(expectedType: string, received: Value): CompareOutcome {
  return { score: false, messageId: "type", data: { expected_type: expectedType, received_type: describeType(received) } };
}

/** The reference itself has the wrong kind of value: a rubric or reference bug, never the student's. */
export function badReferenceOutcome(expected: Value): CompareOutcome {
  return { score: false, messageId: "bad-reference", data: { reference_type: describeType(expected) } };
}

/**
 * A reference answer of null means "no value" (final_w after a divergence):
 * only null matches it. Returns undefined when the expected value is not null.
 */
export function nullOutcome(received: Value, expected: Value): CompareOutcome | undefined {
  if (expected !== null) return undefined;
  if (received === null) return { score: true, messageId: "ok" };
  return { score: false, messageId: "expected-null", data: { received: formatValue(received) } };
}

/** Messages shared by every comparator. */
export const COMMON_MESSAGES = {
  type: "expected {{expected_type}}, got {{received_type}}",
  "bad-reference": "the reference answer is {{reference_type}}, which this comparison cannot use",
  "expected-null": "got {{received}}, expected no value (null)",
  "expected-null-hidden": "got {{received}}, which does not match the answer",
} as const;

/**
 * Messages of a scalar comparator; `tolerance` describes its tolerance from the data ("to {{digits}} decimal places"),
 * `within` says a passing answer that differs was within it ("within rtol {{rtol}}, atol {{atol}}")
 */
export function scalarMessages(tolerance: string, within: string): Record<string, string> {
  return {
    ok: "matches",
    // a pass whose digits differ from the expected ones says by what measure it passed
    close: `matches ${within}`,
    far: `got {{received}}, expected {{expected}} ${tolerance}`,
    "far-hidden": `got {{received}}, which does not match the answer ${tolerance}`,
    mismatch: "got {{received}}, expected {{expected}}",
    "mismatch-hidden": "got {{received}}, which does not match the answer",
    ...COMMON_MESSAGES,
  };
}

/**
 * The shared frame of relabs, sigfig and decdig: null and type checks, the
 * non-finite rule, exact copies, then the comparator's own tolerance test on
 * two finite numbers. `toleranceData` fills the tolerance part of the message.
 */
export function compareScalar<Options>(
  received: Value,
  expected: Value,
  options: Options,
  rule: {
    accepts(received: number, expected: number, options: Options): boolean;
    toleranceData(options: Options): Record<string, number>;
  },
): CompareOutcome {
  const nullCase = nullOutcome(received, expected);
  if (nullCase) return nullCase;
  if (typeof expected !== "number") return badReferenceOutcome(expected);
  if (typeof received !== "number") return typeOutcome("a number", received);
  const values = { received: dataNumber(received), expected: dataNumber(expected) };
  const verdict = nonFiniteVerdict(received, expected);
  if (verdict !== undefined) return verdict ? { score: true, messageId: "ok" } : { score: false, messageId: "mismatch", data: values };
  // an exact copy passes even where rounding makes a tolerance interval empty (|b| ~ 1e20 with 2 decimals)
  if (received === expected) return { score: true, messageId: "ok" };
  if (rule.accepts(received, expected, options)) return { score: true, messageId: "close", data: rule.toleranceData(options) };
  return { score: false, messageId: "far", data: { ...values, ...rule.toleranceData(options) } };
}
