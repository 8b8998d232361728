import { errorStatus } from "../../src/report/csv.ts";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NngradeError } from "../../src/errors.ts";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { buildClassSummary, type ClassSummary, renderSummaryHtml } from "../../src/report/summary.ts";
import { renderSummaryPdf } from "../../src/report/summary-pdf.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";
import { flat, itWithPoppler, type PdfWord, pdfInfo, pdfPages, pdfStructText, pdfWords, renderPage } from "./poppler.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ID = "hw4-hyperparameters";
const FIXTURES = `${ROOT}fixtures/submissions/${ID}/`;
const AT = "2024-03-01T12:00:00.000Z";
const TITLE = "hw4 · Σ class of 2024";
/** the page's bottom margin in points (pdf.ts): content stays above it, the running footer sits in it */
const BOTTOM_MARGIN = 60;
/** as summary-html.ts: the page lists the 30 most common diagnoses */
const DIAGNOSES_SHOWN = 30;

const output = mkdtempSync(join(tmpdir(), "nngrade-summary-pdf-"));
afterAll(() => rmSync(output, { recursive: true, force: true }));

let taskIds: string[];
/** every fixture, graded; the malformed ones as a batch records them, with their error */
let fixtures: GradeResult[];
let small: ClassSummary;
let large: ClassSummary;
let largeResults: GradeResult[];

function gradeFixture(assignment: Awaited<ReturnType<typeof loadAssignment>>, name: string): GradeResult {
  const file = `${FIXTURES}${name}`;
  const student = { id: name.replace(/\.json$/, "") };
  try {
    const submission = parseSubmission(readFileSync(file, "utf8"), file);
    return gradeSubmission(assignment, { student, answers: submission.answers, source: name }, { scope: "all" });
  } catch (error) {
    if (!(error instanceof NngradeError)) throw error;
    return { schema: "nngrade/result@1", assignment: ID, student, score: 0, max_score: 60, tasks: [], flags: [], source: name, error: { code: error.code, message: error.message } };
  }
}

/**
 * 300 copies of a real graded result under other students: a spread of
 * scores, one wrong item each with one of 40 diagnoses (more than the page
 * lists), every third flagged, and the first item wrong with one of ten
 * values, so that ten groups of 30 students share a wrong answer.
 */
function syntheticResults(base: GradeResult): GradeResult[] {
  return Array.from({ length: 300 }, (_, k) => {
    const copy = structuredClone(base);
    copy.student = { id: `s${String(k).padStart(4, "0")}`, name: `Student ${k}` };
    copy.source = `s${String(k).padStart(4, "0")}.json`;
    copy.score = k % (base.max_score + 1);
    const items = copy.tasks.flatMap((task) => task.items);
    const [first] = items;
    const item = items[k % items.length];
    if (first === undefined || item === undefined) throw new Error("the base result has no items");
    // an integer is no sign of copying (isDistinctive): this wrong answer is not listed as shared
    item.status = "fail";
    item.received = k;
    first.status = "fail";
    first.received = 0.12345 + (k % 10) / 1000;
    item.diagnosis = { code: `mistake-${String(k % 40).padStart(2, "0")}`, message: `a synthetic mistake of kind ${k % 40}` };
    if (k % 3 === 0) copy.flags = [{ code: "late", message: `submitted ${k} minutes late` }];
    return copy;
  });
}

beforeAll(async () => {
  const assignment = await loadAssignment(ID);
  taskIds = assignment.plan.tasks.map((task) => task.id);
  const names = readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json"))
    .sort();
  fixtures = names.map((name) => gradeFixture(assignment, name));
  small = buildClassSummary(fixtures, taskIds);
  const base = fixtures.find((result) => result.student.id === "correct-numpy");
  if (base === undefined) throw new Error("no correct-numpy fixture");
  largeResults = syntheticResults(base);
  large = buildClassSummary(largeResults, taskIds);
});

function pageCount(pdf: Buffer): number {
  const match = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString("latin1"));
  if (!match) throw new Error("no page tree in the pdf");
  return Number(match[1]);
}

