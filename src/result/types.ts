import type { Value } from "../value.ts";

/**
 * The result of grading one submission: the versioned contract between the
 * grader, which builds it, and the reports, which only render it.
 * Field order here is the key order of the JSON result (see json.ts).
 */

export type ItemStatus = "pass" | "partial" | "fail" | "ecf" | "missing" | "invalid";

/** one graded item: its status and points, the comparator's message and data, a diagnosis, the received and (when visible) expected values */
export interface ItemResult {
  /** answer path: "q3.grad_W", "q6.runs[2].final_w" (0-based) */
  id: string;
  status: ItemStatus;
  /** exact decimal (already rounded by the grader) */
  score: number;
  max_score: number;
  diagnosis: { code: string; message: string } | null;
  /** what the comparator found, one short sentence */
  message: string;
  /**
   * the comparator's message id behind `message` ("elements", "far"), with
   * the data its template is filled from, so a report can word or translate
   * it (a hidden item's message uses the `<message_id>-hidden` template where
   * the comparator has one); absent where no comparator ran (missing,
   * unreadable). A hidden item carries only the data its message shows.
   * Added within nngrade/result@1: readers that ignore them are unaffected.
   */
  message_id?: string;
  data?: Record<string, string | number>;
  /** the rubric's feedback text for this outcome (may be absent) */
  feedback?: string;
  visibility: "visible" | "hidden";
  /** only when visible */
  expected?: Value;
  /** what the student gave (parsed), absent when missing */
  received?: Value;
  /** a figure of the answer; only ever on visible items (a plot of a hidden one would show the reference) */
  plot?: ItemPlot;
}

/** A curve over the reference; non-finite points are null (a gap in the line). */
export interface CurvePlot {
  kind: "curve";
  expected: (number | null)[];
  received: (number | null)[];
  label?: string;
  /** the reference seeds' band around each point, where the reference has one (null: none at that point) */
  band?: { low: (number | null)[]; high: (number | null)[] };
  /**
   * what the curve's steps and values are, where the reference says
   * (TaskSolution.curves); without it a report names the x axis "step" and
   * the y axis after the answer ("train_loss"). Added within
   * nngrade/result@1: readers that ignore it are unaffected.
   */
  axes?: CurveAxes;
}

/** A curve's axes: "epoch" from 1 by 1, and "J"; "w" from -2 by 0.1 (J over a grid of w). */
export interface CurveAxes {
  /** what the points are at: their name, the x of the first point and the x between neighbours */
  x: { title: string; first: number; step: number };
  /** what is plotted */
  y: { title: string };
}

/**
 * A vector of numbers that is not a sequence over steps (a gradient, a
 * parameter vector): the reference and the student's value of each element,
 * drawn as dots, never joined by a line. Non-finite values are null. Added
 * within nngrade/result@1: a reader that knows no "vector" plot draws none.
 */
export interface VectorPlot {
  kind: "vector";
  expected: (number | null)[];
  received: (number | null)[];
  label?: string;
}

/** What a matrix's rows or columns stand for: "lr", ["0.0001", "0.001", ...]. */
export interface MatrixAxis {
  title: string;
  labels: string[];
}

/** A matrix graded cell by cell (t2's lr x sigma^2 accuracies), as the student gave it (or the reference's, see values_of). */
export interface HeatmapPlot {
  kind: "heatmap";
  label?: string;
  /** the student's values, [row][column]; null where missing, unreadable or not finite */
  values: (number | null)[][];
  rows?: MatrixAxis;
  columns?: MatrixAxis;
  /** the reference band of each cell, null where there is none or its item is hidden */
  band?: { low: (number | null)[][]; high: (number | null)[][] };
  /** cells whose item did not pass: for a band item, the value lies outside the reference band */
  outside: boolean[][];
  /**
   * "reference" when the student gave no matrix at all: `values` are then
   * the reference's (its visible cells only, null elsewhere) and no cell is
   * marked. Added within nngrade/result@1: readers that ignore it are unaffected.
   */
  values_of?: "reference";
}

/** A confusion matrix as the student gave it: rows true class, columns predicted class. */
export interface ConfusionPlot {
  kind: "confusion";
  label?: string;
  counts: (number | null)[][];
}

export interface ParallelAxis {
  name: string;
  scale: "linear" | "log" | "categorical";
  /** one per trial drawn; null where the trial has no usable value */
  values: (number | string | null)[];
}

/** Hyperparameter trials as parallel coordinates: one line per trial, one axis per key. */
export interface ParallelPlot {
  kind: "parallel";
  label?: string;
  axes: ParallelAxis[];
  /** the index of the best trial (the largest accuracy), highlighted; null when there is none */
  best: number | null;
  /** how many trials the answer has (more than are drawn when it is very long) */
  count: number;
}

/** a figure of one item's answer beside the reference: a curve, a vector's elements, a heatmap, a confusion matrix or parallel coordinates */
export type ItemPlot = CurvePlot | VectorPlot | HeatmapPlot | ConfusionPlot | ParallelPlot;

/** one task of a result: its items and its score */
export interface TaskResult {
  id: string;
  title: string;
  score: number;
  max_score: number;
  items: ItemResult[];
}

/** the graded submission, the `nngrade/result@1` contract: score, tasks of items, flags for the TA, what it was graded with */
export interface GradeResult {
  schema: "nngrade/result@1";
  assignment: string;
  assignment_title?: string;
  student: { id: string; name?: string };
  score: number;
  max_score: number;
  tasks: TaskResult[];
  flags: { code: string; message: string }[];
  /** the submission file */
  source?: string;
  /** ISO time (from SOURCE_DATE_EPOCH when set: the caller decides) */
  generated_at?: string;
  /** set when the submission could not be graded at all (unreadable file): score 0 */
  error?: { code: string; message: string };
  /**
   * what the grade was computed from, so a regrade can tell whether anything
   * changed: the rubric file's sha256, the engine's numeric version, and
   * whose inputs (the handout's, or the student's own per-student variant)
   */
  graded_with?: {
    rubric_sha256: string;
    engine_version: string;
    variant: "default" | "per-student";
    /** the seed of the student's own inputs (per-student variants), else null: the handout's numbers */
    variant_seed: string | null;
  };
}

/** the result contract's name and version, written in every result */
export const RESULT_SCHEMA = "nngrade/result@1";
