/**
 * A small hand-written SVG line plot: data in, SVG text out. Every piece of
 * text goes through escapeXml and every coordinate through fixed-precision
 * formatting, so the output is safe to inline and byte-identical across runs.
 */
import { formatNumber, formatSignificant } from "./format.ts";

export interface PlotSeries {
  name: string;
  values: readonly (number | null)[];
  /** the reference decides the y range; the received series is drawn over it */
  role: "reference" | "received";
}

/** the reference's band around each point (its seeds' spread); null where it has none */
export interface PlotBand {
  low: readonly (number | null)[];
  high: readonly (number | null)[];
  name?: string;
}

export interface LinePlotOptions {
  series: readonly PlotSeries[];
  /** shaded under the curves */
  band?: PlotBand;
  title?: string;
  /** what the steps are ("epoch"); "index" when absent */
  xLabel?: string;
  /** what is plotted ("J"); no y title when absent */
  yLabel?: string;
  /** the x of the first point (1 for epochs counted from 1); 0 when absent */
  xFirst?: number;
  /** the x between neighbouring points (0.1 on a grid of w); 1 when absent */
  xStep?: number;
  width?: number;
  /** of the plot itself: each note of a diverged series adds a line below it */
  height?: number;
}

// left: room for a tick such as "-1.2e+8" and the y title beside it
const MARGIN = { left: 64, right: 14, top: 30, bottom: 36 };
const PLOT_LIMIT = 1e300;
const NOTE_LINE = 14;
const COLORS = { reference: "#94a3b8", received: "#2563eb", clipped: "#dc2626", grid: "#e5e7eb", axis: "#6b7280", band: "#94a3b8" };
/** a reference that leaves the plot is marked in a grey darker than its line, so the marker shows on it */
const EXIT_COLORS = { reference: "#64748b", received: COLORS.clipped };
const BAND_OPACITY = "0.28";

/** Escapes = and ` as well, as Handlebars does, so no attribute-like text survives even inside a value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** a coordinate: one decimal, as toFixed(1) writes it, "-0.0" as "0.0" */
export function fixed(x: number): string {
  // a plot writes thousands of these: round in floating point where that is exact, which is
  // everywhere but near a tie (10x within 1e-6 of k + 0.5, where toFixed's exact decimal decides)
  const scaled = x * 10;
  if (Math.abs(scaled) < 1e9 && Math.abs(Math.abs(scaled - Math.trunc(scaled)) - 0.5) > 1e-6) {
    const tenths = Math.round(scaled);
    if (tenths === 0) return "0.0";
    const magnitude = Math.abs(tenths);
    const digit = magnitude % 10;
    return `${tenths < 0 ? "-" : ""}${(magnitude - digit) / 10}.${digit}`;
  }
  const text = x.toFixed(1);
  return text === "-0.0" ? "0.0" : text;
}

/** how far a lone extreme value may sit from the rest before it counts as absurd */
const OUTLIER_GAP = 10;

type Cells = readonly (number | null)[];

