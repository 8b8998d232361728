/**
 * The plots of a result, as SVG text: one entry point shared by the HTML and
 * the PDF report, so both draw the same figure from the same numbers. Every
 * plot is built from numbers and escaped text only (svg.ts), so the SVG is
 * safe to inline.
 */
import { sanitizeText } from "./format.ts";
import type { ItemResult } from "./result.ts";
import { renderLinePlot } from "./svg.ts";

type CurvePlot = Extract<NonNullable<ItemResult["plot"]>, { kind: "curve" }>;

function isSeries(values: unknown): values is (number | null)[] {
  return Array.isArray(values) && values.every((v) => v === null || typeof v === "number");
}

/** a result read back from JSON is data: check the shape before drawing it */
function isCurvePlot(plot: unknown): plot is CurvePlot {
  if (typeof plot !== "object" || plot === null) return false;
  const p = plot as Record<string, unknown>;
  return p.kind === "curve" && isSeries(p.expected) && isSeries(p.received);
}

/** the plot's accessible title, plain text */
export function itemPlotTitle(item: ItemResult): string {
  const label = isCurvePlot(item.plot) ? (item.plot.label ?? "curve") : "plot";
  return sanitizeText(`${item.id}: ${label}, reference and your answer`);
}

/** the item's plot as SVG text, or undefined when it has none (or one of an unknown shape) */
export function itemPlotSvg(item: ItemResult): string | undefined {
  const plot = item.plot;
  if (!isCurvePlot(plot)) return undefined;
  return renderLinePlot({
    title: itemPlotTitle(item),
    series: [
      { name: "reference", values: plot.expected, role: "reference" },
      { name: "your answer", values: plot.received, role: "received" },
    ],
  });
}
