/**
 * parseNumber on any text: it answers { ok, value } or { ok: false, message }
 * and throws nothing; what it accepts is arithmetic of numbers, e, pi, inf,
 * nan, sqrt, exp, log and ln alone; and on well-formed arithmetic its value
 * is the one an independent evaluator reads.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { EXPRESSION_MAX_DEPTH, EXPRESSION_MAX_LENGTH, type ParsedNumber, parseNumber } from "../../src/rubric/expression.ts";
import { arithmetic, evaluateArithmetic, extremeArithmetic } from "./arithmetic.ts";
import { fuzz, must, mustNotPollute, show } from "./run.ts";

function wellFormed(text: string, result: ParsedNumber): void {
  must(
    result.ok ? typeof result.value === "number" : typeof result.message === "string" && result.message.length > 0,
    () => `parseNumber(${show(text)}) gave ${show(result)}`,
  );
}

// ---------------------------------------------------------------------------
// the whitelist, written out again: what an accepted text may contain

const NUMBER_LITERAL = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g;
const ALLOWED_NAMES = new Set(["e", "pi", "sqrt", "exp", "log", "ln"]);
// "inf", "nan" as Python and numpy print them, "Infinity" and "NaN" as JavaScript does, in any case
const ALLOWED_ANY_CASE = new Set(["inf", "infinity", "nan"]);

/**
 * Typed forms of the allowed symbols, which the reader may take for them: any
 * dash for a minus, a times or middle dot for '*', a division sign or slash
 * for '/', any space, invisible format characters, superscript digits, pi and
 * infinity signs; full-width digits and letters by NFKC. Broader than what the
 * reader maps: none of these is a name or a structure to evaluate.
 */
function asPlainSymbols(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\p{Pd}\u2212\u207B\u208B]/gu, "-")
    .replace(/[\u00D7\u00B7\u22C5\u2219\u2217]/g, "*")
    .replace(/[\u00F7\u2215\u2044]/g, "/")
    .replace(/[\p{Cf}]/gu, "")
    .replace(/\p{Zs}/gu, " ")
    .replace(/\u03C0/g, " pi ")
    .replace(/\u221E/g, " inf ");
}

/**
 * The names and symbols left in a text once numbers, whitelisted names,
 * arithmetic operators, parentheses and white space are taken out: empty for
 * a text the whitelist allows. A '#' is outside it: mathjs would read it as
 * the start of a comment and drop the rest, which is not what the student meant.
 */
function outsideWhitelist(text: string): string[] {
  const code = asPlainSymbols(text);
  return code
    .replace(NUMBER_LITERAL, " ")
    .split(/[\s+\-*/^()]+/)
    .filter((token) => token !== "" && !ALLOWED_NAMES.has(token) && !ALLOWED_ANY_CASE.has(token.toLowerCase()));
}

function mustStayInWhitelist(text: string, result: ParsedNumber): void {
  wellFormed(text, result);
  if (!result.ok) return;
  const outside = outsideWhitelist(text);
  must(outside.length === 0, () => `accepted ${show(text)} as ${show(result.value)}, with ${show(outside)} outside the whitelist`);
}

/** pieces of expressions, allowed and forbidden, and characters other alphabets and keyboards bring */
const piece = fc.constantFrom(
  "1",
  "2.5",
  "3.",
  ".5",
  "1e400",
  "1e-400",
  "0",
  "e",
  "E",
  "pi",
  "PI",
  "inf",
  "Infinity",
  "nan",
  "NaN",
  "x",
  "+",
  "-",
  "*",
  "/",
  "^",
  "**",
  "(",
  ")",
  "sqrt",
  "exp",
  "log",
  "ln",
  "cos",
  "abs",
  "import",
  "evaluate",
  "createUnit",
  "parse",
  "compile",
  "config",
  "=",
  "==",
  "[",
  "]",
  "{",
  "}",
  ",",
  ".",
  ";",
  ":",
  "?",
  "'",
  '"',
  "%",
  "!",
  "&",
  "|",
  "~",
  "<<",
  "mod",
  "to",
  "in",
  "and",
  "not",
  "0x",
  "0b",
  "constructor",
  "__proto__",
  "#",
  " ",
  "\n",
  "\t",
  "\u00A0",
  "\u2212",
  "\u00B7",
  "\u00D7",
  "\u00F7",
  "\u03C0",
  "\u221A",
  "\uFF11",
  "\u00B2",
  "\uD800",
  "😀",
);

// ---------------------------------------------------------------------------
// constructs outside the whitelist, around and inside well-formed arithmetic

/** short enough that the construct around it stays under the length limit: what is refused is the construct */
const operand = arithmetic.filter((text) => text.length <= 40);

