/**
 * Every comparator of the registry, on anything a student might hand in
 * against reference values and options its schema accepts: it never throws,
 * its score lies in [0, 1], its message has its data, the same inputs give
 * the same outcome and are left as they were, and (where a student could
 * copy the reference) an exact copy passes. The generators extend those of
 * test/compare/properties.test.ts.
 */
import { isDeepStrictEqual } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, it } from "vitest";
import { type ComparatorMode, comparatorIds, compareWith, getComparator } from "../../src/compare/index.ts";
import { AJV_OPTIONS } from "../../src/compare/schema.ts";
import type { CompareOutcome } from "../../src/compare/types.ts";
import type { Value } from "../../src/value.ts";
import { fuzz, must, show } from "./run.ts";

const specialNumber = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -0,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  1e-300,
  1e300,
  0.1,
  1 / 3,
);
const anyNumber = fc.oneof(fc.double(), specialNumber, fc.integer({ min: -10, max: 10 }));
const finiteNumber = fc.double({ noNaN: true, noDefaultInfinity: true });
const nonNegative = fc.oneof(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1e-9, 1e-6, 0.01, 1));

function matrixOf(element: fc.Arbitrary<Value>, maxSide = 4): fc.Arbitrary<Value> {
  return fc
    .tuple(fc.integer({ min: 0, max: maxSide }), fc.integer({ min: 0, max: maxSide }))
    .chain(([rows, columns]) => fc.array(fc.array(element, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));
}
const numericArray: fc.Arbitrary<Value> = fc.oneof(anyNumber, fc.array(anyNumber, { maxLength: 8 }), matrixOf(anyNumber));
/** nested lists of any depth, ragged or not */
const { nested } = fc.letrec<{ nested: Value }>((tie) => ({
  nested: fc.oneof({ depthSize: "small" }, anyNumber, fc.array(tie("nested"), { maxLength: 4 })),
}));
/** a number inside lists nested around the comparators' 64-level limit and past it */
const deepList = fc.tuple(anyNumber, fc.integer({ min: 60, max: 400 })).map(([leaf, depth]) => {
  let value: Value = leaf;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
});
const numericText = fc.constantFrom("0.5", "1e400", "nan", "inf", "-0", "5/12", "e", " 1 ", "1,5", "", "min", "{{received}}", "NaN", "Infinity");
const leaf: fc.Arbitrary<Value> = fc.oneof(fc.string({ maxLength: 8 }), fc.boolean(), fc.integer(), fc.constant(null), anyNumber, numericText);

/** what a student might hand in: anything JSON, Python's non-finite numbers, numbers as strings, hostile nesting */
const anyReceived: fc.Arbitrary<Value> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Value>,
  anyNumber,
  numericArray,
  nested,
  numericText,
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(leaf, { maxLength: 6 }),
  matrixOf(leaf, 3),
  fc.dictionary(fc.constantFrom("a", "b", "samples", "score", "message"), numericArray, { noNullPrototype: true }),
  deepList,
);

/** the expected value, reshaped the ways an answer goes wrong: transposed, a row short or long, a number become text, one more axis */
function misshapen(expected: Value): fc.Arbitrary<Value> {
  const text = (value: Value): Value => (typeof value === "number" ? String(value) : value);
  if (!Array.isArray(expected)) return fc.constantFrom<Value>([expected], [[expected]], text(expected), { value: expected });
  const rows = expected as Value[];
  const transposed = rows.every(Array.isArray) ? ((rows[0] ?? []) as Value[]).map((_, c) => (rows as Value[][]).map((row) => row[c] ?? null)) : rows;
  return fc.oneof(
    fc.constantFrom<Value>(rows.slice(1), [...rows, ...rows.slice(0, 1)], [rows], rows.map((row) => [row]), transposed, [...rows].reverse()),
    fc.constant(rows.map((row) => (Array.isArray(row) ? row.map(text) : text(row)))),
    fc.tuple(fc.nat(), leaf).map(([at, replacement]) => {
      const copy = structuredClone(rows);
      if (copy.length > 0) copy[at % copy.length] = replacement;
      return copy;
    }),
  );
}

