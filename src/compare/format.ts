import { formatShape, numericShape, type Value } from "../value.ts";

/** Long student strings are cut so that a hostile answer cannot flood a report. */
const MAX_STRING_CHARS = 40;
const SIGNIFICANT_DIGITS = 6;
/**
 * Lists nested deeper than this are refused before anything recurses into them:
 * JSON.parse accepts 100,000 levels, a recursive walk overflows the stack far sooner.
 */
export const MAX_NESTING = 64;
const NESTING_SHOWN = 3;

/** Whether a value holds lists nested deeper than `limit`, found without recursion. */
export function nestedDeeperThan(value: Value, limit: number): boolean {
  const pending: [Value, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (!Array.isArray(item)) continue;
    if (depth >= limit) return true;
    for (const inner of item) pending.push([inner, depth + 1]);
  }
  return false;
}

/**
 * How every message and report spells a number that is not finite: as
 * Python prints it (`print(np.nan)`), the language the students write in.
 * The one place this is decided.
 */
export function formatNonFinite(x: number): string {
  return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
}

/** A number as messages print it: up to 6 significant digits, python's spelling of non-finite values. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return formatNonFinite(x);
  if (x === 0) return "0";
  return String(Number(x.toPrecision(SIGNIFICANT_DIGITS)));
}

/** x with the fewest digits (6 at least, 17 at most) that keep it apart from `other` once both are printed so. */
export function formatDistinct(x: number, other: number): string {
  if (!Number.isFinite(x) || !Number.isFinite(other) || x === other) return formatNumber(x);
  for (let digits = SIGNIFICANT_DIGITS; digits < 17; digits++) {
    if (x.toPrecision(digits) !== other.toPrecision(digits)) return String(Number(x.toPrecision(digits)));
  }
  return String(x);
}

/** A value as messages print it: numbers compact, strings quoted and cut, lists shortened. */
export function formatValue(value: Value, depth = 0): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") {
    const cut = value.length > MAX_STRING_CHARS ? `${value.slice(0, MAX_STRING_CHARS)}…` : value;
    return JSON.stringify(cut);
  }
  if (value === null || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (depth >= NESTING_SHOWN) return "[…]";
    const shown = value.slice(0, 6).map((item) => formatValue(item, depth + 1));
    if (value.length > 6) shown.push(`… ${value.length} in all`);
    return `[${shown.join(", ")}]`;
  }
  return "an object";
}

/**
 * A number for CompareOutcome.data: finite numbers stay numbers, non-finite ones
 * become "nan"/"inf"/"-inf" so that the data survives JSON.
 */
export function dataNumber(x: number): number | string {
  return Number.isFinite(x) ? x : formatNumber(x);
}

/** Index path of an element: [1, 2] -> "[1][2]"; a scalar has the empty path. */
export function formatPosition(path: readonly number[]): string {
  return path.length === 0 ? "the value" : path.map((i) => `[${i}]`).join("");
}

/** What a value is, for "expected a number, got a string". */
export function describeType(value: Value): string {
  if (value === null) return "null";
  if (typeof value === "number") return "a number";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  if (Array.isArray(value)) {
    if (nestedDeeperThan(value, MAX_NESTING)) return `a list nested more than ${MAX_NESTING} deep`;
    const shape = numericShape(value);
    return shape === null ? "a list that is not a numeric array" : formatShape(shape);
  }
  return "an object";
}

/**
 * Data keys that give the answer away: "expected" itself and any key ending in
 * "_expected" (worst_expected, min_expected). Messages for hidden items never use
 * them, and a grade layer can drop them from what students see.
 */
export function revealsAnswer(key: string): boolean {
  return key === "expected" || key.endsWith("_expected");
}

/** data without the keys that give the answer away */
export function redactExpected(data: Record<string, string | number> | undefined): Record<string, string | number> {
  const kept: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(data ?? {})) if (!revealsAnswer(key)) kept[key] = value;
  return kept;
}
