/**
 * A value in the PDF report, from the same ValueView the HTML report uses,
 * so the numbers read the same in both. A number or a key is never split
 * across lines: a 1-D vector is drawn on one line, shortened as the HTML
 * shortens a long one ("[a, b, …, z] (N values)") where it does not fit
 * whole; a matrix, and a list of flat records (hw3b's trials) under their
 * keys, is a grid of cells, drawn smaller where it must be; a key stands
 * beside its value where both fit, else above it. preferredWidth and
 * minimumWidth tell the report how much room a value wants (pdf-task.ts
 * gives it the row under the item when the column is too narrow).
 */
import { type Block, COLOR, type Doc, EMPTY, FONT, inline, label, measure, stack, text } from "./pdf-layout.ts";
import { artifact, inStruct } from "./pdf-tags.ts";
import { layoutText, lineMetrics } from "./pdf-text.ts";
import type { ValueView } from "./value-view.ts";

const SIZE = 7.5;
const MIN_GRID_SIZE = 5.5;
/** a key wider than its whole line is drawn smaller, down to this, before it may break */
const MIN_KEY_SIZE = 4;
const CELL_PAD = 2.5;
/** between a key and its value beside it */
const KEY_GAP = 5;
/** a value under its key */
const INDENT = 8;
/** a value never makes its row taller than this; the rest is cut with "… more" */
export const MAX_VALUE_HEIGHT = 260;
const MAX_SCALAR_LINES = 12;
/** a string's word wider than this may wrap inside itself: it is text, not a number */
const MAX_TEXT_WORD = 60;
/** widths computed from measured text are compared with this much slack, for rounding */
const SLACK = 0.01;

const mono = { font: FONT.mono, size: SIZE, color: COLOR.text };
const keyStyle = { font: FONT.mono, size: SIZE, color: COLOR.muted };

function monoWidth(content: string, size = SIZE): number {
  return measure(content, { font: FONT.mono, size });
}

/** the widest word: lines break only between words (at spaces), so no narrower width keeps each whole */
function longestWord(content: string): number {
  return Math.max(0, ...content.split(/\s+/).map((word) => monoWidth(word)));
}

/** a string (formatScalar quotes them), rather than a number, a boolean or null */
function isText(scalar: string): boolean {
  return scalar.startsWith('"');
}

function isFlat(view: ValueView): boolean {
  return view.scalar !== null || view.abbreviated !== null || view.vector !== null;
}

/** a 1-D vector: its values, or the first of them, the last and the count where the view already shortened it */
interface Vector {
  head: readonly string[];
  /** null: `head` is every value */
  last: string | null;
  count: number;
}

/** abbreviateVector's "[a, b, c, …, z] (N values)", for values with no quote (a string's ", " would split it wrongly) */
const SHORTENED = /^\[([^"]*), …, ([^",]*)\] \((\d+) values\)$/;

function vectorOf(view: ValueView): Vector | null {
  if (view.vector !== null) return { head: view.vector, last: null, count: view.vector.length };
  const match = view.abbreviated === null ? null : SHORTENED.exec(view.abbreviated);
  if (!match) return null;
  return { head: (match[1] ?? "").split(", "), last: match[2] ?? "", count: Number(match[3]) };
}

/** the vector's one-line forms, longest first: whole (or as the view shortened it), then with fewer leading values, as the HTML shortens a long one */
function vectorForms(vector: Vector): string[] {
  const { head, last, count } = vector;
  const forms = [last === null ? `[${head.join(", ")}]` : `[${head.join(", ")}, …, ${last}] (${count} values)`];
  const end = last ?? head[head.length - 1] ?? "";
  // shortened, a vector keeps at least one value before the "…" and the last after it
  for (let kept = last === null ? head.length - 2 : head.length - 1; kept >= 1; kept--) forms.push(`[${head.slice(0, kept).join(", ")}, …, ${end}] (${count} values)`);
  return forms;
}

/**
 * The longest form that fits on one line; where none does, the form that
 * takes the fewest lines (the longest of those), wrapped between its values
 */
function vectorText(vector: Vector, width: number): string {
  let best = "";
  let fewest = Number.POSITIVE_INFINITY;
  for (const form of vectorForms(vector)) {
    // laid out as text() will lay it out, so that "one line" is what is drawn
    const lines = layoutText(form, mono, width).lines.length;
    if (lines === 1) return form;
    if (lines < fewest) {
      best = form;
      fewest = lines;
    }
  }
  return best;
}

