/**
 * A matrix graded cell by cell, drawn as coloured cells: the student's values
 * on a sequential scale, row and column labels, and a red frame around every
 * cell whose item did not pass (for a band item: outside the reference band).
 * A cell's tooltip gives its value and, where known, the band.
 */
import { formatNumber } from "../format.ts";
import { robustRange } from "../svg.ts";
import { clamp, COLORS, escapeXml, finiteOnly, fixed, labelText, sequentialColor, shortNumber, svgOpen, textColorOn } from "./common.ts";

export interface HeatmapOptions {
  title: string;
  /** [row][column]; null (or a non-finite number) is drawn as a missing cell */
  values: readonly (readonly (number | null)[])[];
  rows?: { title: string; labels: readonly string[] };
  columns?: { title: string; labels: readonly string[] };
  band?: { low: readonly (readonly (number | null)[])[]; high: readonly (readonly (number | null)[])[] };
  outside?: readonly (readonly boolean[])[];
  /** one line under the cells saying whose values they are, when not the student's */
  caption?: string;
  /** the widest the figure may get */
  maxWidth?: number;
}

const TOP = 44;
const BOTTOM = 26;
const LEGEND_WIDTH = 64;
const CHAR_WIDTH = 6.2;

function at<T>(matrix: readonly (readonly T[])[] | undefined, row: number, col: number): T | undefined {
  return matrix?.[row]?.[col];
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function axisLabels(axis: HeatmapOptions["rows"], count: number): string[] {
  return Array.from({ length: count }, (_, i) => axis?.labels[i] ?? String(i));
}

export function renderHeatmap(options: HeatmapOptions): string {
  const rowCount = options.values.length;
  const colCount = Math.max(0, ...options.values.map((row) => row.length));
  const rowLabels = axisLabels(options.rows, rowCount);
  const colLabels = axisLabels(options.columns, colCount);
  const rowTitleSpace = options.rows?.title ? 18 : 0;
  const rowLabelWidth = clamp(Math.max(0, ...rowLabels.map((l) => Math.min(l.length, 16))) * CHAR_WIDTH + 10, 24, 110);
  const left = 8 + rowTitleSpace + rowLabelWidth;
  const maxWidth = options.maxWidth ?? 640;
  const cellWidth = clamp(Math.floor((maxWidth - left - LEGEND_WIDTH) / Math.max(colCount, 1)), 12, 56);
  const cellHeight = clamp(Math.round(cellWidth * 0.55), 12, 28);
  const width = Math.round(left + colCount * cellWidth + LEGEND_WIDTH);
  const captionSpace = options.caption ? 14 : 0;
  const height = TOP + rowCount * cellHeight + BOTTOM + captionSpace;
  const showText = cellWidth >= 34 && cellHeight >= 15;

  const numbers = options.values.map((row) => row.map(finiteOrNull));
  const finite = finiteOnly(numbers.flat());
  const [spreadLow, spreadHigh] = robustRange(finite, []);
  // shares (accuracies) stay within [0, 1] on the legend too: 55 cells of one value widen the range around it, never past 1
  const shares = finite.length > 0 && finite.every((v) => v >= 0 && v <= 1);
  const low = shares ? Math.max(spreadLow, 0) : spreadLow;
  const high = shares ? Math.min(spreadHigh, 1) : spreadHigh;
  const scale = (v: number) => (high > low ? (v - low) / (high - low) : 0.5);

  const out: string[] = [svgOpen(options.title, width, height, "heatmap")];
  if (options.columns?.title) {
    out.push(`<text x="${fixed(left + (colCount * cellWidth) / 2)}" y="14" text-anchor="middle" fill="${COLORS.text}">${labelText(options.columns.title, 40)}</text>`);
  }
  const labelChars = Math.max(1, Math.floor((cellWidth - 2) / CHAR_WIDTH));
  colLabels.forEach((label, c) => {
    const x = fixed(left + (c + 0.5) * cellWidth);
    out.push(`<text class="col-label" x="${x}" y="${TOP - 8}" text-anchor="middle" fill="${COLORS.axis}">${labelText(label, labelChars)}</text>`);
  });
  if (options.rows?.title) {
    const y = fixed(TOP + (rowCount * cellHeight) / 2);
    out.push(`<text x="14" y="${y}" text-anchor="middle" transform="rotate(-90 14 ${y})" fill="${COLORS.text}">${labelText(options.rows.title, 30)}</text>`);
  }
  rowLabels.forEach((label, r) => {
    const y = fixed(TOP + (r + 0.5) * cellHeight);
    out.push(`<text class="row-label" x="${fixed(left - 6)}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="${COLORS.axis}">${labelText(label, 16)}</text>`);
  });

  let outsideCount = 0;
  let missingCount = 0;
  const frames: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < colCount; c++) {
      const value = at(numbers, r, c) ?? null;
      const x = left + c * cellWidth;
      const y = TOP + r * cellHeight;
      const fill = value === null ? COLORS.missing : sequentialColor(scale(value));
      const bandLow = finiteOrNull(at(options.band?.low, r, c));
      const bandHigh = finiteOrNull(at(options.band?.high, r, c));
      const raw = options.values[r]?.[c];
      const shown = value !== null ? formatNumber(value) : typeof raw === "number" ? formatNumber(raw) : "no value";
      const band = bandLow !== null && bandHigh !== null ? `, reference band [${formatNumber(bandLow)}, ${formatNumber(bandHigh)}]` : "";
      const outside = at(options.outside, r, c) === true;
      const tip = `${rowLabels[r]}, ${colLabels[c]}: ${shown}${band}${outside ? " (not passed)" : ""}`;
      if (value === null) missingCount++;
      out.push(
        `<rect class="cell" x="${fixed(x)}" y="${fixed(y)}" width="${cellWidth}" height="${cellHeight}" fill="${fill}" stroke="#ffffff" stroke-width="1"><title>${labelText(tip, 160)}</title></rect>`,
      );
      if (showText) {
        const text = value === null ? "—" : shortNumber(value);
        const color = value === null ? COLORS.axis : textColorOn(fill);
        out.push(`<text x="${fixed(x + cellWidth / 2)}" y="${fixed(y + cellHeight / 2)}" text-anchor="middle" dominant-baseline="middle" font-size="10" fill="${color}">${escapeXml(text)}</text>`);
      }
      if (outside) {
        outsideCount++;
        // drawn after every cell, so a neighbour's white border cannot cover the frame
        frames.push(`<rect class="cell-outside" x="${fixed(x + 1.5)}" y="${fixed(y + 1.5)}" width="${fixed(cellWidth - 3)}" height="${fixed(cellHeight - 3)}" fill="none" stroke="${COLORS.outside}" stroke-width="2.5"/>`);
      }
    }
  }
  out.push(...frames);
  out.push(drawLegend(left + colCount * cellWidth + 14, TOP, rowCount * cellHeight, low, high));
  if (options.caption) {
    out.push(`<text class="plot-caption" x="${fixed(left)}" y="${TOP + rowCount * cellHeight + 18}" fill="${COLORS.text}">${labelText(options.caption, 90)}</text>`);
  }
  const notes: string[] = [];
  if (outsideCount > 0) notes.push(`${outsideCount} framed: not passed${options.band ? " (outside the reference band)" : ""}`);
  if (missingCount > 0) notes.push(`${missingCount} missing or not finite`);
  if (notes.length > 0) {
    out.push(`<text x="${fixed(left)}" y="${height - 8}" fill="${COLORS.outside}">${escapeXml(notes.join(" · "))}</text>`);
  }
  out.push("</svg>");
  return out.join("");
}

/** a vertical colour bar in steps (no gradient: an id could clash between plots inlined in one page) */
function drawLegend(x: number, top: number, span: number, low: number, high: number): string {
  const steps = 10;
  const height = Math.max(span, 40);
  const parts: string[] = [];
  for (let i = 0; i < steps; i++) {
    const y = top + (i * height) / steps;
    parts.push(`<rect class="legend-step" x="${fixed(x)}" y="${fixed(y)}" width="12" height="${fixed(height / steps + 0.5)}" fill="${sequentialColor(1 - (i + 0.5) / steps)}"/>`);
  }
  parts.push(`<text x="${fixed(x + 16)}" y="${fixed(top + 4)}" dominant-baseline="middle" font-size="10" fill="${COLORS.axis}">${escapeXml(shortNumber(high))}</text>`);
  parts.push(`<text x="${fixed(x + 16)}" y="${fixed(top + height - 4)}" dominant-baseline="middle" font-size="10" fill="${COLORS.axis}">${escapeXml(shortNumber(low))}</text>`);
  return parts.join("");
}
