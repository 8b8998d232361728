/**
 * The class summary of a batch: pure data computed from the results, then
 * rendered as HTML (summary-html.ts) or JSON. Everything is ordered by code
 * unit, never by locale, and the results are sorted by student first, so the
 * same results in any order give the same summary, byte for byte.
 *
 * Score statistics cover the graded submissions only: a broken one (an
 * unreadable file) has a score of 0 that says nothing about the class, and
 * is counted and listed on its own.
 */
import type { Value } from "../value.ts";
import { formatValueInline, sanitizeText, truncate } from "./format.ts";
import type { HistogramBin } from "./plots/histogram.ts";
import type { GradeResult, ItemStatus } from "../result/types.ts";

export { renderSummaryHtml } from "./summary-html.ts";

export const SUMMARY_SCHEMA = "nngrade/summary@1";
/** ten bins: a tenth of the points each */
export const HISTOGRAM_BINS = 10;

export interface ScoreStatistics {
  mean: number;
  median: number;
  min: number;
  max: number;
}

export interface ItemSummary {
  id: string;
  /** graded submissions that have this item */
  count: number;
  statuses: Record<ItemStatus, number>;
  /** (pass + ecf) / count */
  pass_rate: number;
}

export interface TaskSummary {
  id: string;
  title: string;
  /** graded submissions that have this task */
  count: number;
  max_score: number;
  /** null when no graded submission has it */
  mean: number | null;
}

export interface DiagnosisSummary {
  code: string;
  message: string;
  /** how many item results carry it */
  count: number;
  /** the items it was found on, sorted */
  items: string[];
}

export interface FlaggedSubmission {
  student: { id: string; name?: string };
  source?: string;
  flags: { code: string; message: string }[];
  error?: { code: string; message: string };
}

/** one student id that several submissions resolve to: each is graded and kept, and the TA says which counts */
export interface DuplicateId {
  id: string;
  /** the submission files, in gradebook order ("" for a row that has none) */
  sources: string[];
}

/** one wrong answer given, exactly, by several students */
export interface SharedWrongAnswer {
  item: string;
  /** short and plain, for a person to read */
  preview: string;
  /** student ids, sorted, each once */
  students: string[];
}

/** one submission, as the students table lists it */
export interface StudentSummary {
  id: string;
  name?: string;
  source?: string;
  /** its reports' name beside the summary (<report>.html); absent when the summary was built without them */
  report?: string;
  /** null for a submission that could not be graded */
  score: number | null;
  max_score: number;
  /** its flags' codes, the TA's included */
  flags: string[];
  /** why it could not be graded */
  error?: { code: string; message: string };
}

export interface ClassSummary {
  schema: typeof SUMMARY_SCHEMA;
  /** the assignment ids the results are for, sorted (one, in a normal batch) */
  assignments: string[];
  count: number;
  graded: number;
  broken: number;
  /** the graded submissions' maximum; null when there are none or they differ */
  max_score: number | null;
  /** in points; null when nothing was graded */
  score: ScoreStatistics | null;
  /** bins of points over [0, max_score], or of percent over [0, 100] when the maxima differ */
  histogram: { unit: "points" | "percent"; bins: HistogramBin[] };
  tasks: TaskSummary[];
  items: ItemSummary[];
  /** most common first */
  diagnoses: DiagnosisSummary[];
  flagged: FlaggedSubmission[];
  /** student ids with more than one submission, by id */
  duplicates: DuplicateId[];
  /** most students first */
  shared_wrong_answers: SharedWrongAnswer[];
  /** every submission, by student id */
  students: StudentSummary[];
}

export interface ClassSummaryOptions {
  /** the reports' name of each result, in the order of the results (<name>.html beside the summary), for the students table's links */
  reports?: readonly string[];
}

const STATUSES: readonly ItemStatus[] = ["pass", "partial", "fail", "ecf", "missing", "invalid"];
const PREVIEW_LENGTH = 120;

/** code-unit order, the same on every machine and in every locale */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** six decimals: enough for a score, and the JSON does not print float noise */
function round(x: number): number {
  const rounded = Number(x.toFixed(6));
  return Object.is(rounded, -0) ? 0 : rounded;
}

function statistics(values: readonly number[]): ScoreStatistics | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const sum = sorted.reduce((total, v) => total + v, 0);
  return { mean: round(sum / sorted.length), median: round(median), min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}

