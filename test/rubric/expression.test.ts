import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EXPRESSION_CHARACTERS_PER_SUBMISSION,
  EXPRESSION_MAX_DEPTH,
  EXPRESSION_MAX_LENGTH,
  EXPRESSIONS_PER_SUBMISSION,
  expressionBudget,
  parseNumber,
} from "../../src/rubric/expression.ts";

function numberFrom(text: string): number {
  const result = parseNumber(text);
  if (!result.ok) throw new Error(`expected '${text}' to parse, got: ${result.message}`);
  return result.value;
}

function messageOf(text: string): string {
  const result = parseNumber(text);
  if (result.ok) throw new Error(`expected '${text}' to be refused, got ${result.value}`);
  return result.message;
}

// expected values printed by python3 (math module, float64): an independent
// computation of the same expressions
const accepted: Array<[string, number]> = [
  ["0.25", 0.25],
  ["-1e-3", -0.001],
  [" 2 ", 2],
  ["1e+20", 1e20],
  [".5", 0.5],
  ["5/12", 0.4166666666666667],
  ["-9/4", -2.25],
  ["e^6/(1+2*e^6)", 0.4993810790316821],
  ["1/sqrt(4)", 0.5],
  ["2*pi", 6.283185307179586],
  ["exp(-1)", 0.36787944117144233],
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: printed by python3, the independent source
  ["ln(2)", 0.6931471805599453],
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: printed by python3, the independent source
  ["log(10)", 2.302585092994046],
  ["(-1)^3 - 4*(-1)^2 + 3*(-1)", -8],
  ["((1*0.5)^3 - 4*(1*0.5)^2 + 3*(1*0.5)) * 1", 0.625],
  ["2^-1", 0.5],
  // python: -2**2 == -4, and ** is right-associative as ^ is here
  ["-2^2", -4],
  ["2^3^2", 512],
  ["+3", 3],
  ["--1", 1],
];

describe("parseNumber accepts numbers and small expressions", () => {
  it.each(accepted)("reads %j", (text, expected) => {
    const value = numberFrom(text);
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-15 * Math.abs(expected));
  });

  it("matches the seed's printed softmax value 0.499381 for e^6/(1+2*e^6)", () => {
    expect(numberFrom("e^6/(1+2*e^6)")).toBeCloseTo(0.499381, 6);
  });
});

describe("parseNumber reads python's non-finite numbers", () => {
  it.each([
    ["inf", Number.POSITIVE_INFINITY],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-inf", Number.NEGATIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["+inf", Number.POSITIVE_INFINITY],
    ["INF", Number.POSITIVE_INFINITY],
    // decided: an overflowing literal is infinity, as python's float("1e400") and json.loads read it
    ["1e400", Number.POSITIVE_INFINITY],
    ["-1e400", Number.NEGATIVE_INFINITY],
  ])("reads %j as %d", (text, expected) => {
    expect(numberFrom(text)).toBe(expected);
  });

  it.each(["nan", "NaN", "-nan", "NAN"])("reads %j as NaN", (text) => {
    expect(numberFrom(text)).toBeNaN();
  });

  it("computes 1/0 in float64, as the comparator must then judge an infinity", () => {
    expect(numberFrom("1/0")).toBe(Number.POSITIVE_INFINITY);
    expect(numberFrom("0/0")).toBeNaN();
  });
});

