/**
 * Turns a Value into a small view model for the value.hbs partial: every
 * string in it is plain text that the template escapes, so no value a
 * student sent can reach the page as markup.
 */
import { numericShape, type Value } from "../value.ts";
import { abbreviateVector, formatScalar, formatValueInline, isScalar, truncate } from "./format.ts";

export interface ValueView {
  /** exactly one of these is set, so the partial needs no comparison helper */
  scalar: string | null;
  /** short vectors: formatted cells, one row of them */
  vector: string[] | null;
  /** small matrices: rows of formatted cells */
  table: { rows: string[][]; shape: string } | null;
  /** long vectors and big matrices, abbreviated to one line */
  abbreviated: string | null;
  /** the length of the 1-D vector `abbreviated` shortens ("[a, b, c, …, z] (N values)"), else null: a vector keeps to one line */
  vectorLength: number | null;
  /** objects and arrays of non-scalars */
  entries: { key: string; value: ValueView }[] | null;
  /** a list of flat objects (hw3b's trials): one row each, under their keys; only when asked for (ValueViewOptions) */
  records: { columns: string[]; rows: string[][] } | null;
  /** entries or records left out */
  more: number;
}

export interface ValueViewOptions {
  /** lists of flat objects as records rather than as entries (the HTML report asks; the PDF draws entries) */
  records?: boolean;
}

const MAX_ROW = 12;
const MAX_ROWS = 12;
const MAX_ENTRIES = 12;
const MAX_DEPTH = 3;
const MAX_RECORDS = 30;

function view(partial: Partial<ValueView>): ValueView {
  return { scalar: null, vector: null, table: null, abbreviated: null, vectorLength: null, entries: null, records: null, more: 0, ...partial };
}

export function toValueView(value: Value, depth = 0, options: ValueViewOptions = {}): ValueView {
  if (isScalar(value)) return view({ scalar: formatScalar(value) });
  if (depth >= MAX_DEPTH) {
    // a list of numbers this deep is still a vector, however formatValueInline shortens it
    const vectorLength = Array.isArray(value) && value.length > 0 && value.every(isScalar) ? value.length : null;
    return view({ abbreviated: truncate(formatValueInline(value, 4), 200), vectorLength });
  }
  if (Array.isArray(value)) return arrayView(value, depth, options);
  const keys = Object.keys(value);
  const entries = keys.slice(0, MAX_ENTRIES).map((key) => ({ key: truncate(key, 60), value: toValueView(value[key] as Value, depth + 1, options) }));
  return view({ entries, more: keys.length - entries.length });
}

type FlatRecord = Record<string, number | string | boolean | null>;

function isFlatRecord(value: Value): value is FlatRecord {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).every(isScalar);
}

/** the list as rows under the keys its objects have (in the order they first appear), or null when it is no such list */
function recordsView(value: Value[]): ValueView | null {
  if (!value.every(isFlatRecord)) return null;
  const columns = [...new Set(value.flatMap((record) => Object.keys(record)))];
  if (columns.length === 0 || columns.length > MAX_ROW) return null;
  const shown = value.slice(0, MAX_RECORDS);
  // a key one object lacks is an empty cell, not a value
  const rows = shown.map((record) => columns.map((key) => (Object.hasOwn(record, key) ? formatScalar(record[key] as Value) : "")));
  return view({ records: { columns: columns.map((key) => truncate(key, 60)), rows }, more: value.length - shown.length });
}

function arrayView(value: Value[], depth: number, options: ValueViewOptions): ValueView {
  if (value.length === 0) return view({ scalar: "[]" });
  if (value.every(isScalar)) {
    if (value.length > MAX_ROW) return view({ abbreviated: abbreviateVector(value), vectorLength: value.length });
    return view({ vector: value.map(formatScalar) });
  }
  // only now: the shape of a long vector (a curve) costs more than its abbreviation
  const shape = numericShape(value);
  if (shape !== null && shape.length === 2) {
    const [rows = 0, columns = 0] = shape;
    if (rows <= MAX_ROWS && columns <= MAX_ROW) {
      const cells = (value as number[][]).map((row) => row.map(formatScalar));
      return view({ table: { rows: cells, shape: `${rows}×${columns}` } });
    }
    const firstRow = abbreviateVector(value[0] as Value[]).replace(/ \(\d+ values\)$/, "");
    return view({ abbreviated: `${rows}×${columns} matrix: [${firstRow}, …]` });
  }
  if (shape !== null && shape.length > 2) {
    return view({ abbreviated: `array of shape ${shape.join("×")}: ${truncate(formatValueInline(value, 4), 160)}` });
  }
  const records = options.records ? recordsView(value) : null;
  if (records !== null) return records;
  const entries = value.slice(0, MAX_ENTRIES).map((element, i) => ({ key: `[${i}]`, value: toValueView(element, depth + 1, options) }));
  return view({ entries, more: value.length - entries.length });
}
