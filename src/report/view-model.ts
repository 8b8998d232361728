/**
 * The figures every report of one result shows, worked out once: the HTML,
 * PDF and text reports (and the class summary's bars) read them from here,
 * so a percentage, a grade band or a count of statuses cannot differ from
 * one format to the other.
 */
import type { GradeResult, ItemResult, ItemStatus, TaskResult } from "../result/types.ts";
import { formatScore, STATUS_LABELS } from "./format.ts";

/** how a share of the points is coloured: a bar, a badge */
export type Grade = "good" | "fair" | "poor";

/** percent of `max` that `score` is, within [0, 100]; 0 when there is nothing to score */
export function percentOf(score: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(score)) return 0;
  return Math.min(100, Math.max(0, (100 * score) / max));
}

/** 80% and above is good, 50% and above fair */
export function gradeOf(percent: number): Grade {
  return percent >= 80 ? "good" : percent >= 50 ? "fair" : "poor";
}

/** how many items have one status, with its label */
export interface StatusCount {
  status: ItemStatus;
  label: string;
  count: number;
}

/** the statuses the result's items have, in the labels' order, with their counts */
export function statusCounts(result: GradeResult): StatusCount[] {
  const counts = new Map<ItemStatus, number>();
  for (const task of result.tasks) for (const item of task.items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
  return (Object.keys(STATUS_LABELS) as ItemStatus[])
    .filter((status) => counts.has(status))
    .map((status) => ({ status, label: STATUS_LABELS[status], count: counts.get(status) ?? 0 }));
}

/** points as a report shows them: score and maximum as exact decimals, the share and its grade */
export interface PointsView {
  score: string;
  maxScore: string;
  percent: number;
  grade: Grade;
}

/** the points of a result or one of its tasks */
export function pointsOf(scored: Pick<TaskResult, "score" | "max_score">): PointsView {
  const percent = percentOf(scored.score, scored.max_score);
  return { score: formatScore(scored.score), maxScore: formatScore(scored.max_score), percent, grade: gradeOf(percent) };
}

/** a run of at least this many plain passes is folded: hw3b's 55 heatmap cells, cse343's 48 runs of a sweep */
export const FOLD_RUN = 6;

/**
 * What makes items read alike, so that a run of them folds: a plain pass (no
 * plot, no diagnosis), or a failure that says exactly what its neighbours
 * say (55 cells of a transposed heatmap: "is 11x5, 5x11 asked"); undefined
 * for an item worth a row of its own.
 */
function foldKey(item: ItemResult): string | undefined {
  if (item.plot !== undefined || item.diagnosis) return undefined;
  if (item.status === "pass") return "pass";
  if (item.status === "fail" || item.status === "invalid") return `${item.status}\u0000${item.message}`;
  return undefined;
}

/** a task's rows as a report shows them: an item on its own, or a fold of several that read alike (one message for all, unless passes) */
export type ReportRow = { kind: "item"; item: ItemResult } | { kind: "fold"; status: "pass" | "fail" | "invalid"; message: string | null; items: ItemResult[] };

/**
 * A task's items as a long report folds them (the HTML and the PDF alike):
 * the answered ones in order, each run of FOLD_RUN or more plain passes, or
 * of failures with one and the same message, as one row; the unanswered ones
 * apart, as one line at the task's end.
 */
export function foldedRows(items: readonly ItemResult[]): { rows: ReportRow[]; unanswered: ItemResult[] } {
  const rows: ReportRow[] = [];
  const answered = items.filter((item) => item.status !== "missing");
  for (let start = 0; start < answered.length; ) {
    const key = foldKey(answered[start] as ItemResult);
    let end = start + 1;
    while (key !== undefined && end < answered.length && foldKey(answered[end] as ItemResult) === key) end++;
    if (key !== undefined && end - start >= FOLD_RUN) {
      const first = answered[start] as ItemResult;
      const status = first.status as "pass" | "fail" | "invalid";
      rows.push({ kind: "fold", status, message: status === "pass" ? null : first.message, items: answered.slice(start, end) });
    } else {
      for (const item of answered.slice(start, end)) rows.push({ kind: "item", item });
    }
    start = end;
  }
  return { rows, unanswered: items.filter((item) => item.status === "missing") };
}

/** points summed in micro-points, so that 55 times 0.2 is 11 and not 10.999999999999998 */
export function sumPoints(items: readonly ItemResult[], pick: (item: ItemResult) => number): number {
  const micro = items.reduce((total, item) => total + (Number.isFinite(pick(item)) ? Math.round(pick(item) * 1e6) : 0), 0);
  return micro / 1e6;
}