/** a matrix's rows, or a list of records under their keys */
interface Grid {
  header: readonly string[] | null;
  rows: readonly (readonly string[])[];
}

function gridOf(view: ValueView): Grid | null {
  if (view.table !== null) return { header: null, rows: view.table.rows };
  if (view.records !== null) return { header: view.records.columns, rows: view.records.rows };
  return null;
}

const columnCache = new WeakMap<ValueView, number[]>();

/** each column's width at 1pt: its widest cell, its key included */
function columnWidths(view: ValueView, grid: Grid): number[] {
  let widths = columnCache.get(view);
  if (widths === undefined) {
    const all = grid.header === null ? grid.rows : [grid.header, ...grid.rows];
    const count = Math.max(0, ...all.map((row) => row.length));
    widths = Array.from({ length: count }, (_, c) => Math.max(0, ...all.map((row) => monoWidth(row[c] ?? "", 1))));
    columnCache.set(view, widths);
  }
  return widths;
}

function gridWidth(widths: readonly number[], size: number): number {
  return widths.reduce((total, width) => total + width * size + 2 * CELL_PAD, 0);
}

/** the font size a grid needs to fit in `width`, at most the normal size */
function gridSize(widths: readonly number[], width: number): number {
  const atOnePoint = widths.reduce((total, w) => total + w, 0);
  return atOnePoint > 0 ? Math.min(SIZE, (width - 2 * CELL_PAD * widths.length) / atOnePoint) : SIZE;
}

/** the widest key of the flat entries, which stand beside their values */
function keyColumn(entries: readonly { key: string; value: ValueView }[]): number {
  return Math.max(0, ...entries.filter((entry) => isFlat(entry.value)).map((entry) => monoWidth(entry.key)));
}

/** an entry's width with its key above its value */
function keyAbove(entry: { key: string; value: ValueView }, valueWidth: (view: ValueView) => number): number {
  return Math.max(monoWidth(entry.key), INDENT + valueWidth(entry.value));
}

/**
 * The width the value takes at its best: a number whole, a vector on one
 * line, keys beside their values, a grid at a readable size. A report's
 * column narrower than this gives the value a wider place.
 */
export function preferredWidth(view: ValueView): number {
  if (view.scalar !== null) return isText(view.scalar) ? Math.min(longestWord(view.scalar), MAX_TEXT_WORD) : monoWidth(view.scalar);
  const vector = vectorOf(view);
  if (vector !== null) return monoWidth(vectorForms(vector)[0] ?? "");
  if (view.abbreviated !== null) return monoWidth(view.abbreviated);
  return entriesOrGridWidth(view, preferredWidth, false);
}

/**
 * The narrowest width the value draws in with no number and no key split:
 * a long vector shortened, text wrapped between values, keys above their
 * values, a grid at the smallest readable size.
 */
export function minimumWidth(view: ValueView): number {
  if (view.scalar !== null) return isText(view.scalar) ? Math.min(longestWord(view.scalar), MAX_TEXT_WORD) : monoWidth(view.scalar);
  const vector = vectorOf(view);
  if (vector !== null) return longestWord(vectorForms(vector).pop() ?? "");
  if (view.abbreviated !== null) return longestWord(view.abbreviated);
  return entriesOrGridWidth(view, minimumWidth, true);
}

/** `narrowest`: keys may go above their values (the grid's size is the smallest readable either way) */
function entriesOrGridWidth(view: ValueView, valueWidth: (view: ValueView) => number, narrowest: boolean): number {
  const grid = gridOf(view);
  if (grid !== null) return gridWidth(columnWidths(view, grid), MIN_GRID_SIZE);
  const entries = view.entries ?? [];
  const flat = entries.filter((entry) => isFlat(entry.value));
  const nested = entries.filter((entry) => !isFlat(entry.value)).map((entry) => keyAbove(entry, valueWidth));
  const beside = flat.length === 0 ? 0 : keyColumn(entries) + KEY_GAP + Math.max(...flat.map((entry) => valueWidth(entry.value)));
  const above = Math.max(0, ...flat.map((entry) => keyAbove(entry, valueWidth)));
  return Math.max(narrowest ? Math.min(beside, above) : beside, ...nested);
}