/** every word, with the words on its line: a table row read by position, whatever order pdftotext guesses for the cells */
function wordLines(pdf: Buffer): { word: PdfWord; line: string[] }[] {
  return pdfWords(pdf).flatMap((page) => page.words.map((word) => ({ word, line: page.words.filter((other) => Math.abs(other.yMin - word.yMin) < 1).map((other) => other.text) })));
}

/** an item's pass rate as the HTML page prints it, read from the HTML itself */
function htmlPassRate(html: string, itemId: string): string {
  const row = new RegExp(`<td class="item-id mono">${itemId.replace(/[.[\]]/g, "\\$&")}</td><td class="num">\\d+</td><td class="num pass-rate">([^<]*)</td>`).exec(html);
  if (!row?.[1]) throw new Error(`no row for ${itemId} in the html`);
  return row[1];
}

describe("renderSummaryPdf", () => {
  it("grades real fixtures into a summary with broken, flagged and diagnosed submissions", () => {
    // the test below needs all of these to mean anything
    expect(small.broken).toBeGreaterThanOrEqual(1);
    expect(small.flagged.some((f) => f.flags.length > 0)).toBe(true);
    expect(small.diagnoses.length).toBeGreaterThan(0);
    expect(small.items.some((item) => item.pass_rate > 0 && item.pass_rate < 1)).toBe(true);
  });

  it("renders the same bytes twice for the same generatedAt, and other bytes for another", async () => {
    const first = await renderSummaryPdf(small, TITLE, { generatedAt: AT });
    const again = await renderSummaryPdf(buildClassSummary([...fixtures].reverse(), taskIds), TITLE, { generatedAt: AT });
    expect(first.equals(again)).toBe(true);
    const later = await renderSummaryPdf(small, TITLE, { generatedAt: "2024-03-02T08:30:00.000Z" });
    expect(later.equals(first)).toBe(false);
    expect(first.toString("latin1").match(/\(D:20240301120000Z\)/g)).toHaveLength(2);
    const big = await renderSummaryPdf(large, TITLE, { generatedAt: AT });
    expect((await renderSummaryPdf(large, TITLE, { generatedAt: AT })).equals(big)).toBe(true);
  });

  it("refuses a generatedAt that is not a date", async () => {
    await expect(renderSummaryPdf(small, TITLE, { generatedAt: "yesterday" })).rejects.toThrow(/generatedAt: "yesterday" is not an iso date/);
  });

  it("is a pdf with the DejaVu fonts embedded and no Helvetica, the histogram included", async () => {
    const raw = (await renderSummaryPdf(small, TITLE, { generatedAt: AT })).toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw.trimEnd().endsWith("%%EOF")).toBe(true);
    for (const font of ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono"]) expect(raw).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${font}\\b`));
    // the histogram's axis labels go through svg-to-pdfkit, whose own fallback font is Helvetica
    expect(small.graded).toBeGreaterThan(0);
    expect(raw).not.toContain("Helvetica");
  });

  it("spreads a class of 300 over several pages (without poppler: the page tree)", async () => {
    expect(pageCount(await renderSummaryPdf(large, TITLE, { generatedAt: AT }))).toBeGreaterThan(pageCount(await renderSummaryPdf(small, TITLE, { generatedAt: AT })));
    expect(pageCount(await renderSummaryPdf(buildClassSummary([], taskIds), "empty", { generatedAt: AT }))).toBe(1);
  });
});

