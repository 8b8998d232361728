import { AJV_OPTIONS } from "../../src/compare/schema.ts";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ComparatorMode, comparatorIds, compareWith, getComparator } from "../../src/compare/index.ts";
import type { CompareOutcome } from "../../src/compare/types.ts";
import type { Value } from "../../src/value.ts";

const RUNS = { numRuns: 300 };

const specialNumber = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e-300,
  1e300,
);
const anyNumber = fc.oneof(fc.double(), specialNumber);
const finiteNumber = fc.double({ noNaN: true, noDefaultInfinity: true });
const nonNegative = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true });

const matrix = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }))
  .chain(([rows, columns]) =>
    fc.array(fc.array(anyNumber, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
  );
const numericArray: fc.Arbitrary<Value> = fc.oneof(anyNumber, fc.array(anyNumber, { maxLength: 8 }), matrix);
/** nested lists of any depth, ragged or not */
const { nested } = fc.letrec<{ nested: Value }>((tie) => ({
  nested: fc.oneof({ depthSize: "small" }, anyNumber, fc.array(tie("nested"), { maxLength: 4 })),
}));

/** what a student might hand in: anything JSON, plus python's non-finite numbers */
const anyReceived: fc.Arbitrary<Value> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Value>,
  anyNumber,
  numericArray,
  nested,
  fc.string(),
  fc.constantFrom("min", "max", "{{received}}", ""),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.constant(null), fc.boolean()), { maxLength: 5 }),
);

const leaf: fc.Arbitrary<Value> = fc.oneof(fc.string(), fc.boolean(), fc.integer(), fc.constant(null), anyNumber);
const elementOptions = fc.oneof(
  fc.record({ mode: fc.constant("relabs"), rtol: nonNegative, atol: nonNegative }, { requiredKeys: ["mode"] }),
  fc.record({ mode: fc.constant("sigfig"), digits: fc.integer({ min: 1, max: 400 }) }, { requiredKeys: ["mode"] }),
  fc.record({ mode: fc.constant("decdig"), digits: fc.integer({ min: 0, max: 400 }) }, { requiredKeys: ["mode"] }),
);
const curveProperty = fc.oneof(
  fc.record(
    { kind: fc.constant("converges"), to: finiteNumber, tol: nonNegative, window: fc.integer({ min: 1, max: 12 }) },
    { requiredKeys: ["kind", "tol"] },
  ),
  fc.record({ kind: fc.constant("non-increasing"), slack: nonNegative }, { requiredKeys: ["kind"] }),
  fc.record(
    { kind: fc.constant("diverges"), bound: fc.double({ min: 1, max: 1e300, noNaN: true }), epochs: fc.integer({ min: 1, max: 40 }) },
    { requiredKeys: ["kind"] },
  ),
  fc.record(
    { kind: fc.constant("does-not-settle"), window: fc.integer({ min: 1, max: 12 }), min_range: nonNegative },
    { requiredKeys: ["kind", "min_range"] },
  ),
);
const alternative = fc.constantFrom("a", "b").chain((id) => fc.record({ id: fc.constant(id), credit: fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: ["id"] }));