describe("parseNumber refuses what is not on the whitelist, naming it", () => {
  it.each([
    ["cos(1)", /^'cos' is not an allowed function$/],
    ["import('fs')", /'import' is not an allowed function/],
    ["evaluate(1)", /'evaluate' is not an allowed function/],
    ["constructor", /'constructor' is not an allowed name/],
    ["__proto__", /'__proto__' is not an allowed name/],
    ["x", /'x' is not an allowed name/],
    ["E", /'E' is not an allowed name/],
    ["sqrt", /'sqrt' must be called with an argument/],
    ["a=1", /assignments are not allowed/],
    ["f(x)=x", /assignments are not allowed/],
    ["x.y", /property access/],
    ["x[1]", /property access and indexing/],
    ["x.y(1)", /only sqrt, exp, log and ln may be called/],
    ["[1, 2]", /arrays/],
    ["{a: 1}", /arrays, objects/],
    ["1:3", /ranges/],
    ["1;2", /only one expression/],
    ["1\n2", /only one expression/],
    ["true ? 1 : 2", /conditionals/],
    ['"5"', /strings are not allowed/],
    ["true", /'true' is not allowed/],
    ["null", /'null' is not allowed/],
    ["3!", /operator '!' is not allowed/],
    ["7 mod 2", /operator 'mod' is not allowed/],
    ["1 == 1", /operator '==' is not allowed/],
    ["[1,2] .* [3,4]", /arrays/],
    ["5%", /'%' is not allowed/],
    ["0x1F", /hexadecimal/],
    ["0b11", /hexadecimal, binary and octal/],
    ["1/0x", /hexadecimal/],
    ["2**3", /'\*\*' is not allowed, write \^/],
    ["log(8, 2)", /log takes one argument/],
    ["sqrt()", /sqrt takes one argument/],
    ["", /empty/],
    ["   ", /empty/],
    ["(1", /parenthesis \) expected/],
    ["1 +", /unexpected end of expression/],
  ])("refuses %j", (text, message) => {
    expect(messageOf(text)).toMatch(message);
  });

  // decided: implicit multiplication is refused, because mathjs gives it a
  // precedence of its own ("1/2pi") that half the class would read otherwise
  it.each([
    ["2pi", "2*pi"],
    ["2e^6", "2*e^6"],
    ["2(1+1)", "2*(1+1)"],
    ["1/2pi", "2*pi"],
  ])("refuses implicit multiplication in %j and says how to write it", (text, hint) => {
    const message = messageOf(text);
    expect(message).toContain("implicit multiplication is not allowed");
    expect(message).toContain(hint);
  });

  it("refuses a name before it complains about a missing *", () => {
    expect(messageOf("one half")).toBe("'one' is not an allowed name");
    expect(messageOf("5 cm")).toBe("'cm' is not an allowed name");
  });

  it("refuses an input longer than the limit before parsing it", () => {
    const text = `1${"+1".repeat(EXPRESSION_MAX_LENGTH)}`;
    expect(messageOf(text)).toBe(`expression is longer than ${EXPRESSION_MAX_LENGTH} characters`);
  });

  it("refuses a tree deeper than the limit and reads one within it", () => {
    const nested = (depth: number) => `${"(".repeat(depth)}1${")".repeat(depth)}`;
    expect(messageOf(nested(EXPRESSION_MAX_DEPTH))).toBe(`expression nests deeper than ${EXPRESSION_MAX_DEPTH} levels`);
    expect(numberFrom(nested(EXPRESSION_MAX_DEPTH - 1))).toBe(1);
  });
});

const expressionPieces = fc.constantFrom(
  "1",
  "2.5",
  "1e400",
  "0",
  "e",
  "pi",
  "inf",
  "nan",
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
  "log",
  "cos",
  "=",
  "[",
  "]",
  ",",
  ".",
  "'",
  '"',
  "%",
  " ",
  "!",
  ";",
  "?",
  ":",
  "0x",
  "constructor",
  "__proto__",
);

describe("parseNumber never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const result = parseNumber(text);
        if (result.ok) expect(typeof result.value).toBe("number");
        else expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("on strings built from expression tokens", () => {
    fc.assert(
      fc.property(fc.array(expressionPieces, { maxLength: 40 }), (pieces) => {
        const result = parseNumber(pieces.join(""));
        expect(result.ok ? typeof result.value : typeof result.message).toBe(result.ok ? "number" : "string");
      }),
      { numRuns: 3000 },
    );
  });

  it("reads a plain fraction exactly as the general tree does", () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (numerator, denominator) => {
        const plain = numberFrom(`${numerator}/${denominator}`);
        const tree = numberFrom(`(${numerator})/(${denominator})`);
        expect(Object.is(plain, tree)).toBe(true);
      }),
    );
  });

  it("reads every finite double written by String() back to itself", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (value) => {
        // String(-0) is "0"
        expect(numberFrom(String(value))).toBe(Object.is(value, -0) ? 0 : value);
      }),
    );
  });
});

