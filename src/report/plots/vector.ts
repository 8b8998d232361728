/**
 * A vector that is not a sequence over steps (a gradient, a parameter
 * vector), element by element: the reference's value as a short grey bar and
 * the student's as a dot, on one vertical per element.
 *
 * Dots, not a line: neighbouring elements of a gradient are not neighbouring
 * steps, so a line between them would draw a trend that is not there. Not
 * bars from zero either: gradients are signed and often tiny, two bars per
 * element double the ink, and the eye compares their tips anyway. A mark and
 * a dot on the same vertical show a miss where it is (one wrong entry, a
 * flipped sign, a constant factor across all of them) at a glance, which the
 * item's table cannot once it abbreviates a long vector.
 */
import { formatNumber } from "../format.ts";
import { formatTick, niceStep, robustRange, ticks } from "../svg.ts";
import { clamp, COLORS, escapeXml, fixed, labelText, svgOpen } from "./common.ts";

export interface VectorPlotOptions {
  title: string;
  expected: readonly (number | null)[];
  received: readonly (number | null)[];
  /** the answer's name, for the y axis and the tooltips: "grad_b1" */
  name: string;
  width?: number;
  height?: number;
}

const MARGIN = { left: 64, right: 14, top: 30, bottom: 36 };
const REFERENCE = "#94a3b8";
const RECEIVED = "#2563eb";

function finite(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** label every k-th element, k in 1, 2, 5, 10, ..., so that labels sit at least 24 pixels apart */
function labelEvery(slot: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const factor of [1, 2, 5]) if (factor * magnitude * slot >= 24) return factor * magnitude;
  }
}

export function renderVectorPlot(options: VectorPlotOptions): string {
  const width = options.width ?? 600;
  const height = options.height ?? 200;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const count = Math.max(1, options.expected.length, options.received.length);
  const [rangeLow, rangeHigh] = robustRange(options.expected.filter(finite), options.received.filter(finite));
  const yStep = niceStep(rangeHigh - rangeLow, 4);
  const yLow = Math.floor(rangeLow / yStep + 1e-9) * yStep;
  const yHigh = Math.ceil(rangeHigh / yStep - 1e-9) * yStep;
  const toY = (v: number) => MARGIN.top + (1 - (clamp(v, yLow, yHigh) - yLow) / (yHigh - yLow)) * plotHeight;
  const slot = plotWidth / count;
  const centre = (i: number) => MARGIN.left + (i + 0.5) * slot;
  const axisY = fixed(MARGIN.top + plotHeight);

  const out: string[] = [];
  for (const t of ticks(yLow, yHigh, yStep)) {
    const y = fixed(toY(t));
    // zero is where a gradient's sign changes: a darker line
    out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y}" y2="${y}" stroke="${t === 0 ? COLORS.axis : COLORS.grid}"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="${COLORS.axis}">${escapeXml(formatTick(t, yStep))}</text>`);
  }
  const every = labelEvery(slot);
  for (let i = 0; i < count; i += every) {
    out.push(`<text class="element-label" x="${fixed(centre(i))}" y="${fixed(MARGIN.top + plotHeight + 16)}" text-anchor="middle" fill="${COLORS.axis}">${i}</text>`);
  }
  out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${axisY}" stroke="${COLORS.axis}"/>`);
  out.push(`<text class="axis-title" x="${fixed(MARGIN.left + plotWidth / 2)}" y="${height - 4}" text-anchor="middle" fill="${COLORS.axis}">element (counted from 0)</text>`);
  const midY = fixed(MARGIN.top + plotHeight / 2);
  out.push(`<text class="axis-title" x="12" y="${midY}" text-anchor="middle" transform="rotate(-90 12 ${midY})" fill="${COLORS.axis}">${labelText(options.name, 28)}</text>`);

  const mark = clamp(slot * 0.7, 3, 18);
  const radius = clamp(slot * 0.22, 1.6, 3.5);
  let offChart = 0;
  let missing = 0;
  for (let i = 0; i < count; i++) {
    const x = centre(i);
    const expected = options.expected[i];
    if (finite(expected)) {
      out.push(
        `<rect class="element-reference" x="${fixed(x - mark / 2)}" y="${fixed(toY(expected) - 1.5)}" width="${fixed(mark)}" height="3" fill="${REFERENCE}"><title>${escapeXml(`${options.name}[${i}]: reference ${formatNumber(expected)}`)}</title></rect>`,
      );
    }
    const received = options.received[i];
    if (!finite(received)) {
      if (i < options.received.length) missing++;
      continue;
    }
    const tip = `<title>${escapeXml(`${options.name}[${i}]: your answer ${formatNumber(received)}`)}</title>`;
    if (received >= yLow && received <= yHigh) {
      out.push(`<circle class="element-received" cx="${fixed(x)}" cy="${fixed(toY(received))}" r="${fixed(radius)}" fill="${RECEIVED}">${tip}</circle>`);
      continue;
    }
    // off the chart: an arrow on the edge it lies beyond
    offChart++;
    const edge = received > yHigh ? MARGIN.top : MARGIN.top + plotHeight;
    const away = received > yHigh ? -1 : 1;
    out.push(
      `<polygon class="clipped" points="${fixed(x)},${fixed(edge + away * 1)} ${fixed(x - 4)},${fixed(edge - away * 6)} ${fixed(x + 4)},${fixed(edge - away * 6)}" fill="${COLORS.outside}">${tip}</polygon>`,
    );
  }

  // the legend, and what the figure leaves out
  out.push(`<rect x="${MARGIN.left}" y="10" width="14" height="3" fill="${REFERENCE}"/>`);
  out.push(`<text x="${MARGIN.left + 19}" y="12" dominant-baseline="middle" fill="${COLORS.text}">reference</text>`);
  out.push(`<circle cx="${MARGIN.left + 90}" cy="11.5" r="3.5" fill="${RECEIVED}"/>`);
  out.push(`<text x="${MARGIN.left + 98}" y="12" dominant-baseline="middle" fill="${COLORS.text}">your answer</text>`);
  const notes: string[] = [];
  if (offChart > 0) notes.push(`${offChart} off the chart`);
  if (missing > 0) notes.push(`${missing} missing or not finite`);
  if (options.received.length === 0) notes.push("no answer given");
  else if (options.received.length < options.expected.length) notes.push(`${options.received.length} of ${options.expected.length} given`);
  if (notes.length > 0) {
    out.push(`<text x="${width - MARGIN.right}" y="12" text-anchor="end" dominant-baseline="middle" fill="${COLORS.outside}">${escapeXml(notes.join(" · "))}</text>`);
  }
  const title = `${options.title}${notes.length > 0 ? `; ${notes.join("; ")}` : ""}`;
  return `${svgOpen(title, width, height, "vector")}${out.join("")}</svg>`;
}