/** equal-width bins over [0, top]; the last one includes top, and values beyond either end go to the end bins */
function histogram(values: readonly number[], top: number): HistogramBin[] {
  const bins = Array.from({ length: HISTOGRAM_BINS }, (_, k) => ({ low: round((top * k) / HISTOGRAM_BINS), high: round((top * (k + 1)) / HISTOGRAM_BINS), count: 0 }));
  if (!(top > 0)) return bins;
  for (const value of values) {
    // value * bins / top rather than value / width: 15 of 50 is bin 3, not 2.9999
    const index = Math.min(Math.max(Math.floor((value * HISTOGRAM_BINS) / top), 0), HISTOGRAM_BINS - 1);
    (bins[index] as HistogramBin).count++;
  }
  return bins;
}

/** keys sorted, non-finite numbers as bare tokens (so NaN is not the string "NaN"): equal values, equal text */
export function canonicalJson(value: Value): string {
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort(byCodeUnit);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as Value)}`).join(",")}}`;
}

function significantDigits(x: number): number {
  const [mantissa = ""] = Math.abs(x).toExponential().split("e");
  return mantissa.replace(".", "").length;
}

/**
 * Whether two students giving this same wrong value says anything: a
 * boolean, null, an integer, a short string (a choice among a few) or a
 * round number (0.5, chance) is shared by chance; a number with three or
 * more significant digits, or a list or object holding one, is not.
 */
export function isDistinctive(value: Value): boolean {
  if (typeof value === "number") return Number.isFinite(value) && !Number.isInteger(value) && significantDigits(value) >= 3;
  if (typeof value === "string") return value.length > 32;
  if (value === null || typeof value === "boolean") return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(isDistinctive);
}

function byStudent(a: GradeResult, b: GradeResult): number {
  return byCodeUnit(a.student.id, b.student.id) || byCodeUnit(a.source ?? "", b.source ?? "");
}

export function buildClassSummary(results: readonly GradeResult[], taskIds: readonly string[], options: ClassSummaryOptions = {}): ClassSummary {
  const reports = new Map(results.map((result, i) => [result, options.reports?.[i]]));
  const sorted = [...results].sort(byStudent);
  const graded = sorted.filter((result) => result.error === undefined);
  const maxima = [...new Set(graded.map((result) => result.max_score))];
  const maxScore = maxima.length === 1 ? (maxima[0] as number) : null;
  const scores = graded.map((result) => result.score).filter(Number.isFinite);
  const percents = graded.filter((r) => r.max_score > 0 && Number.isFinite(r.score)).map((r) => (100 * r.score) / r.max_score);
  const duplicates = duplicateIds(sorted);
  return {
    schema: SUMMARY_SCHEMA,
    assignments: [...new Set(sorted.map((result) => result.assignment))].sort(byCodeUnit),
    count: sorted.length,
    graded: graded.length,
    broken: sorted.length - graded.length,
    max_score: maxScore,
    score: statistics(scores),
    histogram: maxScore !== null || graded.length === 0 ? { unit: "points", bins: histogram(scores, maxScore ?? 0) } : { unit: "percent", bins: histogram(percents, 100) },
    tasks: taskSummaries(graded, taskIds),
    items: itemSummaries(graded, taskIds),
    diagnoses: diagnosisSummaries(graded),
    flagged: flaggedSubmissions(sorted, duplicates),
    duplicates,
    shared_wrong_answers: sharedWrongAnswers(graded),
    students: sorted.map((result) => studentSummary(result, reports.get(result))),
  };
}

function studentSummary(result: GradeResult, report: string | undefined): StudentSummary {
  return {
    id: result.student.id,
    ...(result.student.name === undefined ? {} : { name: result.student.name }),
    ...(result.source === undefined ? {} : { source: result.source }),
    ...(report === undefined ? {} : { report }),
    score: result.error === undefined ? result.score : null,
    max_score: result.max_score,
    flags: result.flags.map((flag) => flag.code),
    ...(result.error === undefined ? {} : { error: { code: result.error.code, message: result.error.message } }),
  };
}

function taskSummaries(graded: readonly GradeResult[], taskIds: readonly string[]): TaskSummary[] {
  return taskIds.map((id) => {
    const found = graded.flatMap((result) => result.tasks.filter((task) => task.id === id));
    const stats = statistics(found.map((task) => task.score));
    return { id, title: found[0]?.title ?? id, count: found.length, max_score: Math.max(0, ...found.map((task) => task.max_score)), mean: stats?.mean ?? null };
  });
}

