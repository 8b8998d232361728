/**
 * Which plot a graded item gets, built from the student's answer (in the
 * result) and what the reference holds (a PlotSource). Only visible items get
 * one: a plot of a hidden item would draw its reference (the curve, the
 * band, or which cells pass).
 *
 * - curve: a sequence over steps drawn over the reference: an item whose
 *   comparator grades curves, or a list the reference marks as a sequence
 *   (TaskSolution.curves: J over a grid of w); with the reference's band
 *   around each point where it has per-point bands, and its axes' names
 *   where the reference gives them
 * - vector: any other long numeric vector (array's "vector": a gradient, a
 *   parameter vector), element by element; not a curve, since a line
 *   between neighbouring elements would claim an order they do not have
 * - heatmap: a matrix graded cell by cell ("val_accuracy[*][*]" of a 2-D
 *   numeric reference with more than one row and column), hung on its first
 *   cell's item; row and column labels when the reference gives them; the
 *   reference's own matrix, marked as such, when the student gave none
 * - confusion: an answer named "confusion" (a square integer matrix in the reference)
 * - parallel: an answer named "trials", a list of objects (hyperparameter trials)
 */
import { isValueObject, type Value, type ValueObject } from "../../value.ts";
import type { CurveSpec, PlotItem, PlotKindHint, PlotReference, PlotSource } from "../../result/plot-source.ts";
import type { ConfusionPlot, CurveAxes, CurvePlot, GradeResult, HeatmapPlot, ItemPlot, ItemResult, ParallelAxis, ParallelPlot, VectorPlot } from "../../result/types.ts";

/** a longer list of trials is a script's output, not a search to look at line by line */
const MAX_TRIALS = 500;
/** keys beyond these would squeeze the axes together; trials have about seven */
const MAX_AXES = 12;
/** a confusion matrix of a homework has a handful of classes; anything larger is drawn as nothing */
const MAX_CLASSES = 30;
/**
 * a vector gets its dots from this many elements on: a shorter one reads as
 * well in the item's table of values, which shows up to 12 in full
 */
const MIN_ELEMENTS = 10;
/** beyond this the dots of a 600-pixel plot run together; the table's abbreviation is all there is */
const MAX_ELEMENTS = 200;
const LEARNING_RATE_KEY = /^(lr|learning_rate|eta|alpha)$/i;
const CELL_PATH = /^(.+)\[(\d+)\]\[(\d+)\]$/;

/** another item of the same result, by id; undefined where the result leaves it out */
type ItemLookup = (itemId: string) => ItemResult | undefined;

/**
 * Gives each visible item of a result the plot that suits it, in place, and
 * answers the result. gradeSubmission does this at the end of grading; a
 * result graded without plots gets them here.
 */
export function addPlots(result: GradeResult, source: PlotSource): GradeResult {
  const byId = new Map<string, ItemResult>();
  for (const task of result.tasks) for (const item of task.items) byId.set(item.id, item);
  const lookup: ItemLookup = (id) => byId.get(id);
  for (const task of result.tasks) {
    const planned = new Map(source.items(task.id).map((item) => [item.id, item]));
    for (const item of task.items) {
      const plan = planned.get(item.id);
      if (item.visibility !== "visible" || plan === undefined) continue;
      const plot = choosePlot(task.id, plan, item.received as Value | undefined, source, lookup);
      if (plot !== undefined) item.plot = plot;
    }
  }
  return result;
}

