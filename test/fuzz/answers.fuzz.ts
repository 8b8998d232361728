/**
 * Reading one answer against the shape of its reference value: any received
 * value gives { ok: true } with a value of the reference's kind, or
 * { ok: false } with a message located at the answer; nothing is thrown.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, it } from "vitest";
import { readAnswer } from "../../src/rubric/answers.ts";
import type { Value } from "../../src/value.ts";
import { fuzz, must, show } from "./run.ts";

const WHERE = "answers/q3/grad_W";

const number = fc.oneof(
  fc.double(),
  fc.integer({ min: -9, max: 9 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.MAX_VALUE, Number.MIN_VALUE),
);
/** numbers as students write them in strings, and strings that are no number */
const numericText = fc.oneof(
  fc.constantFrom("0.25", " 1e-3 ", "5/12", "e^6/(1+2*e^6)", "-pi", "sqrt(2)/2", "nan", "-inf", "Infinity", "1e400", "1,5", "\u22121", "0x10", "2**3", "x", "", "[1]", "1; 2", "import('fs')"),
  number.map(String),
  fc.string({ maxLength: 12 }),
);
const leaf: fc.Arbitrary<Value> = fc.oneof({ weight: 4, arbitrary: number }, numericText, fc.boolean(), fc.constant(null), fc.constantFrom("True", "false", "min", "max"));

function matrixOf<T>(element: fc.Arbitrary<T>, maxSide = 4): fc.Arbitrary<T[][]> {
  return fc
    .tuple(fc.integer({ min: 0, max: maxSide }), fc.integer({ min: 0, max: maxSide }))
    .chain(([rows, columns]) => fc.array(fc.array(element, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));
}

/** the reference values assignments have: scalars, vectors, matrices, a 3-d stack, lists of labels, runs of objects */
const expected: fc.Arbitrary<Value> = fc.oneof(
  number,
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 8 }),
  fc.array(number, { maxLength: 8 }),
  fc.array(fc.oneof(number, fc.constant(null)), { maxLength: 6 }),
  matrixOf(number),
  matrixOf(fc.oneof(number, fc.constant(null)), 3),
  fc.array(matrixOf(number, 2), { minLength: 1, maxLength: 2 }).filter((stack) => stack.every((m) => isDeepStrictEqual(shapeOf(m), shapeOf(stack[0])))),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 4 }),
  fc.array(fc.boolean(), { maxLength: 4 }),
  fc.array(fc.record({ final_w: number, iterations: fc.oneof(fc.nat(), fc.constant(null)) }, { noNullPrototype: true }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Value>, { maxKeys: 3, noNullPrototype: true }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Value>,
);

/** a list wrapped in singleton lists, as numpy's keepdims and reshape leave it, sometimes far past any real rank */
const wrapped = fc.tuple(leaf, fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 60, max: 200 }))).map(([inner, depth]) => {
  let value: Value = inner;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
});

/** received values related to the expected one: a copy, its transpose, a row lost, a leaf become text, one more axis */
function variations(reference: Value): fc.Arbitrary<Value> {
  const text = (value: Value): Value => (typeof value === "number" ? String(value) : value);
  if (!Array.isArray(reference)) return fc.constantFrom<Value>(structuredClone(reference), [reference], [[reference]], text(reference));
  const rows = reference as Value[];
  return fc.oneof(
    fc.constantFrom<Value>(
      structuredClone(rows),
      rows.slice(1),
      [...rows, ...rows.slice(0, 1)],
      [rows],
      rows.map((row) => [row]),
      transpose(rows),
      rows.map((row) => (Array.isArray(row) ? row.map(text) : text(row))),
    ),
    fc.tuple(fc.nat(), leaf).map(([at, replacement]) => replaceLeaf(rows, at, replacement)),
  );
}

