/**
 * The class summary as a PDF: the content of the summary HTML page
 * (summary-html.ts), laid out with the per-student report's blocks, tables
 * and fonts (pdf-layout.ts, pdf-table.ts, pdf.ts). Every table breaks across
 * pages with its heading and header repeated. With a fixed generatedAt the
 * same summary gives the same bytes. Ids, names, sources, messages and
 * answers come from students: they are drawn as text (after sanitizeText),
 * nothing else.
 */
import { errorStatus } from "./csv.ts";
import { formatScore, sanitizeText, STATUS_LABELS } from "./format.ts";
import { PAGE, renderDocument } from "./pdf.ts";
import { type Block, bar, box, COLOR, type Doc, EMPTY, FONT, flowWrap, inline, label, measure, offset, padBottom, stack, tagged, text } from "./pdf-layout.ts";
import { drawTable, PageFlow, type TableColumn, type TableRow } from "./pdf-table.ts";
import { badge, gradeColor, itemId, MIN_ID_SIZE, plotBlock } from "./pdf-task.ts";
import { renderHistogram } from "./plots/histogram.ts";
import type { ItemStatus } from "../result/types.ts";
import type { ClassSummary } from "./summary.ts";
import { DIAGNOSES_SHOWN, ITEMS_NAMED, lessCommon, listed, percentText, roundedText } from "./summary-html.ts";

export interface SummaryPdfOptions {
  /** ISO time written as the file's creation and modification date; without it pdfkit stamps the time of rendering */
  generatedAt?: string;
}

const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** as the HTML page: the first twenty students who gave an answer, then "and n more" */
const STUDENTS_NAMED = 20;
/** a flagged submission's row stays shorter than a page, however many flags it has */
const MAX_FLAGS_HEIGHT = 320;

const CELL = { font: FONT.regular, size: 8, color: COLOR.text };
const MONO = { font: FONT.mono, size: 7.5, color: COLOR.text };
const MUTED = { font: FONT.regular, size: 8, color: COLOR.muted };

export async function renderSummaryPdf(summary: ClassSummary, title: string, options: SummaryPdfOptions = {}): Promise<Buffer> {
  // the viewer shows the title in its window bar: one line, no control characters
  const running = sanitizeText(`${title} · class summary`);
  return renderDocument(running, "nngrade class summary", options.generatedAt, `${title}${JSON.stringify(summary)}`, (doc) => drawSummary(doc, summary, title));
}

function drawSummary(doc: Doc, summary: ClassSummary, title: string): void {
  const flow = new PageFlow(doc, PAGE.margin, PAGE.margin, PAGE.height - PAGE.bottom, CONTENT_WIDTH);
  flow.place(headerBlock(doc, summary, title));
  if (summary.graded > 0) flow.place(histogramBlock(doc, summary), 18);
  if (summary.tasks.length > 0) drawTasks(doc, flow, summary);
  if (summary.items.length > 0) drawItems(doc, flow, summary);
  drawDiagnoses(doc, flow, summary);
  drawFlagged(doc, flow, summary);
  // the closing line stays on the page of the last section: alone on a page it would look like a stray footer
  const end = text(doc, summary.schema, CONTENT_WIDTH, { font: FONT.regular, size: 7.5, color: COLOR.muted });
  drawShared(doc, flow, summary);
  drawStudents(doc, flow, summary, END_GAP + end.height);
  flow.place(end, END_GAP);
}

