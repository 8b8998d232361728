/**
 * The per-submission PDF report: the content of the HTML report (html.ts),
 * laid out for print with pdfkit. All text is real text in embedded DejaVu
 * fonts (pdfkit's built-in Helvetica has no Greek, ∂, ∑, √, ≤ or ±), and a
 * result with a fixed generatedAt renders to the same bytes every time.
 * Student text is only ever drawn as text, after sanitizeText.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import { NngradeError } from "../errors.ts";
import { formatScore, sanitizeText } from "./format.ts";
import { type Block, bar, box, COLOR, type Doc, EMPTY, FONT, flowWrap, inline, label, offset, stack, text } from "./pdf-layout.ts";
import { drawTable, PageFlow, type TableColumn, type TableRow } from "./pdf-table.ts";
import { badge, drawTask, gradeColor } from "./pdf-task.ts";
import type { GradeResult, TaskResult } from "../result/types.ts";
import { percentOf, statusCounts } from "./view-model.ts";

/** how a PDF report is made: the date it records (fonts always come from npm packages) */
export interface PdfOptions {
  /** ISO time written as the file's creation and modification date; the caller passes result.generated_at */
  generatedAt?: string;
}

const FONT_FILES: Record<(typeof FONT)[keyof typeof FONT], string> = {
  [FONT.regular]: "DejaVuSans.ttf",
  [FONT.bold]: "DejaVuSans-Bold.ttf",
  [FONT.oblique]: "DejaVuSans-Oblique.ttf",
  [FONT.mono]: "DejaVuSansMono.ttf",
};

/** A4, in points */
export const PAGE = { width: 595.28, height: 841.89, margin: 48, bottom: 60 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

let fontPaths: Record<string, string> | undefined;

/** the fonts come from the dejavu-fonts-ttf package, found the way Node finds any dependency */
export function fontFiles(): Record<string, string> {
  if (fontPaths) return fontPaths;
  const folder = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
  fontPaths = Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, join(folder, file)]));
  return fontPaths;
}

const fontData = new Map<string, Buffer>();

export function fontBytes(path: string): Buffer {
  let bytes = fontData.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    fontData.set(path, bytes);
  }
  return bytes;
}

export function creationDate(generatedAt: string | undefined): Date | undefined {
  if (generatedAt === undefined) return undefined;
  const date = new Date(generatedAt);
  if (Number.isNaN(date.getTime())) throw new NngradeError("usage", `pdf report: generatedAt: "${generatedAt.slice(0, 40)}" is not an iso date`);
  return date;
}

/**
 * An A4 document in DejaVu (never Helvetica), dated by `generatedAt` so that
 * equal inputs give equal bytes; `draw` fills it, then every page gets its
 * footer. Shared by the student report and the class summary.
 */
export async function renderDocument(
  running: string,
  subject: string,
  generatedAt: string | undefined,
  draw: (doc: Doc) => void,
): Promise<Buffer> {
  const date = creationDate(generatedAt);
  const files = fontFiles();
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.bottom },
    compress: true,
    bufferPages: true,
    // the default font would be Helvetica: start in DejaVu so no text can ever fall back to it
    font: files[FONT.regular],
    lang: "en",
    displayTitle: true,
    info: {
      Title: running,
      Subject: subject,
      Creator: "nngrade",
      // pdfkit derives the file ID from these; without a date it stamps the time of rendering
      ...(date ? { CreationDate: date, ModDate: date } : {}),
    },
  });
  for (const [name, path] of Object.entries(files)) doc.registerFont(name, fontBytes(path));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  draw(doc);
  drawPageFooters(doc, running);
  doc.end();
  return await done;
}

/** the result as a PDF report: tasks, items, values and plots, with fonts from npm packages */
export async function renderPdf(result: GradeResult, options: PdfOptions = {}): Promise<Buffer> {
  const title = result.assignment_title ?? result.assignment;
  // the viewer shows the title in its window bar: one line, no control characters
  const running = sanitizeText(`${title} · ${result.student.id}`);
  return renderDocument(running, "nngrade report", options.generatedAt, (doc) => drawReport(doc, result));
}

