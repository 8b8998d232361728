import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diagnose, diagnosers } from "../../src/diagnose/index.ts";
import type { DiagnoseInput, Diagnosis } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";
import { slip } from "../helpers/slips.ts";

const anyNumber = fc.oneof(
  fc.double(), // NaN and +-Infinity included
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1e-17, 1e308),
  fc.integer({ min: -30, max: 30 }),
);

/** Rectangular matrices reach the diagnosers' arithmetic; fc.jsonValue alone mostly stops at the shape check. */
const matrix = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
  .chain(([rows, columns]) =>
    fc.array(fc.array(anyNumber, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
  );

/** Class labels and accuracies: the values the one-based and below-chance diagnosers look at. */
const labels = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 6 });
const accuracy = fc.double({ min: 0, max: 1, noNaN: true });

const anyValue: fc.Arbitrary<Value> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Value>,
  anyNumber,
  fc.array(anyNumber, { maxLength: 6 }), // long enough for a shift to leave three aligned points
  matrix,
  fc.array(fc.array(anyNumber, { maxLength: 3 }), { maxLength: 3 }), // often ragged
  labels,
  accuracy,
);

/** The received value is often a slip of the expected one, so every diagnoser gets past its guards. */
const expectedAndReceived = fc.oneof(
  fc.tuple(anyValue, anyValue),
  fc
    .tuple(
      anyValue,
      fc.constantFrom("negate", "double", "round", "transpose", "plus-one", "shift", "softmax", "chance", "percent", "same"),
    )
    .map(([expected, how]) => [expected, slip(expected, how)] as [Value, Value]),
);

/** the value before the update: often the received one, so that the before-update diagnoser gets past its guards */
const beforeOf = (received: Value) => fc.option(fc.oneof(anyValue, fc.constant(received)), { nil: undefined });

const tolerance = fc.oneof(
  fc.record({ rtol: fc.constantFrom(0, 1e-6, 1e-3, 0.5), atol: fc.constantFrom(0, 1e-8, 1e-6, 1) }),
  fc.record({ rtol: fc.double(), atol: fc.double() }), // even a nonsense tolerance must not throw
);

const input: fc.Arbitrary<DiagnoseInput> = fc.record({
  itemId: fc.string(),
  pair: expectedAndReceived,
  siblings: fc.array(
    fc.record({ id: fc.string(), expected: anyValue, received: fc.option(anyValue, { nil: undefined }) }),
    { maxLength: 3 },
  ),
  factors: fc.option(
    fc.oneof(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), anyNumber),
      fc.record({ classes: fc.oneof(anyNumber, fc.integer({ min: 2, max: 10 })) }),
      fc.record({ index_base: fc.oneof(anyNumber, fc.constantFrom(0, 1)) }),
      fc.record({ N: fc.integer({ min: 2, max: 10 }) }),
    ),
    { nil: undefined },
  ),
  fractions: fc.option(fc.constantFrom<string[]>([""], ["[*]"], ["[*].val_accuracy"], []), { nil: undefined }),
  tolerance,
})
  .chain(({ pair, ...rest }) => beforeOf(pair[1]).map((before) => ({ ...rest, pair, before })))
  .map(({ pair, before, ...rest }) => ({ ...rest, expected: pair[0], received: pair[1], ...(before === undefined ? {} : { before }) }));

/** Sibling ids and factor names are quoted as the rubric spells them ("q6.runs[0].final_J", "N"). */
function wordingWithoutNames(message: string, from: DiagnoseInput): string {
  const names = [...from.siblings.map((s) => s.id), ...Object.keys(from.factors ?? {})]
    .filter((n) => n.length > 0)
    .sort((a, b) => b.length - a.length); // "Ad" before "d", or stripping "d" leaves an "A"
  return names.reduce((text, name) => text.split(name).join(""), message);
}

function expectWellFormed(diagnosis: Diagnosis | null, from: DiagnoseInput): void {
  if (diagnosis === null) return;
  expect(Object.keys(diagnosis).sort()).toEqual(["code", "message"]);
  expect([...diagnosers.keys()]).toContain(diagnosis.code);
  expect(diagnosis.message.trim().length).toBeGreaterThan(0);
  const wording = wordingWithoutNames(diagnosis.message, from);
  expect(wording).toBe(wording.toLowerCase());
}

describe("diagnose on any value", () => {
  it("never throws and returns null or a well-formed lowercase diagnosis", () => {
    fc.assert(
      fc.property(input, (generated) => {
        expectWellFormed(diagnose(generated), generated);
      }),
      { numRuns: 3000, seed: 20240 },
    );
  });

  it("never throws from any single diagnoser either (diagnose stops at the first match)", () => {
    fc.assert(
      fc.property(input, (generated) => {
        for (const diagnoser of diagnosers.values()) expectWellFormed(diagnoser.diagnose(generated), generated);
      }),
      { numRuns: 3000, seed: 20240 },
    );
  });

  it("finds something in the generated slips, so the property reaches past the guards", () => {
    const found = new Set<string>();
    fc.assert(
      fc.property(input, (generated) => {
        for (const diagnoser of diagnosers.values()) {
          const diagnosis = diagnoser.diagnose(generated);
          if (diagnosis !== null) found.add(diagnosis.code);
        }
      }),
      { numRuns: 8000, seed: 42 },
    );
    expect([...found].sort()).toEqual([...diagnosers.keys()]);
  });
});