describe("renderSummaryPdf, read back with poppler", () => {
  itWithPoppler(["pdftotext"], "has the title, the counts, a flagged student, a diagnosis and each item's pass rate as the html prints it", async () => {
    const pdf = await renderSummaryPdf(small, TITLE, { generatedAt: AT });
    const text = flat(pdfPages(pdf).join(" "));
    expect(text).toContain(TITLE);
    expect(text).toContain(ID);
    const flagged = small.flagged.find((f) => f.flags.length > 0);
    expect(text).toContain(flagged?.student.id);
    expect(text).toContain(flagged?.flags[0]?.code);
    const broken = small.flagged.find((f) => f.error !== undefined);
    // in the gradebook's words ("unreadable"), as summary.html and gradebook.csv say it
    expect(text).toContain(errorStatus(broken!.error!.code));
    expect(errorStatus(broken!.error!.code)).not.toBe("not graded");
    for (const diagnosis of small.diagnoses) expect(text).toContain(diagnosis.code);
    // each item's row, read by position (the reading order of table cells is pdftotext's guess): its id, count and rate on one line
    const html = renderSummaryHtml(small, TITLE);
    const lines = wordLines(pdf);
    for (const item of small.items) {
      // an id may also be named in the diagnoses' table; its own row is the line with its rate
      const rate = htmlPassRate(html, item.id);
      const rows = lines.filter(({ word, line }) => word.text === item.id && line.includes(rate));
      expect(rows).toHaveLength(1);
      expect(rows[0]?.line).toContain(String(item.count));
    }
    for (const task of small.tasks) expect(text).toContain(task.title);
    // the header's counts, in the order the html gives them
    expect(text).toContain(`${small.count} ${small.graded} ${small.broken}`);
    expect(text).toContain("no wrong answer was given identically by several students");
  });

  itWithPoppler(["pdftotext"], "breaks every table of a class of 300 across pages, each row once, header repeated, inside the margins", async () => {
    const pdf = await renderSummaryPdf(large, TITLE, { generatedAt: AT });
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBe(pageCount(pdf));
    const all = pages.join("\n");
    // every student once by name in the students table, and the flagged ones once more in theirs
    const flagged = new Set(largeResults.filter((r) => r.flags.length > 0).map((r) => r.student.name));
    expect(flagged.size).toBe(100);
    for (const result of largeResults) {
      const name = result.student.name ?? "";
      expect(flat(all).match(new RegExp(`\\b${name}\\b`, "g")) ?? []).toHaveLength(flagged.has(name) ? 2 : 1);
    }
    const flaggedPages = pages.filter((page) => /submitted \d+ minutes late/.test(page));
    expect(flaggedPages.length).toBeGreaterThan(1);
    expect(flat(all).match(/submitted \d+ minutes late/g)).toHaveLength(100);
    for (const page of flaggedPages.slice(1)) expect(flat(page)).toContain("flagged submissions (continued)");
    // the 30 most common of the 40 diagnoses, and a line for the other ten
    expect(large.diagnoses).toHaveLength(40);
    const shownCodes = new Set(flat(all).match(/mistake-\d\d/g));
    expect(shownCodes.size).toBe(DIAGNOSES_SHOWN);
    expect(flat(all)).toContain(`and ${40 - DIAGNOSES_SHOWN} less common ones`);
    // ten groups of 30 students gave the same wrong value: each on one row with its count, the first 20 named
    expect(large.shared_wrong_answers).toHaveLength(10);
    const words = wordLines(pdf);
    for (const shared of large.shared_wrong_answers) {
      expect(shared.students).toHaveLength(30);
      const row = words.filter(({ word }) => word.text === shared.preview);
      expect(row).toHaveLength(1);
      expect(row[0]?.line).toEqual(expect.arrayContaining([shared.item, "30", `${shared.students[0]},`]));
      expect(flat(all)).toContain(`${shared.students.slice(0, 20).join(", ")} and 10 more`);
    }
    // nothing runs into the bottom margin but the running footer, "page i of n"
    pdfWords(pdf).forEach((page, index, layout) => {
      const footer = page.words.filter((word) => word.yMin > page.height - BOTTOM_MARGIN);
      expect(footer.map((word) => word.text).join(" ")).toContain(`page ${index + 1} of ${layout.length}`);
      const content = page.words.filter((word) => word.yMin <= page.height - BOTTOM_MARGIN);
      expect(Math.max(...content.map((word) => word.yMax))).toBeLessThanOrEqual(page.height - BOTTOM_MARGIN);
    });
  });

  itWithPoppler(["pdftotext", "pdfinfo"], "lists every student as summary.html does, tagged as a table: id, name and score on one row, a broken one's status word", async () => {
    const pdf = await renderSummaryPdf(large, TITLE, { generatedAt: AT });
    const lines = wordLines(pdf);
    expect(large.students).toHaveLength(300);
    for (const student of large.students) {
      const [word, number] = (student.name ?? "").split(" ");
      // the one line that holds the id with the name and the score (the flagged table puts the name above the id)
      const rows = lines.filter(({ word: id, line }) => id.text === student.id && line.includes(word ?? "") && line.includes(number ?? ""));
      expect(rows, student.id).toHaveLength(1);
      expect(rows[0]?.line.join(" "), student.id).toContain(`${student.id} ${student.name} ${student.score} / ${student.max_score}`);
    }
    const pages = pdfPages(pdf);
    expect(pages.filter((page) => page.includes("students (continued)")).length).toBeGreaterThan(1);
    // tagged: a TH per column, each id a TD
    const dump = pdfStructText(pdf);
    const afterHeader = dump.slice(dump.lastIndexOf('"NAME"'));
    expect(dump).toMatch(/TH:\s*\/Scope \/Column\s*"STUDENT"\s*TH:\s*\/Scope \/Column\s*"NAME"\s*TH:\s*\/Scope \/Column\s*"SCORE"/);
    const cells = [...afterHeader.matchAll(/TD\s*"([^"]*)"/g)].map((match) => match[1]);
    for (const student of large.students) expect(cells[cells.indexOf(student.id) + 1], student.id).toBe(student.name);

    // the real fixtures: the broken ones say why, in the gradebook's words, where the others have a score
    const fixturesPdf = await renderSummaryPdf(small, TITLE, { generatedAt: AT });
    const fixtureLines = wordLines(fixturesPdf);
    const broken = small.students.filter((student) => student.error !== undefined);
    expect(broken.length).toBeGreaterThanOrEqual(1);
    for (const student of small.students) {
      const rows = fixtureLines.filter(({ word }) => word.text === student.id);
      const expected = student.score === null ? errorStatus(student.error?.code ?? "").split(" ")[0] : `${student.score}`;
      expect(
        rows.some(({ line }) => line.includes(expected ?? "")),
        student.id,
      ).toBe(true);
    }
  });

  itWithPoppler(["pdftotext", "pdfinfo"], "draws student text as text: pdf syntax in an id, a name or a flag is shown, not obeyed", async () => {
    const hostile = ") Tj ET /OpenAction << /S /JavaScript /JS (app.alert(1)) >> (";
    const result = structuredClone(fixtures.find((r) => r.student.id === "correct-numpy") as GradeResult);
    result.student = { id: `s1\n${hostile}`, name: `Eve\u202E${hostile}` };
    result.flags = [{ code: "odd", message: `flag ${hostile}` }];
    const pdf = await renderSummaryPdf(buildClassSummary([result], taskIds), `class\n${hostile}`, { generatedAt: AT });
    expect(pdfInfo(pdf).Title).toBe(`class ${hostile} · class summary`);
    const text = flat(pdfPages(pdf).join(" "));
    expect(text).toContain("s1 ) Tj ET /OpenAction");
    expect(text).toContain(`flag ${hostile}`);
    expect(text).not.toContain("\u202E");
    expect(pdf.toString("latin1")).not.toMatch(/\/OpenAction\s*<</);
  });

  itWithPoppler(["pdftotext"], "renders an empty class on one page, saying what there is none of", async () => {
    const pages = pdfPages(await renderSummaryPdf(buildClassSummary([], taskIds), "empty", { generatedAt: AT }));
    expect(pages).toHaveLength(1);
    const text = flat(pages[0] ?? "");
    expect(text).toContain("no diagnoses");
    expect(text).toContain("no flagged submissions");
    expect(text).toContain("no submissions");
    expect(text).not.toContain("score distribution");
  });

  itWithPoppler(["pdftoppm"], "renders page 1 to a png", async () => {
    const file = join(output, "summary.pdf");
    writeFileSync(file, await renderSummaryPdf(small, TITLE, { generatedAt: AT }));
    const png = renderPage(file, 1, 50, join(output, "summary-page-1"));
    expect(statSync(png).size).toBeGreaterThan(0);
    expect(readFileSync(png).subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});
