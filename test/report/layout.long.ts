/**
 * The HTML reports as Chromium lays them out, at 1280 and 1920 pixels wide:
 * your answer and the expected one never cover each other (hw4's and hlcv's
 * transposed matrices, a hostile report's long unbroken strings), every cell
 * of a value can be scrolled to inside its own box, the items table fits its
 * card (the expected column is never pushed out of it), every scroll region
 * can be reached from the keyboard and has a name, a vector is one line (a
 * long one shortened to "[a, b, c, …, z] (N values)" too), a long report
 * (hw3b) folds its runs of passes and its unanswered items, and the class
 * summary's tables fit their cards whatever a student's name or id is.
 * Needs /usr/bin/chromium (or NNGRADE_CHROMIUM): see chromium.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { renderHtml } from "../../src/report/html.ts";
import { buildClassSummary, renderSummaryHtml } from "../../src/report/summary.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { loadSubmission } from "../../src/rubric/submission-file.ts";
import type { Value } from "../../src/value.ts";
import { REPO_ROOT } from "../helpers/cli.ts";
import { FOLD_RUN } from "../../src/report/view-model.ts";
import { launchChromium, needChromium } from "./chromium.ts";
import { gradeClass, gradeFixture, hostileResult } from "./graded-reports.ts";

/** the page's DOM as the measuring functions use it (the tests compile without the "dom" lib); they run in the page */
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface El {
  tagName: string;
  className: string;
  textContent: string | null;
  scrollWidth: number;
  scrollHeight: number;
  clientWidth: number;
  scrollLeft: number;
  children: ArrayLike<El>;
  previousElementSibling: El | null;
  open: boolean;
  getBoundingClientRect(): Rect;
  getClientRects(): ArrayLike<Rect>;
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<El>; documentElement: El };
declare function getComputedStyle(node: El): { overflowX: string; overflowY: string; lineHeight: string };
declare const window: { innerWidth: number };

const WIDTHS = [1280, 1920];

/** what one look at a page found wrong, and how much it looked at (a check that measured nothing proves nothing) */
interface Layout {
  problems: string[];
  pairs: number;
  valueCells: number;
  tableCells: number;
  scrollRegions: number;
  vectors: number;
  /** the long ones among them, shortened to "[a, b, c, …, z] (N values)" */
  longVectors: number;
}

/**
 * Runs in the page, as it opens, or with every folded line opened so that
 * folded rows are measured too. The slack of half a pixel is sub-pixel
 * rounding, no more.
 */