function headerBlock(doc: Doc, summary: ClassSummary, title: string): Block {
  const meanShare = summary.score !== null && summary.max_score ? summary.score.mean / summary.max_score : null;
  const stats: [string, string][] = [
    ["submissions", String(summary.count)],
    // the terminal's and summary.html's words for the same counts
    ["with a score", String(summary.graded)],
    ["broken", String(summary.broken)],
  ];
  if (summary.score !== null) {
    const { mean, median, min, max } = summary.score;
    stats.push(["mean", roundedText(mean)], ["median", roundedText(median)], ["lowest", formatScore(min)], ["highest", formatScore(max)]);
  }
  if (summary.max_score !== null) stats.push(["out of", formatScore(summary.max_score)]);
  return box(
    doc,
    (inner) => {
      const statBlocks = stats.map(([name, value]) =>
        stack(
          [label(doc, name.toUpperCase(), inner, { font: FONT.regular, size: 6.5, color: COLOR.muted }), label(doc, value, inner, { font: FONT.bold, size: 14, color: COLOR.text })],
          { gap: 3 },
        ),
      );
      const assignments = summary.assignments.join(", ");
      return stack(
        [
          label(doc, "NNGRADE CLASS SUMMARY", inner, { font: FONT.regular, size: 6.5, color: COLOR.muted }),
          tagged(doc, text(doc, title, inner, { font: FONT.bold, size: 17, color: COLOR.text }), "H1"),
          assignments === "" ? EMPTY : text(doc, assignments, inner, { font: FONT.mono, size: 8, color: COLOR.muted, maxLines: 2 }),
          offset(tagged(doc, flowWrap(statBlocks, inner, { x: 18, y: 8 }), "P"), 8),
          meanShare === null ? EMPTY : offset(bar(doc, inner, 7, 100 * clampShare(meanShare), gradeColor(100 * meanShare)), 4),
        ],
        { gap: 3 },
      );
    },
    CONTENT_WIDTH,
    { padding: { x: 18, y: 16 }, stroke: COLOR.border, radius: 6 },
  );
}

function clampShare(share: number): number {
  return Math.min(Math.max(share, 0), 1);
}

/** a section's heading: an H2 where it first appears (its repeat on a new page is an artifact, pdf-table.ts) */
function sectionHeading(doc: Doc, words: string, continued = false): Block {
  const heading = padBottom(label(doc, continued ? `${words} (continued)` : words, CONTENT_WIDTH, { font: FONT.bold, size: 12, color: COLOR.text }), 7);
  return continued ? heading : tagged(doc, heading, "H2");
}

/** the heading, the histogram centred under it, kept on one page */
function histogramBlock(doc: Doc, summary: ClassSummary): Block {
  const unit = summary.histogram.unit === "points" ? `points${summary.max_score === null ? "" : ` (of ${formatScore(summary.max_score)})`}` : "percent of the maximum";
  const svg = renderHistogram({ title: `scores of the ${summary.graded} submissions with a score`, bins: summary.histogram.bins, xLabel: unit });
  const plot = plotBlock(doc, svg, CONTENT_WIDTH, 260);
  const centred: Block = { width: CONTENT_WIDTH, height: plot.height, draw: (x, y) => plot.draw(x + (CONTENT_WIDTH - plot.width) / 2, y) };
  return stack([sectionHeading(doc, "score distribution"), centred]);
}

const END_GAP = 18;

/** `keep`: room the last row keeps under it for what follows (pdf-table.ts) */
function sectionTable(doc: Doc, flow: PageFlow, heading: string, columns: TableColumn[], rows: TableRow[], keep = 0): void {
  drawTable(doc, flow, columns, rows, { heading: sectionHeading(doc, heading), continued: sectionHeading(doc, heading, true), gapBefore: 22, keepWithLast: keep });
}

/** a section with nothing in it: its heading and a muted line saying so */
function emptySection(doc: Doc, flow: PageFlow, heading: string, note: string, keep = 0): void {
  flow.place(stack([sectionHeading(doc, heading), text(doc, note, CONTENT_WIDTH, MUTED)]), 22, keep);
}

/** the rest of the content width after the fixed columns */
function rest(...widths: number[]): number {
  return CONTENT_WIDTH - widths.reduce((total, width) => total + width, 0);
}

function drawTasks(doc: Doc, flow: PageFlow, summary: ClassSummary): void {
  const columns: TableColumn[] = [
    { label: "task", width: 60 },
    { label: "title", width: rest(60, 50, 90, 110) },
    { label: "scored", width: 50, align: "right" },
    { label: "mean", width: 90, align: "right" },
    { label: "share of the points", width: 110 },
  ];
  const rows: TableRow[] = summary.tasks.map((task) => {
    const share = task.mean !== null && task.max_score > 0 ? clampShare(task.mean / task.max_score) : 0;
    return {
      cells: [
        (w) => text(doc, task.id, w, { ...MONO, maxLines: 2 }),
        (w) => text(doc, task.title, w, { ...CELL, maxLines: 3 }),
        (w) => label(doc, String(task.count), w, CELL),
        (w) => label(doc, `${task.mean === null ? "—" : roundedText(task.mean)} / ${formatScore(task.max_score)}`, w, CELL),
        (w) => offset(bar(doc, w, 5, 100 * share, gradeColor(100 * share)), 3),
      ],
    };
  });
  sectionTable(doc, flow, "tasks", columns, rows);
}

