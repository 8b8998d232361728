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
  /** short vectors: formatted cells that wrap in a narrow column */
  vector: string[] | null;
  /** small matrices: rows of formatted cells */
  table: { rows: string[][]; shape: string } | null;
  /** long vectors and big matrices, abbreviated to one line */
  abbreviated: string | null;
  /** objects and arrays of non-scalars */
  entries: { key: string; value: ValueView }[] | null;
  more: number;
}

const MAX_ROW = 12;
const MAX_ROWS = 12;
const MAX_ENTRIES = 12;
const MAX_DEPTH = 3;

function view(partial: Partial<ValueView>): ValueView {
  return { scalar: null, vector: null, table: null, abbreviated: null, entries: null, more: 0, ...partial };
}

export function toValueView(value: Value, depth = 0): ValueView {
  if (isScalar(value)) return view({ scalar: formatScalar(value) });
  if (depth >= MAX_DEPTH) return view({ abbreviated: truncate(formatValueInline(value, 4), 200) });
  if (Array.isArray(value)) return arrayView(value, depth);
  const keys = Object.keys(value);
  const entries = keys.slice(0, MAX_ENTRIES).map((key) => ({ key: truncate(key, 60), value: toValueView(value[key] as Value, depth + 1) }));
  return view({ entries, more: keys.length - entries.length });
}

function arrayView(value: Value[], depth: number): ValueView {
  if (value.length === 0) return view({ scalar: "[]" });
  if (value.every(isScalar)) {
    if (value.length > MAX_ROW) return view({ abbreviated: abbreviateVector(value) });
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
  const entries = value.slice(0, MAX_ENTRIES).map((element, i) => ({ key: `[${i}]`, value: toValueView(element, depth + 1) }));
  return view({ entries, more: value.length - entries.length });
}