const quote = fc.constantFrom('"', "'");
const forbidden: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom("import", "evaluate", "createUnit", "parse", "compile", "simplify", "derivative", "cos", "abs", "max", "f", "config", "reviver"), quote, operand).map(
    ([name, q, inner]) => `${name}(${q}${inner}${q})`,
  ),
  fc.tuple(fc.constantFrom("import", "evaluate", "createUnit", "cos", "abs", "round", "E", "PI", "Sqrt", "LOG"), operand).map(([name, inner]) => `${name}(${inner})`),
  fc.tuple(fc.constantFrom("x", "pi", "e", "inf", "sqrt", "f(x)", "sqrt(x)", "log(x)", "f(x, y)", "e(x)"), operand).map(([target, inner]) => `${target} = ${inner}`),
  fc.tuple(operand, operand).map(([left, right]) => `[${left}, ${right}]`),
  fc.tuple(operand, operand).map(([left, right]) => `[${left}; ${right}]`),
  operand.map((inner) => `[${inner}]`),
  operand.map((inner) => `(${inner})[1]`),
  fc.tuple(operand, fc.constantFrom(".x", ".constructor", ".__proto__", ".toString", '["constructor"]', ".e")).map(([inner, access]) => `(${inner})${access}`),
  fc.constantFrom("pi.constructor", "e.valueOf", "sqrt.name", "sqrt.constructor('return 1')", "log.call(1, 2)"),
  fc.tuple(operand, quote).map(([inner, q]) => `${q}${inner}${q}`),
  operand.map((inner) => `{a: ${inner}}`),
  fc.tuple(operand, operand).map(([left, right]) => `${left} ? ${right} : 1`),
  fc.tuple(operand, operand).map(([left, right]) => `(${left}):(${right})`),
  fc.tuple(operand, operand).map(([left, right]) => `${left}; ${right}`),
  fc.tuple(operand, fc.constantFrom("!", "'", "%")).map(([inner, after]) => `(${inner})${after}`),
  fc.tuple(operand, fc.constantFrom("==", "!=", "<", ">=", "mod", "%", "and", "or", "xor", "&", "|", "<<", ">>>", "to", ".*", "./", ".^"), operand).map(
    ([left, op, right]) => `(${left}) ${op} (${right})`,
  ),
  fc.tuple(fc.constantFrom("not ", "~", "!"), operand).map(([op, inner]) => `${op}(${inner})`),
  fc.tuple(fc.constantFrom("2", "(1)", "pi", "e"), fc.constantFrom("pi", "e", "(2)", "x", "cm", "inch")).map(([left, right]) => `${left} ${right}`),
  fc.constantFrom("0x1F", "0b11", "0o17", "2 ** 3", "1e3 cm", "5 inch to cm", "x", "undefined", "null", "true", "i", "sqrt", "log"),
);

/** a forbidden construct alone, or as an operand anywhere in well-formed arithmetic; two lines only outside parentheses */
const containsForbidden: fc.Arbitrary<string> = fc.oneof(
  forbidden,
  fc.tuple(operand, operand).map(([left, right]) => `${left}\n${right}`),
  fc.tuple(forbidden, fc.constantFrom("+", "*", "^", "/"), operand, fc.boolean()).map(([bad, op, other, first]) => (first ? `${bad} ${op} ${other}` : `${other} ${op} (${bad})`)),
  fc.tuple(fc.constantFrom("sqrt", "exp", "log", "ln"), forbidden).map(([name, bad]) => `${name}(${bad})`),
  fc.tuple(fc.integer({ min: 1, max: 6 }), forbidden).map(([depth, bad]) => `${"(".repeat(depth)}${bad}${")".repeat(depth)}`),
);

/**
 * "3." right before '*', '/' or '^' reads as mathjs's element-wise '.*', './'
 * or '.^' (refused), where Python reads 3.0 times: such a text may be refused,
 * never misread
 */
const DOT_OPERATOR = /\d\.[*/^]/;

function sameNumber(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected));
}

describe("parseNumber", () => {
  it("answers a number or a message for any text, and accepts only what the whitelist allows", () => {
    fuzz(
      fc.property(fc.string({ unit: "binary", maxLength: 240 }), (text) => {
        mustStayInWhitelist(text, parseNumber(text));
        mustNotPollute();
      }),
    );
  });

  it("answers a number or a message for any string of expression pieces, and accepts only what the whitelist allows", () => {
    fuzz(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        mustStayInWhitelist(text, parseNumber(text));
        mustNotPollute();
      }),
    );
  });

  it("refuses every construct outside the whitelist, wherever it sits", () => {
    fuzz(
      fc.property(containsForbidden, (text) => {
        const result = parseNumber(text);
        must(!result.ok, () => `accepted ${show(text)} as ${show(result)}`);
        wellFormed(text, result);
        mustNotPollute();
      }),
    );
  });

  it("reads well-formed arithmetic as an independent evaluator does, within the length and depth limits", () => {
    fuzz(
      fc.property(fc.oneof({ weight: 4, arbitrary: arithmetic }, { weight: 1, arbitrary: extremeArithmetic }), (text) => {
        const result = parseNumber(text);
        wellFormed(text, result);
        const expected = evaluateArithmetic(text);
        const withinLimits = text.length <= EXPRESSION_MAX_LENGTH && expected.depth <= EXPRESSION_MAX_DEPTH;
        const context = () => `parseNumber(${show(text)}) gave ${show(result)}; the evaluator reads ${show(expected)}`;
        if (result.ok) must(withinLimits && sameNumber(result.value, expected.value), context);
        else must(!withinLimits || DOT_OPERATOR.test(text), context);
      }),
    );
  });
});