function measure(opened: boolean): Layout {
  const found: Layout = { problems: [], pairs: 0, valueCells: 0, tableCells: 0, scrollRegions: 0, vectors: 0, longVectors: 0 };
  const all = (root: { querySelectorAll(selector: string): ArrayLike<El> }, selector: string) => Array.from(root.querySelectorAll(selector));
  for (const details of all(document, "details")) details.open = opened;
  const itemOf = (node: El) => {
    let row = node.closest("tr");
    while (row !== null && row.getAttribute("data-item-id") === null) row = row.previousElementSibling;
    return row?.getAttribute("data-item-id") ?? "(no item)";
  };
  const overlap = (a: Rect, b: Rect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  // your answer and the expected one, beside each other or one above the other, never on each other
  for (const pair of all(document, ".value-pair")) {
    const blocks = Array.from(pair.children).map((block) => block.getBoundingClientRect());
    found.pairs++;
    if (blocks.length !== 2) found.problems.push(`${itemOf(pair)}: ${blocks.length} value blocks`);
    else if (overlap(blocks[0] as Rect, blocks[1] as Rect)) found.problems.push(`${itemOf(pair)}: your answer and the expected one overlap`);
  }
  // a value in a column stays in its cell
  for (const cell of all(document, "td.value")) {
    const box = cell.getBoundingClientRect();
    for (const child of Array.from(cell.children)) {
      const inner = child.getBoundingClientRect();
      if (inner.right > box.right + 0.5 || inner.left < box.left - 0.5) found.problems.push(`${itemOf(cell)}: a value runs out of its column`);
    }
  }
  // every cell of a value (the expected matrix's last column too) lies where its box can scroll to, and the box in its card
  for (const scroller of all(document, ".value-scroll")) {
    const box = scroller.getBoundingClientRect();
    const card = scroller.closest(".task")?.getBoundingClientRect();
    if (card === undefined || box.right > card.right + 0.5 || box.left < card.left - 0.5) found.problems.push(`${itemOf(scroller)}: a value box sticks out of its card`);
    const start = box.left - scroller.scrollLeft;
    for (const cell of all(scroller, "td, th, .vector > span, .abbreviated")) {
      const inner = cell.getBoundingClientRect();
      found.valueCells++;
      if (inner.left < start - 0.5 || inner.right > start + scroller.scrollWidth + 0.5) found.problems.push(`${itemOf(scroller)}: a cell cannot be scrolled to`);
    }
  }
  // the items table fits its card: the expected column is never cut off, nor scrolled out of sight
  for (const wrap of all(document, ".task > .table-wrap")) {
    const box = wrap.getBoundingClientRect();
    if (wrap.scrollWidth > wrap.clientWidth + 1) found.problems.push(`${wrap.getAttribute("aria-label")}: the table is ${wrap.scrollWidth - wrap.clientWidth}px wider than its card`);
    for (const cell of all(wrap, ".items > thead > tr > th, .items > tbody > tr > td")) {
      const inner = cell.getBoundingClientRect();
      found.tableCells++;
      if (inner.width > 0 && inner.right > box.right + 0.5) found.problems.push(`${itemOf(cell)}: a cell of the items table lies outside its card`);
    }
  }
  // nor does anything else widen the page
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + 1) found.problems.push(`the page is ${page.scrollWidth - page.clientWidth}px wider than the window`);
  // whatever scrolls can be reached from the keyboard and is named (axe's scrollable-region-focusable, and a name to announce)
  for (const node of all(document, "body *")) {
    const style = getComputedStyle(node);
    if (!["auto", "scroll"].includes(style.overflowX) && !["auto", "scroll"].includes(style.overflowY)) continue;
    found.scrollRegions++;
    const named = (node.getAttribute("aria-label") ?? "").trim() !== "" && ["group", "region"].includes(node.getAttribute("role") ?? "");
    if (node.getAttribute("tabindex") !== "0" || !named) found.problems.push(`a scroll region (${node.tagName.toLowerCase()}.${node.className}) without tabindex="0", a role and a name`);
  }
  // a vector is one row of cells
  for (const vector of all(document, ".vector")) {
    const cells = Array.from(vector.children).map((cell) => cell.getBoundingClientRect());
    found.vectors++;
    if (cells.some((cell) => Math.abs(cell.top - (cells[0] as Rect).top) > 0.5)) found.problems.push(`${itemOf(vector)}: a vector wraps onto a second line`);
  }
  // a long one, shortened to "[a, b, c, …, z] (N values)", too: one box of text, no taller than a line
  for (const text of all(document, ".abbreviated")) {
    if (!/^\[[^[\]]*\] \(\d+ values\)$/.test(text.textContent ?? "")) continue;
    const lines = Array.from(text.getClientRects());
    // a folded row's value, its line closed, is not laid out
    if (lines.length === 0) continue;
    found.vectors++;
    found.longVectors++;
    const lineHeight = parseFloat(getComputedStyle(text).lineHeight);
    if (lines.length !== 1 || !((lines[0] as Rect).height <= lineHeight + 0.5)) {
      found.problems.push(`${itemOf(text)}: a long vector takes ${lines.length} lines, ${Math.round(text.getBoundingClientRect().height)}px (a line is ${lineHeight}px)`);
    }
  }
  return found;
}

let browser: Browser | undefined;
let out: string;
const reports: Record<string, string> = {};
/** hw4 graded with long vectors in the answers, and how many the report shortens to "[a, b, c, …, z] (N values)" */
let longVectors: { result: GradeResult; count: number };

/** a 1-D list of numbers longer than a report shows whole (value-view.ts's 12 cells) */
const isLongVector = (value: Value | undefined): boolean => Array.isArray(value) && value.length > 12 && value.every((x) => x === null || typeof x !== "object");

