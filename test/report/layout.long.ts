/**
 * The HTML reports as Chromium lays them out, at 1280 and 1920 pixels wide:
 * your answer and the expected one never cover each other (hw4's and hlcv's
 * transposed matrices, a hostile report's long unbroken strings), every cell
 * of a value can be scrolled to inside its own box, the items table fits its
 * card (the expected column is never pushed out of it), every scroll region
 * can be reached from the keyboard and has a name, a vector is one line, and
 * a long report (hw3b) folds its runs of passes and its unanswered items.
 * Needs /usr/bin/chromium (or NNGRADE_CHROMIUM): see chromium.ts.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.ts";
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
  scrollWidth: number;
  scrollHeight: number;
  clientWidth: number;
  scrollLeft: number;
  children: ArrayLike<El>;
  previousElementSibling: El | null;
  open: boolean;
  getBoundingClientRect(): Rect;
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<El>; documentElement: El };
declare function getComputedStyle(node: El): { overflowX: string; overflowY: string };

const WIDTHS = [1280, 1920];

/** what one look at a page found wrong, and how much it looked at (a check that measured nothing proves nothing) */
interface Layout {
  problems: string[];
  pairs: number;
  valueCells: number;
  tableCells: number;
  scrollRegions: number;
  vectors: number;
}

/**
 * Runs in the page, as it opens, or with every folded line opened so that
 * folded rows are measured too. The slack of half a pixel is sub-pixel
 * rounding, no more.
 */
function measure(opened: boolean): Layout {
  const found: Layout = { problems: [], pairs: 0, valueCells: 0, tableCells: 0, scrollRegions: 0, vectors: 0 };
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
    for (const cell of all(scroller, "td, th, .vector > span")) {
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
  return found;
}

let browser: Browser | undefined;
let out: string;
const reports: Record<string, string> = {};

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
      for (const name of ["s-transposed", "numpy-reference", "s-missing-n", "s-fractions", "hlcv-transposed", "hostile", "hw3b-correct", "hw3b-unanswered", "cse343-carried"]) {
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
