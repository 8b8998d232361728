/**
 * One task of the PDF report: its heading and its table of items, with each
 * item's values and plot. A matrix too wide for its column, and a plot, go
 * under the item's row, on the same page as the row.
 */
import SVGtoPDF from "svg-to-pdfkit";
import { formatScore, STATUS_LABELS } from "./format.ts";
import { type Block, bar, box, COLOR, type Doc, EMPTY, FONT, inline, label, measure, offset, padBottom, stack, tagged, text } from "./pdf-layout.ts";
import { dejavuFace, useFace } from "./pdf-fonts.ts";
import { inStruct, markText } from "./pdf-tags.ts";
import { drawTable, type PageFlow, type TableColumn, type TableRow } from "./pdf-table.ts";
import { minimumWidth, noneBlock, preferredWidth, valueBlock } from "./pdf-value.ts";
import { itemPlotSvg } from "./plots.ts";
import type { ItemResult, ItemStatus, TaskResult } from "../result/types.ts";
import { toValueView, type ValueView } from "./value-view.ts";
import { foldedRows, gradeOf, percentOf, sumPoints } from "./view-model.ts";

const STATUS_COLORS: Record<ItemStatus, { fill: string; text: string }> = {
  pass: { fill: "#e3f9e5", text: "#0e5814" },
  partial: { fill: "#fff3c4", text: "#8d2b0b" },
  fail: { fill: "#ffe3e3", text: "#8a041a" },
  ecf: { fill: "#dceefb", text: "#0b4f8a" },
  missing: { fill: "#eef0f2", text: "#52606d" },
  invalid: { fill: "#f3e8ff", text: "#6b21a8" },
};

const VALUE_WIDTH = 86;

/**
 * fixed widths wide enough for "could not read" on one line and for an id
 * like t2.val_accuracy[10][10] on one line (at 6pt, MIN_ID_SIZE); the
 * details take the rest
 */
const ITEM_WIDTH = 94;

function itemColumns(width: number): TableColumn[] {
  return [
    { label: "item", width: ITEM_WIDTH },
    { label: "status", width: 72 },
    { label: "points", width: 46, align: "right" },
    { label: "what we found", width: width - ITEM_WIDTH - 72 - 46 - 2 * VALUE_WIDTH },
    { label: "your answer", width: VALUE_WIDTH },
    { label: "expected", width: VALUE_WIDTH },
  ];
}
/** the table pads each cell by 5 points a side */
const VALUE_INNER_WIDTH = VALUE_WIDTH - 10;

/** a bar's colour: the view model's grade of the share (the HTML report's bars use the same) */
export function gradeColor(percent: number): string {
  return COLOR[gradeOf(percent)];
}

/** the status pill; a label too long for the column wraps inside it */
export function badge(doc: Doc, status: ItemStatus, maxWidth: number): Block {
  const colors = STATUS_COLORS[status] ?? STATUS_COLORS.missing;
  const words = STATUS_LABELS[status] ?? String(status);
  const style = { font: FONT.bold, size: 6.5, color: colors.text, maxLines: 3 };
  const padX = 4;
  const innerWidth = Math.min(measure(words, style), maxWidth - 2 * padX);
  const content = text(doc, words, innerWidth, style);
  return box(doc, () => content, innerWidth + 2 * padX, { padding: { x: padX, y: 1.5 }, fill: colors.fill, radius: Math.min(6, content.height / 2 + 1.5) });
}

