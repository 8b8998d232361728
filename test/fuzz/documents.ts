/**
 * Submission texts for the reader: well-formed JSON documents shaped like a
 * submission or like anything, then damaged the ways files get damaged
 * (cut short, bytes inserted or lost, Python's NaN and Infinity, huge
 * numbers, lone surrogates, nesting far past the limit).
 */
import fc from "fast-check";

export interface Document {
  text: string;
  /** true when the text is JSON.stringify's output, untouched */
  intact: boolean;
}

const answerLeaf = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("0.25", "5/12", "e^2", "nan", "inf", "-Infinity", "1e400", "True"),
  fc.boolean(),
  fc.constant(null),
);
const answerValue = fc.oneof(
  answerLeaf,
  fc.array(answerLeaf, { maxLength: 6 }),
  fc.array(fc.array(answerLeaf, { maxLength: 3 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), answerLeaf, { maxKeys: 3 }),
);
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "prototype", "answers", "student", "toString"));

/** what a student's file holds: the three top-level keys, each sometimes of the wrong kind */
const submissionLike = fc.record(
  {
    assignment: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null), fc.integer(), fc.jsonValue({ maxDepth: 1 })),
    student: fc.oneof(
      fc.record({ id: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.constant(null), fc.boolean()), name: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })) }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    answers: fc.oneof({ weight: 4, arbitrary: fc.dictionary(key, answerValue, { maxKeys: 6 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
    extra: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);

const jsonDocument = fc.oneof({ weight: 3, arbitrary: submissionLike }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 6 }) });

/** JSON.stringify of a document, with the indentation editors and Python use */
const stringified = fc.tuple(jsonDocument, fc.constantFrom<string | number | undefined>(undefined, 0, 1, 2, 4, "\t")).map(
  ([value, indent]) => JSON.stringify(value, null, indent) ?? "null",
);

/** the few bytes that break a reader: tokens of JSON5, Python and other languages, odd unicode */
const inserted = fc.oneof(
  fc.constantFrom(
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "+Infinity",
    "nan",
    "inf",
    "None",
    "True",
    "undefined",
    "1e999999",
    "-1e-999999",
    "123456789012345678901234567890123456789",
    `1${"0".repeat(400)}`,
    "0.".concat("0".repeat(400), "1"),
    "0x1F",
    "-0",
    ".5",
    "5.",
    "'single'",
    "// comment\n",
    "/* comment */",
    "/*",
    ",",
    ",,",
    "]",
    "}",
    "[",
    "{",
    ":",
    '"',
    "\\",
    "\\u",
    "\\uD800",
    "\\uDFFF",
    "\\u0000",
    "\uD800",
    "\uDC00",
    "\uDBFF\uDFFF",
    "\u2028",
    "\u2029",
    "\uFEFF",
    "\u0000",
    "\u00A0",
    "\u2212",
    "😀",
    '"__proto__":',
    '{"__proto__": {"polluted": 1}}',
    '{"constructor": {"prototype": {"polluted": 1}}}',
  ),
  fc.string({ unit: "binary", maxLength: 6 }),
);

type Mutation = (text: string) => string;

const truncate: fc.Arbitrary<Mutation> = fc.double({ min: 0, max: 1, noNaN: true }).map((at) => (text) => text.slice(0, Math.floor(at * text.length)));
const insert: fc.Arbitrary<Mutation> = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), inserted).map(([at, piece]) => (text) => {
  const position = Math.floor(at * text.length);
  return text.slice(0, position) + piece + text.slice(position);
});
const remove: fc.Arbitrary<Mutation> = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 8 })).map(([at, length]) => (text) => {
  const position = Math.floor(at * text.length);
  return text.slice(0, position) + text.slice(position + length);
});
/** a number of the document becomes one JSON has no words for */
const replaceNumber: fc.Arbitrary<Mutation> = fc
  .tuple(fc.nat(), fc.constantFrom("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "4.9e-325", `9${"9".repeat(350)}`, "1_000", "01", "+1"))
  .map(([which, replacement]) => (text) => {
    let seen = 0;
    const count = text.match(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)?.length ?? 0;
    if (count === 0) return text;
    const target = which % count;
    return text.replace(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g, (number) => (seen++ === target ? replacement : number));
  });
/** the document inside (or beside) many brackets: mostly near the 64-level limit, sometimes far past it */
const nest: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 80 }) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }) }),
    fc.constantFrom("[", '{"a":'),
    fc.boolean(),
  )
  .map(([depth, open, balanced]) => (text) => {
    const close = open === "[" ? "]" : "}";
    return open.repeat(depth) + text + (balanced ? close.repeat(depth) : close.repeat(Math.floor(depth / 2)));
  });
const duplicate: fc.Arbitrary<Mutation> = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 })).map(([at, length]) => (text) => {
  const position = Math.floor(at * text.length);
  const slice = text.slice(position, position + length);
  return text.slice(0, position) + slice + slice + text.slice(position + length);
});
const byteOrderMark: fc.Arbitrary<Mutation> = fc.constant((text: string) => `\uFEFF${text}`);

const mutation = fc.oneof(truncate, insert, insert, remove, replaceNumber, replaceNumber, nest, duplicate, byteOrderMark);

export const document: fc.Arbitrary<Document> = fc
  .tuple(stringified, fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) }))
  .map(([text, mutations]) => ({ text: mutations.reduce((current, mutate) => mutate(current), text), intact: mutations.length === 0 }));
