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
import { itemPlotSvg } from "./plots.ts";
import { TEMPLATE_SPECS } from "./templates.compiled.generated.ts";
import { toValueView, type ValueView } from "./value-view.ts";
import { pointsOf, statusCounts } from "./view-model.ts";

interface ItemView {
  id: string;
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
  /** SVG text from plots.ts */
  plot: string | null;
}

interface TaskView {
  anchor: string;
  id: string;
  title: string;
  score: string;
  maxScore: string;
  percent: string;
  grade: string;
  items: ItemView[];
}

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

function itemView(item: ItemResult): ItemView {
  return {
    id: item.id,
    status: item.status,
    statusLabel: STATUS_LABELS[item.status] ?? String(item.status),
    score: formatScore(item.score),
    maxScore: formatScore(item.max_score),
    message: item.message,
    diagnosis: item.diagnosis ? { code: item.diagnosis.code, message: item.diagnosis.message } : null,
    feedback: item.feedback ?? null,
    hidden: item.visibility === "hidden",
    received: item.received === undefined ? null : toValueView(item.received),
    expected: item.expected === undefined ? null : toValueView(item.expected),
    plot: itemPlotSvg(item) ?? null,
  };
}

function taskView(task: TaskResult, index: number): TaskView {
  const points = pointsOf(task);
  return {
    anchor: anchorFor(task.id, index),
    id: task.id,
    title: task.title,
    score: points.score,
    maxScore: points.maxScore,
    percent: points.percent.toFixed(1),
    grade: points.grade,
    items: task.items.map(itemView),
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
    flags: result.flags.map((f) => ({ code: f.code, message: f.message })),
    source: result.source ?? null,
    generatedAt: result.generated_at ?? null,
    error: result.error ? { code: result.error.code, message: result.error.message } : null,
    tasks: result.tasks.map(taskView),
  };
  return loadTemplate()(view);
}
