/**
 * The per-submission PDF report: the content of the HTML report (html.ts),
 * laid out for print with pdfkit. All text is real text in fonts from npm
 * packages (pdf-fonts.ts: DejaVu, and a face for each script DejaVu lacks),
 * the document is tagged (pdf-tags.ts), and a result with a fixed
 * generatedAt renders to the same bytes every time. Student text is only
 * ever drawn as text, after sanitizeText.
 */
import PDFDocument from "pdfkit";
import { NngradeError } from "../errors.ts";
import { studentFlags } from "../result/flags.ts";
import { formatScore, sanitizeText } from "./format.ts";
import { dejavuFace, dejavuFile, FONT, prepareFonts, useFace } from "./pdf-fonts.ts";
import { asArtifact, type Block, bar, box, COLOR, type Doc, EMPTY, flowWrap, inline, label, measure, offset, stack, tagged, text } from "./pdf-layout.ts";
import { drawTable, PageFlow, type TableColumn, type TableRow } from "./pdf-table.ts";
import { endTags, startTags } from "./pdf-tags.ts";
import { lineMetrics } from "./pdf-text.ts";
import { badge, drawTask, gradeColor } from "./pdf-task.ts";
import type { GradeResult, TaskResult } from "../result/types.ts";
import { percentOf, statusCounts } from "./view-model.ts";

/** how a PDF report is made: the date it records (fonts always come from npm packages) */
export interface PdfOptions {
  /** ISO time written as the file's creation and modification date; the caller passes result.generated_at */
  generatedAt?: string;
}

/** a letter of a right-to-left script */
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** A4, in points */
export const PAGE = { width: 595.28, height: 841.89, margin: 48, bottom: 60 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

export function creationDate(generatedAt: string | undefined): Date | undefined {
  if (generatedAt === undefined) return undefined;
  const date = new Date(generatedAt);
  if (Number.isNaN(date.getTime())) throw new NngradeError("usage", `pdf report: generatedAt: "${generatedAt.slice(0, 40)}" is not an iso date`);
  return date;
}

/**
 * An A4 document in DejaVu (never Helvetica), tagged, dated by
 * `generatedAt` so that equal inputs give equal bytes; `draw` fills it,
 * then every page gets its footer. `sample` holds every text the document
 * will draw (the result as JSON will do), so that the script faces it needs
 * are ready before drawing. Shared by the student report and the class summary.
 */
export async function renderDocument(
  running: string,
  subject: string,
  generatedAt: string | undefined,
  sample: string,
  draw: (doc: Doc) => void,
): Promise<Buffer> {
  const date = creationDate(generatedAt);
  await prepareFonts(`${running}${sample}`);
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.bottom },
    compress: true,
    bufferPages: true,
    // the default font would be Helvetica: start in DejaVu so no text can ever fall back to it
    font: dejavuFile(FONT.regular),
    lang: "en",
    displayTitle: true,
    // a structure tree (headings, tables, figures), for screen readers and text extraction
    tagged: true,
    info: {
      Title: running.normalize("NFC"),
      Subject: subject,
      Creator: "nngrade",
      // pdfkit derives the file ID from these; without a date it stamps the time of rendering
      ...(date ? { CreationDate: date, ModDate: date } : {}),
    },
  });
  for (const name of Object.values(FONT)) useFace(doc, dejavuFace(name));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  startTags(doc);
  draw(doc);
  drawPageFooters(doc, running);
  endTags(doc);
  doc.end();
  return await done;
}

/** the result as a PDF report: tasks, items, values and plots, with fonts from npm packages */
export async function renderPdf(result: GradeResult, options: PdfOptions = {}): Promise<Buffer> {
  const title = result.assignment_title ?? result.assignment;
  // the viewer shows the title in its window bar: one line, no control characters
  const running = sanitizeText(`${title} · ${result.student.id}`);
  return renderDocument(running, "nngrade report", options.generatedAt, JSON.stringify(result), (doc) => drawReport(doc, result));
}

