/**
 * A confusion matrix: rows the true class, columns the predicted one, the
 * count in every cell, shaded by its share of the row (how a class was
 * predicted), the diagonal framed and each row's total at its end.
 */
import { formatNumber } from "../format.ts";
import { clamp, COLORS, countColor, escapeXml, fixed, labelText, svgOpen, textColorOn } from "./common.ts";

export interface ConfusionOptions {
  title: string;
  /** [true class][predicted class]; null (or a non-finite number) for a missing count */
  counts: readonly (readonly (number | null)[])[];
  /** class names, one per row and column; 0, 1, ... when absent */
  classes?: readonly string[];
}

const LEFT = 66;
const TOP = 44;

function usable(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** a row's counts as shares of its total, when they are counts at all (finite, none negative) */
function rowShares(row: readonly (number | null)[], width: number): (number | null)[] {
  const values = Array.from({ length: width }, (_, c) => usable(row[c]));
  const total = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  if (!(total > 0) || values.some((v) => v !== null && v < 0)) return values.map(() => null);
  return values.map((v) => (v === null ? null : v / total));
}

export function renderConfusionMatrix(options: ConfusionOptions): string {
  const rowCount = options.counts.length;
  const colCount = Math.max(0, ...options.counts.map((row) => row.length));
  const size = Math.max(rowCount, colCount, 1);
  const cellWidth = clamp(Math.floor(360 / size), 24, 72);
  const cellHeight = clamp(Math.round(cellWidth * 0.6), 18, 44);
  const totalsWidth = 64;
  const width = LEFT + colCount * cellWidth + totalsWidth;
  const height = TOP + rowCount * cellHeight + 16;
  const className = (i: number) => options.classes?.[i] ?? String(i);
  const showText = cellWidth >= 30;

  const out: string[] = [svgOpen(options.title, width, height, "confusion")];
  out.push(`<text x="${fixed(LEFT + (colCount * cellWidth) / 2)}" y="14" text-anchor="middle" fill="${COLORS.text}">predicted class</text>`);
  const middle = fixed(TOP + (rowCount * cellHeight) / 2);
  out.push(`<text x="14" y="${middle}" text-anchor="middle" transform="rotate(-90 14 ${middle})" fill="${COLORS.text}">true class</text>`);
  const labelChars = Math.max(1, Math.floor(cellWidth / 6.2));
  for (let c = 0; c < colCount; c++) {
    out.push(`<text class="col-label" x="${fixed(LEFT + (c + 0.5) * cellWidth)}" y="${TOP - 8}" text-anchor="middle" fill="${COLORS.axis}">${labelText(className(c), labelChars)}</text>`);
  }
  out.push(`<text x="${fixed(LEFT + colCount * cellWidth + 10)}" y="${TOP - 8}" fill="${COLORS.axis}">total</text>`);

  for (let r = 0; r < rowCount; r++) {
    const row = options.counts[r] ?? [];
    const shares = rowShares(row, colCount);
    const y = TOP + r * cellHeight;
    out.push(`<text class="row-label" x="${LEFT - 6}" y="${fixed(y + cellHeight / 2)}" text-anchor="end" dominant-baseline="middle" fill="${COLORS.axis}">${labelText(className(r), 8)}</text>`);
    let total = 0;
    let complete = true;
    for (let c = 0; c < colCount; c++) {
      const count = usable(row[c]);
      const share = shares[c] ?? null;
      if (count === null) complete = false;
      else total += count;
      const x = LEFT + c * cellWidth;
      const fill = count === null ? COLORS.missing : countColor(share ?? 0);
      const diagonal = r === c;
      const shown = count === null ? (typeof row[c] === "number" ? formatNumber(row[c] as number) : "no count") : formatNumber(count);
      const tip = `true ${className(r)}, predicted ${className(c)}: ${shown}${share === null ? "" : ` (${(100 * share).toFixed(1)}% of class ${className(r)})`}`;
      out.push(
        `<rect class="cell${diagonal ? " diagonal" : ""}" x="${fixed(x)}" y="${fixed(y)}" width="${cellWidth}" height="${cellHeight}" fill="${fill}" stroke="${diagonal ? "#1e3a8a" : "#cbd5e1"}" stroke-width="${diagonal ? 2 : 1}"><title>${labelText(tip, 160)}</title></rect>`,
      );
      if (showText) {
        const text = count === null ? "—" : formatNumber(count);
        const color = count === null ? COLORS.axis : textColorOn(fill);
        out.push(`<text class="count" x="${fixed(x + cellWidth / 2)}" y="${fixed(y + cellHeight / 2)}" text-anchor="middle" dominant-baseline="middle" font-weight="600" fill="${color}">${escapeXml(text)}</text>`);
      }
    }
    const totalText = complete ? formatNumber(total) : "—";
    out.push(`<text class="row-total" x="${fixed(LEFT + colCount * cellWidth + 10)}" y="${fixed(y + cellHeight / 2)}" dominant-baseline="middle" fill="${COLORS.axis}">${escapeXml(totalText)}</text>`);
  }
  out.push("</svg>");
  return out.join("");
}
