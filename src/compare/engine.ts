import { isValueObject } from "../value.ts";
import { MAX_NESTING, nestedDeeperThan } from "./format.ts";
import { badReferenceOutcome, COMMON_MESSAGES, typeOutcome } from "./scalar.ts";
import type { Comparator } from "./types.ts";

/**
 * What the engine found when it ran the student's own model or predictions
 * (a reconstruction check, an accuracy computed from submitted labels). The
 * reference evaluates; the grader hands the verdict here as the "expected"
 * value, so that it is scored and reported like every other comparison.
 */
export interface EngineVerdict {
  /** share of the points, in [0, 1] */
  score: number;
  /** one short sentence: what the engine computed */
  message: string;
}

export function isEngineVerdict(value: unknown): value is EngineVerdict {
  return (
    isValueObject(value as never) &&
    typeof (value as EngineVerdict).score === "number" &&
    (value as EngineVerdict).score >= 0 &&
    (value as EngineVerdict).score <= 1 &&
    typeof (value as EngineVerdict).message === "string"
  );
}

export const comparator: Comparator<Record<string, never>> = {
  meta: {
    id: "engine",
    expects: "evaluation",
    diagnosable: true,
    description: "the engine runs the student's own model or predictions; the reference decides what passes",
    optionsSchema: { type: "object", additionalProperties: false },
    defaults: {},
    messages: {
      ok: "{{message}}",
      partial: "{{message}}",
      fail: "{{message}}",
      ...COMMON_MESSAGES,
      "bad-reference": "the reference gave no evaluation ({{reference_type}})",
    },
  },
  compare(received, expected) {
    // the reference has already run the answer; a hostile one is still refused before anything else looks at it
    if (nestedDeeperThan(received, MAX_NESTING)) return typeOutcome("an answer", received);
    if (!isEngineVerdict(expected)) return badReferenceOutcome(expected);
    const messageId = expected.score >= 1 ? "ok" : expected.score > 0 ? "partial" : "fail";
    return { score: expected.score, messageId, data: { message: expected.message } };
  },
};