export function valueBlock(doc: Doc, view: ValueView, width: number, maxHeight = MAX_VALUE_HEIGHT): Block {
  if (view.scalar !== null) return text(doc, view.scalar, width, { ...mono, maxLines: MAX_SCALAR_LINES });
  const vector = vectorOf(view);
  if (vector !== null) return text(doc, vectorText(vector, width), width, { ...mono, maxLines: MAX_SCALAR_LINES });
  if (view.abbreviated !== null) return text(doc, view.abbreviated, width, { ...mono, maxLines: MAX_SCALAR_LINES });
  if (view.table !== null) return matrixBlock(doc, view, width, maxHeight);
  if (view.records !== null) return recordsBlock(doc, view, width, maxHeight);
  if (view.entries !== null) return entriesBlock(doc, view, width, maxHeight);
  return EMPTY;
}

/** a muted note in place of what did not fit */
export function noneBlock(doc: Doc, content: string, width: number): Block {
  return label(doc, content, width, { font: FONT.regular, size: SIZE, color: COLOR.faint });
}

function moreBlock(doc: Doc, hidden: number, width: number, what: string): Block {
  return label(doc, `… ${hidden} more ${what}`, width, { font: FONT.regular, size: SIZE - 0.5, color: COLOR.muted });
}

const rowsWord = (hidden: number) => (hidden === 1 ? "row" : "rows");

function matrixBlock(doc: Doc, view: ValueView, width: number, maxHeight: number): Block {
  const rows = view.table?.rows ?? [];
  const widths = columnWidths(view, { header: null, rows });
  const size = gridSize(widths, width);
  if (size >= MIN_GRID_SIZE) return gridBlock(doc, { header: null, rows }, widths, size, maxHeight, 0, false, width);
  // too wide for a grid at a readable size: a line per row, each a vector (shortened where it must be)
  const lines = rows.map((row) => text(doc, vectorText({ head: row, last: null, count: row.length }, width), width, { ...mono, maxLines: 4 }));
  return stack(lines, { gap: 3, maxHeight, more: (hidden) => moreBlock(doc, hidden, width, rowsWord(hidden)) });
}

/** a list of flat records as a table under their keys; too wide for even a small grid, as entries ([0]: its keys and values, …) */
function recordsBlock(doc: Doc, view: ValueView, width: number, maxHeight: number): Block {
  const records = view.records;
  if (records === null) return EMPTY;
  const grid = { header: records.columns, rows: records.rows };
  const widths = columnWidths(view, grid);
  const size = gridSize(widths, width);
  if (size >= MIN_GRID_SIZE) return gridBlock(doc, grid, widths, size, maxHeight, view.more, true, width);
  return entriesBlock(doc, recordsAsEntries(view), width, maxHeight);
}

function recordsAsEntries(view: ValueView): ValueView {
  const blank: ValueView = { ...view, scalar: null, vector: null, table: null, abbreviated: null, entries: null, records: null, more: 0 };
  const { columns, rows } = view.records ?? { columns: [], rows: [] };
  const entries = rows.map((row, i) => ({
    key: `[${i}]`,
    // a key the record lacks is left out, as the table leaves its cell empty
    value: { ...blank, entries: columns.flatMap((key, c) => (row[c] ? [{ key, value: { ...blank, scalar: row[c] ?? "" } }] : [])) },
  }));
  return { ...blank, entries, more: view.more };
}

/**
 * A grid of right-aligned cells, its keys (if any) on a grey band above;
 * rows past maxHeight are cut, and said so under it. A table of records
 * is tagged as one (Table, TR, TH, TD), inside the item's cell.
 */
function gridBlock(doc: Doc, grid: Grid, widths: readonly number[], size: number, maxHeight: number, more: number, tagged: boolean, width: number): Block {
  const cellWidths = widths.map((w) => w * size + 2 * CELL_PAD);
  const rowHeight = lineMetrics(FONT.mono, size).lineHeight + 1.5;
  const header = grid.header === null ? null : gridRow(doc, grid.header, cellWidths, size, rowHeight, true, tagged);
  const headerHeight = header?.height ?? 0;
  const moreLine = (hidden: number) => moreBlock(doc, hidden, width, rowsWord(hidden));
  let kept = grid.rows.length;
  if (headerHeight + kept * rowHeight + (more > 0 ? moreLine(more).height : 0) > maxHeight) {
    // at least one row, as a stack keeps its first block
    kept = Math.max(1, Math.floor((maxHeight - headerHeight - moreLine(1).height) / rowHeight));
  }
  const hidden = grid.rows.length - kept + more;
  const rows = grid.rows.slice(0, kept).map((row) => gridRow(doc, row, cellWidths, size, rowHeight, false, tagged));
  const body = stack(header === null ? rows : [header, ...rows]);
  const table: Block = tagged ? { width: body.width, height: body.height, draw: (x, y) => inStruct(doc, "Table", () => body.draw(x, y)) } : body;
  return stack([table, hidden > 0 ? moreLine(hidden) : EMPTY], { gap: 1.5 });
}

