/**
 * The figures every report of one result shows, worked out once: the HTML,
 * PDF and text reports (and the class summary's bars) read them from here,
 * so a percentage, a grade band or a count of statuses cannot differ from
 * one format to the other.
 */
import type { GradeResult, ItemStatus, TaskResult } from "../result/types.ts";
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