function sameCells(a: Cells, b: Cells): boolean {
  if (a.length !== b.length) return false;
  // equal numbers draw alike; NaN never equals, so it is merely drawn again
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The results of a plot's costly steps for lists of numbers like the ones
 * seen lately, most recently used first. Every student's plot of an item
 * draws the same reference curve and band over the same range, and a right
 * answer is drawn as the reference is; a step is a function of its lists and
 * of `extra` (the scale), so a result kept for equal ones is the same result.
 * The lists are copied, so one changed afterwards cannot match.
 */
class RecentResults<T> {
  private readonly kept: { lists: Cells[]; extra: string; result: T }[] = [];

  constructor(private readonly size: number) {}

  get(lists: readonly Cells[], extra: string, compute: () => T): T {
    for (let k = 0; k < this.kept.length; k++) {
      const entry = this.kept[k] as { lists: Cells[]; extra: string; result: T };
      if (entry.extra !== extra || entry.lists.length !== lists.length || !entry.lists.every((list, i) => sameCells(list, lists[i] as Cells))) continue;
      if (k > 0) {
        this.kept.splice(k, 1);
        this.kept.unshift(entry);
      }
      return entry.result;
    }
    const result = compute();
    this.kept.unshift({ lists: lists.map((list) => list.slice()), extra, result });
    if (this.kept.length > this.size) this.kept.pop();
    return result;
  }
}

/** a report has a dozen curves or so: their references, bands and ranges stay, with room for the answers */
const RECENT_KEPT = 48;
const recentRanges = new RecentResults<[number, number]>(RECENT_KEPT);
const recentTraces = new RecentResults<Segments>(RECENT_KEPT);
const recentBands = new RecentResults<string>(RECENT_KEPT);

/**
 * Drops extreme values that sit far apart from all the others (a diverged run
 * jumping 20, 1e8, 1e29, 1e271): the largest distinct value goes while its gap
 * to the next is more than OUTLIER_GAP times the span of what is left, and the
 * same from below. A smooth curve, even a steep one, keeps all its values.
 */
function trimOutliers(values: readonly number[]): [number, number] {
  return recentRanges.get([values], "", () => trimmedRange(values));
}

function trimmedRange(values: readonly number[]): [number, number] {
  // a typed array sorts numerically, and much faster than sort with a comparator
  const distinct = Float64Array.from(new Set(values)).sort();
  let low = 0;
  let high = distinct.length - 1;
  const at = (i: number) => distinct[i] as number;
  while (high - low >= 2 && at(high) - at(high - 1) > OUTLIER_GAP * (at(high - 1) - at(low))) high--;
  while (high - low >= 2 && at(low + 1) - at(low) > OUTLIER_GAP * (at(high) - at(low + 1))) low++;
  return [at(low), at(high)];
}

/**
 * The y range: the reference without its absurd values, widened to take in
 * the received values that lie within one such span of it. Anything beyond is
 * drawn at the edge and marked as clipped, so 1e271 cannot flatten the plot.
 */
export function robustRange(reference: readonly number[], others: readonly number[]): [number, number] {
  const within = (v: number) => Math.abs(v) <= PLOT_LIMIT;
  const inReference = reference.filter(within);
  const basis = inReference.length > 0 ? inReference : others.filter(within);
  if (basis.length === 0) return [0, 1];
  let [low, high] = trimOutliers(basis);
  // the limit keeps every span finite, so the scale never divides by Infinity
  const span = Math.min(high - low > 0 ? high - low : Math.max(Math.abs(high), 1) * 0.5, PLOT_LIMIT);
  const fenceLow = Math.max(low - span, -PLOT_LIMIT);
  const fenceHigh = Math.min(high + span, PLOT_LIMIT);
  for (const v of others) {
    if (v < fenceLow || v > fenceHigh) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  if (low === high) return [low - span / 2, high + span / 2];
  return [low, high];
}

export function niceStep(span: number, targetTicks: number): number {
  const raw = span / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalised = raw / magnitude;
  const factor = normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10;
  return factor * magnitude;
}

/** enough digits to tell neighbouring ticks apart, even on a nearly flat curve */
export function formatTick(value: number, step: number): string {
  if (value === 0) return "0";
  const digits = Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(step)) + 1;
  return formatSignificant(value, Math.min(15, Math.max(1, digits)));
}

export function ticks(low: number, high: number, step: number): number[] {
  const result: number[] = [];
  for (let k = Math.ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k++) result.push(k * step);
  return result;
}

/**
 * Where a series leaves the plot for good: the trailing values that are not
 * finite or lie outside [yLow, yHigh] (a run whose loss overflows), after at
 * least one drawn value. Those are not drawn: clamped to the edge they would
 * read as a curve that flattens there.
 */
interface Tail {
  /** the index of the first value not drawn */
  from: number;
  above: number;
  below: number;
  notFinite: number;
}

function inRange(value: number | null, yLow: number, yHigh: number): value is number {
  return value !== null && Number.isFinite(value) && value >= yLow && value <= yHigh;
}

function tailOf(values: readonly (number | null)[], yLow: number, yHigh: number): Tail | null {
  let from = values.length;
  while (from > 0 && !inRange(values[from - 1] ?? null, yLow, yHigh)) from--;
  if (from === 0 || from === values.length) return null;
  const tail: Tail = { from, above: 0, below: 0, notFinite: 0 };
  for (let i = from; i < values.length; i++) {
    const value = values[i] ?? null;
    if (value === null || !Number.isFinite(value)) tail.notFinite++;
    else if (value > yHigh) tail.above++;
    else tail.below++;
  }
  return tail;
}

interface Segments {
  lines: string[][];
  dots: string[];
  clipped: { x: number; y: number; above: boolean; value: number }[];
  notFinite: number;
  tail: Tail | null;
  /** where the line stops: at the edge it crosses toward the first value not drawn, or at its last value before a non-finite one */
  exit: { x: number; y: number; toward: "above" | "below" | "none"; value: number | null } | null;
}

function traceSeries(
  values: readonly (number | null)[],
  toX: (i: number) => number,
  xText: (i: number) => string,
  toY: (v: number) => number,
  yLow: number,
  yHigh: number,
): Segments {
  const tail = tailOf(values, yLow, yHigh);
  const out: Segments = { lines: [], dots: [], clipped: [], notFinite: 0, tail, exit: null };
  let current: string[] = [];
  const close = () => {
    if (current.length === 1) out.dots.push(current[0] as string);
    else if (current.length > 1) out.lines.push(current);
    current = [];
  };
  const drawn = tail === null ? values.length : tail.from;
  for (let i = 0; i < drawn; i++) {
    const value = values[i] ?? null;
    if (value === null || !Number.isFinite(value)) {
      out.notFinite++;
      close();
      continue;
    }
    const clamped = Math.min(Math.max(value, yLow), yHigh);
    const x = toX(i);
    const y = toY(clamped);
    if (clamped !== value) out.clipped.push({ x, y, above: value > yHigh, value });
    current.push(`${xText(i)},${fixed(y)}`);
  }
  if (tail !== null) {
    for (let i = tail.from; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined || !Number.isFinite(value)) out.notFinite++;
    }
    // the value before the tail is drawn in range (tailOf): the line runs from it to the edge it leaves through
    const last = values[tail.from - 1] as number;
    const next = values[tail.from] ?? null;
    if (next !== null && Number.isFinite(next)) {
      const edge = next > yHigh ? yHigh : yLow;
      const share = (edge - last) / (next - last);
      const x = toX(tail.from - 1) + share * (toX(tail.from) - toX(tail.from - 1));
      const y = toY(edge);
      current.push(`${fixed(x)},${fixed(y)}`);
      out.exit = { x, y, toward: next > yHigh ? "above" : "below", value: next };
    } else {
      out.exit = { x: toX(tail.from - 1), y: toY(last), toward: "none", value: null };
    }
  }
  close();
  return out;
}

