/**
 * The PDF reports read back with poppler, as a TA or a student checks them:
 * names in Chinese, Japanese, Korean, Hindi and Arabic print (each in a
 * font from npm, letters in logical order), item ids stay whole on one
 * line, names are never cut, no page holds only its footer, TA-only flags
 * stay out of the student's report, and the documents are tagged with a
 * structure that reads in the order of the page.
 */
import { foldedRows } from "../../src/report/view-model.ts";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect } from "vitest";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { renderPdf } from "../../src/report/pdf.ts";
import { buildClassSummary } from "../../src/report/summary.ts";
import { renderSummaryPdf } from "../../src/report/summary-pdf.ts";
import { isTaOnlyFlag } from "../../src/result/flags.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";
import { itWithPoppler, pdfFonts, pdfInfo, pdfPages, pdfStructText, pdfWords } from "./poppler.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ID = "hw3b-hyperparameter-optimization";
const FIXTURES = `${ROOT}fixtures/submissions/${ID}/`;
const AT = "2024-03-01T12:00:00.000Z";
/** the page's bottom margin in points (pdf.ts): below it there is only the running footer */
const BOTTOM_MARGIN = 60;

/** a Chinese, a Japanese, a Korean, a Hindi and an Arabic name */
const NAMES = ["张伟", "山田太郎", "김민준", "प्रिया शर्मा", "محمد علي"];
const FULL_NAME = NAMES.join(" ");
/** fits no item column, but one line across a row */
const LONG_ID = "t2.hyperparameter_search.learning_rate_schedule.val_accuracy[4][10]";
/** too long even for a row: it may break, but only after a "." or a "]" */
const PARTS = Array.from({ length: 12 }, (_, i) => `part_${i}_of_a_rather_long_path`);
const LONGEST_ID = `t9.${PARTS.join(".")}[3]`;

/**
 * text as a reader compares it: NFC, without the directional marks pdftotext
 * puts around right-to-left text, whitespace folded
 */