function gridRow(doc: Doc, row: readonly string[], cellWidths: readonly number[], size: number, rowHeight: number, isHeader: boolean, tagged: boolean): Block {
  const width = cellWidths.reduce((total, w) => total + w, 0);
  const style = isHeader ? { ...keyStyle, size } : { ...mono, size };
  // right-aligned in their cells, each as wide as measured (the slack is for rounding only)
  const cells = row.map((cell, c) => label(doc, cell, (cellWidths[c] ?? 0) - 2 * CELL_PAD + SLACK, style));
  const drawCells = (x: number, y: number) => {
    let left = x;
    cells.forEach((cell, c) => {
      const cellWidth = cellWidths[c] ?? 0;
      const draw = () => cell.draw(left + cellWidth - CELL_PAD - cell.width, y + 1);
      if (tagged) inStruct(doc, isHeader ? "TH" : "TD", draw, isHeader ? { scope: "Column" } : {});
      else draw();
      left += cellWidth;
    });
  };
  return {
    width,
    height: rowHeight,
    draw(x, y) {
      artifact(doc, () => {
        let left = x;
        doc.save();
        if (isHeader) doc.rect(x, y, width, rowHeight).fill(COLOR.headerFill);
        for (const cellWidth of cellWidths) {
          doc.rect(left, y, cellWidth, rowHeight).lineWidth(0.5).stroke(COLOR.border);
          left += cellWidth;
        }
        doc.restore();
      });
      if (tagged) inStruct(doc, "TR", () => drawCells(x, y));
      else drawCells(x, y);
    },
  };
}

/** a block that takes `width`, whatever its content's */
function fixedWidth(block: Block, width: number): Block {
  return { width, height: block.height, draw: (x, y) => block.draw(x, y) };
}

/** a key on a line of its own: whole, smaller where it must be; only a key too long for even that breaks, after "_" or "." */
function keyLine(doc: Doc, key: string, width: number): Block {
  const natural = monoWidth(key);
  if (natural <= width + SLACK) return label(doc, key, width + SLACK, keyStyle);
  const size = (SIZE * width) / natural;
  if (size >= MIN_KEY_SIZE) return label(doc, key, width + SLACK, { ...keyStyle, size });
  return text(doc, key, width, { ...keyStyle, size: MIN_KEY_SIZE, breakAfter: /[_.\]]/ });
}

function entriesBlock(doc: Doc, view: ValueView, width: number, maxHeight: number): Block {
  const entries = view.entries ?? [];
  const keyWidth = keyColumn(entries);
  const flatValues = entries.filter((entry) => isFlat(entry.value)).map((entry) => minimumWidth(entry.value));
  // keys beside their values, as the HTML's <dt> and <dd>, where every flat value then fits; else above them
  const beside = flatValues.length > 0 && keyWidth + KEY_GAP + Math.max(...flatValues) <= width + SLACK;
  const blocks = entries.map((entry) => {
    const inner = entry.value;
    if (beside && isFlat(inner)) return inline([fixedWidth(label(doc, entry.key, keyWidth + SLACK, keyStyle), keyWidth), valueBlock(doc, inner, width - keyWidth - KEY_GAP, maxHeight)], KEY_GAP);
    const under = valueBlock(doc, inner, width - INDENT, maxHeight);
    return stack([keyLine(doc, entry.key, width), inline([{ width: INDENT, height: 0, draw: () => undefined }, under])], { gap: 1.5 });
  });
  const entriesMore = (hidden: number) => moreBlock(doc, hidden, width, hidden === 1 ? "entry" : "entries");
  if (view.more > 0) blocks.push(entriesMore(view.more));
  // a cut always takes the last block, which is the "more" line when there is one: count its entries instead
  const hiddenEntries = (hiddenBlocks: number) => hiddenBlocks - (view.more > 0 ? 1 : 0) + view.more;
  return stack(blocks, { gap: 2, maxHeight, more: (hidden) => entriesMore(hiddenEntries(hidden)) });
}