/** For each mode: valid reference values and valid options, and options under which an exact copy must pass. */
const CASES: Record<ComparatorMode, { expected: fc.Arbitrary<Value>; options: fc.Arbitrary<Record<string, unknown>>; copyOptions?: fc.Arbitrary<Record<string, unknown>> }> = {
  relabs: { expected: fc.oneof(anyNumber, fc.constant(null)), options: fc.record({ rtol: nonNegative, atol: nonNegative }, { requiredKeys: [] }) },
  sigfig: { expected: anyNumber, options: fc.record({ digits: fc.integer({ min: 1, max: 400 }) }, { requiredKeys: [] }) },
  decdig: { expected: anyNumber, options: fc.record({ digits: fc.integer({ min: 0, max: 400 }) }, { requiredKeys: [] }) },
  array: { expected: numericArray, options: fc.record({ element: elementOptions, partial: fc.boolean() }, { requiredKeys: [] }) },
  set: {
    expected: fc.array(anyNumber, { maxLength: 8 }),
    options: fc.record({ rtol: nonNegative, atol: nonNegative, partial: fc.boolean() }, { requiredKeys: [] }),
  },
  oneof: {
    expected: fc.record({ a: numericArray, b: numericArray }),
    options: fc.record(
      { compare: fc.constantFrom({ mode: "array" }, { mode: "relabs" }, { mode: "set" }, { mode: "exact" }), alternatives: fc.array(alternative, { minLength: 1, maxLength: 3 }) },
      { requiredKeys: [] },
    ),
    copyOptions: fc.constant({ compare: { mode: "exact" } }),
  },
  exact: {
    expected: fc.oneof(leaf, fc.array(leaf, { maxLength: 5 }), fc.array(fc.array(leaf, { maxLength: 3 }), { maxLength: 3 })),
    options: fc.record({ case_sensitive: fc.boolean(), trim: fc.boolean(), choices: fc.array(fc.string(), { minLength: 1, maxLength: 3 }) }, { requiredKeys: [] }),
    copyOptions: fc.record({ case_sensitive: fc.boolean(), trim: fc.boolean() }, { requiredKeys: [] }),
  },
  range: {
    expected: fc.oneof(anyNumber, fc.constant(null)),
    options: fc.record({ min: finiteNumber, max: finiteNumber }, { requiredKeys: [] }).filter((o) => Object.keys(o).length > 0),
  },
  band: {
    expected: fc.record({ samples: fc.array(finiteNumber, { minLength: 1, maxLength: 8 }) }),
    options: fc.record({ sigmas: nonNegative, floor: nonNegative }, { requiredKeys: [] }),
  },
  engine: {
    expected: fc.record({ score: fc.double({ min: 0, max: 1, noNaN: true }), message: fc.string() }),
    options: fc.constant({}),
  },
  curve: {
    expected: fc.array(anyNumber, { maxLength: 30 }),
    options: fc.record(
      { prefix: fc.integer({ min: 0, max: 40 }), rtol: nonNegative, atol: nonNegative, properties: fc.array(curveProperty, { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
    copyOptions: fc.record({ prefix: fc.integer({ min: 0, max: 40 }), rtol: nonNegative, atol: nonNegative }, { requiredKeys: [] }),
  },
};

const ajv = new Ajv2020(AJV_OPTIONS);
const PLACEHOLDER = /\{\{\s*([\w-]+)\s*\}\}/g;

/** A well-formed outcome: a score in [0, 1], a known message whose every placeholder has data, data that survives JSON. */
function expectWellFormed(mode: ComparatorMode, outcome: CompareOutcome): void {
  const { messages } = getComparator(mode).meta;
  const { score } = outcome;
  if (typeof score !== "boolean") {
    expect(Number.isFinite(score)).toBe(true);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  }
  expect(Object.hasOwn(messages, outcome.messageId), `unknown message ${outcome.messageId}`).toBe(true);
  const data = outcome.data ?? {};
  for (const value of Object.values(data)) expect(typeof value === "string" || Number.isFinite(value)).toBe(true);
  for (const template of [messages[outcome.messageId], messages[`${outcome.messageId}-hidden`]]) {
    for (const [, key] of (template ?? "").matchAll(PLACEHOLDER)) expect(Object.keys(data)).toContain(key);
  }
}

describe("every comparator, on anything a student might hand in", () => {
  it("has a generator for every mode", () => {
    expect(Object.keys(CASES).sort()).toEqual(comparatorIds());
  });

  it.each(comparatorIds())("%s never throws and always returns a well-formed outcome", (mode) => {
    const validate = ajv.compile(getComparator(mode).meta.optionsSchema);
    fc.assert(
      fc.property(anyReceived, CASES[mode].expected, CASES[mode].options, (received, expected, options) => {
        expect(validate(options), JSON.stringify(validate.errors)).toBe(true);
        expectWellFormed(mode, compareWith(mode, received, expected, options));
      }),
      RUNS,
    );
  });

  // a range, a band of seeds and an engine verdict are not answers a student could copy
  const COPYABLE = comparatorIds().filter((mode) => !["range", "band", "engine"].includes(mode));
  it.each(COPYABLE)("%s accepts an exact copy of the expected value", (mode) => {
    const { expected, options, copyOptions } = CASES[mode];
    fc.assert(
      fc.property(expected, copyOptions ?? options, (value, given) => {
        const received = mode === "oneof" ? structuredClone((value as { a: Value }).a) : structuredClone(value);
        const outcome = compareWith(mode, received, value, given);
        expect(outcome.score, JSON.stringify(outcome)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("hostile nesting", () => {
  /** a plain reference value each comparator can use */
  const SIMPLE_EXPECTED: Record<ComparatorMode, { expected: Value; options?: Record<string, unknown> }> = {
    array: { expected: [[1, 2]] },
    band: { expected: { samples: [0.9, 0.91] } },
    curve: { expected: [1, 2] },
    decdig: { expected: 1 },
    engine: { expected: { score: 1, message: "reconstructs every input" } },
    exact: { expected: "min" },
    oneof: { expected: { a: [1], b: [2] }, options: { compare: { mode: "array" } } },
    range: { expected: 1, options: { min: 0 } },
    relabs: { expected: 1 },
    set: { expected: [0, 1] },
    sigfig: { expected: 1 },
  };
  // JSON.parse accepts this; a recursive walk over it would overflow the stack
  const deep = JSON.parse(`${"[".repeat(100_000)}1${"]".repeat(100_000)}`) as Value;

  it.each(comparatorIds())("%s refuses a list nested 100,000 deep without overflowing the stack", (mode) => {
    const { expected, options } = SIMPLE_EXPECTED[mode];
    const outcome = compareWith(mode, deep, expected, options);
    expect(["type", "shape"]).toContain(outcome.messageId);
    expect(Object.values(outcome.data ?? {})).toContain("a list nested more than 64 deep");
    expectWellFormed(mode, outcome);
  });
});

describe("relabs and array on exact copies", () => {
  it("relabs passes any number against itself, under any tolerance, zero included", () => {
    fc.assert(
      fc.property(anyNumber, nonNegative, nonNegative, (x, rtol, atol) => {
        expect(compareWith("relabs", x, x, { rtol, atol }).score).toBe(true);
      }),
      RUNS,
    );
  });

  it("array passes any nested numeric array against a copy of itself", () => {
    fc.assert(
      fc.property(numericArray, elementOptions, (value, element) => {
        expect(compareWith("array", structuredClone(value), value, { element }).score).toBe(true);
      }),
      RUNS,
    );
  });

  it("array never passes a copy with one element moved off by a non-finite value", () => {
    fc.assert(
      fc.property(fc.array(finiteNumber, { minLength: 1, maxLength: 8 }), fc.nat(), specialNumber.filter((x) => !Number.isFinite(x)), (value, at, bad) => {
        const received = [...value];
        received[at % value.length] = bad;
        expect(compareWith("array", received, value).score).toBe(false);
      }),
      RUNS,
    );
  });
});