function drawSeries(series: PlotSeries, traced: Segments, exitTitle: string | null): string {
  const color = COLORS[series.role];
  const stroke =
    series.role === "reference"
      ? `stroke="${color}" stroke-width="3" stroke-opacity="0.8"`
      : `stroke="${color}" stroke-width="1.6"`;
  const parts = traced.lines.map((points) => `<polyline class="series-${series.role}" fill="none" ${stroke} stroke-linejoin="round" points="${points.join(" ")}"/>`);
  for (const dot of traced.dots) {
    const [x, y] = dot.split(",");
    parts.push(`<circle class="series-${series.role}" cx="${x}" cy="${y}" r="2.2" fill="${color}"/>`);
  }
  for (const c of traced.clipped) {
    const tip = c.above ? c.y - 1 : c.y + 1;
    const base = c.above ? c.y + 6 : c.y - 6;
    const tipY = fixed(tip);
    const baseY = fixed(base);
    parts.push(
      `<path class="clipped" d="M${fixed(c.x)},${tipY}L${fixed(c.x - 4)},${baseY}L${fixed(c.x + 4)},${baseY}Z" fill="${COLORS.clipped}"><title>${escapeXml(`${series.name}: ${formatNumber(c.value)} is off the chart`)}</title></path>`,
    );
  }
  const exit = traced.exit;
  if (exit !== null && exitTitle !== null) {
    const fill = EXIT_COLORS[series.role];
    const title = `<title>${escapeXml(exitTitle)}</title>`;
    if (exit.toward === "none") {
      // no edge to point at: the run stops at a value that is not finite
      parts.push(`<circle class="exit" cx="${fixed(exit.x)}" cy="${fixed(exit.y)}" r="4" fill="none" stroke="${fill}" stroke-width="1.6">${title}</circle>`);
    } else {
      // an arrow on the edge, pointing out of the plot
      const out = exit.toward === "above" ? -1 : 1;
      const tip = fixed(exit.y + out * 9);
      const base = fixed(exit.y + out * 1);
      parts.push(`<polygon class="exit" points="${fixed(exit.x)},${tip} ${fixed(exit.x - 5)},${base} ${fixed(exit.x + 5)},${base}" fill="${fill}">${title}</polygon>`);
    }
  }
  return parts.join("");
}