function drawItems(doc: Doc, flow: PageFlow, summary: ClassSummary): void {
  const columns: TableColumn[] = [
    { label: "item", width: 104 },
    { label: "scored", width: 46, align: "right" },
    { label: "passed", width: 44, align: "right" },
    { label: "", width: 52 },
    { label: "outcomes", width: rest(104, 46, 44, 52) },
  ];
  const rows: TableRow[] = summary.items.map((item) => {
    const rate = 100 * clampShare(item.pass_rate);
    const outcomes = (Object.keys(STATUS_LABELS) as ItemStatus[])
      .filter((status) => item.statuses[status] > 0)
      .map((status) => (w: number) => inline([badge(doc, status, w), offset(label(doc, String(item.statuses[status]), 40, MUTED), 0.5)], 4));
    const id = itemId(doc, item.id, 104 - 10);
    return {
      ...(id.above ? { above: id.above } : {}),
      cells: [
        () => id.cell,
        (w) => label(doc, String(item.count), w, CELL),
        (w) => label(doc, `${percentText(item.pass_rate)}%`, w, CELL),
        (w) => offset(bar(doc, w, 5, rate, gradeColor(rate)), 3),
        (w) =>
          flowWrap(
            outcomes.map((outcome) => outcome(w)),
            w,
            { x: 10, y: 3 },
          ),
      ],
    };
  });
  sectionTable(doc, flow, "pass rate per item", columns, rows);
}

/** a diagnosis or flag code in a tinted chip */
function codeChip(doc: Doc, code: string, maxWidth: number): Block {
  const content = label(doc, code, maxWidth - 8, { font: FONT.mono, size: 6.5, color: "#8d2b0b" });
  return box(doc, () => content, content.width + 8, { padding: { x: 4, y: 1.5 }, fill: "#fff3c4", radius: 3 });
}

/**
 * A student id or a file name in mono on one line, a little smaller if that
 * is what it takes (so it reads, and copies, whole); else wrapped, never cut.
 */
function idText(doc: Doc, content: string, width: number): Block {
  const size = Math.min(MONO.size, width / Math.max(measure(content, { font: MONO.font, size: 1 }), 1e-9));
  return size >= MIN_ID_SIZE ? label(doc, content, width, { ...MONO, size }) : text(doc, content, width, MONO);
}

/** the chip over its message, so that every message starts at the same left edge */
function codedMessage(doc: Doc, code: string, message: string, width: number, maxLines: number): Block {
  return stack([codeChip(doc, code, width), text(doc, message, width, { ...CELL, maxLines })], { gap: 2 });
}

function drawDiagnoses(doc: Doc, flow: PageFlow, summary: ClassSummary): void {
  const heading = "most common diagnoses";
  if (summary.diagnoses.length === 0) {
    emptySection(doc, flow, heading, "no diagnoses");
    return;
  }
  const columns: TableColumn[] = [
    { label: "count", width: 40, align: "right" },
    { label: "diagnosis", width: 90 },
    { label: "", width: rest(40, 90, 200) },
    { label: "items", width: 200 },
  ];
  const rows: TableRow[] = summary.diagnoses.slice(0, DIAGNOSES_SHOWN).map((diagnosis) => ({
    cells: [
      (w) => label(doc, String(diagnosis.count), w, CELL),
      (w) => codeChip(doc, diagnosis.code, w),
      (w) => text(doc, diagnosis.message, w, { ...CELL, maxLines: 6 }),
      // item ids break only between them, never inside one
      (w) => text(doc, listed(diagnosis.items, ITEMS_NAMED), w, { ...MONO, maxLines: 6, breakAfter: /,/ }),
    ],
  }));
  sectionTable(doc, flow, heading, columns, rows);
  const more = summary.diagnoses.length - DIAGNOSES_SHOWN;
  if (more > 0) flow.place(label(doc, `and ${lessCommon(more)}`, CONTENT_WIDTH, MUTED), 6);
}

