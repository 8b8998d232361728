/**
 * The plots of a result, as SVG text: one entry point shared by the HTML and
 * the PDF report, so both draw the same figure from the same numbers. Every
 * plot is built from numbers and escaped text only (svg.ts, plots/*), so the
 * SVG is safe to inline.
 */
import { sanitizeText, truncate } from "./format.ts";
import { renderConfusionMatrix } from "./plots/confusion.ts";
import { renderHeatmap } from "./plots/heatmap.ts";
import { renderParallelCoordinates } from "./plots/parallel.ts";
import { renderVectorPlot } from "./plots/vector.ts";
import type { ConfusionPlot, CurveAxes, CurvePlot, HeatmapPlot, ItemPlot, ItemResult, MatrixAxis, ParallelPlot, VectorPlot } from "../result/types.ts";
import { renderLinePlot } from "./svg.ts";

// a result read back from JSON is data: every shape is checked before it is drawn

type Cell = number | null;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSeries(values: unknown): values is Cell[] {
  return Array.isArray(values) && values.every((v) => v === null || typeof v === "number");
}

function isMatrix(values: unknown): values is Cell[][] {
  return Array.isArray(values) && values.length > 0 && values.every(isSeries);
}

function sameShape(a: readonly (readonly unknown[])[], b: unknown): boolean {
  return Array.isArray(b) && b.length === a.length && a.every((row, r) => Array.isArray(b[r]) && (b[r] as unknown[]).length === row.length);
}

function isOptionalLabel(value: unknown): boolean {
  return value === undefined || typeof value === "string";
}

function isAxis(value: unknown): value is MatrixAxis {
  return isRecord(value) && typeof value.title === "string" && Array.isArray(value.labels) && value.labels.every((l) => typeof l === "string");
}

function isCurveAxes(value: unknown): value is CurveAxes {
  if (!isRecord(value) || !isRecord(value.x) || !isRecord(value.y)) return false;
  const { title, first, step } = value.x;
  const finite = (n: unknown) => typeof n === "number" && Number.isFinite(n);
  return typeof title === "string" && finite(first) && finite(step) && step !== 0 && typeof value.y.title === "string";
}

function isCurvePlot(plot: Record<string, unknown>): plot is Record<string, unknown> & CurvePlot {
  if (!(isSeries(plot.expected) && isSeries(plot.received) && isOptionalLabel(plot.label))) return false;
  if (plot.axes !== undefined && !isCurveAxes(plot.axes)) return false;
  return plot.band === undefined || (isRecord(plot.band) && isSeries(plot.band.low) && isSeries(plot.band.high));
}

function isVectorPlot(plot: Record<string, unknown>): plot is Record<string, unknown> & VectorPlot {
  return isSeries(plot.expected) && isSeries(plot.received) && isOptionalLabel(plot.label);
}

function isHeatmapPlot(plot: Record<string, unknown>): plot is Record<string, unknown> & HeatmapPlot {
  const { values, outside, band } = plot;
  if (!isMatrix(values) || !isOptionalLabel(plot.label)) return false;
  if (!sameShape(values, outside) || !(outside as unknown[][]).every((row) => row.every((v) => typeof v === "boolean"))) return false;
  if (plot.rows !== undefined && !isAxis(plot.rows)) return false;
  if (plot.columns !== undefined && !isAxis(plot.columns)) return false;
  if (plot.values_of !== undefined && plot.values_of !== "reference") return false;
  return band === undefined || (isRecord(band) && isMatrix(band.low) && isMatrix(band.high) && sameShape(values, band.low) && sameShape(values, band.high));
}

function isConfusionPlot(plot: Record<string, unknown>): plot is Record<string, unknown> & ConfusionPlot {
  return isMatrix(plot.counts) && isOptionalLabel(plot.label);
}

const SCALES = new Set(["linear", "log", "categorical"]);

function isParallelPlot(plot: Record<string, unknown>): plot is Record<string, unknown> & ParallelPlot {
  const { axes, best, count } = plot;
  if (!Array.isArray(axes) || !isOptionalLabel(plot.label)) return false;
  if (!(best === null || (typeof best === "number" && Number.isInteger(best)))) return false;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) return false;
  return axes.every(
    (axis) =>
      isRecord(axis) &&
      typeof axis.name === "string" &&
      SCALES.has(axis.scale as string) &&
      Array.isArray(axis.values) &&
      axis.values.every((v) => v === null || typeof v === "number" || typeof v === "string"),
  );
}