const received = (reference: Value): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: variations(reference) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 2, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(leaf, { maxLength: 10 }) },
    { weight: 2, arbitrary: matrixOf(leaf) },
    { weight: 1, arbitrary: fc.array(fc.array(leaf, { maxLength: 3 }), { maxLength: 3 }) },
    { weight: 1, arbitrary: wrapped },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

describe("readAnswer", () => {
  it("reads any received value into the reference's kind, or says where it cannot", () => {
    fuzz(
      fc.property(
        expected.chain((reference) => fc.tuple(fc.constant(reference), received(reference))),
        ([reference, raw]) => {
          const before = structuredClone(raw);
          const result = readAnswer(raw, reference, WHERE);
          const context = () => `reading ${show(raw)} against ${show(reference)} gave ${show(result)}`;
          must(isDeepStrictEqual(raw, before), () => `changed the received value: ${context()}`);
          if (!result.ok) {
            must(typeof result.message === "string" && result.message.startsWith(WHERE), context);
            return;
          }
          must(raw !== undefined, context);
          mustHaveKind(result.value, reference, context);
        },
      ),
    );
  });

  it("reads a copy of any reference value as that value", () => {
    fuzz(
      fc.property(expected, (reference) => {
        const result = readAnswer(structuredClone(reference), reference, WHERE);
        must(result.ok && isDeepStrictEqual(result.value, reference), () => `reading a copy of ${show(reference)} gave ${show(result)}`);
      }),
    );
  });
});

/** what a read value may be, given the reference: the comparators rely on it */
function mustHaveKind(value: Value, reference: Value, context: () => string): void {
  if (typeof reference === "number" || reference === null) {
    must(typeof value === "number" || value === null, context);
    return;
  }
  if (typeof reference === "boolean" || typeof reference === "string") {
    must(typeof value === typeof reference, context);
    return;
  }
  const referenceShape = Array.isArray(reference) ? shapeOf(reference) : undefined;
  if (referenceShape === undefined || !leavesOf(reference).every((x) => typeof x === "number" || x === null)) {
    // objects, runs of objects and lists of labels: a container of the same kind
    must(Array.isArray(value) === Array.isArray(reference) && typeof value === "object" && value !== null, context);
    return;
  }
  const shape = shapeOf(value);
  must(shape !== undefined && shape.length === referenceShape.length, context);
  const nullable = leavesOf(reference).includes(null);
  must(
    leavesOf(value).every((x) => typeof x === "number" || (nullable && x === null)),
    context,
  );
  if (referenceShape.length >= 2) {
    const same = isDeepStrictEqual(shape, referenceShape);
    const transposed = referenceShape.length === 2 && isDeepStrictEqual(shape, [referenceShape[1], referenceShape[0]]);
    must(same || transposed, context);
  }
}

/** the shape of a rectangular nested list (a scalar is []), or undefined when ragged */
function shapeOf(value: unknown): number[] | undefined {
  if (!Array.isArray(value)) return [];
  if (value.length === 0) return [0];
  const inner = shapeOf(value[0]);
  if (inner === undefined) return undefined;
  for (const element of value) if (!isDeepStrictEqual(shapeOf(element), inner)) return undefined;
  return [value.length, ...inner];
}

function leavesOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(leavesOf) : [value];
}

function transpose(rows: Value[]): Value {
  if (!rows.every(Array.isArray)) return rows;
  const matrix = rows as Value[][];
  return (matrix[0] ?? []).map((_, column) => matrix.map((row) => row[column] ?? null));
}

function replaceLeaf(rows: Value[], at: number, replacement: Value): Value {
  const copy = structuredClone(rows);
  const flat = copy.flatMap((row, r) => (Array.isArray(row) ? row.map((_, c) => [r, c] as const) : [[r, -1] as const]));
  const target = flat[at % Math.max(flat.length, 1)];
  if (target === undefined) return copy;
  const [r, c] = target;
  if (c < 0) copy[r] = replacement;
  else (copy[r] as Value[])[c] = replacement;
  return copy;
}