const elementOptions = fc.oneof(
  fc.record({ mode: fc.constant("relabs"), rtol: nonNegative, atol: nonNegative }, { requiredKeys: ["mode"], noNullPrototype: true }),
  fc.record({ mode: fc.constant("sigfig"), digits: fc.integer({ min: 1, max: 400 }) }, { requiredKeys: ["mode"], noNullPrototype: true }),
  fc.record({ mode: fc.constant("decdig"), digits: fc.integer({ min: 0, max: 400 }) }, { requiredKeys: ["mode"], noNullPrototype: true }),
);
const curveProperty = fc.oneof(
  fc.record(
    { kind: fc.constant("converges"), to: finiteNumber, tol: nonNegative, window: fc.integer({ min: 1, max: 12 }) },
    { requiredKeys: ["kind", "tol"], noNullPrototype: true },
  ),
  fc.record({ kind: fc.constant("non-increasing"), slack: nonNegative }, { requiredKeys: ["kind"], noNullPrototype: true }),
  fc.record(
    { kind: fc.constant("diverges"), bound: fc.double({ min: Number.MIN_VALUE, max: 1e300, noNaN: true }), epochs: fc.integer({ min: 1, max: 40 }) },
    { requiredKeys: ["kind"], noNullPrototype: true },
  ),
  fc.record(
    { kind: fc.constant("does-not-settle"), window: fc.integer({ min: 1, max: 12 }), min_range: nonNegative },
    { requiredKeys: ["kind", "min_range"], noNullPrototype: true },
  ),
);
const rangeOptions = fc
  .record({ min: finiteNumber, max: finiteNumber }, { requiredKeys: [], noNullPrototype: true })
  .filter((o) => Object.keys(o).length > 0 && !(o.min !== undefined && o.max !== undefined && o.min > o.max));
const alternative = fc.record({ id: fc.constantFrom("a", "b", "c"), credit: fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: ["id"], noNullPrototype: true });
const exactOptions = {
  case_sensitive: fc.boolean(),
  trim: fc.boolean(),
  unordered: fc.boolean(),
  aliases: fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 3, noNullPrototype: true }),
};
/** every comparator an alternative of oneof may be judged with, with options of its own */
const innerCompare = fc.oneof(
  fc.record({ mode: fc.constant("relabs"), rtol: nonNegative, atol: nonNegative }, { requiredKeys: ["mode"], noNullPrototype: true }),
  elementOptions,
  fc.record({ mode: fc.constant("array"), element: elementOptions, partial: fc.boolean() }, { requiredKeys: ["mode"], noNullPrototype: true }),
  fc.record({ mode: fc.constant("set"), rtol: nonNegative, partial: fc.boolean() }, { requiredKeys: ["mode"], noNullPrototype: true }),
  fc.record({ mode: fc.constant("exact"), ...exactOptions }, { requiredKeys: ["mode"], noNullPrototype: true }),
  fc.record({ mode: fc.constant("curve"), prefix: fc.integer({ min: 0, max: 40 }), properties: fc.array(curveProperty, { maxLength: 2 }) }, { requiredKeys: ["mode"], noNullPrototype: true }),
  rangeOptions.map((range) => ({ mode: "range", ...range })),
);
const exactLeaf: fc.Arbitrary<Value> = fc.oneof(fc.string({ maxLength: 6 }), fc.boolean(), fc.integer(), fc.constant(null), anyNumber);

type Options = Record<string, unknown>;
interface Case {
  expected: fc.Arbitrary<Value>;
  options: fc.Arbitrary<Options>;
  /** options under which an exact copy of the expected value must pass; absent where no student could copy it */
  copyOptions?: fc.Arbitrary<Options>;
}

/** For each mode: reference values and options its schema accepts. */
const CASES: Record<ComparatorMode, Case> = {
  relabs: {
    expected: fc.oneof(anyNumber, fc.constant(null)),
    options: fc.record({ rtol: nonNegative, atol: nonNegative }, { requiredKeys: [], noNullPrototype: true }),
  },
  sigfig: { expected: anyNumber, options: fc.record({ digits: fc.integer({ min: 1, max: 400 }) }, { requiredKeys: [], noNullPrototype: true }) },
  decdig: { expected: anyNumber, options: fc.record({ digits: fc.integer({ min: 0, max: 400 }) }, { requiredKeys: [], noNullPrototype: true }) },
  array: { expected: numericArray, options: fc.record({ element: elementOptions, partial: fc.boolean() }, { requiredKeys: [], noNullPrototype: true }) },
  set: {
    expected: fc.array(anyNumber, { maxLength: 8 }),
    options: fc.record({ rtol: nonNegative, atol: nonNegative, partial: fc.boolean() }, { requiredKeys: [], noNullPrototype: true }),
  },
  oneof: {
    expected: fc.record({ a: numericArray, b: numericArray, c: fc.oneof(exactLeaf, fc.array(anyNumber, { maxLength: 12 })) }, { requiredKeys: ["a"], noNullPrototype: true }),
    options: fc.record({ compare: innerCompare, alternatives: fc.array(alternative, { minLength: 1, maxLength: 3 }) }, { requiredKeys: [], noNullPrototype: true }),
    // a copy of the first alternative, judged exactly
    copyOptions: fc.constant({ compare: { mode: "exact" } }),
  },
  exact: {
    expected: fc.oneof(exactLeaf, fc.array(exactLeaf, { maxLength: 5 }), fc.array(fc.array(exactLeaf, { maxLength: 3 }), { maxLength: 3 })),
    options: fc.record({ ...exactOptions, choices: fc.array(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 3 }) }, { requiredKeys: [], noNullPrototype: true }),
    copyOptions: fc.record(exactOptions, { requiredKeys: [], noNullPrototype: true }),
  },
  range: { expected: fc.oneof(anyNumber, fc.constant(null)), options: rangeOptions },
  band: {
    expected: fc.oneof(
      fc.record({ samples: fc.array(finiteNumber, { minLength: 1, maxLength: 8 }) }, { noNullPrototype: true }) as fc.Arbitrary<Value>,
      fc.record({ samples: fc.array(anyNumber, { maxLength: 3 }) }, { noNullPrototype: true }) as fc.Arbitrary<Value>,
    ),
    options: fc.record({ sigmas: nonNegative, floor: nonNegative }, { requiredKeys: [], noNullPrototype: true }),
  },
  engine: {
    expected: fc.oneof(
      fc.record({ score: fc.double({ min: 0, max: 1, noNaN: true }), message: fc.string({ maxLength: 20 }) }, { noNullPrototype: true }) as fc.Arbitrary<Value>,
      anyReceived,
    ),
    options: fc.constant({}),
  },
  curve: {
    expected: fc.array(anyNumber, { maxLength: 30 }),
    options: fc.record(
      { prefix: fc.integer({ min: 0, max: 40 }), rtol: nonNegative, atol: nonNegative, properties: fc.array(curveProperty, { maxLength: 3 }) },
      { requiredKeys: [], noNullPrototype: true },
    ),
    copyOptions: fc.record({ prefix: fc.integer({ min: 0, max: 40 }), rtol: nonNegative, atol: nonNegative }, { requiredKeys: [], noNullPrototype: true }),
  },
};