function drawReport(doc: Doc, result: GradeResult): void {
  const flow = new PageFlow(doc, PAGE.margin, PAGE.margin, PAGE.height - PAGE.bottom, CONTENT_WIDTH);
  flow.place(headerBlock(doc, result, CONTENT_WIDTH));
  if (result.error) {
    flow.place(notice(doc, "this submission could not be graded", [result.error], NOTICE.error), 12);
  }
  // the student reads this report: the flags that are the TA's alone (suspicions, the reference's faults) stay out
  const flags = studentFlags(result.flags);
  if (flags.length > 0) flow.place(notice(doc, "flags on your answers", flags, NOTICE.flags), 12);
  if (result.tasks.length > 0) drawOverview(doc, flow, result.tasks);
  // the closing note stays on the page of the last row: alone on a page it would look like a stray footer
  const end = endNote(doc, result);
  for (const [index, task] of result.tasks.entries()) drawTask(doc, flow, task, index === result.tasks.length - 1 ? END_GAP + end.height : 0);
  flow.place(end, END_GAP);
}

function headerBlock(doc: Doc, result: GradeResult, width: number): Block {
  const percent = percentOf(result.score, result.max_score);
  return box(
    doc,
    (inner) => {
      const score = scoreBlock(doc, formatScore(result.score), formatScore(result.max_score), Math.round(percent), 150);
      const leftWidth = inner - score.width - 16;
      // the name and the id wrap rather than lose their ends: a name in any script is printed whole
      const idStyle = { font: FONT.mono, size: 9.5, color: COLOR.muted };
      const nameStyle = { font: FONT.bold, size: 11, color: COLOR.text };
      const name = result.student.name ? text(doc, result.student.name, leftWidth, nameStyle) : EMPTY;
      const idWidth = measure(result.student.id, idStyle);
      const nameWidth = result.student.name ? measure(result.student.name, nameStyle) : 0;
      const id = text(doc, result.student.id, Math.min(leftWidth, idWidth), idStyle);
      // side by side when both fit on the line, else the id under the name; also under a right-to-left
      // name, whose last word a text extractor would otherwise read run together with the id
      const sideBySide = nameWidth + 8 + idWidth <= leftWidth && !RTL.test(result.student.name ?? "");
      const who = sideBySide ? inline([label(doc, result.student.name ?? "", leftWidth, nameStyle), offset(id, 1.5)], 8) : stack([name, id], { gap: 2 });
      const left = stack(
        [
          label(doc, "NNGRADE REPORT", leftWidth, { font: FONT.regular, size: 6.5, color: COLOR.muted }),
          tagged(doc, text(doc, result.assignment_title ?? result.assignment, leftWidth, { font: FONT.bold, size: 17, color: COLOR.text }), "H1"),
          result.assignment_title !== undefined ? label(doc, result.assignment, leftWidth, { font: FONT.mono, size: 8, color: COLOR.muted }) : EMPTY,
          offset(tagged(doc, who, "P"), 6),
        ],
        { gap: 3 },
      );
      const counts = statusCounts(result).map(({ status, count }) =>
        inline([badge(doc, status, inner), offset(label(doc, String(count), 40, { font: FONT.regular, size: 8, color: COLOR.muted }), 0.5)], 4),
      );
      return stack([inline([left, score], 16), bar(doc, inner, 7, percent, gradeColor(percent)), tagged(doc, flowWrap(counts, inner, { x: 14, y: 5 }), "P")], { gap: 10 });
    },
    width,
    { padding: { x: 18, y: 16 }, stroke: COLOR.border, radius: 6 },
  );
}

/** "31.5 / 40" on one baseline, right-aligned, the percentage under it */
function scoreBlock(doc: Doc, score: string, max: string, percent: number, width: number): Block {
  const big = label(doc, score, width, { font: FONT.bold, size: 24, color: COLOR.text });
  const rest = label(doc, ` / ${max}`, width, { font: FONT.regular, size: 12, color: COLOR.muted });
  const percentText = label(doc, `${percent}%`, width, { font: FONT.regular, size: 9, color: COLOR.muted });
  // each label's top is its baseline less its ascent: both baselines 24pt under the top
  const bigTop = 24 - lineMetrics(FONT.bold, 24).ascent;
  const restTop = 24 - lineMetrics(FONT.regular, 12).ascent;
  return tagged(
    doc,
    {
      width,
      height: 44,
      draw(x, y) {
        const right = x + width;
        big.draw(right - rest.width - big.width, y + bigTop);
        rest.draw(right - rest.width, y + restTop);
        percentText.draw(right - percentText.width, y + 30);
      },
    },
    "P",
  );
}