function drawReport(doc: Doc, result: GradeResult): void {
  const flow = new PageFlow(doc, PAGE.margin, PAGE.margin, PAGE.height - PAGE.bottom, CONTENT_WIDTH);
  flow.place(headerBlock(doc, result, CONTENT_WIDTH));
  if (result.error) {
    flow.place(notice(doc, "this submission could not be graded", [result.error], NOTICE.error), 12);
  }
  if (result.flags.length > 0) flow.place(notice(doc, "flags for the grader to look at", result.flags, NOTICE.flags), 12);
  if (result.tasks.length > 0) drawOverview(doc, flow, result.tasks);
  for (const task of result.tasks) drawTask(doc, flow, task);
  flow.place(endNote(doc, result), 18);
}

function headerBlock(doc: Doc, result: GradeResult, width: number): Block {
  const percent = percentOf(result.score, result.max_score);
  return box(
    doc,
    (inner) => {
      const score = scoreBlock(doc, formatScore(result.score), formatScore(result.max_score), Math.round(percent), 150);
      const leftWidth = inner - score.width - 16;
      const id = label(doc, result.student.id, leftWidth * 0.45, { font: FONT.mono, size: 9.5, color: COLOR.muted });
      const name = result.student.name ? label(doc, result.student.name, leftWidth - id.width - 8, { font: FONT.bold, size: 11, color: COLOR.text }) : EMPTY;
      const left = stack(
        [
          label(doc, "NNGRADE REPORT", leftWidth, { font: FONT.regular, size: 6.5, color: COLOR.muted }),
          text(doc, result.assignment_title ?? result.assignment, leftWidth, { font: FONT.bold, size: 17, color: COLOR.text, maxLines: 3 }),
          result.assignment_title !== undefined ? label(doc, result.assignment, leftWidth, { font: FONT.mono, size: 8, color: COLOR.muted }) : EMPTY,
          offset(inline([name, offset(id, 1.5)], 8), 6),
        ],
        { gap: 3 },
      );
      const counts = statusCounts(result).map(({ status, count }) =>
        inline([badge(doc, status, inner), offset(label(doc, String(count), 40, { font: FONT.regular, size: 8, color: COLOR.muted }), 0.5)], 4),
      );
      return stack([inline([left, score], 16), bar(doc, inner, 7, percent, gradeColor(percent)), flowWrap(counts, inner, { x: 14, y: 5 })], { gap: 10 });
    },
    width,
    { padding: { x: 18, y: 16 }, stroke: COLOR.border, radius: 6 },
  );
}

/** "31.5 / 40" on one baseline, right-aligned, the percentage under it */
function scoreBlock(doc: Doc, score: string, max: string, percent: number, width: number): Block {
  const big = { font: FONT.bold, size: 24 };
  const small = { font: FONT.regular, size: 12 };
  const rest = ` / ${max}`;
  const measure = (style: { font: string; size: number }, content: string) => doc.font(style.font).fontSize(style.size).widthOfString(content);
  const percentText = label(doc, `${percent}%`, width, { font: FONT.regular, size: 9, color: COLOR.muted });
  return {
    width,
    height: 44,
    draw(x, y) {
      const right = x + width;
      const restWidth = measure(small, rest);
      const scoreWidth = measure(big, score);
      const baseline = y + 24;
      doc.font(big.font).fontSize(big.size).fillColor(COLOR.text);
      doc.text(score, right - restWidth - scoreWidth, baseline, { baseline: "alphabetic", lineBreak: false });
      doc.font(small.font).fontSize(small.size).fillColor(COLOR.muted);
      doc.text(rest, right - restWidth, baseline, { baseline: "alphabetic", lineBreak: false });
      percentText.draw(right - percentText.width, y + 30);
    },
  };
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
          label(doc, heading, inner, { font: FONT.bold, size: 10, color: colors.text }),
          ...entries.map((entry) => {
            const chip = codeChip(doc, entry.code, inner * 0.4, colors.chip, colors.text);
            return inline([chip, text(doc, entry.message, inner - chip.width - 6, { font: FONT.regular, size: 8.5, color: colors.text, maxLines: 8 })], 6);
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
    doc.save();
    doc.moveTo(PAGE.margin, y - 6).lineTo(PAGE.width - PAGE.margin, y - 6).lineWidth(0.5).stroke(COLOR.border);
    doc.restore();
    left.draw(PAGE.margin, y);
    page.draw(PAGE.width - PAGE.margin - page.width, y);
  }
}
