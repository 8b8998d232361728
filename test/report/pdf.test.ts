import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { formatNumber, formatScalar } from "../../src/report/format.ts";
import { renderPdf } from "../../src/report/pdf.ts";
import type { GradeResult, ItemResult, TaskResult } from "../../src/result/types.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";
import type { Value } from "../../src/value.ts";
import { flat, itWithPoppler, pdfInfo, pdfLayoutText, pdfPages, pdfStructText, pdfWords, renderPage } from "./poppler.ts";
import { sampleResult } from "./sample-result.ts";

const output = mkdtempSync(join(tmpdir(), "nngrade-pdf-"));
afterAll(() => rmSync(output, { recursive: true, force: true }));

const AT = "2024-03-01T12:00:00.000Z";
const MATH = "αβγ ∂∑√≤± Ωμέγα";
const ODD_VALUE = 0.123456789;
/** the page's bottom margin in points (pdf.ts): content stays above it, the running footer sits in it */
const BOTTOM_MARGIN = 60;

/** the sample, with a student name, a message and a value a Latin-1 font could not show */
function mathResult(): GradeResult {
  const result = structuredClone(sampleResult);
  result.student = { id: "s7654321", name: "Σοφία Ωμέγα" };
  const q4 = result.tasks[3];
  const extrema = q4?.items[1];
  if (!q4 || !extrema) throw new Error("sample has no q4.extrema");
  extrema.message = MATH;
  extrema.received = ODD_VALUE;
  return result;
}

/** `tasks` tasks of `perTask` short items each, to fill several pages */
function bigResult(tasks: number, perTask: number): GradeResult {
  const taskList: TaskResult[] = Array.from({ length: tasks }, (_, t) => {
    // a failure every fifth item: no run of passes long enough to fold (view-model.ts FOLD_RUN), so every row is drawn
    const items: ItemResult[] = Array.from({ length: perTask }, (_, i) => ({
      id: `t${t}.item_${i}`,
      status: i % 5 === 3 ? "fail" : "pass",
      score: i % 5 === 3 ? 0 : 1,
      max_score: 1,
      diagnosis: null,
      message: i % 5 === 3 ? "differs from the reference by more than the tolerance" : "matches the reference",
      visibility: "visible",
      expected: [i, i + 0.5],
      received: [i, i % 5 === 3 ? i : i + 0.5],
    }));
    const score = items.reduce((total, item) => total + item.score, 0);
    return { id: `t${t}`, title: `task number ${t}`, score, max_score: items.length, items };
  });
  return {
    schema: "nngrade/result@1",
    assignment: "big",
    student: { id: "s-big", name: "Many Items" },
    score: taskList.reduce((total, task) => total + task.score, 0),
    max_score: taskList.reduce((total, task) => total + task.max_score, 0),
    tasks: taskList,
    flags: [],
    generated_at: AT,
  };
}

function unreadable(): GradeResult {
  return { ...structuredClone(sampleResult), tasks: [], flags: [], score: 0, error: { code: "submission-parse", message: "s.json:3:14: unexpected token" } };
}

function pageCount(pdf: Buffer): number {
  const match = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString("latin1"));
  if (!match) throw new Error("no page tree in the pdf");
  return Number(match[1]);
}

/** no text runs into the bottom margin: below the content there is only the footer, "page i of n" */
function expectInsideMargins(pdf: Buffer): void {
  const layout = pdfWords(pdf);
  layout.forEach((page, index) => {
    const footer = page.words.filter((word) => word.yMin > page.height - BOTTOM_MARGIN);
    expect(footer.map((word) => word.text).join(" ")).toContain(`page ${index + 1} of ${layout.length}`);
    const content = page.words.filter((word) => word.yMin <= page.height - BOTTOM_MARGIN);
    expect(Math.max(...content.map((word) => word.yMax))).toBeLessThanOrEqual(page.height - BOTTOM_MARGIN);
  });
}

