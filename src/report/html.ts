/**
 * The per-submission HTML report: one self-contained file, no script, no
 * external resource. Templates only ever see plain-text view models and use
 * {{ }} (escaping) output; the one SafeString is the plot helper, whose SVG
 * is built from numbers and escaped text by svg.ts.
 */
// the runtime alone: the templates come precompiled (npm run embed), so no function is built from text, in Node or a page
import type FullHandlebars from "handlebars";
import runtime from "handlebars/runtime.js";

// handlebars' runtime is the full library without its compiler: typed as the full one, of which it is part
const Handlebars = runtime as unknown as typeof FullHandlebars;
import { formatScore, STATUS_LABELS } from "./format.ts";
import type { GradeResult, ItemResult, ItemStatus, TaskResult } from "../result/types.ts";
import { studentFlags } from "../result/flags.ts";
import { itemPlotSvg } from "./plots.ts";
import { TEMPLATE_SPECS } from "./templates.compiled.generated.ts";
import { toValueView, type ValueView } from "./value-view.ts";
import { foldedRows, pointsOf, type ReportRow, statusCounts, sumPoints } from "./view-model.ts";

interface ItemView {
  id: string;
  /** the id in pieces a line may break between */
  idParts: string[];
  status: ItemStatus;
  statusLabel: string;
  score: string;
  maxScore: string;
  message: string;
  diagnosis: { code: string; message: string } | null;
  feedback: string | null;
  hidden: boolean;
  received: ValueView | null;
  expected: ValueView | null;
  /**
   * a matrix, a vector or an object on either side: both values then get a row of their
   * own under the item's text, beside each other or one above the other, each scrolling
   * on its own, so that no column squeezes them into each other (a 3×10 against a 10×3)
   */
  wide: boolean;
  /** "your answer · 3×2": a wide value's label with its shape */
  receivedCaption: string;
  expectedCaption: string;
  /** the columns a wide item's values (and any plot) take: 3 in a table with answer and expected columns, else 1 */
  span: number;
  /** the columns a wide item's text takes when it is more than one (its values are not beside it) */
  detailsSpan: number | null;
  /** SVG text from plots.ts */
  plot: string | null;
}

/** several items shown as one line that opens to their rows: a run of passes, or a task's unanswered items */
interface FoldView {
  status: ItemStatus;
  statusLabel: string;
  count: number;
  /** "1 item", "55 items" */
  countLabel: string;
  score: string;
  maxScore: string;
  /** the items' ids, shortened to one line */
  ids: string;
  /** what every folded item says, for a fold of failures with one message */
  message: string | null;
  items: ItemView[];
  /** whether a row shows its values in the answer and expected columns (else those columns are left out) */
  compact: boolean;
  /** the table's columns: 6 with answer and expected, else 4 */
  columns: number;
}

/** exactly one of the two is set, so the template needs no comparison helper */
interface RowView {
  item: ItemView | null;
  fold: FoldView | null;
}

interface TaskView {
  anchor: string;
  id: string;
  title: string;
  score: string;
  maxScore: string;
  percent: string;
  grade: string;
  rows: RowView[];
  /** every unanswered item of the task, as one line at its end */
  unanswered: FoldView | null;
  /** as FoldView.compact */
  compact: boolean;
  /** as FoldView.columns */
  columns: number;
}

/** ids an unanswered line names (its count says how many there are); more end in an ellipsis */
const IDS_NAMED = 6;

let compiled: FullHandlebars.TemplateDelegate | undefined;

function loadTemplate(): FullHandlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  // the SVG comes from plots.ts, built from numbers and escaped text only
  hb.registerHelper("itemPlot", (svg: unknown) => new hb.SafeString(typeof svg === "string" ? svg : ""));
  // the templates are embedded precompiled (templates.compiled.generated.ts, written from templates/ by npm run embed): no file is read
  for (const [path, spec] of Object.entries(TEMPLATE_SPECS)) {
    const partial = /^partials\/([^/]+)\.hbs$/.exec(path);
    if (partial) hb.registerPartial(partial[1] as string, hb.template(spec));
  }
  compiled = hb.template(TEMPLATE_SPECS["report.hbs"] as Parameters<typeof hb.template>[0]);
  return compiled;
}

function anchorFor(taskId: string, index: number): string {
  return `task-${index}-${taskId.replace(/[^A-Za-z0-9_-]/g, "")}`;
}

/** a long vector too: on one line, "[a, b, c, …, z] (N values)" is wider than a column (163 px at 1280), and wrapped it reads as a block */
function isWide(view: ValueView | null): boolean {
  return view !== null && (view.table !== null || view.vector !== null || view.vectorLength !== null || view.entries !== null || view.records !== null);
}

function valuesText(count: number): string {
  return `${count} ${count === 1 ? "value" : "values"}`;
}

/** what a value is, beside its label: the shape of a matrix, the length of a vector */
function caption(label: string, view: ValueView | null): string {
  if (view?.table) return `${label} · ${view.table.shape}`;
  if (view?.vector) return `${label} · ${valuesText(view.vector.length)}`;
  if (view?.vectorLength) return `${label} · ${valuesText(view.vectorLength)}`;
  if (view?.records) {
    const count = view.records.rows.length + view.more;
    return `${label} · ${count} ${count === 1 ? "row" : "rows"}`;
  }
  return label;
}

