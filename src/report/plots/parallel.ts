/**
 * Hyperparameter trials as parallel coordinates: one vertical axis per key
 * (linear, logarithmic for a learning rate, or categorical for an activation)
 * and one line per trial across them; the best trial is drawn last, thick and
 * in colour. A value an axis cannot place (a string on a numeric axis, 0 on a
 * log axis) leaves a gap in that trial's line.
 */
import { formatNumber } from "../format.ts";
import { COLORS, escapeXml, finiteOnly, fixed, labelText, shortNumber, svgOpen } from "./common.ts";

export interface ParallelAxisInput {
  name: string;
  scale: "linear" | "log" | "categorical";
  values: readonly (number | string | null)[];
}

export interface ParallelOptions {
  title: string;
  axes: readonly ParallelAxisInput[];
  /** index of the trial to highlight */
  best?: number | null;
  /** how many trials there are in all, when fewer are drawn */
  count?: number;
  width?: number;
  height?: number;
}

const MARGIN = { left: 46, right: 76, top: 40, bottom: 40 };
const MAX_CATEGORY_LABELS = 12;

interface PlacedAxis {
  name: string;
  scale: ParallelAxisInput["scale"];
  /** a value's height on the axis in [0, 1] (0 at the bottom), or null when the axis cannot place it */
  place: (value: number | string | null | undefined) => number | null;
  ticks: { at: number; text: string }[];
}

function categoryOf(value: number | string | null | undefined): string | null {
  if (typeof value === "string") return value;
  return typeof value === "number" && Number.isFinite(value) ? formatNumber(value) : null;
}

function placeAxis(axis: ParallelAxisInput): PlacedAxis {
  if (axis.scale === "categorical") {
    // sorted by code unit, not locale: the same order on every machine
    const categories = [...new Set(axis.values.map(categoryOf).filter((c): c is string => c !== null))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const position = new Map(categories.map((c, k) => [c, categories.length === 1 ? 0.5 : k / (categories.length - 1)]));
    const shown = categories.length <= MAX_CATEGORY_LABELS ? categories : [categories[0] as string, categories[categories.length - 1] as string];
    return {
      name: axis.name,
      scale: axis.scale,
      place: (value) => {
        const category = categoryOf(value);
        return category === null ? null : (position.get(category) ?? null);
      },
      ticks: shown.map((c) => ({ at: position.get(c) as number, text: c })),
    };
  }
  const log = axis.scale === "log";
  const transform = (v: number) => (log ? Math.log10(v) : v);
  const usable = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && (!log || v > 0);
  const numbers = finiteOnly(axis.values.filter(usable));
  const low = numbers.length > 0 ? Math.min(...numbers) : 0;
  const high = numbers.length > 0 ? Math.max(...numbers) : 1;
  const span = transform(high) - transform(low);
  const place = (value: number | string | null | undefined) => {
    if (!usable(value)) return null;
    return span > 0 ? (transform(value) - transform(low)) / span : 0.5;
  };
  const ticks = numbers.length === 0 ? [] : span > 0 ? [{ at: 0, text: shortNumber(low) }, { at: 1, text: shortNumber(high) }] : [{ at: 0.5, text: shortNumber(low) }];
  return { name: axis.name, scale: axis.scale, place, ticks };
}

export function renderParallelCoordinates(options: ParallelOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 280;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const axes = options.axes.map(placeAxis);
  const trials = Math.max(0, ...options.axes.map((a) => a.values.length));
  const spacing = axes.length > 1 ? plotWidth / (axes.length - 1) : 0;
  const xOf = (i: number) => (axes.length > 1 ? MARGIN.left + i * spacing : MARGIN.left + plotWidth / 2);
  const yOf = (t: number) => MARGIN.top + (1 - t) * plotHeight;
  const nameChars = Math.max(4, Math.floor((axes.length > 1 ? spacing : plotWidth) / 6.2));
  const best = options.best !== null && options.best !== undefined && options.best >= 0 && options.best < trials ? options.best : null;

  const out: string[] = [svgOpen(options.title, width, height, "parallel")];
  axes.forEach((_, i) => {
    const x = fixed(xOf(i));
    out.push(`<line class="axis" x1="${x}" x2="${x}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="${COLORS.axis}"/>`);
  });
  const labels: string[] = [];
  axes.forEach((axis, i) => {
    const x = fixed(xOf(i));
    const suffix = axis.scale === "log" ? " (log)" : "";
    labels.push(`<text class="axis-name" x="${x}" y="${MARGIN.top - 22}" text-anchor="middle" font-weight="600" fill="${COLORS.text}">${labelText(axis.name, nameChars - suffix.length)}${escapeXml(suffix)}</text>`);
    for (const tick of axis.ticks) {
      labels.push(`<text class="tick" x="${fixed(xOf(i) + 5)}" y="${fixed(yOf(tick.at))}" dominant-baseline="middle" font-size="10" fill="${COLORS.axis}">${labelText(tick.text, 12)}</text>`);
    }
  });

  const lineOf = (trial: number) => {
    const segments: string[][] = [[]];
    axes.forEach((axis, i) => {
      const t = axis.place(options.axes[i]?.values[trial]);
      if (t === null) segments.push([]);
      else segments[segments.length - 1]?.push(`${fixed(xOf(i))},${fixed(yOf(t))}`);
    });
    return segments.filter((s) => s.length > 0);
  };
  const describe = (trial: number) =>
    `trial ${trial}: ${options.axes.map((a) => `${a.name} ${typeof a.values[trial] === "number" ? formatNumber(a.values[trial] as number) : String(a.values[trial] ?? "—")}`).join(", ")}`;
  const draw = (trial: number, highlighted: boolean) =>
    lineOf(trial)
      .map((points) => {
        const style = highlighted ? `stroke="${COLORS.highlight}" stroke-width="2.8"` : `stroke="${COLORS.line}" stroke-width="1.2" stroke-opacity="0.45"`;
        const title = `<title>${labelText(describe(trial), 200)}</title>`;
        if (points.length === 1) {
          const [x, y] = (points[0] as string).split(",");
          return `<circle class="${highlighted ? "trial best" : "trial"}" cx="${x}" cy="${y}" r="${highlighted ? 3.5 : 2}" fill="${highlighted ? COLORS.highlight : COLORS.line}">${title}</circle>`;
        }
        return `<polyline class="${highlighted ? "trial best" : "trial"}" fill="none" ${style} stroke-linejoin="round" points="${points.join(" ")}">${title}</polyline>`;
      })
      .join("");
  for (let trial = 0; trial < trials; trial++) if (trial !== best) out.push(draw(trial, false));
  // the best trial last, so no other line hides it
  if (best !== null) out.push(draw(best, true));
  // names and ticks over the lines, where no line hides them
  out.push(...labels);

  const legendY = height - 12;
  const notes: string[] = [];
  if (best !== null) {
    out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + 18}" y1="${legendY}" y2="${legendY}" stroke="${COLORS.highlight}" stroke-width="2.8"/>`);
    out.push(`<text x="${MARGIN.left + 23}" y="${legendY}" dominant-baseline="middle" fill="${COLORS.text}">${escapeXml(`best trial (index ${best})`)}</text>`);
  }
  const total = options.count ?? trials;
  notes.push(total > trials ? `${trials} of ${total} trials drawn` : `${trials} trial${trials === 1 ? "" : "s"}`);
  out.push(`<text x="${width - MARGIN.right}" y="${legendY}" text-anchor="end" dominant-baseline="middle" fill="${COLORS.axis}">${escapeXml(notes.join(" · "))}</text>`);
  out.push("</svg>");
  return out.join("");
}
