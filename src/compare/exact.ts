import type { Value } from "../value.ts";
import { describeType, formatPosition, formatValue } from "./format.ts";
import { badReferenceOutcome, COMMON_MESSAGES, nullOutcome, typeOutcome } from "./scalar.ts";
import type { Comparator, CompareOutcome } from "./types.ts";

export const CASE_SENSITIVE_DEFAULT = false;
export const TRIM_DEFAULT = true;
export const UNORDERED_DEFAULT = false;
const WORST_COUNT = 5;

/** aliases: other spellings a fair grader accepts for a choice ("minimum" for "min"), mapped to it */
/** unordered: a flat list compared as a set of values (support vectors B, C, D, F in any order) */
export type ExactOptions = {
  case_sensitive: boolean;
  trim: boolean;
  unordered: boolean;
  choices?: string[];
  aliases?: Record<string, string>;
};

type Leaf = string | number | boolean | null;

interface LeafPair {
  path: number[];
  /** undefined where the received list is too short or not a list at all */
  received: Value | undefined;
  expected: Leaf;
}

function isLeaf(value: Value): value is Leaf {
  return value === null || typeof value !== "object";
}

/** A reference value this comparator can use: leaves and lists of them, at any depth. */
function isExactValue(value: Value): boolean {
  return isLeaf(value) || (Array.isArray(value) && value.every(isExactValue));
}

function normalize(text: string, options: ExactOptions): string {
  let result = text.normalize("NFC");
  if (options.trim) result = result.trim();
  result = options.case_sensitive ? result : result.toLowerCase();
  for (const [alias, canonical] of Object.entries(options.aliases ?? {})) {
    if (result === normalizeSpelling(alias, options)) return normalizeSpelling(canonical, options);
  }
  return result;
}

function normalizeSpelling(text: string, options: ExactOptions): string {
  const result = options.trim ? text.normalize("NFC").trim() : text.normalize("NFC");
  return options.case_sensitive ? result : result.toLowerCase();
}

function sameLeaf(received: Value | undefined, expected: Leaf, options: ExactOptions): boolean {
  if (typeof expected === "string") return typeof received === "string" && normalize(received, options) === normalize(expected, options);
  // NaN is equal only to a NaN the reference expects
  if (typeof expected === "number") return typeof received === "number" && (received === expected || (Number.isNaN(received) && Number.isNaN(expected)));
  return received === expected;
}

function pairLeaves(received: Value | undefined, expected: Value, path: number[] = [], into: LeafPair[] = []): LeafPair[] {
  if (isLeaf(expected)) {
    into.push({ path, received, expected });
  } else if (Array.isArray(expected)) {
    const receivedList = Array.isArray(received) && received.length === expected.length ? received : undefined;
    expected.forEach((item, i) => {
      pairLeaves(receivedList?.[i], item, [...path, i], into);
    });
  }
  return into;
}

function isFlatList(value: Value): value is Leaf[] {
  return Array.isArray(value) && value.every(isLeaf);
}

/** both sides sorted by their normalised spelling, so that equal sets pair up element by element */
function sortedLeaves(values: Leaf[], options: ExactOptions): Leaf[] {
  const key = (leaf: Leaf) => (typeof leaf === "string" ? `s:${normalize(leaf, options)}` : `${typeof leaf}:${String(leaf)}`);
  return [...values].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The first string, in reading order, that is not among the allowed choices. */
function firstNonChoice(pairs: LeafPair[], options: ExactOptions): LeafPair | undefined {
  const { choices } = options;
  if (choices === undefined) return undefined;
  const allowed = new Set(choices.map((c) => normalize(c, options)));
  return pairs.find((p) => typeof p.received === "string" && !allowed.has(normalize(p.received, options)));
}

export const comparator: Comparator<ExactOptions> = {
  meta: {
    id: "exact",
    expects: "answer",
    diagnosable: true,
    description: "booleans, labels, choices, integers and null, alone or in lists, compared exactly",
    optionsSchema: {
      type: "object",
      properties: {
        case_sensitive: {
          type: "boolean",
          description: "false: strings (and choices and aliases) are compared lowercased; true: case must match",
        },
        trim: {
          type: "boolean",
          description: "true: leading and trailing whitespace is stripped from strings (and choices and aliases) before comparing",
        },
        choices: {
          type: "array",
          items: { type: "string" },
          minItems: 1,
          description:
            "the strings an answer may be: a received string not among them (after trim, case and aliases) fails as not a choice before it is compared; left out: any string",
        },
        aliases: {
          type: "object",
          additionalProperties: { type: "string" },
          description:
            'other spellings accepted for a value, mapped to it ({"minimum": "min"}): applied to received, expected and choices, after trim and case',
        },
        unordered: {
          type: "boolean",
          description: "true: two flat lists match when they hold the same values as often, in any order; a nested list is still compared in order",
        },
      },
      additionalProperties: false,
    },
    defaults: { case_sensitive: CASE_SENSITIVE_DEFAULT, trim: TRIM_DEFAULT, unordered: UNORDERED_DEFAULT },
    messages: {
      ok: "matches",
      mismatch: "got {{received}}, expected {{expected}}",
      "mismatch-hidden": "got {{received}}, which is not the answer",
      "not-a-choice": "{{received}} is not one of {{choices}}",
      length: "expected {{expected_length}} values, got {{received_length}}",
      elements: "{{bad}} of {{total}} values differ; the first, at {{first_at}}, is {{first_received}} (expected {{first_expected}})",
      "elements-hidden": "{{bad}} of {{total}} values differ; the first, at {{first_at}}, is {{first_received}}",
      ...COMMON_MESSAGES,
    },
  },
  compare(received, expected, options): CompareOutcome {
    const nullCase = nullOutcome(received, expected);
    if (nullCase) return nullCase;
    if (!isExactValue(expected)) return badReferenceOutcome(expected);
    if (isLeaf(expected) ? received === null || typeof received !== typeof expected : !Array.isArray(received)) {
      return typeOutcome(Array.isArray(expected) ? "a list" : describeType(expected), received);
    }
    if (Array.isArray(expected) && Array.isArray(received) && received.length !== expected.length) {
      return { score: false, messageId: "length", data: { expected_length: expected.length, received_length: received.length } };
    }
    const pairs = options.unordered && isFlatList(received) && isFlatList(expected)
      ? pairLeaves(sortedLeaves(received, options), sortedLeaves(expected, options))
      : pairLeaves(received, expected);
    const nonChoice = firstNonChoice(pairs, options);
    if (nonChoice !== undefined) {
      return {
        score: false,
        messageId: "not-a-choice",
        data: { received: formatValue(nonChoice.received ?? null), choices: (options.choices ?? []).map(formatValue).join(", ") },
        ...(nonChoice.path.length > 0 ? { worst: [formatPosition(nonChoice.path)] } : {}),
      };
    }
    const bad = pairs.filter((p) => !sameLeaf(p.received, p.expected, options));
    const first = bad[0];
    if (first === undefined) return { score: true, messageId: "ok" };
    if (!Array.isArray(expected)) {
      return { score: false, messageId: "mismatch", data: { received: formatValue(received), expected: formatValue(expected) } };
    }
    return {
      score: false,
      messageId: "elements",
      data: {
        bad: bad.length,
        total: pairs.length,
        first_at: formatPosition(first.path),
        first_received: first.received === undefined ? "nothing" : formatValue(first.received),
        first_expected: formatValue(first.expected),
      },
      worst: bad.slice(0, WORST_COUNT).map((p) => formatPosition(p.path)),
    };
  },
};
