import type { Value } from "../value.ts";
import { dataNumber, formatPosition } from "./format.ts";
import { ATOL_DEFAULT, isClose, RTOL_DEFAULT } from "./relabs.ts";
import { badReferenceOutcome, COMMON_MESSAGES, nullOutcome, typeOutcome } from "./scalar.ts";
import { NON_NEGATIVE_NUMBER } from "./schema.ts";
import { CURVE_PROPERTY_MESSAGES, CURVE_PROPERTY_SCHEMA, type CurveProperty, checkProperty } from "./curve-properties.ts";
import type { Comparator, CompareOutcome } from "./types.ts";

export type { CurveProperty } from "./curve-properties.ts";

export type CurveOptions = {
  /** compare only the first `prefix` values element by element; by default all of them */
  prefix?: number;
  /**
   * "asked": the curve has exactly as many values as the reference's, the
   * epochs the handout asks for ("10 epochs, 50 asked" fails); "any": the
   * student chooses the epochs, or the run may stop early (at a divergence).
   * By default "asked" without a prefix and "any" with one.
   */
  length?: CurveLength;
  rtol: number;
  atol: number;
  properties: CurveProperty[];
};

export type CurveLength = "asked" | "any";

const WORST_COUNT = 5;

function isNumberList(value: Value): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === "number");
}

/** Element-wise comparison of the first `count` values; values[i] is after epoch i + 1. */
function compareEpochs(received: number[], expected: number[], count: number, options: CurveOptions): CompareOutcome | undefined {
  const bad: number[] = [];
  for (let i = 0; i < count; i++) {
    if (!isClose(received[i] as number, expected[i] as number, options)) bad.push(i);
  }
  const first = bad[0];
  if (first === undefined) return undefined;
  return {
    score: false,
    messageId: "epoch",
    data: {
      epoch: first + 1,
      received: dataNumber(received[first] as number),
      expected: dataNumber(expected[first] as number),
      bad: bad.length,
      compared: count,
    },
    worst: bad.slice(0, WORST_COUNT).map((i) => formatPosition([i])),
  };
}

export const comparator: Comparator<CurveOptions> = {
  meta: {
    id: "curve",
    expects: "answer",
    diagnosable: true,
    plot: "curve",
    identicalValues: true,
    description:
      "a curve of one value per epoch: its first values element by element, then properties (converges, non-increasing, diverges, does-not-settle)",
    optionsSchema: {
      type: "object",
      properties: {
        prefix: {
          type: "integer",
          minimum: 0,
          description:
            "how many first values are compared element by element (no more than the reference has); the curve needs at least that many. Left out: all the reference's values",
        },
        length: {
          enum: ["asked", "any"],
          description:
            "asked: the curve has exactly as many values as the reference's; any: the student chooses the epochs, or the run may stop early. Left out: asked without a prefix, any with one",
        },
        rtol: {
          ...NON_NEGATIVE_NUMBER,
          description: "relative tolerance of each value compared: |received - expected| <= atol + rtol * |expected|",
        },
        atol: { ...NON_NEGATIVE_NUMBER, description: "absolute tolerance of each value compared, added to rtol * |expected|" },
        properties: {
          type: "array",
          items: CURVE_PROPERTY_SCHEMA,
          description:
            "checks of the student's whole curve, in order, after the values compared; the first that fails fails the item. Kinds: converges, non-increasing, diverges, does-not-settle",
        },
      },
      additionalProperties: false,
    },
    defaults: { rtol: RTOL_DEFAULT, atol: ATOL_DEFAULT, properties: [] },
    messages: {
      ok: "the curve matches",
      // values compared that pass without being equal: by what measure
      close: "the curve matches: its {{values}} within rtol {{rtol}}, atol {{atol}}",
      length: "{{received_length}} epochs, {{expected_length}} asked",
      "too-short": "expected at least {{expected_length}} values, got {{received_length}}",
      epoch: "at epoch {{epoch}} got {{received}}, expected {{expected}} ({{bad}} of the first {{compared}} values are off)",
      "epoch-hidden": "at epoch {{epoch}} got {{received}}, which is off ({{bad}} of the first {{compared}} values are off)",
      ...CURVE_PROPERTY_MESSAGES,
      ...COMMON_MESSAGES,
    },
  },
  compare(received, expected, options) {
    const nullCase = nullOutcome(received, expected);
    if (nullCase) return nullCase;
    if (!isNumberList(expected)) return badReferenceOutcome(expected);
    if (!isNumberList(received)) return typeOutcome("a list of numbers", received);
    const lengths = { expected_length: expected.length, received_length: received.length };
    const length = options.length ?? (options.prefix === undefined ? "asked" : "any");
    if (length === "asked" && received.length !== expected.length) {
      return { score: false, messageId: "length", data: lengths };
    }
    // a reference cut short by its own divergence has fewer values than the prefix asks for
    const count = Math.min(options.prefix ?? expected.length, expected.length);
    if (received.length < count) {
      return { score: false, messageId: "too-short", data: { ...lengths, expected_length: count } };
    }
    const epochFailure = compareEpochs(received, expected, count, options);
    if (epochFailure) return epochFailure;
    for (const [index, property] of options.properties.entries()) {
      const failure = checkProperty(property, received, expected);
      if (failure) return { ...failure, data: { ...failure.data, property: index + 1 } };
    }
    const exact = received.slice(0, count).every((value, i) => value === expected[i] || (Number.isNaN(value) && Number.isNaN(expected[i] as number)));
    return exact || count === 0 ? { score: true, messageId: "ok" } : { score: true, messageId: "close", data: { values: count < received.length ? `first ${count} values` : `${count} values`, rtol: options.rtol, atol: options.atol } };
  },
};