/** `keepWithLast`: room the task's last row keeps under it for what follows (pdf-table.ts) */
export function drawTask(doc: Doc, flow: PageFlow, task: TaskResult, keepWithLast = 0): void {
  const columns = itemColumns(flow.width);
  const idWidth = (columns[0]?.width ?? 0) - 10;
  // a long task reads as the HTML report does: runs of plain passes on one row, the unanswered on one row at the end
  const { rows: shown, unanswered } = foldedRows(task.items);
  const folds = [...shown, ...(unanswered.length > 1 ? [{ kind: "fold" as const, status: "missing" as const, message: null, items: unanswered }] : [])];
  const singles = unanswered.length === 1 ? unanswered : [];
  const rows: TableRow[] = [...folds, ...singles.map((item) => ({ kind: "item" as const, item }))].map((row) => {
    if (row.kind === "fold") return foldRow(doc, row.status, row.items, row.message);
    const { item } = row;
    const id = itemId(doc, item.id, idWidth);
    // a list of flat objects (hw3b's trials) as a table under their keys, as the HTML report shows it
    const received = item.received === undefined ? undefined : toValueView(item.received, 0, { records: true });
    const expected = item.expected === undefined ? undefined : toValueView(item.expected, 0, { records: true });
    // a value too wide for its column (a vector that is not one line there, a grid, a key with its value) is shown under the row
    const below = [received, expected].some((view) => view !== undefined && preferredWidth(view) > VALUE_INNER_WIDTH);
    const plot = itemPlotSvg(item);
    return {
      ...(id.above ? { above: id.above } : {}),
      cells: [
        () => id.cell,
        (w) => badge(doc, item.status, w),
        (w) => points(doc, item.score, item.max_score, w),
        (w) => details(doc, item, w),
        (w) => (below ? noneBlock(doc, "shown below", w) : valueCell(doc, received, w, "—")),
        (w) => (below ? noneBlock(doc, "shown below", w) : valueCell(doc, expected, w, item.visibility === "hidden" ? "hidden" : "—")),
      ],
      below: (w, maxHeight) => {
        const values = below ? sideBySide(doc, received, expected, item, w) : EMPTY;
        const gap = values.height > 0 ? 8 : 0;
        return stack([values, plotBlock(doc, plot, w, maxHeight - values.height - gap)], { gap, maxHeight });
      },
    };
  });
  drawTable(doc, flow, columns, rows, {
    heading: tagged(doc, taskHeading(doc, task, flow.width, false), "H2"),
    continued: taskHeading(doc, task, flow.width, true),
    belowFrom: 1,
    gapBefore: 22,
    keepWithLast,
  });
}

/** the smallest the points of a row are drawn on one line; below it they wrap after the "/" */
const MIN_POINTS_SIZE = 6.5;

/** "0.75 / 0.75", right-aligned: on one line, a little smaller if that is what it takes, never cut */
function points(doc: Doc, score: number, max: number, width: number): Block {
  const content = `${formatScore(score)}\u2009/\u2009${formatScore(max)}`;
  const style = { font: FONT.regular, size: 8, color: COLOR.text };
  const size = Math.min(style.size, (width / Math.max(measure(content, { ...style, size: 1 }), 1e-9)) * 0.999);
  if (size >= MIN_POINTS_SIZE) return label(doc, content, width, { ...style, size });
  return text(doc, content, width, { ...style, size: MIN_POINTS_SIZE, align: "right" });
}

/** ids a folded row names beyond its first and last (its count says how many there are) */
const FOLD_IDS_NAMED = 6;

/** several items on one row: how many, their status and points, which ones; their values are not repeated */
function foldRow(doc: Doc, status: ItemStatus, items: readonly ItemResult[], message: string | null): TableRow {
  const ids = items.map((item) => item.id);
  const named =
    status === "pass" && ids.length > 2
      ? `${ids[0]} to ${ids[ids.length - 1]}`
      : ids.length > FOLD_IDS_NAMED
        ? `${ids.slice(0, FOLD_IDS_NAMED).join(", ")} and ${ids.length - FOLD_IDS_NAMED} more`
        : ids.join(", ");
  // a fold of failures says once what each of them says
  const what = status === "pass" ? `${items.length} items pass` : status === "missing" ? `${items.length} items not answered` : `${items.length} items: ${message ?? ""}`;
  const score = sumPoints(items, (item) => item.score);
  const max = sumPoints(items, (item) => item.max_score);
  return {
    cells: [
      (w) => label(doc, `${items.length} items`, w, ID_STYLE),
      (w) => badge(doc, status, w),
      (w) => points(doc, score, max, w),
      (w) => stack([text(doc, what, w, { font: FONT.regular, size: 8, color: COLOR.text }), foldedIds(doc, named, ids, w)], { gap: 2 }),
      (w) => noneBlock(doc, "—", w),
      (w) => noneBlock(doc, "—", w),
    ],
  };
}

/**
 * The ids a folded row names, breaking only between them; each whole on a
 * line, a little smaller if that is what it takes, and only an id too long
 * for even that breaks, after "." and "]" as a path reads.
 */