function choosePlot(taskId: string, item: PlotItem, received: Value | undefined, source: PlotSource, lookup: ItemLookup): ItemPlot | undefined {
  if (!item.visible) return undefined;
  const reference = source.reference(taskId);
  if (reference === undefined) return undefined;
  const expected = reference.answerAt(item.path);
  const spec = reference.curveOf?.(item.path);
  if (isSequence(item.hint, spec, expected)) return curvePlot(item, reference, expected, received, spec);
  if (isLongVector(item.hint, expected)) return vectorPlot(item, expected, received);
  if (/(^|\.)confusion$/.test(item.path)) return confusionPlot(item, expected, received);
  if (/(^|\.)trials$/.test(item.path)) return parallelPlot(item, received);
  return heatmapPlot(taskId, item, source.items(taskId), reference, lookup);
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * A sequence over steps, drawn as a line: what a curve comparator grades, or
 * a list of numbers the reference marks as one (J over a grid of w, graded
 * element by element). A vector is no such thing: its hint alone never makes a curve.
 */
function isSequence(hint: PlotKindHint | undefined, spec: CurveSpec | undefined, expected: Value): expected is Value[] {
  if (!Array.isArray(expected)) return false;
  if (hint === "curve") return true;
  return spec !== undefined && expected.length >= 2 && expected.every((v) => v === null || typeof v === "number");
}

function isLongVector(hint: PlotKindHint | undefined, expected: Value): expected is number[] {
  return hint === "vector" && Array.isArray(expected) && expected.length >= MIN_ELEMENTS && expected.length <= MAX_ELEMENTS && expected.every((v) => typeof v === "number");
}

/** the reference's names for a curve's axes; a malformed first or step is left at its default, the names kept */
function curveAxes(spec: CurveSpec): CurveAxes {
  const first = typeof spec.first === "number" && Number.isFinite(spec.first) ? spec.first : 0;
  const step = typeof spec.step === "number" && Number.isFinite(spec.step) && spec.step !== 0 ? spec.step : 1;
  return { x: { title: String(spec.x), first, step }, y: { title: String(spec.y) } };
}

function curvePlot(item: PlotItem, reference: PlotReference, expected: Value[], received: Value | undefined, spec: CurveSpec | undefined): CurvePlot {
  const plot: CurvePlot = {
    kind: "curve",
    expected: expected.map(finiteOrNull),
    received: Array.isArray(received) ? received.map(finiteOrNull) : [],
    label: item.id,
  };
  const bands = expected.map((_, i) => reference.bandAt(`${item.path}[${i}]`));
  if (bands.some((band) => band !== null)) {
    plot.band = { low: bands.map((band) => band?.low ?? null), high: bands.map((band) => band?.high ?? null) };
  }
  if (spec !== undefined) plot.axes = curveAxes(spec);
  return plot;
}

function vectorPlot(item: PlotItem, expected: number[], received: Value | undefined): VectorPlot {
  // a received list is cut at the limit: a report need not draw a million dots, and the item's message says its length
  const given = Array.isArray(received) ? received.slice(0, MAX_ELEMENTS) : [];
  return { kind: "vector", expected: expected.map(finiteOrNull), received: given.map(finiteOrNull), label: item.id };
}

/** a rectangular array of rows of numbers (or nulls), at least 1x1 */
function numericRows(value: Value | undefined, allowNull: boolean): (number | null)[][] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const width = Array.isArray(value[0]) ? value[0].length : -1;
  if (width <= 0) return null;
  const rows: (number | null)[][] = [];
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== width) return null;
    if (!row.every((v) => typeof v === "number" || (allowNull && v === null))) return null;
    rows.push(row.map(finiteOrNull));
  }
  return rows;
}

function confusionPlot(item: PlotItem, expected: Value, received: Value | undefined): ConfusionPlot | undefined {
  const reference = numericRows(expected, false);
  const isSquareCounts = reference !== null && reference.length >= 2 && reference.every((row) => row.length === reference.length && row.every((v) => v !== null && Number.isInteger(v)));
  if (!isSquareCounts) return undefined;
  const counts = numericRows(received, true);
  if (counts === null || counts.length > MAX_CLASSES || (counts[0]?.length ?? 0) > MAX_CLASSES) return undefined;
  return { kind: "confusion", label: item.id, counts };
}

function parallelPlot(item: PlotItem, received: Value | undefined): ParallelPlot | undefined {
  if (!Array.isArray(received) || received.length === 0) return undefined;
  const trials = received.slice(0, MAX_TRIALS).filter(isValueObject) as ValueObject[];
  if (trials.length !== Math.min(received.length, MAX_TRIALS)) return undefined;
  const keys: string[] = [];
  for (const trial of trials) for (const key of Object.keys(trial)) if (!keys.includes(key) && keys.length < MAX_AXES) keys.push(key);
  if (keys.length === 0) return undefined;
  const axes = keys.map((key) => parallelAxis(key, trials.map((trial) => (Object.hasOwn(trial, key) ? trial[key] : null) as Value)));
  return { kind: "parallel", label: item.id, axes, best: bestTrial(axes), count: received.length };
}