/** correct-numpy.json with longer and wronger curves (q5.J, q9.val_loss: numbers of the most digits a report prints), graded */
async function gradeLongVectors(folder: string): Promise<GradeResult> {
  const fixture = "fixtures/submissions/hw4-hyperparameters/correct-numpy.json";
  const submission = JSON.parse(readFileSync(join(REPO_ROOT, fixture), "utf8")) as { answers: { q5: { J: number[] }; q9: { val_loss: number[] } } };
  submission.answers.q5.J = submission.answers.q5.J.map((j, i) => -j * 1.000123 - 1.23456e-7 * i);
  submission.answers.q9.val_loss = Array.from({ length: 2000 }, (_, i) => -1.234567e-300 * (i + 1));
  const path = join(folder, "long-vectors.json");
  writeFileSync(path, JSON.stringify(submission));
  return gradeSubmission(await loadAssignment("hw4-hyperparameters"), await loadSubmission(folder, path), { scope: "all" });
}

/** no break opportunity in 200 characters: the table must wrap it, never widen past its card */
const UNBROKEN_NAME = "Wolfeschlegelsteinhausenbergerdorff".repeat(6).slice(0, 200);

/** a class summary of hlcv with a name and an id of 200 characters each, one broken and flagged */
function longNameSummary(transposed: GradeResult): string {
  const longName = structuredClone(transposed);
  longName.student = { id: "s-long-name", name: UNBROKEN_NAME };
  const longId = structuredClone(transposed);
  longId.student = { id: UNBROKEN_NAME.toLowerCase(), name: UNBROKEN_NAME };
  longId.source = `${UNBROKEN_NAME}.json`;
  longId.error = { code: "submission-parse", message: `${UNBROKEN_NAME}.json:1:1: not JSON` };
  longId.flags.push({ code: "duplicate-submission", message: `also ${UNBROKEN_NAME}-2.json` });
  const results = [transposed, longName, longId];
  const summary = buildClassSummary(results, transposed.tasks.map((task) => task.id), { reports: ["s-transposed", "s-long-name", "s-long-id"] });
  return renderSummaryHtml(summary, "hlcv");
}

beforeAll(async () => {
  browser = await launchChromium("layout test");
  out = mkdtempSync(join(tmpdir(), "nngrade-layout-"));
  Object.assign(reports, await gradeClass("hw4-hyperparameters", join(out, "hw4"), ["s-transposed", "numpy-reference", "s-missing-n", "s-fractions"]));
  const write = (name: string, html: string) => {
    reports[name] = join(out, `${name}.html`);
    writeFileSync(reports[name] as string, html);
  };
  const transposed = await gradeFixture("hlcv-two-layer-net", "mistake-transposed.json");
  write("hlcv-transposed", renderHtml(transposed));
  write("hostile", renderHtml(hostileResult(transposed)));
  write("hw3b-correct", renderHtml(await gradeFixture("hw3b-hyperparameter-optimization", "correct-numpy.json")));
  write("hw3b-unanswered", renderHtml(await gradeFixture("hw3b-hyperparameter-optimization", "seed-000.json")));
  write("cse343-carried", renderHtml(await gradeFixture("cse343-nn-from-scratch", "mistake-slip-carried.json")));
  const long = await gradeLongVectors(out);
  const count = long.tasks.flatMap((task) => task.items).reduce((n, item) => n + Number(isLongVector(item.received)) + Number(isLongVector(item.expected)), 0);
  longVectors = { result: long, count };
  write("hw4-long-vectors", renderHtml(long));
  write("summary-long-name", longNameSummary(transposed));
});

// the reports and screenshots stay in the temporary folder for a person to look at
afterAll(async () => {
  await browser?.close();
});

async function open(chromium: Browser, name: string, width: number): Promise<Page> {
  const page = await chromium.newPage({ viewport: { width, height: 1000 } });
  await page.goto(pathToFileURL(reports[name] as string).href, { waitUntil: "load" });
  return page;
}