/** items in the order of the given tasks, then of their first appearance; items of other tasks after */
function itemSummaries(graded: readonly GradeResult[], taskIds: readonly string[]): ItemSummary[] {
  const rank = (taskId: string) => (taskIds.includes(taskId) ? taskIds.indexOf(taskId) : taskIds.length);
  const order: { id: string; rank: number; seen: number }[] = [];
  const byId = new Map<string, ItemSummary>();
  for (const result of graded) {
    for (const task of result.tasks) {
      for (const item of task.items) {
        let summary = byId.get(item.id);
        if (summary === undefined) {
          summary = { id: item.id, count: 0, statuses: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>, pass_rate: 0 };
          byId.set(item.id, summary);
          order.push({ id: item.id, rank: rank(task.id), seen: order.length });
        }
        summary.count++;
        if (Object.hasOwn(summary.statuses, item.status)) summary.statuses[item.status]++;
      }
    }
  }
  order.sort((a, b) => a.rank - b.rank || a.seen - b.seen);
  return order.map(({ id }) => {
    const summary = byId.get(id) as ItemSummary;
    summary.pass_rate = summary.count > 0 ? round((summary.statuses.pass + summary.statuses.ecf) / summary.count) : 0;
    return summary;
  });
}

function diagnosisSummaries(graded: readonly GradeResult[]): DiagnosisSummary[] {
  const groups = new Map<string, { code: string; message: string; count: number; items: Set<string> }>();
  for (const result of graded) {
    for (const item of result.tasks.flatMap((task) => task.items)) {
      if (item.diagnosis === null || item.diagnosis === undefined) continue;
      const key = JSON.stringify([item.diagnosis.code, item.diagnosis.message]);
      const group = groups.get(key) ?? { code: item.diagnosis.code, message: item.diagnosis.message, count: 0, items: new Set<string>() };
      group.count++;
      group.items.add(item.id);
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map((group) => ({ code: group.code, message: group.message, count: group.count, items: [...group.items].sort(byCodeUnit) }))
    .sort((a, b) => b.count - a.count || byCodeUnit(a.code, b.code) || byCodeUnit(a.message, b.message));
}

/** ids of several results, in the given (gradebook) order */
export function duplicateIds(results: readonly GradeResult[]): DuplicateId[] {
  const sources = new Map<string, string[]>();
  for (const result of results) {
    const list = sources.get(result.student.id);
    if (list === undefined) sources.set(result.student.id, [result.source ?? ""]);
    else list.push(result.source ?? "");
  }
  return [...sources]
    .filter(([, list]) => list.length > 1)
    .map(([id, list]) => ({ id, sources: list }))
    .sort((a, b) => byCodeUnit(a.id, b.id));
}

function flaggedSubmissions(sorted: readonly GradeResult[], duplicates: readonly DuplicateId[]): FlaggedSubmission[] {
  const shared = new Map(duplicates.map((duplicate) => [duplicate.id, duplicate.sources]));
  return sorted
    .filter((result) => result.flags.length > 0 || result.error !== undefined || shared.has(result.student.id))
    .map((result) => {
      const flags = result.flags.map((flag) => ({ code: flag.code, message: flag.message }));
      const others = shared.get(result.student.id);
      if (others !== undefined) {
        const count = others.length;
        flags.unshift({ code: "duplicate-id", message: `${count} submissions are graded as this student: ${others.map((o) => o || "(no file)").join(", ")}` });
      }
      const flagged: FlaggedSubmission = {
        student: result.student.name === undefined ? { id: result.student.id } : { id: result.student.id, name: result.student.name },
        flags,
      };
      if (result.source !== undefined) flagged.source = result.source;
      if (result.error !== undefined) flagged.error = { code: result.error.code, message: result.error.message };
      return flagged;
    });
}

/** every wrong (not passed) answer given identically by two or more students, when that is unlikely by chance */
function sharedWrongAnswers(graded: readonly GradeResult[]): SharedWrongAnswer[] {
  const groups = new Map<string, { item: string; canonical: string; value: Value; students: Set<string> }>();
  for (const result of graded) {
    for (const item of result.tasks.flatMap((task) => task.items)) {
      if (item.status === "pass" || item.received === undefined || !isDistinctive(item.received)) continue;
      const canonical = canonicalJson(item.received);
      const key = `${item.id}\u0000${canonical}`;
      const group = groups.get(key) ?? { item: item.id, canonical, value: item.received, students: new Set<string>() };
      group.students.add(result.student.id);
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .filter((group) => group.students.size >= 2)
    .sort((a, b) => b.students.size - a.students.size || byCodeUnit(a.item, b.item) || byCodeUnit(a.canonical, b.canonical))
    .map((group) => ({ item: group.item, preview: truncate(sanitizeText(formatValueInline(group.value)), PREVIEW_LENGTH), students: [...group.students].sort(byCodeUnit) }));
}

/** the summary as JSON: 2-space indent, a trailing newline, keys in the order above */
export function summaryJson(summary: ClassSummary): string {
  // every number here is finite by construction; a stray non-finite one is written as text rather than as null
  return `${JSON.stringify(summary, (_, value) => (typeof value === "number" && !Number.isFinite(value) ? String(value) : value), 2)}\n`;
}