/** in a loop rather than filter and spread: a report draws a few thousand points */
function pushFinite(into: number[], values: readonly (number | null)[]): void {
  for (const v of values) if (v !== null && Number.isFinite(v)) into.push(v);
}

export function renderLinePlot(options: LinePlotOptions): string {
  const width = options.width ?? 600;
  const plotBoxHeight = options.height ?? 240;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = plotBoxHeight - MARGIN.top - MARGIN.bottom;
  // the band belongs to the reference: it decides the y range with it
  const band = options.band;
  const reference: number[] = [];
  const received: number[] = [];
  for (const series of options.series) pushFinite(series.role === "reference" ? reference : received, series.values);
  if (band) {
    pushFinite(reference, band.low);
    pushFinite(reference, band.high);
  }
  const [rangeLow, rangeHigh] = robustRange(reference, received);
  const yStep = niceStep(rangeHigh - rangeLow, 5);
  const yLow = Math.floor(rangeLow / yStep + 1e-9) * yStep;
  const yHigh = Math.ceil(rangeHigh / yStep - 1e-9) * yStep;
  const count = Math.max(2, ...options.series.map((s) => s.values.length), band ? Math.max(band.low.length, band.high.length) : 0);
  const toX = (i: number) => MARGIN.left + (i / (count - 1)) * plotWidth;
  const toY = (v: number) => MARGIN.top + (1 - (v - yLow) / (yHigh - yLow)) * plotHeight;
  // every series and the band share the x positions: each is written once
  const xTexts: string[] = [];
  const xText = (i: number) => (xTexts[i] ??= fixed(toX(i)));
  const xFirst = options.xFirst !== undefined && Number.isFinite(options.xFirst) ? options.xFirst : 0;
  const xStepOf = options.xStep !== undefined && Number.isFinite(options.xStep) && options.xStep !== 0 ? options.xStep : 1;
  const xAt = (i: number) => xFirst + i * xStepOf;
  const xLabel = options.xLabel ?? "index";

  // what places a point: the plot's size, the number of points and the y range
  const scale = `${width} ${plotBoxHeight} ${count} ${yLow} ${yHigh}`;
  const traces = options.series.map((series) => recentTraces.get([series.values], scale, () => traceSeries(series.values, toX, xText, toY, yLow, yHigh)));
  const divergences = divergenceNotes(options.series, traces, xLabel, xAt, yLow, yHigh, yStep);
  const height = plotBoxHeight + NOTE_LINE * divergences.notes.length;

  let clippedCount = 0;
  let notFiniteCount = 0;
  options.series.forEach((series, k) => {
    if (series.role !== "received") return;
    clippedCount += (traces[k] as Segments).clipped.length;
    notFiniteCount += (traces[k] as Segments).notFinite;
  });
  const legendNotes = legendNoteTexts(clippedCount, notFiniteCount);
  // the accessible name says what the figure leaves out, as its text does
  const said = [...legendNotes.map((note) => note.replace(/^▲ /, "")), ...divergences.notes];
  const title = `${options.title ?? "line plot"}${said.length > 0 ? `; ${said.join("; ")}` : ""}`;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="plot" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="11">`,
  );
  out.push(`<title>${escapeXml(title)}</title>`);
  for (const t of ticks(yLow, yHigh, yStep)) {
    const y = fixed(toY(t));
    out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y}" y2="${y}" stroke="${COLORS.grid}"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="${COLORS.axis}">${escapeXml(formatTick(t, yStep))}</text>`);
  }
  const axisY = fixed(MARGIN.top + plotHeight);
  // ticks at round values of x, never closer than the points themselves (whole epochs)
  const xEnds = [xAt(0), xAt(count - 1)];
  const xLow = Math.min(...xEnds);
  const xHigh = Math.max(...xEnds);
  const xTickStep = Math.max(Math.abs(xStepOf), niceStep(xHigh - xLow, 6));
  for (const t of ticks(xLow, xHigh, xTickStep)) {
    const x = fixed(toX((t - xFirst) / xStepOf));
    out.push(`<line x1="${x}" x2="${x}" y1="${axisY}" y2="${fixed(MARGIN.top + plotHeight + 4)}" stroke="${COLORS.axis}"/>`);
    out.push(`<text x="${x}" y="${fixed(MARGIN.top + plotHeight + 16)}" text-anchor="middle" fill="${COLORS.axis}">${escapeXml(xTickText(t, xTickStep))}</text>`);
  }
  out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${axisY}" y2="${axisY}" stroke="${COLORS.axis}"/>`);
  out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${axisY}" stroke="${COLORS.axis}"/>`);
  out.push(`<text class="axis-title" x="${fixed(MARGIN.left + plotWidth / 2)}" y="${plotBoxHeight - 4}" text-anchor="middle" fill="${COLORS.axis}">${escapeXml(xLabel)}</text>`);
  if (options.yLabel !== undefined) {
    const y = fixed(MARGIN.top + plotHeight / 2);
    out.push(`<text class="axis-title" x="12" y="${y}" text-anchor="middle" transform="rotate(-90 12 ${y})" fill="${COLORS.axis}">${escapeXml(options.yLabel)}</text>`);
  }

  if (band) out.push(recentBands.get([band.low, band.high], scale, () => drawBand(band, xText, toY, yLow, yHigh)));
  options.series.forEach((series, k) => {
    out.push(drawSeries(series, traces[k] as Segments, divergences.exitTitles[k] ?? null));
  });
  out.push(drawLegend(options.series, legendNotes, width, band?.name ?? (band ? "reference band" : undefined)));
  divergences.notes.forEach((note, k) => {
    out.push(`<text class="plot-note" x="${MARGIN.left}" y="${plotBoxHeight - 4 + NOTE_LINE * (k + 1)}" fill="${COLORS.clipped}">${escapeXml(note)}</text>`);
  });
  out.push("</svg>");
  return out.join("");
}

