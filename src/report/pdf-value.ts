/**
 * A value in the PDF report, from the same ValueView the HTML report uses,
 * so the numbers read the same in both. Matrices are drawn as a grid of
 * right-aligned cells; a grid too wide for its column is drawn smaller,
 * and below a readable size falls back to one wrapped line per row.
 */
import { type Block, COLOR, type Doc, EMPTY, FONT, inline, label, measure, stack, text } from "./pdf-layout.ts";
import { artifact } from "./pdf-tags.ts";
import type { ValueView } from "./value-view.ts";

const SIZE = 7.5;
const MIN_GRID_SIZE = 5.5;
const CELL_PAD = 2.5;
/** a value never makes its row taller than this; the rest is cut with "… more" */
export const MAX_VALUE_HEIGHT = 260;
const MAX_SCALAR_LINES = 12;

const mono = { font: FONT.mono, size: SIZE, color: COLOR.text };

export function valueBlock(doc: Doc, view: ValueView, width: number, maxHeight = MAX_VALUE_HEIGHT): Block {
  if (view.scalar !== null) return text(doc, view.scalar, width, { ...mono, maxLines: MAX_SCALAR_LINES });
  if (view.abbreviated !== null) return text(doc, view.abbreviated, width, { ...mono, maxLines: MAX_SCALAR_LINES });
  if (view.vector !== null) return text(doc, `[${view.vector.join(", ")}]`, width, { ...mono, maxLines: MAX_SCALAR_LINES });
  if (view.table !== null) return matrixBlock(doc, view.table.rows, width, maxHeight);
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

/** the font size a matrix's grid needs to fit in `width`, at most the normal size */
function gridSize(rows: string[][], width: number): { size: number; longest: number[]; charWidth: number } {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const longest = Array.from({ length: columns }, (_, c) => Math.max(0, ...rows.map((row) => (row[c] ?? "").length)));
  // a monospaced font: every character is as wide as "0"
  const charWidth = measure("0", { font: FONT.mono, size: 1 });
  const textWidthAtOnePoint = longest.reduce((total, chars) => total + chars, 0) * charWidth;
  const size = textWidthAtOnePoint > 0 ? Math.min(SIZE, (width - 2 * CELL_PAD * columns) / textWidthAtOnePoint) : SIZE;
  return { size, longest, charWidth };
}

/** whether the value reads well in a column this wide: a matrix must fit as a grid */
export function fitsInWidth(view: ValueView, width: number): boolean {
  return view.table === null || gridSize(view.table.rows, width).size >= MIN_GRID_SIZE;
}

function matrixBlock(doc: Doc, rows: string[][], width: number, maxHeight: number): Block {
  const { size, longest, charWidth } = gridSize(rows, width);
  if (size < MIN_GRID_SIZE) {
    const lines = rows.map((row) => text(doc, `[${row.join(", ")}]`, width, { ...mono, maxLines: 4 }));
    return stack(lines, { gap: 3, maxHeight, more: (hidden) => moreBlock(doc, hidden, width, hidden === 1 ? "row" : "rows") });
  }
  const cellWidths = longest.map((chars) => chars * charWidth * size + 2 * CELL_PAD);
  const rowHeight = label(doc, "0", Number.POSITIVE_INFINITY, { ...mono, size }).height + 1.5;
  const rowBlocks: Block[] = rows.map((row) => gridRow(doc, row, cellWidths, size, rowHeight));
  return stack(rowBlocks, { maxHeight, more: (hidden) => moreBlock(doc, hidden, width, hidden === 1 ? "row" : "rows") });
}

function gridRow(doc: Doc, row: string[], cellWidths: number[], size: number, rowHeight: number): Block {
  const width = cellWidths.reduce((total, w) => total + w, 0);
  // right-aligned in their cells; a cell wider than counted (a wide character) ends in "…"
  const cells = row.map((cell, c) => label(doc, cell, (cellWidths[c] ?? 0) - 2 * CELL_PAD, { ...mono, size }));
  return {
    width,
    height: rowHeight,
    draw(x, y) {
      artifact(doc, () => {
        let left = x;
        doc.save();
        for (const cellWidth of cellWidths) {
          doc.rect(left, y, cellWidth, rowHeight).lineWidth(0.5).stroke(COLOR.border);
          left += cellWidth;
        }
        doc.restore();
      });
      let left = x;
      cells.forEach((cell, c) => {
        const cellWidth = cellWidths[c] ?? 0;
        cell.draw(left + cellWidth - CELL_PAD - cell.width, y + 1);
        left += cellWidth;
      });
    },
  };
}

function entriesBlock(doc: Doc, view: ValueView, width: number, maxHeight: number): Block {
  const entries = view.entries ?? [];
  const keyStyle = { font: FONT.mono, size: SIZE, color: COLOR.muted };
  const keyWidth = Math.min(width * 0.4, Math.max(0, ...entries.map((entry) => measure(entry.key, keyStyle))) + 1);
  const blocks = entries.map((entry) => {
    const inner = entry.value;
    const flat = inner.scalar !== null || inner.abbreviated !== null || inner.vector !== null;
    if (flat) {
      // key and value side by side, as the HTML's <dt> and <dd>
      const key = text(doc, entry.key, keyWidth, { ...keyStyle, maxLines: 2 });
      return inline([key, valueBlock(doc, inner, width - keyWidth - 5, maxHeight)], 5);
    }
    // a nested value goes under its key, indented
    const nested = valueBlock(doc, inner, width - 8, maxHeight);
    return stack([label(doc, entry.key, width, keyStyle), inline([{ width: 8, height: 0, draw: () => undefined }, nested])], { gap: 1.5 });
  });
  const entriesMore = (hidden: number) => moreBlock(doc, hidden, width, hidden === 1 ? "entry" : "entries");
  if (view.more > 0) blocks.push(entriesMore(view.more));
  // a cut always takes the last block, which is the "more" line when there is one: count its entries instead
  const hiddenEntries = (hiddenBlocks: number) => hiddenBlocks - (view.more > 0 ? 1 : 0) + view.more;
  return stack(blocks, { gap: 2, maxHeight, more: (hidden) => entriesMore(hiddenEntries(hidden)) });
}
