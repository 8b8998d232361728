/**
 * What the report side is told to choose and build an item's plot
 * (report/plots/choose.ts): the items as the rubric plans them and what the
 * reference holds, never how a verdict was reached (that is in the result).
 * Beside the result types: grade/ implements it (grade/plot-source.ts)
 * without importing anything from report/.
 */
import type { Value } from "../value.ts";
import type { MatrixAxis } from "./types.ts";

/**
 * Which plot an item's comparator says suits it (its meta.plot, compare/types.ts PlotHint):
 * - "curve": a list drawn over the reference's
 * - "vector": a list of ten or more numbers drawn element by element, as
 *   dots; as a curve only where the reference marks it a sequence
 *   (curveOf: J over a grid of w)
 */
export type PlotKindHint = "curve" | "vector";

/** What a curve answer's points are, as the reference says (TaskSolution.curves). */
export interface CurveSpec {
  /** what the steps are: "epoch", "iteration", "w" */
  x: string;
  /** what is plotted: "J", "loss" */
  y: string;
  /** the x of the first point: 1 for epochs counted from 1; 0 when absent */
  first?: number;
  /** the x between neighbouring points; 1 when absent */
  step?: number;
}

/** One item as the rubric plans it. */
export interface PlotItem {
  /** "t2.val_accuracy[0][1]": the id its ItemResult has */
  id: string;
  /** the answer's path in its task: "val_accuracy[0][1]" */
  path: string;
  visible: boolean;
  /** what its comparator says suits it; absent where it says nothing */
  hint?: PlotKindHint;
  /** whether it is graded against the band of the reference's seeded runs */
  banded: boolean;
}

/** What the reference holds for one task. */
export interface PlotReference {
  /** the reference's answer at a path of the task; null where it has none */
  answerAt(path: string): Value;
  /**
   * the band of the reference's seeded runs at a path, as the item graded
   * there is held to (band's defaults where no band item grades it); null
   * where there is none, or where the item graded there is hidden
   */
  bandAt(path: string): { low: number; high: number } | null;
  /** the row and column labels of a matrix answer, where the reference gives them */
  axesOf(path: string): { rows: MatrixAxis; columns: MatrixAxis } | undefined;
  /**
   * what the points of a sequence answer are (epochs of J, a grid of w),
   * where the reference says; an answer it names here is drawn as a curve.
   * Optional, so a source written before it still works: its vectors get dots
   */
  curveOf?(path: string): CurveSpec | undefined;
}

/** The assignment a result was graded against, as its plots see it. */
export interface PlotSource {
  /** every planned item of a task in report order, also those a "visible" result leaves out */
  items(taskId: string): readonly PlotItem[];
  /** what the reference holds for a task; undefined for a task it has no solution of */
  reference(taskId: string): PlotReference | undefined;
}