/** a whole x (an epoch) as itself, as the axis has always written it; else enough digits to tell ticks apart */
function xTickText(value: number, step: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e6 ? String(value) : formatTick(value, step);
}

/**
 * One sentence per place where series leave the plot for good, naming them
 * together when they leave after the same x and for the same reason ("the
 * reference and your answer diverged after epoch 2: values beyond 1.4e+8
 * not drawn"), and each exit marker's tooltip.
 */
function divergenceNotes(
  series: readonly PlotSeries[],
  traces: readonly Segments[],
  xLabel: string,
  xAt: (i: number) => number,
  yLow: number,
  yHigh: number,
  yStep: number,
): { notes: string[]; exitTitles: (string | null)[] } {
  const grouped = new Map<string, string[]>();
  const exitTitles = traces.map((traced, k): string | null => {
    const tail = traced.tail;
    if (tail === null) return null;
    const left: string[] = [];
    if (tail.above > 0) left.push(`values beyond ${formatTick(yHigh, yStep)}`);
    if (tail.below > 0) left.push(`values below ${formatTick(yLow, yStep)}`);
    if (tail.notFinite > 0) left.push("non-finite values");
    const after = `diverged after ${xLabel} ${formatNumber(xAt(tail.from - 1))}: ${left.join(" and ")} not drawn`;
    const name = (series[k] as PlotSeries).name;
    grouped.set(after, [...(grouped.get(after) ?? []), name]);
    return `${name} ${after}`;
  });
  const notes = [...grouped].map(([after, names]) => `${names.join(" and ")} ${after}`);
  return { notes, exitTitles };
}