/** the item's plot when it is one of the known kinds and well formed */
function checkedPlot(item: ItemResult): ItemPlot | undefined {
  const plot: unknown = item.plot;
  if (!isRecord(plot)) return undefined;
  switch (plot.kind) {
    case "curve":
      return isCurvePlot(plot) ? plot : undefined;
    case "vector":
      return isVectorPlot(plot) ? plot : undefined;
    case "heatmap":
      return isHeatmapPlot(plot) ? plot : undefined;
    case "confusion":
      return isConfusionPlot(plot) ? plot : undefined;
    case "parallel":
      return isParallelPlot(plot) ? plot : undefined;
    default:
      return undefined;
  }
}

/** the last name of an answer's id: "q7.runs[3].J" is "J", "t1.train_loss" "train_loss" */
function answerName(id: string): string {
  const name = /([^.[\]]+)(\[\d+\])*$/.exec(id)?.[1];
  return name ?? id;
}

/** the curve's axes: the reference's where it gave them, else steps and the answer's own name (a result written before them too) */
function curveAxesOf(plot: CurvePlot, item: ItemResult): CurveAxes {
  return plot.axes ?? { x: { title: "step", first: 0, step: 1 }, y: { title: answerName(item.id) } };
}

function describe(plot: ItemPlot, item: ItemResult): string {
  switch (plot.kind) {
    case "curve": {
      if (plot.axes === undefined) return `${plot.label ?? "curve"}, reference and your answer`;
      return `${plot.axes.y.title} by ${plot.axes.x.title}, reference and your answer`;
    }
    case "vector":
      return `${answerName(item.id)} element by element, reference and your answer`;
    case "heatmap": {
      if (plot.values_of === "reference") return "the reference's values as a heatmap: you gave none";
      const outside = plot.outside.flat().filter(Boolean).length;
      return `your values as a heatmap${outside > 0 ? `, ${outside} not passed` : ""}`;
    }
    case "confusion":
      return "your confusion matrix, rows true class, columns predicted";
    case "parallel":
      return `your ${plot.count} trial${plot.count === 1 ? "" : "s"}${plot.best === null ? "" : `, the best (index ${plot.best}) highlighted`}`;
    default: {
      const unknown: never = plot;
      return String(unknown);
    }
  }
}

/** the plot's accessible title, plain text */
export function itemPlotTitle(item: ItemResult): string {
  const plot = checkedPlot(item);
  if (plot === undefined) return sanitizeText(`${item.id}: plot`);
  // a heatmap hangs on its first cell's item: its label names the whole matrix
  const name = plot.kind === "curve" || plot.kind === "vector" ? item.id : (plot.label ?? item.id);
  return sanitizeText(`${name}: ${describe(plot, item)}`);
}

/** the item's plot as SVG text, or undefined when it has none (or one of an unknown shape) */
export function itemPlotSvg(item: ItemResult): string | undefined {
  const plot = checkedPlot(item);
  if (plot === undefined) return undefined;
  const title = itemPlotTitle(item);
  switch (plot.kind) {
    case "curve": {
      const axes = curveAxesOf(plot, item);
      return renderLinePlot({
        title,
        series: [
          { name: "reference", values: plot.expected, role: "reference" },
          { name: "your answer", values: plot.received, role: "received" },
        ],
        ...(plot.band ? { band: { low: plot.band.low, high: plot.band.high } } : {}),
        // the y title runs up beside the plot: a longer one would leave it
        xLabel: truncate(sanitizeText(axes.x.title), 60),
        yLabel: truncate(sanitizeText(axes.y.title), 28),
        xFirst: axes.x.first,
        xStep: axes.x.step,
      });
    }
    case "vector":
      return renderVectorPlot({ title, expected: plot.expected, received: plot.received, name: sanitizeText(answerName(item.id)) });
    case "heatmap":
      return renderHeatmap({
        title,
        values: plot.values,
        outside: plot.outside,
        ...(plot.rows ? { rows: plot.rows } : {}),
        ...(plot.columns ? { columns: plot.columns } : {}),
        ...(plot.band ? { band: plot.band } : {}),
        ...(plot.values_of === "reference" ? { caption: "the reference's values: you gave no matrix" } : {}),
      });
    case "confusion":
      return renderConfusionMatrix({ title, counts: plot.counts });
    case "parallel":
      return renderParallelCoordinates({ title, axes: plot.axes, best: plot.best, count: plot.count });
    default: {
      const unknown: never = plot;
      return unknown;
    }
  }
}
