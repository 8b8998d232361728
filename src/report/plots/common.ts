/**
 * What every hand-written plot shares: the opening tag, fixed-precision
 * coordinates, label truncation and colour scales. Colours are computed to
 * hex strings here, never left to CSS, so the HTML and the PDF (svg-to-pdfkit)
 * draw the same thing, and the text is byte-identical across runs.
 */
import { formatSignificant, sanitizeText, truncate } from "../format.ts";
import { escapeXml } from "../svg.ts";

export { escapeXml };

export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const COLORS = {
  text: "#374151",
  axis: "#6b7280",
  grid: "#e5e7eb",
  missing: "#f3f4f6",
  outside: "#dc2626",
  highlight: "#ea580c",
  line: "#2563eb",
  bar: "#2563eb",
} as const;

/** one decimal, and never "-0.0", so equal inputs give equal bytes */
export function fixed(x: number): string {
  const text = x.toFixed(1);
  return text === "-0.0" ? "0.0" : text;
}

/** the <svg> start tag and its <title>; the caller closes it */
export function svgOpen(title: string, width: number, height: number, kind: string): string {
  const label = escapeXml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="plot plot-${kind}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}" font-family="${FONT_FAMILY}" font-size="11">` +
    `<title>${label}</title>`
  );
}

/** a label a student may have written: no control characters, short enough to fit, escaped */
export function labelText(text: string, maxLength: number): string {
  return escapeXml(truncate(sanitizeText(text), maxLength));
}

/** a cell's or a tick's number, short: 0.966, 1e-4, 250 */
export function shortNumber(x: number, digits = 3): string {
  return formatSignificant(x, digits);
}

export function clamp(x: number, low: number, high: number): number {
  return Math.min(Math.max(x, low), high);
}

/** viridis at 9 stops: perceptually even and readable in grey print */
const VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"];

function rgb(hex: string): [number, number, number] {
  return [Number.parseInt(hex.slice(1, 3), 16), Number.parseInt(hex.slice(3, 5), 16), Number.parseInt(hex.slice(5, 7), 16)];
}

function hex(channels: readonly number[]): string {
  return `#${channels.map((c) => Math.round(clamp(c, 0, 255)).toString(16).padStart(2, "0")).join("")}`;
}

function interpolate(stops: readonly string[], t: number): string {
  const position = clamp(Number.isFinite(t) ? t : 0, 0, 1) * (stops.length - 1);
  const index = Math.min(Math.floor(position), stops.length - 2);
  const share = position - index;
  const from = rgb(stops[index] as string);
  const to = rgb(stops[index + 1] as string);
  return hex(from.map((c, i) => c + (share * ((to[i] as number) - c))));
}

/** t in [0, 1] to a colour of the sequential scale */
export function sequentialColor(t: number): string {
  return interpolate(VIRIDIS, t);
}

/** t in [0, 1] from white to a strong blue, for counts */
export function countColor(t: number): string {
  return interpolate(["#ffffff", "#1d4ed8"], t);
}

/** dark text on a light fill, white on a dark one (relative luminance, WCAG weights) */
export function textColorOn(fill: string): string {
  const [r, g, b] = rgb(fill).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  // 0.179: where black and white text have the same contrast ratio
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? "#111827" : "#ffffff";
}

/** the finite numbers of a matrix or list */
export function finiteOnly(values: readonly (number | null | string)[]): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}
