/**
 * A histogram of counts in given bins (the class summary's scores): one bar
 * per bin, evenly spaced, the bin edges below and each count above its bar.
 */
import { COLORS, escapeXml, fixed, labelText, shortNumber, svgOpen } from "./common.ts";

export interface HistogramBin {
  low: number;
  high: number;
  count: number;
}

export interface HistogramOptions {
  title: string;
  bins: readonly HistogramBin[];
  xLabel?: string;
  width?: number;
  height?: number;
}

const MARGIN = { left: 44, right: 14, top: 18, bottom: 40 };

/** integer steps of 1, 2 or 5 times a power of ten, about five of them */
function countStep(max: number): number {
  const raw = Math.max(max, 1) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 5, 10].find((f) => f * magnitude >= raw) ?? 10;
  return Math.max(1, factor * magnitude);
}

export function renderHistogram(options: HistogramOptions): string {
  const width = options.width ?? 600;
  const height = options.height ?? 220;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const bins = options.bins;
  const counts = bins.map((b) => (Number.isFinite(b.count) && b.count > 0 ? b.count : 0));
  const step = countStep(Math.max(0, ...counts));
  const top = Math.max(step, Math.ceil(Math.max(0, ...counts) / step) * step);
  const slot = plotWidth / Math.max(bins.length, 1);
  const toY = (count: number) => MARGIN.top + (1 - count / top) * plotHeight;
  const baseY = fixed(MARGIN.top + plotHeight);

  const out: string[] = [svgOpen(options.title, width, height, "histogram")];
  for (let tick = 0; tick <= top; tick += step) {
    const y = fixed(toY(tick));
    out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y}" y2="${y}" stroke="${COLORS.grid}"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="${COLORS.axis}">${tick}</text>`);
  }
  // every edge when they fit, else every k-th, so labels never overlap
  const edgeEvery = Math.max(1, Math.ceil(36 / slot));
  bins.forEach((bin, i) => {
    const x = MARGIN.left + i * slot;
    const count = counts[i] as number;
    const y = toY(count);
    const tip = `${shortNumber(bin.low, 4)} to ${shortNumber(bin.high, 4)}: ${count}`;
    out.push(
      `<rect class="hist-bar" x="${fixed(x + 1)}" y="${fixed(y)}" width="${fixed(Math.max(slot - 2, 1))}" height="${fixed(MARGIN.top + plotHeight - y)}" fill="${COLORS.bar}"><title>${labelText(tip, 80)}</title></rect>`,
    );
    if (count > 0) out.push(`<text class="hist-count" x="${fixed(x + slot / 2)}" y="${fixed(y - 4)}" text-anchor="middle" font-size="10" fill="${COLORS.text}">${count}</text>`);
    if (i % edgeEvery === 0) {
      out.push(`<text class="edge" x="${fixed(x)}" y="${fixed(MARGIN.top + plotHeight + 14)}" text-anchor="middle" fill="${COLORS.axis}">${escapeXml(shortNumber(bin.low, 4))}</text>`);
    }
  });
  const last = bins[bins.length - 1];
  if (last !== undefined && bins.length % edgeEvery === 0) {
    out.push(`<text class="edge" x="${fixed(MARGIN.left + bins.length * slot)}" y="${fixed(MARGIN.top + plotHeight + 14)}" text-anchor="middle" fill="${COLORS.axis}">${escapeXml(shortNumber(last.high, 4))}</text>`);
  }
  out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${baseY}" y2="${baseY}" stroke="${COLORS.axis}"/>`);
  if (options.xLabel) {
    out.push(`<text x="${fixed(MARGIN.left + plotWidth / 2)}" y="${height - 6}" text-anchor="middle" fill="${COLORS.axis}">${labelText(options.xLabel, 60)}</text>`);
  }
  out.push("</svg>");
  return out.join("");
}