function readable(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function lines(pdf: Buffer): string[] {
  return pdfPages(pdf).flatMap((page) => page.split("\n").map(readable));
}

let assignment: Assignment;
/** every hw3b fixture, graded: the longest reports the built-in assignments make */
let results: GradeResult[];

function graded(name: string): GradeResult {
  const file = `${FIXTURES}${name}`;
  const submission = parseSubmission(readFileSync(file, "utf8"), file);
  return gradeSubmission(assignment, { student: { id: name.replace(/\.json$/, "") }, answers: submission.answers, source: name }, { scope: "all" });
}

function base(): GradeResult {
  const result = results.find((candidate) => candidate.student.id === "correct-numpy");
  if (!result) throw new Error("no correct-numpy fixture");
  return structuredClone(result);
}

const itemsOf = (result: GradeResult): ItemResult[] => result.tasks.flatMap((task) => task.items);

/** the items a report draws on rows of their own, in the report's order: folded runs of passes and unanswered items left out */
const rowItemsOf = (result: GradeResult): ItemResult[] =>
  result.tasks.flatMap((task) => {
    const { rows, unanswered } = foldedRows(task.items);
    return [...rows.flatMap((row) => (row.kind === "item" ? [row.item] : [])), ...(unanswered.length === 1 ? unanswered : [])];
  });

/** the correct hw3b result under the five names, with two of its ids made long */
function hostile(): GradeResult {
  const result = base();
  result.student = { id: "s7654321", name: FULL_NAME };
  const [first, second] = itemsOf(result);
  if (!first || !second) throw new Error("the result has too few items");
  first.id = LONG_ID;
  second.id = LONGEST_ID;
  // partial, so that each keeps a row of its own (a run of plain passes is folded into one row)
  first.status = "partial";
  second.status = "partial";
  return result;
}

beforeAll(async () => {
  assignment = await loadAssignment(ID);
  const names = readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json"))
    .sort();
  results = names.map(graded);
});

describe("pdf reports in every script", () => {
  itWithPoppler(["pdftotext", "pdffonts", "pdfinfo"], "print each name in its own script, in logical order, with a font for each script embedded", async () => {
    const pdf = await renderPdf(hostile(), { generatedAt: AT });
    expect(pdfInfo(pdf).Tagged).toBe("yes");
    const text = readable(pdfPages(pdf).join(" "));
    for (const name of NAMES) expect(text).toContain(name.normalize("NFC"));
    // the whole name reads in order on one line (the Devanagari through its ActualText, the Arabic through poppler's own reordering)
    expect(lines(pdf).some((line) => line.includes(FULL_NAME.normalize("NFC")))).toBe(true);
    const fonts = pdfFonts(pdf);
    for (const family of ["NotoSansSC", "NanumGothic", "NotoSansDevanagari", "NotoSansArabic", "DejaVuSans"]) {
      expect(fonts.some((font) => font.startsWith(family))).toBe(true);
    }
    expect(fonts.some((font) => /Helvetica|Times|Courier/.test(font))).toBe(false);
  });

  itWithPoppler(["pdftotext", "pdffonts"], "print the names in the class summary too", async () => {
    const flagged = hostile();
    flagged.flags = [{ code: "late", message: "submitted 3 minutes late" }];
    const pdf = await renderSummaryPdf(buildClassSummary([flagged, base()], assignment.plan.tasks.map((task) => task.id)), "hw3b · 班级", { generatedAt: AT });
    const text = readable(pdfPages(pdf).join(" "));
    for (const name of NAMES) expect(text).toContain(name.normalize("NFC"));
    expect(text).toContain("hw3b · 班级");
    const fonts = pdfFonts(pdf);
    for (const family of ["NotoSansSC", "NanumGothic", "NotoSansDevanagari", "NotoSansArabic"]) expect(fonts.some((font) => font.startsWith(family))).toBe(true);
  });

  itWithPoppler(["pdftotext"], "never cut a name: a long one wraps onto more lines, in the report and the summary", async () => {
    const result = base();
    const name = `${Array.from({ length: 14 }, (_, i) => `Vorname${i}`).join(" ")} 山田 Anna-Lena Müller-Lüdenscheidt`;
    result.student = { id: "s-long-name", name };
    result.flags = [{ code: "late", message: "submitted late" }];
    // lines break between words (never after a hyphen, which pdftotext would drop): compare without the spaces the breaks become
    const report = readable(pdfPages(await renderPdf(result, { generatedAt: AT })).join(" "));
    expect(report.replace(/ /g, "")).toContain(name.replace(/ /g, ""));
    const summary = readable(pdfPages(await renderSummaryPdf(buildClassSummary([result], assignment.plan.tasks.map((task) => task.id)), "hw3b", { generatedAt: AT })).join(" "));
    expect(summary.replace(/ /g, "")).toContain(name.replace(/ /g, ""));
  });
});

describe("pdf reports of the long hw3b results", () => {
  itWithPoppler(["pdftotext"], "keep every item id whole on one line, the long ones across their row", async () => {
    const result = hostile();
    const all = lines(await renderPdf(result, { generatedAt: AT }));
    const words = new Set(all.flatMap((line) => line.split(" ")));
    const ids = rowItemsOf(result)
      .map((item) => item.id)
      .filter((id) => id !== LONGEST_ID);
    expect(ids.length).toBeGreaterThan(5);
    expect(ids).toContain(LONG_ID);
    for (const id of ids) expect(words, id).toContain(id);
    // the one id longer than a row breaks between its parts, never inside one
    const pieces = all.filter((line) => line.includes("_of_a_rather_long_path"));
    for (const part of PARTS) expect(pieces.some((piece) => piece.split(/[.[]/).includes(part)), part).toBe(true);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces.slice(0, -1)) expect(piece).toMatch(/[.\]]$/);
    expect(pieces.join("")).toBe(LONGEST_ID);
  });

  itWithPoppler(["pdftotext"], "have no page that holds only its footer", async () => {
    for (const result of [...results, hostile()]) {
      const pdf = await renderPdf(result, { generatedAt: AT });
      const pages = pdfPages(pdf);
      // folded, hw3b's reports take two to six pages
      expect(pages.length).toBeGreaterThan(1);
      pdfWords(pdf).forEach((page, index) => {
        const content = page.words.filter((word) => word.yMax <= page.height - BOTTOM_MARGIN);
        expect(content.length, `${result.student.id}: page ${index + 1} of ${pages.length}`).toBeGreaterThan(0);
      });
      // the same, page by page as pdftotext -f n -l n prints it: more than the footer's line
      pages.forEach((page, index) => {
        const rest = page
          .split("\n")
          .map(readable)
          .filter((line) => line !== "" && !line.includes(`page ${index + 1} of ${pages.length}`));
        expect(rest.length, `${result.student.id}: page ${index + 1}`).toBeGreaterThan(0);
      });
    }
  });

  itWithPoppler(["pdftotext"], "never split a number, a key or a list of values inside itself, in any hw3b report", async () => {
    let checked = 0;
    for (const result of results) {
      const text = pdfPages(await renderPdf(result, { generatedAt: AT })).join("\n");
      // a line that goes on from a number, or a list, cut in the middle: "]", "," or a digit or two and a "," or a "]"
      expect(text, result.student.id).not.toMatch(/^(,|\]|[0-9]{1,2},|[0-9]\])/m);
      // the keys of every object answer drawn on a row of its own (hw3b's trials, its curves), whole
      const words = new Set(text.split(/[\s,[\]()]+/));
      const keysOf = (value: unknown): string[] =>
        Array.isArray(value) ? value.flatMap(keysOf) : value !== null && typeof value === "object" ? Object.keys(value).flatMap((key) => [key, ...keysOf((value as Record<string, unknown>)[key])]) : [];
      const keys = new Set(rowItemsOf(result).flatMap((item) => [...keysOf(item.received), ...keysOf(item.expected)]));
      for (const key of keys) expect(words, `${result.student.id}: ${key}`).toContain(key);
      checked += keys.size;
    }
    expect(checked).toBeGreaterThan(10);
  });

  itWithPoppler(["pdftotext"], "keep the closing note on the page of the last row, however long the report", async () => {
    const result = base();
    const [task] = result.tasks;
    const [first] = task?.items ?? [];
    if (!task || !first) throw new Error("the result has no items");
    // one-line rows, one more each time: some count puts the last row at the foot of a page
    // failing rows, each saying something else: a run of plain passes, or of failures that all say the same, would fold into one row
    const row = { ...first, status: "fail" as const, score: 0, diagnosis: null, feedback: undefined, plot: undefined, expected: 0.5, received: 0.4 };
    let lastPageRows = Number.POSITIVE_INFINITY;
    let firstPages: number | undefined;
    // until the report takes a second page, and a few rows more
    for (let count = 20, after = 0; count <= 120 && after < 3; count++) {
      const copy = structuredClone(result);
      copy.tasks = [{ ...task, items: Array.from({ length: count }, (_, i) => ({ ...row, id: `t1.row_${i}`, message: `differs by ${i}` })) }];
      const pages = pdfPages(await renderPdf(copy, { generatedAt: AT }));
      firstPages ??= pages.length;
      if (pages.length > firstPages) after++;
      const last = pages[pages.length - 1] ?? "";
      expect(last, `${count} rows`).toContain("nngrade/result@1");
      const rows = last.match(/t1\.row_\d+/g)?.length ?? 0;
      expect(rows, `${count} rows: the closing note's page has rows`).toBeGreaterThan(0);
      if (pages.length > firstPages) lastPageRows = Math.min(lastPageRows, rows);
    }
    // the loop did reach a new page, where the last row went along with the note
    expect(lastPageRows).toBe(1);
  });

  itWithPoppler(["pdftotext"], "leave the TA-only flags out of the student's report and keep them in the class summary", async () => {
    const result = base();
    result.flags = [
      { code: "identical-values", message: "the same value in cells that cannot share it" },
      { code: "late", message: "submitted 3 minutes late" },
    ];
    expect(isTaOnlyFlag({ code: "identical-values" })).toBe(true);
    expect(isTaOnlyFlag({ code: "late" })).toBe(false);
    const report = readable(pdfPages(await renderPdf(result, { generatedAt: AT })).join(" "));
    expect(report).toContain("submitted 3 minutes late");
    expect(report).not.toContain("identical-values");
    expect(report).not.toContain("cells that cannot share it");
    const summary = readable(pdfPages(await renderSummaryPdf(buildClassSummary([result], assignment.plan.tasks.map((task) => task.id)), "hw3b", { generatedAt: AT })).join(" "));
    expect(summary).toContain("identical-values");
    expect(summary).toContain("late");
  });
});

