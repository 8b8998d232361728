/**
 * The diagnosers on any pair of values: each returns null or a well-formed
 * lowercase diagnosis, never throws, and says the same of the same input.
 * The generators extend those of test/diagnose/never-throws.test.ts: slips of
 * the expected value (negated, doubled, rounded, transposed, shifted,
 * softmaxed) get every diagnoser past its guards.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, it } from "vitest";
import { diagnose, diagnosers } from "../../src/diagnose/index.ts";
import type { DiagnoseInput, Diagnosis } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";
import { slip } from "../helpers/slips.ts";
import { fuzz, must, show } from "./run.ts";

/** objects as JSON makes them, with Object.prototype: what a rubric and a submission hold */
const PLAIN = { noNullPrototype: true } as const;

const anyNumber = fc.oneof(
  fc.double(), // NaN and +-Infinity included
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1e-17, 1e308, -1e308, Number.MIN_VALUE),
  fc.integer({ min: -30, max: 30 }),
);

const matrix = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([rows, columns]) => fc.array(fc.array(anyNumber, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));
const labels = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 8 });
const accuracy = fc.double({ min: 0, max: 1, noNaN: true });
/**
 * a number inside lists nested up to past the reader's 64 levels, the most a
 * diagnoser is ever given (a walk of every diagnoser costs the square of the
 * depth: 300 levels take 20 ms)
 */
const deepList = fc.tuple(anyNumber, fc.integer({ min: 20, max: 80 })).map(([leaf, depth]) => {
  let value: Value = leaf;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
});

const anyValue: fc.Arbitrary<Value> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Value>,
  anyNumber,
  fc.array(anyNumber, { maxLength: 8 }),
  matrix,
  fc.array(fc.array(anyNumber, { maxLength: 3 }), { maxLength: 3 }), // often ragged
  fc.array(fc.oneof(anyNumber, fc.string({ maxLength: 3 }), fc.constant(null)), { maxLength: 4 }),
  labels,
  accuracy,
  deepList,
);

const expectedAndReceived = fc.oneof(
  fc.tuple(anyValue, anyValue),
  fc
    .tuple(anyValue, fc.constantFrom("negate", "double", "round", "transpose", "plus-one", "shift", "reverse", "softmax", "chance", "same"))
    .map(([expected, how]) => [expected, slip(expected, how)] as [Value, Value]),
);

const tolerance = fc.oneof(
  fc.record({ rtol: fc.constantFrom(0, 1e-6, 1e-3, 0.5), atol: fc.constantFrom(0, 1e-8, 1e-6, 1) }, PLAIN),
  fc.record({ rtol: fc.double(), atol: fc.double() }, PLAIN), // even a nonsense tolerance must not throw
);

const input: fc.Arbitrary<DiagnoseInput> = fc
  .record({
    itemId: fc.string({ maxLength: 12 }),
    pair: expectedAndReceived,
    siblings: fc.array(fc.record({ id: fc.string({ maxLength: 8 }), expected: anyValue, received: fc.option(anyValue, { nil: undefined }) }, PLAIN), { maxLength: 3 }),
    factors: fc.option(
      fc.oneof(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), anyNumber, { maxKeys: 3, ...PLAIN }),
        fc.record({ classes: fc.oneof(anyNumber, fc.integer({ min: 2, max: 10 })) }, PLAIN),
        fc.record({ index_base: fc.oneof(anyNumber, fc.constantFrom(0, 1)) }, PLAIN),
        fc.record({ N: fc.integer({ min: 1, max: 64 }) }, PLAIN),
      ),
      { nil: undefined },
    ),
    tolerance,
  }, PLAIN)
  .map(({ pair, ...rest }) => ({ ...rest, expected: pair[0], received: pair[1] }));

/** Sibling ids and factor names are quoted as the rubric spells them ("q6.runs[0].final_J", "N"). */
function wordingWithoutNames(message: string, from: DiagnoseInput): string {
  const names = [...from.siblings.map((s) => s.id), ...Object.keys(from.factors ?? {})]
    .filter((n) => n.length > 0)
    .sort((a, b) => b.length - a.length); // "Ad" before "d", or stripping "d" leaves an "A"
  return names.reduce((text, name) => text.split(name).join(""), message);
}

function mustBeWellFormed(diagnosis: Diagnosis | null, from: DiagnoseInput, who: string): void {
  if (diagnosis === null) return;
  const context = () => `${who} gave ${show(diagnosis)} for ${show(from)}`;
  must(isDeepStrictEqual(Object.keys(diagnosis).sort(), ["code", "message"]), context);
  must(diagnosers.has(diagnosis.code), context);
  must(typeof diagnosis.message === "string" && diagnosis.message.trim().length > 0, context);
  const wording = wordingWithoutNames(diagnosis.message, from);
  must(wording === wording.toLowerCase(), context);
}

describe("the diagnosers, on any values", () => {
  it("diagnose and every single diagnoser return null or a well-formed diagnosis, the same twice, and change nothing", () => {
    fuzz(
      fc.property(input, (generated) => {
        const before = structuredClone(generated);
        const diagnosis = diagnose(generated);
        mustBeWellFormed(diagnosis, generated, "diagnose");
        must(isDeepStrictEqual(diagnose(structuredClone(generated)), diagnosis), () => `diagnose changed its mind on ${show(generated)}`);
        for (const [id, diagnoser] of diagnosers) mustBeWellFormed(diagnoser.diagnose(generated), generated, id);
        must(isDeepStrictEqual(generated, before), () => `a diagnoser changed its input ${show(before)}`);
      }),
    );
  });
});