describe.sequential("report layout in Chromium", () => {
  for (const width of WIDTHS) {
    it(`lays out every value without overlap, cut-off or unreachable cell at ${width}px`, async (ctx) => {
      const chromium = needChromium(ctx, browser, "the layout test");
      for (const name of ["s-transposed", "numpy-reference", "s-missing-n", "s-fractions", "hlcv-transposed", "hostile", "hw3b-correct", "hw3b-unanswered", "cse343-carried", "hw4-long-vectors"]) {
        const page = await open(chromium, name, width);
        for (const opened of [false, true]) {
          const layout = (await page.evaluate(measure, opened)) as Layout;
          expect(layout.problems, `${name} at ${width}px${opened ? ", folded lines opened" : ""}`).toEqual([]);
          expect(layout.scrollRegions, name).toBeGreaterThan(0);
          expect(layout.tableCells, name).toBeGreaterThan(0);
        }
        await page.close();
      }
    });

    it(`shows the transposed matrices of hw4 and hlcv apart at ${width}px (screenshots kept)`, async (ctx) => {
      const chromium = needChromium(ctx, browser, "the layout test");
      for (const [name, items] of [
        ["s-transposed", ["q2.z", "q3.grad_W"]],
        ["hlcv-transposed", ["e2.grad_W1", "e2.grad_W2"]],
      ] as const) {
        const page = await open(chromium, name, width);
        const layout = (await page.evaluate(measure, true)) as Layout;
        expect(layout.problems).toEqual([]);
        expect(layout.pairs).toBeGreaterThanOrEqual(items.length);
        expect(layout.valueCells).toBeGreaterThan(0);
        for (const id of items) {
          // the item's answer and expected value are both matrices, each with its caption giving its shape
          const captions = await page.locator(`tr[data-item-id="${id}"] + tr.values-row figcaption`).allTextContents();
          expect(captions.map((caption) => caption.replace(/\d+×\d+/, "R×C"))).toEqual(["your answer · R×C", "expected · R×C"]);
          const [received, expected] = captions.map((caption) => /(\d+)×(\d+)/.exec(caption)?.slice(1));
          expect(received, id).toEqual([...(expected ?? [])].reverse());
        }
        const shot = join(out, `${name}-${width}.png`);
        await page.locator(`tr[data-item-id="${items[0]}"]`).scrollIntoViewIfNeeded();
        await page.screenshot({ path: shot, fullPage: true });
        console.log(`layout test: ${name} at ${width}px: ${shot}`);
        await page.close();
      }
    });

    it(`keeps every 1-D vector of a report with long ones on one line, the expected one in reach, at ${width}px`, async (ctx) => {
      const chromium = needChromium(ctx, browser, "the layout test");
      // the report shortens them all (q5.J, q6.runs[*].J, q8.J, q9's curves and predictions), the two made longer among them
      expect(longVectors.count).toBeGreaterThanOrEqual(20);
      const items = longVectors.result.tasks.flatMap((task) => task.items);
      expect(items.find((item) => item.id === "q5.J")?.status).toBe("fail");
      expect((items.find((item) => item.id === "q9.val_loss")?.received as Value[] | undefined)?.length).toBe(2000);
      const page = await open(chromium, "hw4-long-vectors", width);
      const layout = (await page.evaluate(measure, true)) as Layout;
      expect(layout.problems).toEqual([]);
      expect(layout.longVectors).toBe(longVectors.count);
      // each in a box of its own that a keyboard can scroll, named for what it is
      for (const id of ["q5.J", "q9.val_loss"]) {
        const labels = await page.locator(`tr[data-item-id="${id}"] + tr.values-row .value-scroll`).evaluateAll((nodes) => nodes.map((node) => [(node as unknown as El).getAttribute("tabindex"), (node as unknown as El).getAttribute("aria-label")]));
        expect(labels, id).toEqual([
          ["0", `your answer to ${id}`],
          ["0", `expected answer to ${id}`],
        ]);
      }
      await page.screenshot({ path: join(out, `hw4-long-vectors-${width}.png`), fullPage: true });
      await page.close();
    });

    it(`fits the class summary's tables in their cards with a 200-character name and id, the score in sight, at ${width}px`, async (ctx) => {
      const chromium = needChromium(ctx, browser, "the layout test");
      const page = await open(chromium, "summary-long-name", width);
      const found = (await page.evaluate(() => {
        const problems: string[] = [];
        let cells = 0;
        const viewport = window.innerWidth;
        const page = document.documentElement;
        if (page.scrollWidth > page.clientWidth + 1) problems.push(`the page is ${page.scrollWidth - page.clientWidth}px wider than the window`);
        for (const wrap of Array.from(document.querySelectorAll(".summary-section > .table-wrap"))) {
          const box = wrap.getBoundingClientRect();
          const card = wrap.closest(".summary-section")?.getBoundingClientRect();
          if (wrap.scrollWidth > wrap.clientWidth + 1) problems.push(`${wrap.getAttribute("aria-label")}: the table is ${wrap.scrollWidth}px in a ${wrap.clientWidth}px box`);
          for (const cell of Array.from(wrap.querySelectorAll("th, td"))) {
            const inner = cell.getBoundingClientRect();
            cells++;
            if (card === undefined || inner.right > Math.min(box.right, card.right) + 0.5) problems.push(`${wrap.getAttribute("aria-label")}: a cell ends ${Math.round(inner.right - box.right)}px past its card`);
            // what a cell holds stays in it: the name wraps rather than runs over the score
            if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${wrap.getAttribute("aria-label")}: a cell's text runs ${cell.scrollWidth - cell.clientWidth}px out of it`);
          }
        }
        // every score cell (the long name's row too) lies in the window as it opens, without a scroll
        const scores = Array.from(document.querySelectorAll("#students tr.student-row > td:nth-child(3)")).map((cell) => cell.getBoundingClientRect());
        for (const score of scores) if (score.left < 0 || score.right > viewport + 0.5) problems.push(`a score cell lies at ${Math.round(score.left)}–${Math.round(score.right)}px in a ${viewport}px window`);
        return { problems, cells, scores: scores.length };
      })) as { problems: string[]; cells: number; scores: number };
      expect(found.problems).toEqual([]);
      expect(found.scores).toBe(3);
      expect(found.cells).toBeGreaterThan(20);
      // the name is there whole, wrapped onto several lines of its cell
      const name = page.locator("#students tr.student-row", { hasText: "s-long-name" }).locator("td").nth(1);
      expect(await name.textContent()).toContain(UNBROKEN_NAME);
      expect((await name.boundingBox())?.height).toBeGreaterThan(40);
      await page.screenshot({ path: join(out, `summary-long-name-${width}.png`), fullPage: true });
      await page.close();
    });
  }

  it("folds hw3b's runs of passes: the correct report is a few screens, not 12,000 px", async (ctx) => {
    const chromium = needChromium(ctx, browser, "the layout test");
    const page = await open(chromium, "hw3b-correct", 1280);
    const folds = await page.locator("tr.fold.status-pass").count();
    expect(folds).toBeGreaterThanOrEqual(2);
    // every folded line is one line: a summary as tall as a badge, not a row per item
    for (const height of await page.locator("tr.fold > td > details > summary").evaluateAll((nodes) => nodes.map((node) => (node as unknown as El).getBoundingClientRect().height))) {
      expect(height).toBeLessThan(40);
    }
    const visibleRows = await page.locator("tr.item:visible").count();
    const allRows = await page.locator("tr.item").count();
    expect(allRows).toBe(90);
    expect(visibleRows).toBeLessThan(20);
    const height = (await page.evaluate(() => document.documentElement.scrollHeight)) as number;
    expect(height).toBeLessThan(5000);
    // no run of FOLD_RUN plain passes (no plot, no diagnosis) is left unfolded in a task's own rows
    const rows = await page.locator(".task > .table-wrap > .items > tbody > tr").evaluateAll((nodes) =>
      nodes.map((node) => {
        const row = node as unknown as El;
        return { item: row.getAttribute("data-status"), plot: row.className.includes("plot-row"), diagnosis: row.querySelectorAll(".diagnosis").length > 0 };
      }),
    );
    let run = 0;
    rows.forEach((row, i) => {
      if (row.item === null) return;
      // a plot row follows its item, after the values row when there is one
      const plotted = rows.slice(i + 1).find((later) => later.item !== null || later.plot)?.plot === true;
      run = row.item === "pass" && !plotted && !row.diagnosis ? run + 1 : 0;
      expect(run).toBeLessThan(FOLD_RUN);
    });
    await page.close();
  });

  it("folds every task's unanswered items into one line, whatever their number", async (ctx) => {
    const chromium = needChromium(ctx, browser, "the layout test");
    for (const [name, tasks] of [
      ["hw3b-unanswered", 4],
      ["s-fractions", 6],
    ] as const) {
      const page = await open(chromium, name, 1280);
      const lines = page.locator("tr.fold.status-missing");
      expect(await lines.count(), name).toBe(tasks);
      for (const height of await lines.evaluateAll((nodes) => nodes.map((node) => (node as unknown as El).getBoundingClientRect().height))) {
        expect(height, name).toBeLessThan(48);
      }
      // no unanswered item has a row of its own in sight
      expect(await page.locator('tr.item[data-status="missing"]:visible').count(), name).toBe(0);
      await page.close();
    }
  });
});