function foldedIds(doc: Doc, named: string, ids: readonly string[], width: number): Block {
  const style = { font: FONT.mono, size: 7, color: COLOR.muted, maxLines: 12 };
  const widest = Math.max(1e-9, ...ids.map((id) => measure(id, { font: FONT.mono, size: 1 })));
  const size = Math.min(style.size, width / widest);
  // a break after ", " and at the spaces of " to " and " and 2 more", never inside an id
  if (size >= MIN_ROW_ID_SIZE) return text(doc, named, width, { ...style, size, breakAfter: /,/ });
  return text(doc, named, width, { ...style, size: MIN_ROW_ID_SIZE, breakAfter: /[,.\]]/ });
}

function valueCell(doc: Doc, view: ValueView | undefined, width: number, none: string, maxHeight?: number): Block {
  return view === undefined ? noneBlock(doc, none, width) : valueBlock(doc, view, width, maxHeight);
}

/** with the details' caps (about 260pt) and a plot, a row still fits on one page */
const SIDE_BY_SIDE_HEIGHT = 180;
/** each of the two when one is under the other: together no taller than side by side allows */
const STACKED_HEIGHT = 160;
const SIDE_BY_SIDE_GAP = 16;

/**
 * Answer and reference under the row: side by side where each fits in half
 * the width with no number or key split, else one under the other across
 * the whole width (hw3b's table of trials).
 */
function sideBySide(doc: Doc, received: ValueView | undefined, expected: ValueView | undefined, item: ItemResult, width: number): Block {
  const half = (width - SIDE_BY_SIDE_GAP) / 2;
  const fitsHalf = [received, expected].every((view) => view === undefined || minimumWidth(view) <= half);
  const part = (words: string, view: ValueView | undefined, none: string, partWidth: number, maxHeight: number) =>
    stack([label(doc, words.toUpperCase(), partWidth, { font: FONT.bold, size: 6, color: COLOR.muted }), valueCell(doc, view, partWidth, none, maxHeight)], { gap: 3 });
  const hidden = item.visibility === "hidden" ? "hidden" : "—";
  if (fitsHalf) return inline([part("your answer", received, "—", half, SIDE_BY_SIDE_HEIGHT), part("expected", expected, hidden, half, SIDE_BY_SIDE_HEIGHT)], SIDE_BY_SIDE_GAP);
  return stack([part("your answer", received, "—", width, STACKED_HEIGHT), part("expected", expected, hidden, width, STACKED_HEIGHT)], { gap: 8 });
}

const ID_STYLE = { font: FONT.mono, size: 7.5, color: COLOR.text };
/** an id is shrunk to fit its column down to this size; below it, it takes a line of its own */
export const MIN_ID_SIZE = 6;
/** the smallest an id is printed across a whole row before it breaks */
const MIN_ROW_ID_SIZE = 5;
/** where a path-like id may break, if it must: after "." and "]", never inside a name */
const ID_BREAKS = /[.\]]/;

/** the size that puts `id` on one line in `width`, at most `max`; undefined below `min` */
function oneLineSize(id: string, width: number, max: number, min: number): number | undefined {
  const size = Math.min(max, width / Math.max(measure(id, { font: FONT.mono, size: 1 }), 1e-9));
  return size >= min ? size : undefined;
}

/**
 * An item id, always whole on one line so that it reads and copies as one
 * word: in its column, a little smaller if that is what it takes; else on a
 * line of its own across the row, above the cells. Only an id too long for
 * even that breaks, after "." and "]" as a path reads.
 */
export function itemId(doc: Doc, id: string, columnWidth: number): { cell: Block; above?: (width: number) => Block } {
  const size = oneLineSize(id, columnWidth, ID_STYLE.size, MIN_ID_SIZE);
  if (size !== undefined) return { cell: label(doc, id, columnWidth, { ...ID_STYLE, size }) };
  return {
    cell: EMPTY,
    above: (width) => {
      const rowSize = oneLineSize(id, width, ID_STYLE.size, MIN_ROW_ID_SIZE);
      return rowSize === undefined ? text(doc, id, width, { ...ID_STYLE, size: MIN_ID_SIZE, breakAfter: ID_BREAKS }) : label(doc, id, width, { ...ID_STYLE, size: rowSize });
    },
  };
}