// a range, a band of seeds and an engine verdict are not answers a student could copy
const COPYABLE = new Set<ComparatorMode>(["array", "curve", "decdig", "exact", "oneof", "relabs", "set", "sigfig"]);

const ajv = new Ajv2020(AJV_OPTIONS);
const PLACEHOLDER = /\{\{\s*([\w-]+)\s*\}\}/g;

/** A well-formed outcome: a score in [0, 1], a known message whose every placeholder has data, data that survives JSON. */
function mustBeWellFormed(mode: ComparatorMode, outcome: CompareOutcome, context: () => string): void {
  const { messages } = getComparator(mode).meta;
  const { score } = outcome;
  must(typeof score === "boolean" || (Number.isFinite(score) && score >= 0 && score <= 1), () => `score out of [0, 1]: ${context()}`);
  must(Object.hasOwn(messages, outcome.messageId), () => `unknown message: ${context()}`);
  const data = outcome.data ?? {};
  for (const value of Object.values(data)) must(typeof value === "string" || Number.isFinite(value), () => `data not JSON: ${context()}`);
  for (const template of [messages[outcome.messageId], messages[`${outcome.messageId}-hidden`]]) {
    for (const [, key] of (template ?? "").matchAll(PLACEHOLDER)) must(key !== undefined && Object.hasOwn(data, key), () => `no data for {{${key}}}: ${context()}`);
  }
}

function inputsFor(mode: ComparatorMode): fc.Arbitrary<{ received: Value; expected: Value; options: Options; copyOptions: Options | undefined }> {
  const { expected, options, copyOptions } = CASES[mode];
  return expected.chain((reference) =>
    fc.record({
      received: fc.oneof({ weight: 3, arbitrary: anyReceived }, { weight: 2, arbitrary: misshapen(reference) }),
      expected: fc.constant(reference),
      options,
      copyOptions: COPYABLE.has(mode) ? (copyOptions ?? options) : fc.constant(undefined),
    }),
  );
}

describe("every comparator, on anything a student might hand in", () => {
  it.each(comparatorIds())("%s never throws, scores in [0, 1], decides the same twice, and passes an exact copy", (mode) => {
    const validate = ajv.compile(getComparator(mode).meta.optionsSchema);
    fuzz(
      fc.property(inputsFor(mode), ({ received, expected, options, copyOptions }) => {
        must(validate(options) === true, () => `generated options the schema refuses: ${show(options)} ${show(validate.errors)}`);
        const before = structuredClone({ received, expected, options });
        const outcome = compareWith(mode, received, expected, options);
        const context = () => `${mode}(${show(received)}, ${show(expected)}, ${show(options)}) gave ${show(outcome)}`;
        mustBeWellFormed(mode, outcome, context);
        must(isDeepStrictEqual({ received, expected, options }, before), () => `changed its inputs: ${context()}`);
        const again = compareWith(mode, structuredClone(received), structuredClone(expected), structuredClone(options));
        must(isDeepStrictEqual(again, outcome), () => `gave ${show(again)} the second time: ${context()}`);

        if (copyOptions === undefined) return;
        must(validate(copyOptions) === true, () => `generated options the schema refuses: ${show(copyOptions)}`);
        const copy = mode === "oneof" ? structuredClone((expected as { a: Value }).a) : structuredClone(expected);
        const copied = compareWith(mode, copy, expected, copyOptions);
        must(copied.score === true, () => `${mode} refused an exact copy of ${show(expected)} under ${show(copyOptions)}: ${show(copied)}`);
      }),
    );
  });
});