function drawFlagged(doc: Doc, flow: PageFlow, summary: ClassSummary): void {
  const heading = "flagged submissions";
  if (summary.flagged.length === 0) {
    emptySection(doc, flow, heading, "no flagged submissions");
    return;
  }
  const columns: TableColumn[] = [
    { label: "student", width: 140 },
    { label: "submission", width: 120 },
    { label: "flags", width: rest(140, 120) },
  ];
  const rows: TableRow[] = summary.flagged.map((flagged) => ({
    cells: [
      (w) =>
        stack(
          [
            // a name is printed whole, on as many lines as it takes
            flagged.student.name === undefined ? EMPTY : text(doc, flagged.student.name, w, { font: FONT.bold, size: 8, color: COLOR.text }),
            idText(doc, flagged.student.id, w),
          ],
          { gap: 2 },
        ),
      (w) => (flagged.source === undefined ? label(doc, "—", w, MUTED) : idText(doc, flagged.source, w)),
      (w) =>
        stack(
          [...(flagged.error ? [{ code: errorStatus(flagged.error.code), message: flagged.error.message }] : []), ...flagged.flags].map((entry) => codedMessage(doc, entry.code, entry.message, w, 8)),
          { gap: 4, maxHeight: MAX_FLAGS_HEIGHT, more: (hidden) => label(doc, `… ${hidden} more`, w, MUTED) },
        ),
    ],
  }));
  sectionTable(doc, flow, heading, columns, rows);
}

function drawShared(doc: Doc, flow: PageFlow, summary: ClassSummary): void {
  const heading = "identical wrong answers";
  if (summary.shared_wrong_answers.length === 0) {
    emptySection(doc, flow, heading, "no wrong answer was given identically by several students");
    return;
  }
  const columns: TableColumn[] = [
    { label: "item", width: 104 },
    { label: "answer", width: 130 },
    { label: "students", width: 50, align: "right" },
    { label: "who", width: rest(104, 130, 50) },
  ];
  const rows: TableRow[] = summary.shared_wrong_answers.map((shared) => {
    const id = itemId(doc, shared.item, 104 - 10);
    return {
      ...(id.above ? { above: id.above } : {}),
      cells: [
        () => id.cell,
        (w) => text(doc, shared.preview, w, { ...MONO, maxLines: 6 }),
        (w) => label(doc, String(shared.students.length), w, CELL),
        // ids break only between them, after ", "
        (w) => text(doc, listed(shared.students, STUDENTS_NAMED), w, { ...MONO, maxLines: 10, breakAfter: /,/ }),
      ],
    };
  });
  sectionTable(doc, flow, heading, columns, rows);
}

/** the students table's word for a submission without a score, as summary.html's badge */
const BROKEN = { font: FONT.bold, size: 8, color: "#6b21a8" };

/**
 * Every submission, by student id, as summary.html's students table: its
 * id, its name, its score out of its maximum (or, for one that could not be
 * graded, the gradebook's word for why: "unreadable") and its flags' codes.
 */
function drawStudents(doc: Doc, flow: PageFlow, summary: ClassSummary, keep: number): void {
  const heading = "students";
  if (summary.students.length === 0) {
    emptySection(doc, flow, heading, "no submissions", keep);
    return;
  }
  const columns: TableColumn[] = [
    { label: "student", width: 120 },
    { label: "name", width: rest(120, 80, 120) },
    { label: "score", width: 80, align: "right" },
    { label: "flags", width: 120 },
  ];
  const rows: TableRow[] = summary.students.map((student) => {
    // the word wraps rather than lose its end ("invalid submission")
    const status = student.score === null ? errorStatus(student.error?.code ?? "") : "";
    return {
      cells: [
        (w) => idText(doc, student.id, w),
        // a name is printed whole, on as many lines as it takes
        (w) => (student.name === undefined ? label(doc, "—", w, MUTED) : text(doc, student.name, w, CELL)),
        (w) =>
          student.score === null
            ? text(doc, status, Math.min(w, measure(status, BROKEN)), { ...BROKEN, align: "right" })
            : label(doc, `${formatScore(student.score)} / ${formatScore(student.max_score)}`, w, CELL),
        // codes break only between them, after ", "
        (w) => (student.flags.length === 0 ? EMPTY : text(doc, student.flags.map(sanitizeText).join(", "), w, { ...MONO, maxLines: 6, breakAfter: /,/ })),
      ],
    };
  });
  sectionTable(doc, flow, heading, columns, rows, keep);
}