function taskHeading(doc: Doc, task: TaskResult, width: number, continued: boolean): Block {
  const percent = percentOf(task.score, task.max_score);
  const score = label(doc, `${formatScore(task.score)} / ${formatScore(task.max_score)}`, 90, { font: FONT.bold, size: 9.5, color: COLOR.text });
  const right = inline([score, offset(bar(doc, 80, 6, percent, gradeColor(percent)), 4)], 8);
  const id = label(doc, task.id, 90, { font: FONT.mono, size: 10, color: COLOR.muted });
  const titleWidth = width - right.width - id.width - 6 - 16;
  const title = text(doc, continued ? `${task.title} (continued)` : task.title, titleWidth, { font: FONT.bold, size: 12, color: COLOR.text, maxLines: 2 });
  const left = inline([offset(id, 1.5), title], 6);
  return padBottom(
    {
      width,
      height: Math.max(left.height, right.height),
      draw(x, y) {
        left.draw(x, y);
        right.draw(x + width - right.width, y + 1.5);
      },
    },
    7,
  );
}

function details(doc: Doc, item: ItemResult, width: number): Block {
  const diagnosis = item.diagnosis;
  return stack(
    [
      text(doc, item.message, width, { font: FONT.regular, size: 8, color: COLOR.text, maxLines: 10 }),
      diagnosis
        ? box(
            doc,
            (inner) =>
              stack(
                [
                  label(doc, diagnosis.code, inner, { font: FONT.mono, size: 6.5, color: "#8d2b0b" }),
                  text(doc, diagnosis.message, inner, { font: FONT.regular, size: 7.5, color: COLOR.text, maxLines: 8 }),
                ],
                { gap: 1.5 },
              ),
            width,
            { padding: { x: 6, y: 3.5 }, fill: "#fff8e1", leftRule: "#e8a33d" },
          )
        : EMPTY,
      item.feedback ? text(doc, item.feedback, width, { font: FONT.oblique, size: 7.5, color: COLOR.muted, maxLines: 8 }) : EMPTY,
    ],
    { gap: 4 },
  );
}

/** the natural size of an SVG in px, from its width and height or else its viewBox */
function svgSize(svg: string): { width: number; height: number } {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const attribute = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)(?:px)?"`).exec(open)?.[1]);
  const [, , boxWidth, boxHeight] = (/\sviewBox="([^"]*)"/.exec(open)?.[1] ?? "").trim().split(/[\s,]+/).map(Number);
  const width = attribute("width") || boxWidth || 600;
  const height = attribute("height") || boxHeight || 240;
  return { width, height };
}

const PX_TO_PT = 72 / 96;
const MAX_PLOT_WIDTH = 400;
const MAX_PLOT_HEIGHT = 220;

/** an SVG scaled to fit `maxWidth` and `maxHeight`, never enlarged; nothing when even a small one does not fit */
export function plotBlock(doc: Doc, svg: string | undefined, maxWidth: number, maxHeight: number): Block {
  if (svg === undefined) return EMPTY;
  const size = svgSize(svg);
  const scale = Math.min(Math.min(maxWidth, MAX_PLOT_WIDTH) / size.width, Math.min(maxHeight, MAX_PLOT_HEIGHT) / size.height, PX_TO_PT);
  if (!(scale > 0.2)) return EMPTY;
  return {
    width: size.width * scale,
    height: size.height * scale,
    draw(x, y) {
      inStruct(doc, "Figure", () => markText(doc, (mark) => mark(() => drawSvg(doc, svg, x, y, scale))), { alt: svgLabel(svg) });
    },
  };
}

/** what the plot shows, for the figure's alt text: the svg's own aria-label (svg.ts, plots/common.ts write one) */
function svgLabel(svg: string): string {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const labelText = /\saria-label="([^"]*)"/.exec(open)?.[1];
  if (!labelText) return "plot";
  const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'", "&amp;": "&" };
  return labelText.replace(/&(lt|gt|quot|#39|apos|amp);/g, (entity) => entities[entity] ?? entity);
}

function drawSvg(doc: Doc, svg: string, x: number, y: number, scale: number): void {
  doc.save();
  doc.translate(x, y).scale(scale);
  SVGtoPDF(doc, svg, 0, 0, {
    // the scale above already turns px into points
    assumePt: true,
    // every family maps to an embedded DejaVu face: the library's own fallback is Helvetica
    fontCallback: (family, bold, italic) => useFace(doc, dejavuFace(/mono/i.test(family) ? FONT.mono : bold ? FONT.bold : italic ? FONT.oblique : FONT.regular)),
    // the plots are built from numbers (svg.ts): an <image> never belongs in one, so none is read from disk
    imageCallback: () => "",
    // warnings are about SVG features the library skips (<title>), not about the grade
    warningCallback: () => undefined,
  });
  doc.restore();
}
