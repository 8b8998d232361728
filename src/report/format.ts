import { formatNonFinite } from "../compare/format.ts";
import type { Value } from "../value.ts";
import type { ItemStatus } from "../result/types.ts";

/** Words a person reads for each status; the badge and the terminal use the same ones. */
export const STATUS_LABELS: Record<ItemStatus, string> = {
  pass: "pass",
  partial: "partial",
  fail: "fail",
  ecf: "error carried forward",
  missing: "not answered",
  invalid: "could not read",
};

const SIGNIFICANT_DIGITS = 6;

/**
 * Up to 6 significant digits, trailing zeros dropped; exponent form outside
 * [1e-4, 1e6) so that 65659970 does not print as a misleading 65660000.
 */
export function formatNumber(x: number): string {
  // an integer of at most six digits prints as itself (0 for -0): the common cell of a matrix, without rounding it
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  return formatSignificant(x, SIGNIFICANT_DIGITS);
}

/** Rounds first, then picks the form, so 9.9999999e-5 prints as 0.0001. */
export function formatSignificant(x: number, digits: number): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  const rounded = Number(x.toPrecision(digits));
  if (rounded === 0) return "0";
  const magnitude = Math.abs(rounded);
  if (magnitude >= 1e-4 && magnitude < 1e6) return String(rounded);
  const [mantissa = "", exponent = ""] = rounded.toExponential(digits - 1).split("e");
  const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
  return `${trimmed}e${exponent}`;
}

/** Scores are exact decimals already rounded by the grader: print them as given. */
export function formatScore(x: number): string {
  return Number.isFinite(x) ? String(x) : formatNumber(x);
}

export function formatScalar(value: Value): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return JSON.stringify(truncate(value, 120));
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  return Array.isArray(value) ? "[…]" : "{…}";
}

export function isScalar(value: Value): value is number | string | boolean | null {
  return value === null || typeof value !== "object";
}

/** Long vectors (curves) show their ends: "[v0, v1, v2, …, vN] (100 values)". */
export function abbreviateVector(values: readonly Value[]): string {
  const head = values.slice(0, 3).map(formatScalar);
  const last = values[values.length - 1];
  const tail = last === undefined ? "" : `, …, ${formatScalar(last)}`;
  return `[${head.join(", ")}${tail}] (${values.length} values)`;
}

/** One line for a terminal or a tooltip; never a full dump of a big value. */
export function formatValueInline(value: Value, maxElements = 12): string {
  if (isScalar(value)) return formatScalar(value);
  if (Array.isArray(value)) {
    if (value.length > maxElements) return abbreviateVector(value);
    return `[${value.map((element) => formatValueInline(element, 4)).join(", ")}]`;
  }
  const keys = Object.keys(value);
  const shown = keys.slice(0, 6).map((key) => `${sanitizeText(key)}: ${formatValueInline(value[key] as Value, 4)}`);
  return `{${shown.join(", ")}${keys.length > 6 ? ", …" : ""}}`;
}

export function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

/**
 * ANSI/VT escape sequences (CSI, OSC and the like), as Node's
 * util.stripVTControlCharacters matches them (its pattern, from chalk's
 * ansi-regex, MIT), written out here so that reports need no node:util: a
 * test checks that both strip the same.
 */
const VT_CONTROL_SEQUENCE = new RegExp(
  "[\\u001B\\u009B][[\\]()#;?]*" +
    "(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*" +
    "|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?" +
    "(?:\\u0007|\\u001B\\u005C|\\u009C))" +
    "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))",
  "g",
);

/** `text` without its ANSI/VT escape sequences */
export function stripVTControlSequences(text: string): string {
  return text.replace(VT_CONTROL_SEQUENCE, "");
}

/**
 * Student text must not drive a terminal: strip ANSI/VT escape sequences
 * first (so their parameters go too), then any other C0/C1 control
 * character, including bidi overrides that could reorder what is shown.
 */
export function sanitizeText(text: string): string {
  return (
    stripVTControlSequences(text)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
      .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
  );
}
