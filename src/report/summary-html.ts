/**
 * The class summary as one self-contained HTML page (no script, no external
 * resource), with the report's styles. As in html.ts, the template sees
 * plain-text view models through {{ }} (escaping) output only; the one
 * SafeString is the histogram, whose SVG is built from numbers and escaped
 * text by plots/histogram.ts.
 */
// the runtime alone: the templates come precompiled (npm run embed), so no function is built from text, in Node or a page
import { errorStatus } from "./csv.ts";
import type FullHandlebars from "handlebars";
import runtime from "handlebars/runtime.js";

// handlebars' runtime is the full library without its compiler: typed as the full one, of which it is part
const Handlebars = runtime as unknown as typeof FullHandlebars;
import { formatNumber, formatScore, sanitizeText, STATUS_LABELS } from "./format.ts";
import { gradeOf } from "./view-model.ts";
import { renderHistogram } from "./plots/histogram.ts";
import type { ItemStatus } from "../result/types.ts";
import type { ClassSummary } from "./summary.ts";
import { TEMPLATE_SPECS } from "./templates.compiled.generated.ts";

/** a long list of distinct diagnoses is a tail of one-offs: the page shows the common ones */
export const DIAGNOSES_SHOWN = 30;
export const ITEMS_NAMED = 8;

let compiled: FullHandlebars.TemplateDelegate | undefined;

function loadTemplate(): FullHandlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  // the SVG comes from plots/histogram.ts, built from numbers and escaped text only
  hb.registerHelper("plotSvg", (svg: unknown) => new hb.SafeString(typeof svg === "string" ? svg : ""));
  hb.registerPartial("styles", hb.template(TEMPLATE_SPECS["partials/styles.hbs"] as Parameters<typeof hb.template>[0]));
  compiled = hb.template(TEMPLATE_SPECS["summary.hbs"] as Parameters<typeof hb.template>[0]);
  return compiled;
}

/** a mean or a median for a person: two decimals at most, 33.05 rather than 33.0455 */
export function roundedText(x: number): string {
  return Number.isFinite(x) ? formatScore(Number(x.toFixed(2))) : formatNumber(x);
}

/** a link to a report beside the summary; the batch's names are letters, digits, . _ - already, and stay in the folder whatever they are */
function reportHref(report: string | undefined): string | null {
  return report === undefined ? null : `${encodeURIComponent(report)}.html`;
}

export function percentText(share: number): string {
  return (100 * Math.min(Math.max(share, 0), 1)).toFixed(1);
}

export function listed(names: readonly string[], shown: number): string {
  const head = names.slice(0, shown).map(sanitizeText).join(", ");
  return names.length > shown ? `${head} and ${names.length - shown} more` : head;
}

/** "1 less common one", "10 less common ones"; null for none */
export function lessCommon(count: number): string | null {
  return count > 0 ? `${count} less common ${count === 1 ? "one" : "ones"}` : null;
}

export function renderSummaryHtml(summary: ClassSummary, title: string): string {
  const unit = summary.histogram.unit === "points" ? `points${summary.max_score === null ? "" : ` (of ${formatScore(summary.max_score)})`}` : "percent of the maximum";
  const meanShare = summary.score !== null && summary.max_score ? summary.score.mean / summary.max_score : null;
  // a flagged submission links to its report as its row in the students table does (by id and file: an id may have several)
  const reports = new Map(summary.students.map((student) => [`${student.id}\u0000${student.source ?? ""}`, student.report]));
  const view = {
    schema: summary.schema,
    title: sanitizeText(title),
    assignments: summary.assignments.map(sanitizeText).join(", "),
    count: summary.count,
    graded: summary.graded,
    broken: summary.broken,
    maxScore: summary.max_score === null ? null : formatScore(summary.max_score),
    score:
      summary.score === null
        ? null
        : { mean: roundedText(summary.score.mean), median: roundedText(summary.score.median), min: formatScore(summary.score.min), max: formatScore(summary.score.max) },
    meanPercent: meanShare === null ? null : percentText(meanShare),
    meanGrade: meanShare === null ? "fair" : gradeOf(100 * meanShare),
    histogram:
      summary.graded > 0
        ? renderHistogram({ title: `scores of the ${summary.graded} ${summary.graded === 1 ? "submission" : "submissions"} with a score`, bins: summary.histogram.bins, xLabel: unit })
        : null,
    tasks: summary.tasks.map((task) => {
      const share = task.mean !== null && task.max_score > 0 ? task.mean / task.max_score : 0;
      return { id: task.id, title: task.title, count: task.count, mean: task.mean === null ? "—" : roundedText(task.mean), maxScore: formatScore(task.max_score), percent: percentText(share), grade: gradeOf(100 * share) };
    }),
    items: summary.items.map((item) => ({
      id: item.id,
      count: item.count,
      passRate: percentText(item.pass_rate),
      grade: gradeOf(100 * item.pass_rate),
      statuses: (Object.keys(STATUS_LABELS) as ItemStatus[]).filter((s) => item.statuses[s] > 0).map((s) => ({ status: s, label: STATUS_LABELS[s], count: item.statuses[s] })),
    })),
    diagnoses: summary.diagnoses.slice(0, DIAGNOSES_SHOWN).map((d) => ({ code: sanitizeText(d.code), message: sanitizeText(d.message), count: d.count, items: listed(d.items, ITEMS_NAMED) })),
    moreDiagnoses: lessCommon(summary.diagnoses.length - DIAGNOSES_SHOWN),
    flagged: summary.flagged.map((f) => ({
      id: sanitizeText(f.student.id),
      href: reportHref(reports.get(f.student.id + "\u0000" + (f.source ?? ""))),
      name: f.student.name === undefined ? null : sanitizeText(f.student.name),
      source: f.source === undefined ? null : sanitizeText(f.source),
      flags: f.flags.map((flag) => ({ code: sanitizeText(flag.code), message: sanitizeText(flag.message) })),
      // the gradebook's status for what went wrong ("unreadable"), not the grader's code
      error: f.error === undefined ? null : { status: errorStatus(f.error.code), message: sanitizeText(f.error.message) },
    })),
    shared: summary.shared_wrong_answers.map((s) => ({ item: s.item, preview: s.preview, count: s.students.length, students: listed(s.students, 20) })),
    students: summary.students.map((student) => ({
      id: sanitizeText(student.id),
      name: student.name === undefined ? null : sanitizeText(student.name),
      href: reportHref(student.report),
      score: student.score === null ? null : formatScore(student.score),
      maxScore: formatScore(student.max_score),
      percent: student.score === null ? null : percentText(student.max_score > 0 ? student.score / student.max_score : 0),
      grade: gradeOf(student.score !== null && student.max_score > 0 ? (100 * student.score) / student.max_score : 0),
      flags: student.flags.map(sanitizeText).join(", "),
      error: student.error === undefined ? null : { status: errorStatus(student.error.code), message: sanitizeText(student.error.message) },
    })),
  };
  return loadTemplate()(view);
}
