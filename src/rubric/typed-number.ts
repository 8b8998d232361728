/**
 * Numbers as students type or paste them: a word processor's minus sign, a
 * times sign, a thin space, full-width digits from an East Asian keyboard, a
 * decimal comma. What has one reading becomes ASCII for the expression
 * reader; what has none gets a message saying what to write.
 */
/** printable ASCII and the whitespace mathjs reads; anything else is mapped or refused */
export const NOT_PLAIN_ASCII = /[^\t\n\r\x20-\x7e]/;

const TYPED: ReadonlyMap<string, string> = new Map([
  // minus signs: U+2212 MINUS SIGN, hyphen, non-breaking hyphen, figure dash, en dash, small and full-width hyphen-minus
  ...["\u2212", "\u2010", "\u2011", "\u2012", "\u2013", "\ufe63"].map((char) => [char, "-"] as const),
  // times: ×, middle dot, dot operator, bullet operator, asterisk operator
  ...["\u00d7", "\u00b7", "\u22c5", "\u2219", "\u2217"].map((char) => [char, "*"] as const),
  // divided by: ÷, division slash, fraction slash
  ...["\u00f7", "\u2215", "\u2044"].map((char) => [char, "/"] as const),
  // spaces: no-break, the typographic ones (thin, hair, figure, ...), narrow no-break, medium mathematical, ideographic
  ...["\u00a0", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000"].map(
    (char) => [char, " "] as const,
  ),
  // invisible and harmless: zero-width space and joiner, word joiner, byte order mark, soft hyphen, direction marks
  ...["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u061c"].map((char) => [char, ""] as const),
  ["\u03c0", "pi"],
  ["\u221e", "inf"],
]);

const SUPERSCRIPTS: ReadonlyMap<string, string> = new Map(
  [..."\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b"].map((char, index) => [char, "0123456789+-"[index] as string]),
);

const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xff01 - 0x21;

/**
 * The text as the student meant it, in ASCII: "−0.5" is -0.5, "3×10⁻³" is
 * 3*10^(-3). A character with no such reading is named with its code point,
 * as it may look like one that has (a U+202E override shows digits reversed).
 */
export function asTyped(text: string): { ok: true; text: string } | { ok: false; message: string } {
  let out = "";
  let exponent = "";
  for (const char of text) {
    const superscript = SUPERSCRIPTS.get(char);
    if (superscript !== undefined) {
      exponent += superscript;
      continue;
    }
    if (exponent !== "") {
      out += `^(${exponent})`;
      exponent = "";
    }
    const code = char.codePointAt(0) as number;
    if (!NOT_PLAIN_ASCII.test(char)) out += char;
    else if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) out += String.fromCharCode(code - FULL_WIDTH_OFFSET);
    else {
      const mapped = TYPED.get(char);
      if (mapped === undefined) return { ok: false, message: `unexpected character ${describeCharacter(char)}` };
      out += mapped;
    }
  }
  if (exponent !== "") out += `^(${exponent})`;
  return { ok: true, text: out };
}

/** "'…' (U+2026)"; an invisible character by its code point alone */
function describeCharacter(char: string): string {
  const code = `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
  return /[\p{C}\p{Z}\p{M}]/u.test(char) ? code : `'${char}' (${code})`;
}

const THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+$/;
const SPACED_THOUSANDS = /^[+-]?[1-9]\d{0,2}(?: \d{3})+(?:[.,]\d+)?$/;
const NUMBER_LIST = /^[+-]?[\d.]+(?:\s*,\s*[+-]?[\d.]+)+$/;
// 1.234,5 as Germany writes it
const DOTTED_THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:\.\d{3})+,\d+$/;
const ARITHMETIC_ONLY = /^[\d.,+\-*/^()eE\s]+$/;

/**
 * A comma where one number is expected: a decimal comma ("0,5", as half of
 * Europe writes it), a thousands separator, or a list. mathjs would read
 * "0,5" as two values; none of these may be read as 5 or as a list. And
 * digits grouped by spaces ("1 000", typeset with a thin space), which
 * mathjs's message does not explain.
 */
export function separatorProblem(source: string): string | undefined {
  if (SPACED_THOUSANDS.test(source)) return `space in a number: write ${source.replace(/ /g, "").replace(",", ".")}`;
  if (!source.includes(",")) return undefined;
  if (THOUSANDS.test(source)) {
    return `comma in a number: write ${source.replace(/,/g, "")}, or ${source.replace(",", ".").replace(/,/g, "")} for a decimal`;
  }
  if (DOTTED_THOUSANDS.test(source)) return `decimal comma: write ${source.replace(/\./g, "").replace(",", ".")}`;
  if (ARITHMETIC_ONLY.test(source) && /\d,\d/.test(source) && !/\d,\d+,\d/.test(source)) {
    return `decimal comma: write ${source.replace(/(\d),(?=\d)/g, "$1.")}`;
  }
  if (NUMBER_LIST.test(source)) return "a list of numbers where one number is expected";
  return undefined;
}