/** "t2.val_accuracy[0][1]" as "t2.", "val_accuracy", "[0]", "[1]": a break after a dot or before a bracket */
export function idParts(id: string): string[] {
  return id.split(/(?<=\.)|(?=\[)/).filter((part) => part !== "");
}

function itemView(item: ItemResult): ItemView {
  const received = item.received === undefined ? null : toValueView(item.received, 0, { records: true });
  const expected = item.expected === undefined ? null : toValueView(item.expected, 0, { records: true });
  return {
    id: item.id,
    idParts: idParts(item.id),
    status: item.status,
    statusLabel: STATUS_LABELS[item.status] ?? String(item.status),
    score: formatScore(item.score),
    maxScore: formatScore(item.max_score),
    message: item.message,
    diagnosis: item.diagnosis ? { code: item.diagnosis.code, message: item.diagnosis.message } : null,
    feedback: item.feedback ?? null,
    hidden: item.visibility === "hidden",
    received,
    expected,
    wide: isWide(received) || isWide(expected),
    receivedCaption: caption("your answer", received),
    expectedCaption: caption("expected", expected),
    plot: itemPlotSvg(item) ?? null,
    span: 3,
    detailsSpan: null,
  };
}

/**
 * Whether a table needs answer and expected columns: only when some row
 * shows its values there. Without, it has 4 columns, every one with a cell
 * that starts in it (a column of none is an error in HTML's table model).
 */
function fitColumns(views: readonly ItemView[]): { compact: boolean; columns: number } {
  const compact = views.some((view) => !view.wide);
  for (const view of views) {
    view.span = compact ? 3 : 1;
    view.detailsSpan = compact && view.wide ? 3 : null;
  }
  return { compact, columns: compact ? 6 : 4 };
}

/** a plain pass: nothing to read in it beyond its values (a plot or a diagnosis is shown in its own row) */
function sumPointsText(items: readonly ItemResult[], pick: (item: ItemResult) => number): string {
  return formatScore(sumPoints(items, pick));
}

function foldView(status: ItemStatus, items: readonly ItemResult[], message: string | null = null): FoldView {
  const views = items.map(itemView);
  const ids = items.map((item) => item.id);
  // the count is beside them: a long list is cut, and the line ends in an ellipsis where the window does
  const named =
    status === "pass" && ids.length > 2
      ? `${ids[0]} to ${ids[ids.length - 1]}`
      : ids.length > IDS_NAMED
        ? `${ids.slice(0, IDS_NAMED).join(", ")}, …`
        : ids.join(", ");
  return {
    status,
    statusLabel: STATUS_LABELS[status],
    count: items.length,
    countLabel: `${items.length} item${items.length === 1 ? "" : "s"}`,
    score: sumPointsText(items, (item) => item.score),
    maxScore: sumPointsText(items, (item) => item.max_score),
    ids: named,
    message,
    items: views,
    ...fitColumns(views),
  };
}

/** the task's items in order, runs of FOLD_RUN plain passes folded (view-model.ts foldedRows) */
function rowsOf(rows: readonly ReportRow[]): RowView[] {
  return rows.map((row) => (row.kind === "item" ? { item: itemView(row.item), fold: null } : { item: null, fold: foldView(row.status, row.items, row.message) }));
}

function taskView(task: TaskResult, index: number): TaskView {
  const points = pointsOf(task);
  const folded = foldedRows(task.items);
  const missing = folded.unanswered;
  const rows = rowsOf(folded.rows);
  return {
    anchor: anchorFor(task.id, index),
    id: task.id,
    title: task.title,
    score: points.score,
    maxScore: points.maxScore,
    percent: points.percent.toFixed(1),
    grade: points.grade,
    rows,
    unanswered: missing.length > 0 ? foldView("missing", missing) : null,
    ...fitColumns(rows.flatMap((row) => (row.item === null ? [] : [row.item]))),
  };
}

/** the result as one self-contained HTML page (styles and plots inline), every student string escaped */
export function renderHtml(result: GradeResult): string {
  const points = pointsOf(result);
  const view = {
    schema: result.schema,
    title: result.assignment_title ?? result.assignment,
    assignment: result.assignment,
    showAssignmentId: result.assignment_title !== undefined,
    student: { id: result.student.id, name: result.student.name ?? null },
    score: points.score,
    maxScore: points.maxScore,
    percent: points.percent.toFixed(1),
    percentRounded: Math.round(points.percent),
    grade: points.grade,
    counts: statusCounts(result),
    // the TA's flags (suspicions, the reference's own faults) stay in results.json and the class summary
    flags: studentFlags(result.flags).map((f) => ({ code: f.code, message: f.message })),
    source: result.source ?? null,
    generatedAt: result.generated_at ?? null,
    error: result.error ? { code: result.error.code, message: result.error.message } : null,
    tasks: result.tasks.map(taskView),
  };
  return loadTemplate()(view);
}
