import { stripVTControlCharacters } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { abbreviateVector, formatNumber, formatSignificant, sanitizeText, stripVTControlSequences } from "../../src/report/format.ts";

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [-0, "0"],
    [100, "100"],
    [-2.25, "-2.25"],
    [1 / 3, "0.333333"],
    [2 / 3, "0.666667"],
    [12345.67, "12345.7"],
    [0.000123456, "0.000123456"],
    [0.00001, "1e-5"],
    [1.52299795e-8, "1.523e-8"],
    [65659970, "6.566e+7"],
    [123456789, "1.23457e+8"],
    [999999.7, "1e+6"],
    [1e6, "1e+6"],
    [1e271, "1e+271"],
    [-4.2e-300, "-4.2e-300"],
    // spelt as the messages spell them (compare/format.ts formatNonFinite), as python prints them
    [Number.NaN, "nan"],
    [Number.POSITIVE_INFINITY, "inf"],
    [Number.NEGATIVE_INFINITY, "-inf"],
  ])("prints %s as %s", (input, expected) => {
    expect(formatNumber(input)).toBe(expected);
  });
});

describe("abbreviateVector", () => {
  it("shows the first three values, the last one and the count", () => {
    const curve = Array.from({ length: 100 }, (_, i) => i / 8);
    expect(abbreviateVector(curve)).toBe("[0, 0.125, 0.25, …, 12.375] (100 values)");
  });
});

describe("sanitizeText", () => {
  it.each([
    ["\u001b[31mred\u001b[0m", "red"],
    ["\u001b]0;owned\u0007title", "title"],
    ["line\r\nbreak", "line  break"],
    ["bell\u0007 and nul\u0000", "bell  and nul "],
    ["right\u202eto left", "rightto left"],
    ["Ada Lovelace", "Ada Lovelace"],
  ])("cleans %j", (input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });
});

describe("stripVTControlSequences", () => {
  // what escape sequences are made of, so that random strings hit the pattern's corners
  const pieces = ["\u001b", "\u009b", "\u009c", "\u0007", "[", "]", "(", ")", "#", ";", "?", "\\", "/", "&", ".", ":", "=", "%", "@", "~", "_", "-", "<", ">", "0", "12", "12345", "m", "A", "H", "Q", "R", "T", "Z", "c", "f", "n", "q", "r", "y", "x", " ", "é"];

  it("strips what node:util's stripVTControlCharacters strips, and nothing else", () => {
    for (const text of ["\u001b[31mred\u001b[0m", "\u001b]8;;https://x\u001b\\link\u001b]8;;\u0007", "\u009b2J", "\u001b[1;2;3m"]) {
      expect(stripVTControlSequences(text)).toBe(stripVTControlCharacters(text));
    }
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const text = parts.join("");
        return stripVTControlSequences(text) === stripVTControlCharacters(text);
      }),
      { numRuns: 20_000 },
    );
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => stripVTControlSequences(text) === stripVTControlCharacters(text)), { numRuns: 2_000 });
  });
});

describe("formatNumber of whole numbers", () => {
  it("prints a whole number of up to six digits as the general rule would", () => {
    for (const x of [0, -0, 1, -1, 7, 42, -305, 99999, 999999, -999999, 1e6, 65659970, 123456789]) {
      expect(formatNumber(x), String(x)).toBe(formatSignificant(x, 6));
    }
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-305)).toBe("-305");
  });
});