/** one item with every part at its longest: message, diagnosis, feedback, a wide matrix, a nested object, a plot */
function crowdedResult(): GradeResult {
  const result = bigResult(1, 2);
  const words = (word: string, count: number) => Array.from({ length: count }, () => word).join(" ");
  const crowded: ItemResult = {
    id: `t0.${"very_long_name_".repeat(6)}`,
    status: "ecf",
    score: 0,
    max_score: 1,
    diagnosis: { code: "transposed", message: words("diagnosis", 200) },
    message: words("message", 300),
    feedback: words("feedback", 300),
    visibility: "visible",
    received: Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`key_${k}`, { inner: [[1, 2], [3, 4]], text: "z".repeat(200) }])),
    expected: Array.from({ length: 12 }, (_, r) => Array.from({ length: 12 }, (_, c) => r * 1234.56789 + c * 1e-7)),
    plot: { kind: "curve", expected: Array.from({ length: 50 }, (_, i) => i * i), received: Array.from({ length: 50 }, (_, i) => i * i + 1), label: "J" },
  };
  result.tasks[0]?.items.splice(1, 0, crowded);
  return result;
}

/** hw3b's correct submission, graded: its t4.trials is a list of ten records, its t4.best_curves two curves of 100 values */
async function hw3bResult(): Promise<GradeResult> {
  const assignment = await loadAssignment("hw3b-hyperparameter-optimization");
  const file = new URL("../../fixtures/submissions/hw3b-hyperparameter-optimization/correct-numpy.json", import.meta.url);
  const submission = parseSubmission(readFileSync(file, "utf8"), "correct-numpy.json");
  return gradeSubmission(assignment, { student: { id: "correct-numpy" }, answers: submission.answers, source: "correct-numpy.json" }, { scope: "all" });
}

/** pdftotext's words, brackets, commas and parentheses taken off: a number split across lines is in here as two pieces */
function wordsOf(text: string): Set<string> {
  return new Set(text.split(/[\s,[\]()]+/).filter((word) => word !== ""));
}

/** the start of a line that continues a number or a list cut in the middle (the reviewer's grep) */
const BROKEN_LINE = /^(,|\]|[0-9]{1,2},|[0-9]\])/m;

const pageWith = (pages: string[], needle: string) => pages.findIndex((page) => flat(page).includes(needle));

describe("renderPdf", () => {
  it("renders the same bytes twice for the same generatedAt, and other bytes for another", async () => {
    const first = await renderPdf(sampleResult, { generatedAt: AT });
    const second = await renderPdf(structuredClone(sampleResult), { generatedAt: AT });
    expect(first.equals(second)).toBe(true);
    const later = await renderPdf(sampleResult, { generatedAt: "2024-03-02T08:30:00.000Z" });
    expect(later.equals(first)).toBe(false);
    // the date is the one given, as creation and modification date
    expect(first.toString("latin1").match(/\(D:20240301120000Z\)/g)).toHaveLength(2);
    expect(later.toString("latin1")).toContain("(D:20240302083000Z)");
  });

  it("refuses a generatedAt that is not a date", async () => {
    await expect(renderPdf(sampleResult, { generatedAt: "yesterday" })).rejects.toThrow(/generatedAt: "yesterday" is not an iso date/);
  });

  it("is a pdf with the DejaVu fonts embedded and no Helvetica, plots included", async () => {
    const pdf = await renderPdf(mathResult(), { generatedAt: AT });
    const raw = pdf.toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw.trimEnd().endsWith("%%EOF")).toBe(true);
    for (const font of ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono"]) expect(raw).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${font}\\b`));
    // the sample has curve plots: their labels must not fall back to the library's Helvetica either
    expect(sampleResult.tasks.some((task) => task.items.some((item) => item.plot))).toBe(true);
    expect(raw).not.toContain("Helvetica");
  });

  it("breaks a long result over several pages (without poppler: the page tree)", async () => {
    const small = bigResult(1, 3);
    const big = bigResult(4, 50);
    expect(pageCount(await renderPdf(small, { generatedAt: AT }))).toBe(1);
    expect(pageCount(await renderPdf(big, { generatedAt: AT }))).toBeGreaterThan(3);
  });

  it("renders a submission that could not be graded on one page", async () => {
    expect(pageCount(await renderPdf(unreadable(), { generatedAt: AT }))).toBe(1);
  });
});