const NOTICE = {
  error: { fill: "#ffe3e3", stroke: "#f29b9b", text: "#8a041a", chip: "#f8caca" },
  flags: { fill: "#fffbea", stroke: "#f0d48a", text: "#5c3c00", chip: "#f5ebc4" },
};

function notice(doc: Doc, heading: string, entries: { code: string; message: string }[], colors: (typeof NOTICE)["error"]): Block {
  return box(
    doc,
    (inner) =>
      stack(
        [
          tagged(doc, label(doc, heading, inner, { font: FONT.bold, size: 10, color: colors.text }), "H2"),
          ...entries.map((entry) => {
            const chip = codeChip(doc, entry.code, inner * 0.4, colors.chip, colors.text);
            return tagged(doc, inline([chip, text(doc, entry.message, inner - chip.width - 6, { font: FONT.regular, size: 8.5, color: colors.text, maxLines: 8 })], 6), "P");
          }),
        ],
        { gap: 5, maxHeight: 400, more: (hidden) => label(doc, `… ${hidden} more`, inner, { font: FONT.regular, size: 8, color: colors.text }) },
      ),
    CONTENT_WIDTH,
    { padding: { x: 16, y: 11 }, fill: colors.fill, stroke: colors.stroke, radius: 6 },
  );
}

function codeChip(doc: Doc, code: string, maxWidth: number, fill: string, color: string): Block {
  const content = label(doc, code, maxWidth - 8, { font: FONT.mono, size: 7.5, color });
  return box(doc, () => content, content.width + 8, { padding: { x: 4, y: 1 }, fill, radius: 3 });
}

function drawOverview(doc: Doc, flow: PageFlow, tasks: TaskResult[]): void {
  const columns: TableColumn[] = [
    { label: "task", width: 70 },
    { label: "title", width: CONTENT_WIDTH - 70 - 80 - 120 },
    { label: "points", width: 80, align: "right" },
    { label: "", width: 120 },
  ];
  const rows: TableRow[] = tasks.map((task) => {
    const percent = percentOf(task.score, task.max_score);
    return {
      cells: [
        (w) => text(doc, task.id, w, { font: FONT.mono, size: 8, color: COLOR.text, maxLines: 2 }),
        (w) => text(doc, task.title, w, { font: FONT.regular, size: 8.5, color: COLOR.text, maxLines: 2 }),
        (w) => label(doc, `${formatScore(task.score)} / ${formatScore(task.max_score)}`, w, { font: FONT.regular, size: 8.5, color: COLOR.text }),
        (w) => offset(bar(doc, w, 5, percent, gradeColor(percent)), 3),
      ],
    };
  });
  drawTable(doc, flow, columns, rows, { gapBefore: 14 });
}

const END_GAP = 18;

function endNote(doc: Doc, result: GradeResult): Block {
  const style = { font: FONT.regular, size: 7.5, color: COLOR.muted, align: "center" as const, maxLines: 3 };
  return stack(
    [
      result.source ? text(doc, `submission ${result.source}`, CONTENT_WIDTH, style) : EMPTY,
      text(doc, `${result.schema}${result.generated_at ? ` · generated ${result.generated_at}` : ""}`, CONTENT_WIDTH, style),
    ],
    { gap: 2 },
  );
}

/** running footer on every page: whose report it is, and page i of n, for a printed stack of reports */
export function drawPageFooters(doc: Doc, running: string): void {
  const range = doc.bufferedPageRange();
  const y = PAGE.height - PAGE.bottom + 22;
  const style = { font: FONT.regular, size: 7, color: COLOR.faint };
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    const page = label(doc, `page ${index + 1} of ${range.count}`, 100, style);
    const left = label(doc, running, CONTENT_WIDTH - page.width - 20, style);
    const footer: Block = {
      width: CONTENT_WIDTH,
      height: page.height,
      draw(x, top) {
        doc.save();
        doc.moveTo(x, top - 6).lineTo(x + CONTENT_WIDTH, top - 6).lineWidth(0.5).stroke(COLOR.border);
        doc.restore();
        left.draw(x, top);
        page.draw(x + CONTENT_WIDTH - page.width, top);
      },
    };
    // repeated on every page: pagination, not content
    asArtifact(doc, footer, "Pagination").draw(PAGE.margin, y);
  }
}