function legendNoteTexts(clipped: number, notFinite: number): string[] {
  const notes: string[] = [];
  if (clipped > 0) notes.push(`▲ ${clipped} off the chart`);
  if (notFinite > 0) notes.push(`${notFinite} missing or not finite`);
  return notes;
}

/**
 * The band as filled areas, one per run of points where both edges are
 * finite (a gap where the reference has no band), clamped to the plot.
 */
function drawBand(band: PlotBand, xText: (i: number) => string, toY: (v: number) => number, yLow: number, yHigh: number): string {
  const parts: string[] = [];
  const length = Math.min(band.low.length, band.high.length);
  const edge = (v: number) => fixed(toY(Math.min(Math.max(v, yLow), yHigh)));
  let run: number[] = [];
  const flush = () => {
    if (run.length === 1) {
      const i = run[0] as number;
      const x = xText(i);
      parts.push(`<line class="band" x1="${x}" x2="${x}" y1="${edge(band.low[i] as number)}" y2="${edge(band.high[i] as number)}" stroke="${COLORS.band}" stroke-opacity="${BAND_OPACITY}" stroke-width="4"/>`);
    } else if (run.length > 1) {
      const lower = run.map((i) => `${xText(i)},${edge(band.low[i] as number)}`);
      const upper = run.map((i) => `${xText(i)},${edge(band.high[i] as number)}`).reverse();
      parts.push(`<polygon class="band" points="${[...lower, ...upper].join(" ")}" fill="${COLORS.band}" fill-opacity="${BAND_OPACITY}" stroke="none"/>`);
    }
    run = [];
  };
  for (let i = 0; i < length; i++) {
    const low = band.low[i];
    const high = band.high[i];
    if (typeof low === "number" && typeof high === "number" && Number.isFinite(low) && Number.isFinite(high)) run.push(i);
    else flush();
  }
  flush();
  return parts.join("");
}

function drawLegend(series: readonly PlotSeries[], notes: readonly string[], width: number, bandName?: string): string {
  const parts: string[] = [];
  let x = MARGIN.left;
  if (bandName !== undefined) {
    parts.push(`<rect x="${x}" y="7" width="18" height="10" fill="${COLORS.band}" fill-opacity="${BAND_OPACITY}"/>`);
    parts.push(`<text x="${x + 23}" y="12" dominant-baseline="middle" fill="#374151">${escapeXml(bandName)}</text>`);
    x += Math.round(30 + bandName.length * 6.2);
  }
  for (const s of series) {
    const strokeWidth = s.role === "reference" ? 3 : 1.6;
    parts.push(`<line x1="${x}" x2="${x + 18}" y1="12" y2="12" stroke="${COLORS[s.role]}" stroke-width="${strokeWidth}"/>`);
    parts.push(`<text x="${x + 23}" y="12" dominant-baseline="middle" fill="#374151">${escapeXml(s.name)}</text>`);
    x += 30 + s.name.length * 6.2;
  }
  if (notes.length > 0) {
    parts.push(`<text x="${width - MARGIN.right}" y="12" text-anchor="end" dominant-baseline="middle" fill="${COLORS.clipped}">${escapeXml(notes.join(" · "))}</text>`);
  }
  return parts.join("");
}