describe("renderPdf, read back with poppler", () => {
  itWithPoppler(["pdftotext"], "has real text: student, task titles, greek and math symbols, values formatted as in the html", async () => {
    const result = mathResult();
    const text = flat(pdfPages(await renderPdf(result, { generatedAt: AT })).join(" "));
    expect(text).toContain("s7654321");
    expect(text).toContain("Σοφία Ωμέγα");
    for (const task of result.tasks) expect(text).toContain(task.title);
    expect(text).toContain(MATH);
    expect(text).toContain(formatNumber(ODD_VALUE));
    expect(text).not.toContain(String(ODD_VALUE));
    // the hidden item shows no expected value, and says so
    expect(text).toContain("hidden");
    // plot labels are text too
    expect(text).toContain("your answer");
  });

  itWithPoppler(["pdftotext"], "puts later items on later pages, repeats the table header, keeps rows whole and inside the margins", async () => {
    const result = bigResult(4, 50);
    const pdf = await renderPdf(result, { generatedAt: AT });
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(3);
    const first = pageWith(pages, "t0.item_0 ");
    const last = pageWith(pages, "t3.item_49");
    expect(first).toBe(0);
    expect(last).toBeGreaterThan(first);
    expect(last).toBe(pages.length - 1);
    for (const page of pages.filter((text) => /t\d\.item_\d/.test(text))) {
      // the column header is repeated on every page that holds items
      expect(page).toContain("YOUR ANSWER");
      // no row is split: each id on the page has its message and both its values on the same page
      const idsHere = page.match(/t\d\.item_\d+/g)?.length ?? 0;
      expect(flat(page).match(/matches the reference|differs from the reference/g)?.length).toBe(idsHere);
      expect(page.match(/\[\d+, \d+(\.5)?\]/g)?.length).toBe(2 * idsHere);
    }
    expectInsideMargins(pdf);
    // every item is there exactly once
    const ids = pages.join("\n").match(/t\d\.item_\d+/g) ?? [];
    expect(new Set(ids).size).toBe(200);
    expect(ids).toHaveLength(200);
    expect(flat(pages.slice(1).join(" "))).toContain("(continued)");
  });

  itWithPoppler(["pdftotext"], "folds a task's unanswered items into one row at its end, and a run of plain passes into one row, as the HTML report does", async () => {
    const result = bigResult(1, 12);
    const task = result.tasks[0]!;
    task.items = task.items.map((item, i) =>
      i >= 4 ? { ...item, status: "missing" as const, score: 0, message: `no answer at answers.t0.item_${i}`, received: undefined } : { ...item, status: "pass" as const, score: 1 },
    );
    // six plain passes in a row fold (view-model.ts FOLD_RUN): four here, so each keeps its row; eight unanswered fold
    const text = flat(pdfPages(await renderPdf(result, { generatedAt: AT })).join(" "));
    expect(text).toContain("8 items not answered");
    expect(text).toContain("t0.item_4, t0.item_5, t0.item_6, t0.item_7, t0.item_8, t0.item_9 and 2 more");
    expect(text).not.toContain("no answer at answers.t0.item_5");
    for (const i of [0, 1, 2, 3]) expect(text).toContain(`t0.item_${i} `);
    const passes = bigResult(1, 12);
    passes.tasks[0]!.items = passes.tasks[0]!.items.map((item) => ({ ...item, status: "pass" as const, score: 1, message: "matches the reference" }));
    const folded = flat(pdfPages(await renderPdf(passes, { generatedAt: AT })).join(" "));
    expect(folded).toContain("12 items pass");
    expect(folded).toContain("t0.item_0 to t0.item_11");
    expect(folded).toContain("12 / 12");
    // failures that all say the same fold too, saying it once
    const same = bigResult(1, 12);
    same.tasks[0]!.items = same.tasks[0]!.items.map((item) => ({ ...item, status: "fail" as const, score: 0, message: "the cells are not graded" }));
    const failures = flat(pdfPages(await renderPdf(same, { generatedAt: AT })).join(" "));
    expect(failures).toContain("12 items: the cells are not graded");
    expect(failures.match(/the cells are not graded/g)).toHaveLength(1);
  });

  itWithPoppler(["pdftotext"], "keeps a crowded item whole on one page, inside the margins", async () => {
    const pdf = await renderPdf(crowdedResult(), { generatedAt: AT });
    expectInsideMargins(pdf);
    const pages = pdfPages(pdf);
    const crowded = pages.findIndex((page) => page.includes("very_long_name_"));
    expect(crowded).toBeGreaterThanOrEqual(0);
    // its cut-off parts say so, and its plot is drawn on the same page
    expect(pages[crowded]).toContain("more entries");
    expect(pages[crowded]).toContain("your answer");
  });

  itWithPoppler(["pdftotext", "pdfinfo"], "draws student text as text: pdf syntax in a name or id is shown, not obeyed", async () => {
    const result = structuredClone(sampleResult);
    const hostile = ") Tj ET /OpenAction << /S /JavaScript /JS (app.alert(1)) >> (";
    result.student = { id: `s1\n${hostile}`, name: `Eve\n${hostile}\u202Eabc` };
    const pdf = await renderPdf(result, { generatedAt: AT });
    expect(pdfInfo(pdf).Title).toBe(`${result.assignment_title} · s1 ${hostile}`);
    const text = flat(pdfPages(pdf).join(" "));
    // the newline becomes a space and the bidi override is dropped
    expect(text).toContain("Eve ) Tj ET");
    expect(text).not.toContain("\u202E");
    expect(pdf.toString("latin1")).not.toMatch(/\/OpenAction\s*<</);
  });

  itWithPoppler(["pdftotext"], "draws emoji, which no bundled font has, as stand-ins measured as drawn: the rest of the name prints and nothing overlaps it", async () => {
    const result = structuredClone(sampleResult);
    result.student = { id: "s1234567", name: "Emma 🎉👩‍🔬 Emoji" };
    const pdf = await renderPdf(result, { generatedAt: AT });
    const text = flat(pdfPages(pdf).join(" "));
    // one stand-in for each emoji, the ZWJ sequence 👩‍🔬 being one
    expect(text).toContain("Emma \ufffd\ufffd Emoji s1234567");
    const [page] = pdfWords(pdf);
    const words = page?.words ?? [];
    const name = words.filter((word) => ["Emma", "Emoji"].includes(word.text));
    const id = words.find((word) => word.text === "s1234567");
    expect(name).toHaveLength(2);
    expect(id).toBeDefined();
    // the id is on the name's line, after it, and clear of it
    expect(id!.yMin).toBeLessThan(name[1]!.yMax);
    expect(id!.xMin).toBeGreaterThan(name[1]!.xMax + 4);
    // no two words on the header's lines overlap
    const header = words.filter((word) => word.yMax <= id!.yMax + 2);
    for (const [i, a] of header.entries()) {
      for (const b of header.slice(i + 1)) {
        const sameLine = a.yMin < b.yMax - 1 && b.yMin < a.yMax - 1;
        if (sameLine) expect(a.xMax <= b.xMin + 0.5 || b.xMax <= a.xMin + 0.5, `${a.text} / ${b.text}`).toBe(true);
      }
    }
  });

  itWithPoppler(["pdftotext"], "composes a name written in decomposed Unicode (NFD), so it reads back whole", async () => {
    const name = "José Núñez";
    const decomposed = name.normalize("NFD");
    expect(decomposed).not.toBe(name);
    const result = structuredClone(sampleResult);
    result.student = { id: "s-nfd", name: decomposed };
    // pdftotext's own text, not normalised here: it must hold the composed letters
    const text = flat(pdfPages(await renderPdf(result, { generatedAt: AT })).join(" "));
    expect(text).toContain(`${name} s-nfd`);
  });

  itWithPoppler(["pdftotext", "pdfinfo"], "never splits a number or a key of hw3b's trials and curves: each appears whole, the trials a tagged table under their keys", async () => {
    const result = await hw3bResult();
    const item = (id: string) => result.tasks.flatMap((task) => task.items).find((candidate) => candidate.id === id);
    const trials = item("t4.trials");
    const curves = item("t4.best_curves");
    expect(Array.isArray(trials?.received) && trials.received.length).toBe(10);
    const pdf = await renderPdf(result, { generatedAt: AT });
    const text = pdfPages(pdf).join("\n");
    expect(text).not.toMatch(BROKEN_LINE);
    const words = wordsOf(text);
    // your answer's and the expected table, each with its keys as column headers
    expect(pdfInfo(pdf).Tagged).toBe("yes");
    expect(pdfStructText(pdf).match(/TH:\s*\/Scope \/Column\s*"val_accuracy"/g)).toHaveLength(2);
    for (const value of [trials?.received, trials?.expected]) {
      const records = value as Record<string, Value>[];
      for (const record of records) {
        for (const [key, field] of Object.entries(record)) {
          expect(words, key).toContain(key);
          expect(words, `${key}: ${formatScalar(field)}`).toContain(formatScalar(field));
        }
      }
    }
    // each curve by its key, its first and last values
    for (const value of [curves?.received, curves?.expected]) {
      for (const [key, curve] of Object.entries(value as Record<string, number[]>)) {
        expect(words, key).toContain(key);
        expect(words).toContain(formatNumber(curve[0] as number));
        expect(words).toContain(formatNumber(curve[curve.length - 1] as number));
      }
    }
  });

  itWithPoppler(["pdftotext"], "never splits a long key or the numbers beside it, however narrow its column", async () => {
    const result = bigResult(1, 2);
    const [first] = result.tasks[0]?.items ?? [];
    if (!first) throw new Error("no item");
    const value = { learning_rate_schedule: [0.123456, -0.234567, 0.345678], a_rather_long_key_for_a_value: -0.00123457, nested: { momentum_coefficient: 0.987654 } };
    Object.assign(first, { status: "fail", score: 0, received: value, expected: value });
    const text = pdfPages(await renderPdf(result, { generatedAt: AT })).join("\n");
    expect(text).not.toMatch(BROKEN_LINE);
    const words = wordsOf(text);
    for (const key of ["learning_rate_schedule", "a_rather_long_key_for_a_value", "nested", "momentum_coefficient"]) expect(words, key).toContain(key);
    for (const number of ["0.123456", "-0.234567", "0.345678", "-0.00123457", "0.987654"]) expect(words, number).toContain(number);
  });

  itWithPoppler(["pdftotext"], "prints a short vector on one line, and a long one shortened as the HTML does, on one line", async () => {
    const result = bigResult(1, 3);
    const [short, gradB, long] = result.tasks[0]?.items ?? [];
    if (!short || !gradB || !long) throw new Error("no items");
    // hw4's q3.grad_b, and a vector too long for any one line
    const longVector = Array.from({ length: 12 }, (_, i) => -1.23456789 * (i + 1) * 1000);
    Object.assign(short, { received: [0.1, -0.2, 0.3], expected: [0.1, -0.2, 0.3] });
    Object.assign(gradB, { received: [-0.499381, -0.250309, 0.749691], expected: [-0.499381, -0.250309, 0.749691] });
    Object.assign(long, { received: longVector, expected: longVector });
    const lines = pdfLayoutText(await renderPdf(result, { generatedAt: AT })).split("\n");
    const onOneLine = (needle: string) => lines.filter((line) => line.includes(needle)).length;
    // your answer and the expected one, each whole on a line
    expect(lines.filter((line) => line.includes("[0.1, -0.2, 0.3]")).flatMap((line) => line.match(/\[0\.1, -0\.2, 0\.3\]/g) ?? [])).toHaveLength(2);
    expect(lines.filter((line) => line.includes("[-0.499381, -0.250309, 0.749691]")).flatMap((line) => line.match(/\[-0\.499381, -0\.250309, 0\.749691\]/g) ?? [])).toHaveLength(2);
    // no line holds a lone piece of either
    expect(onOneLine("-0.250309")).toBe(onOneLine("[-0.499381, -0.250309, 0.749691]"));
    // the long one: its first values, "…", its last and its count, on one line, twice
    const [head, last] = [formatNumber(longVector[0] as number), formatNumber(longVector[11] as number)];
    const shortened = new RegExp(`\\[${head.replace(".", "\\.")}, [^\\]]*…, ${last.replace(".", "\\.")}\\] \\(12 values\\)`, "g");
    expect(lines.flatMap((line) => line.match(shortened) ?? [])).toHaveLength(2);
  });

  itWithPoppler(["pdftotext"], "shows why a submission could not be graded", async () => {
    const text = flat(pdfPages(await renderPdf(unreadable(), { generatedAt: AT })).join(" "));
    expect(text).toContain("this submission could not be graded");
    expect(text).toContain("submission-parse s.json:3:14: unexpected token");
    expect(text).toContain(`0 / ${sampleResult.max_score}`);
  });

  itWithPoppler(["pdftoppm"], "renders page 1 to a png", async () => {
    const file = join(output, "sample.pdf");
    writeFileSync(file, await renderPdf(sampleResult, { generatedAt: AT }));
    const png = renderPage(file, 1, 50, join(output, "sample-page-1"));
    expect(statSync(png).size).toBeGreaterThan(0);
    expect(readFileSync(png).subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});