/** the texts of a struct-text dump in order, each with the element it sits under */
function structTexts(dump: string): { element: string; text: string }[] {
  const found: { element: string; text: string }[] = [];
  const open: { indent: number; name: string }[] = [];
  for (const line of dump.split("\n")) {
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trim();
    while (open.length > 0 && (open[open.length - 1] as { indent: number }).indent >= indent) open.pop();
    const quoted = /^"(.*)"$/.exec(trimmed);
    if (quoted) found.push({ element: open[open.length - 1]?.name ?? "", text: quoted[1] ?? "" });
    else if (/^[A-Z][A-Za-z0-9]*\b/.test(trimmed)) open.push({ indent, name: (/^[A-Za-z0-9]+/.exec(trimmed) as RegExpExecArray)[0] });
  }
  return found;
}

describe("tagged pdf reports", () => {
  itWithPoppler(["pdfinfo"], "say Tagged: yes, with the title as H1, a H2 per task, tables of TH and TD cells and figures with alt text", async () => {
    const result = base();
    // every item on a row of its own (partial passes do not fold), so that tables run over pages and repeat their header
    for (const item of itemsOf(result)) if (item.status === "pass") item.status = "partial";
    const pdf = await renderPdf(result, { generatedAt: AT });
    expect(pdfInfo(pdf).Tagged).toBe("yes");
    const dump = pdfStructText(pdf);
    expect(dump.split("\n")[0]).toBe("Document");
    const texts = structTexts(dump);
    const title = result.assignment_title ?? result.assignment;
    expect(readable(texts.filter((entry) => entry.element === "H1").map((entry) => entry.text).join(" "))).toBe(readable(title));
    // each task's heading, in the tasks' order
    const headings = texts.filter((entry) => entry.element === "H2").map((entry) => entry.text);
    const taskTitles = result.tasks.map((task) => task.title);
    expect(taskTitles.every((taskTitle) => headings.includes(taskTitle))).toBe(true);
    expect(headings.filter((heading) => taskTitles.includes(heading))).toEqual(taskTitles);
    // the column header once per table: on later pages it is an artifact
    const itemHeaders = texts.filter((entry) => entry.element === "TH" && entry.text === "ITEM");
    expect(itemHeaders).toHaveLength(result.tasks.length);
    expect(pdfPages(pdf).filter((page) => page.includes("ITEM")).length).toBeGreaterThan(result.tasks.length);
    // the running footer is pagination, not content
    expect(dump).not.toContain("page 1 of");
    // every plot is a Figure, each with its alt text
    const raw = pdf.toString("latin1");
    const figures = raw.match(/\/S \/Figure\b/g) ?? [];
    expect(figures.length).toBe(itemsOf(result).filter((item) => item.plot !== undefined).length);
    expect(figures.length).toBeGreaterThan(0);
    expect(raw.match(/\/S \/Figure\s*\/Alt \((?:[^)\\]|\\.)+\)/g) ?? []).toHaveLength(figures.length);
  });

  itWithPoppler(["pdfinfo", "pdftotext"], "read in the order of the page: items in the structure in the order the pages show them", async () => {
    const result = base();
    const pdf = await renderPdf(result, { generatedAt: AT });
    const ids = new Set(rowItemsOf(result).map((item) => item.id));
    const structOrder = structTexts(pdfStructText(pdf))
      .filter((entry) => entry.element === "TD" && ids.has(entry.text))
      .map((entry) => entry.text);
    // each id once, under its row's first cell
    expect(structOrder).toHaveLength(ids.size);
    // the order of the pages: page by page, top to bottom
    const pageOrder = pdfWords(pdf).flatMap((page) =>
      page.words
        .filter((word) => ids.has(word.text))
        .sort((a, b) => a.yMin - b.yMin)
        .map((word) => word.text),
    );
    expect(structOrder).toEqual(pageOrder);
    expect(structOrder).toEqual(rowItemsOf(result).map((item) => item.id));
  });

  itWithPoppler(["pdfinfo"], "tag the class summary too: its title, its sections and their tables", async () => {
    const summary = buildClassSummary(results, assignment.plan.tasks.map((task) => task.id));
    const pdf = await renderSummaryPdf(summary, "hw3b class of 2024", { generatedAt: AT });
    expect(pdfInfo(pdf).Tagged).toBe("yes");
    const texts = structTexts(pdfStructText(pdf));
    expect(texts.filter((entry) => entry.element === "H1").map((entry) => entry.text)).toEqual(["hw3b class of 2024"]);
    const sections = texts.filter((entry) => entry.element === "H2").map((entry) => entry.text);
    expect(sections).toEqual(["score distribution", "tasks", "pass rate per item", "most common diagnoses", "flagged submissions", "identical wrong answers", "students"].filter((section) => sections.includes(section)));
    expect(sections).toEqual(expect.arrayContaining(["score distribution", "tasks", "pass rate per item", "flagged submissions", "students"]));
    // every student a row of the students table, its id a cell
    expect(texts.filter((entry) => entry.element === "TD").map((entry) => entry.text)).toEqual(expect.arrayContaining(summary.students.map((student) => student.id)));
    expect(texts.filter((entry) => entry.element === "TD").map((entry) => entry.text)).toEqual(expect.arrayContaining(summary.items.map((item) => item.id)));
  });
});