describe("parseNumber reads numbers as students type and paste them", () => {
  it.each<[string, number]>([
    // U+2212 MINUS SIGN, from a word processor or a PDF
    ["\u22120.5", -0.5],
    ["\u2013 0.5", -0.5],
    ["\u20121e\u22123", -0.001],
    ["\uFF0D2", -2],
    ["3\u00D72", 6],
    ["3\u00B72", 6],
    ["3\u22C52", 6],
    ["6\u00F74", 1.5],
    ["1\u20442", 0.5],
    ["1\u00A0/\u20092", 0.5],
    ["\u200B0.25\uFEFF", 0.25],
    ["\uFF11\uFF12\uFF0E\uFF15", 12.5],
    ["2*\u03C0", 2 * Math.PI],
    ["1.5\u00D710\u207B\u00B3", 0.0015],
    ["10\u00B2", 100],
  ])("reads %j", (text, expected) => {
    expect(numberFrom(text)).toBeCloseTo(expected, 15);
  });

  it("reads a pasted infinity sign", () => {
    expect(numberFrom("\u2212\u221E")).toBe(Number.NEGATIVE_INFINITY);
  });

  it.each([
    ["0,5", "decimal comma: write 0.5"],
    ["\u22120,25", "decimal comma: write -0.25"],
    ["0,125", "decimal comma: write 0.125"],
    ["1/2,5", "decimal comma: write 1/2.5"],
    ["1.234,5", "decimal comma: write 1234.5"],
    ["1,000", "comma in a number: write 1000, or 1.000 for a decimal"],
    ["1\u2009000", "space in a number: write 1000"],
    ["1,2,3", "a list of numbers where one number is expected"],
    ["0, 5", "a list of numbers where one number is expected"],
  ])("explains the separator in %j rather than reading a list or 5", (text, message) => {
    expect(messageOf(text)).toBe(message);
  });

  it.each([
    ["0.5\u2026", "unexpected character '\u2026' (U+2026)"],
    ["\u00BD", "unexpected character '\u00BD' (U+00BD)"],
    ["\u221A2", "unexpected character '\u221A' (U+221A)"],
    ["1\u{1F600}", "unexpected character '\u{1F600}' (U+1F600)"],
    // shows as "5.0" while it is "0.5": refused, not read either way
    ["\u202E0.5", "unexpected character U+202E"],
    ["0.\u00005", "unexpected character U+0000"],
  ])("names an unexpected character in %j with its code point", (text, message) => {
    expect(messageOf(text)).toBe(message);
  });

  it("keeps ASCII mistakes to the parser's own messages", () => {
    expect(messageOf("log(8,2)")).toBe("log takes one argument");
    expect(messageOf("[1,2]")).toMatch(/arrays/);
  });
});

describe("parseNumber spends a submission's expression budget", () => {
  it("counts what the parser reads, and not plain decimals or fractions", () => {
    const budget = expressionBudget();
    for (const text of ["0.5", "1e-3", "-2", "5/12", " 7 ", "\u22120.5", "0,5", "0x1F"]) parseNumber(text, budget);
    expect(budget).toEqual(expressionBudget());
    expect(parseNumber("2*pi", budget)).toEqual({ ok: true, value: 2 * Math.PI });
    expect(budget).toEqual({ expressions: EXPRESSIONS_PER_SUBMISSION - 1, characters: EXPRESSION_CHARACTERS_PER_SUBMISSION - 4 });
  });

  it("refuses expressions past the count, and still reads plain numbers", () => {
    const budget = expressionBudget();
    const results = Array.from({ length: EXPRESSIONS_PER_SUBMISSION + 5 }, () => parseNumber("e^6/(1+2*e^6)", budget));
    expect(results.slice(0, EXPRESSIONS_PER_SUBMISSION).every((result) => result.ok)).toBe(true);
    expect(results.at(-1)).toEqual({ ok: false, overBudget: true, message: `more than ${EXPRESSIONS_PER_SUBMISSION} expressions in one submission` });
    expect(parseNumber("0.5", budget)).toEqual({ ok: true, value: 0.5 });
  });

  it("refuses expressions past the characters, however few", () => {
    const budget = expressionBudget();
    // charged when parsed, whether or not it then reads as a number
    const text = `${"2*".repeat(99)}1`;
    const fits = Math.floor(EXPRESSION_CHARACTERS_PER_SUBMISSION / text.length);
    const results = Array.from({ length: fits + 1 }, () => parseNumber(text, budget));
    expect(results.slice(0, fits).some((result) => !result.ok && result.overBudget)).toBe(false);
    expect(results[fits]).toEqual({
      ok: false,
      overBudget: true,
      message: `more than ${EXPRESSION_CHARACTERS_PER_SUBMISSION} characters of expressions in one submission`,
    });
  });
});

describe("characters arithmetic never needs", () => {
  it("refuses a '#' rather than reading the rest as a comment", () => {
    for (const text of ["1 # import('fs')", "0.5#x", "1#", "2;3", "a=1", "[1]"]) {
      const parsed = parseNumber(text);
      expect(parsed.ok, text).toBe(false);
    }
    expect(parseNumber("0.5#x")).toEqual({ ok: false, message: "unexpected character '#'" });
  });
});