function parallelAxis(name: string, raw: Value[]): ParallelAxis {
  const values = raw.map((v): number | string | null => (typeof v === "string" ? v : typeof v === "boolean" ? String(v) : finiteOrNull(v)));
  if (values.some((v) => typeof v === "string")) return { name, scale: "categorical", values };
  const numbers = values.filter((v): v is number => typeof v === "number");
  const positive = numbers.length > 0 && numbers.every((v) => v > 0);
  // a learning rate is searched on a log grid; so is anything spanning three decades
  const log = positive && (LEARNING_RATE_KEY.test(name) || Math.max(...numbers) >= 1000 * Math.min(...numbers));
  return { name, scale: log ? "log" : "linear", values };
}

/** the trial with the largest accuracy (the first of equals), on the val_accuracy axis or else one named like it */
function bestTrial(axes: ParallelAxis[]): number | null {
  const objective = axes.find((axis) => axis.name === "val_accuracy") ?? axes.find((axis) => /accuracy/i.test(axis.name));
  if (objective === undefined || objective.scale === "categorical") return null;
  let best: number | null = null;
  objective.values.forEach((value, i) => {
    if (typeof value === "number" && (best === null || value > (objective.values[best] as number))) best = i;
  });
  return best;
}

/**
 * A heatmap for the first cell item of a matrix graded cell by cell: the
 * student's value of every cell, the band of each visible band item, and
 * which cells did not pass. Hidden cells show the student's own value only.
 * When the student answered no cell, the reference's values of the visible
 * cells instead, marked as the reference's (values_of), with no cell framed.
 */
function heatmapPlot(taskId: string, item: PlotItem, taskItems: readonly PlotItem[], reference: PlotReference, lookup: ItemLookup): HeatmapPlot | undefined {
  const match = CELL_PATH.exec(item.path);
  if (match === null) return undefined;
  const parent = match[1] as string;
  const expected = numericRows(reference.answerAt(parent), false);
  if (expected === null || expected.length < 2 || (expected[0]?.length ?? 0) < 2) return undefined;
  const cells = taskItems.filter((candidate) => CELL_PATH.exec(candidate.path)?.[1] === parent);
  // one heatmap per matrix, on the cell that comes first in the report
  if (cells[0]?.id !== item.id) return undefined;
  const byPath = new Map(cells.map((cell) => [cell.path, cell]));
  const rowCount = expected.length;
  const colCount = expected[0]?.length ?? 0;
  const grid = <T>(fill: (cell: PlotItem | undefined, path: string) => T): T[][] =>
    Array.from({ length: rowCount }, (_, r) =>
      Array.from({ length: colCount }, (__, c) => {
        const path = `${parent}[${r}][${c}]`;
        return fill(byPath.get(path), path);
      }),
    );
  // no cell answered (the matrix left out, or null): the reference's matrix is more use than a grey grid
  const graded = cells.map((cell) => lookup(cell.id)).filter((result) => result !== undefined);
  const unanswered = graded.length > 0 && graded.every((result) => result.received === undefined || result.received === null);
  const values = unanswered
    ? grid((cell, path) => (cell?.visible ? finiteOrNull(reference.answerAt(path)) : null))
    : grid((cell) => (cell === undefined ? null : finiteOrNull(lookup(cell.id)?.received)));
  const outside = grid((cell) => {
    if (unanswered || cell === undefined || !cell.visible) return false;
    const status = lookup(cell.id)?.status;
    return status === "fail" || status === "partial";
  });
  const bands = grid((cell, path) => (cell?.banded ? reference.bandAt(path) : null));
  const plot: HeatmapPlot = { kind: "heatmap", label: `${taskId}.${parent}`, values, outside };
  if (unanswered) plot.values_of = "reference";
  const axes = reference.axesOf(parent);
  if (axes !== undefined && axes.rows.labels.length === rowCount && axes.columns.labels.length === colCount) {
    plot.rows = { title: axes.rows.title, labels: [...axes.rows.labels] };
    plot.columns = { title: axes.columns.title, labels: [...axes.columns.labels] };
  }
  if (bands.some((row) => row.some((band) => band !== null))) {
    plot.band = { low: bands.map((row) => row.map((band) => band?.low ?? null)), high: bands.map((row) => row.map((band) => band?.high ?? null)) };
  }
  return plot;
}
