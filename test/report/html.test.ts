import { describe, expect, it, vi } from "vitest";
import { tmpdir } from "node:os";
import { idParts, renderHtml } from "../../src/report/html.ts";
import { FOLD_RUN } from "../../src/report/view-model.ts";
import { isTaOnlyFlag, TA_ONLY_FLAGS } from "../../src/result/flags.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import type { Value } from "../../src/value.ts";
import { attributeValues, startTags, strayAngleBrackets, tagBalanceProblems } from "./markup.ts";
import { sampleResult } from "./sample-result.ts";

const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';
const TEMPLATE = "{{constructor}}";
const STYLE_END = "</style><style>body{display:none}</style>";
const ALL = `${SCRIPT} ${IMG} ${TEMPLATE} ${STYLE_END}`;

// Handlebars escapes & < > " ' ` =; these are the forms the page must show
const SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
const IMG_ESCAPED = "&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;";
const STYLE_ESCAPED = "&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;";

function hostileResult(): GradeResult {
  const result = structuredClone(sampleResult);
  result.assignment_title = ALL;
  result.student = { id: `s1${IMG}`, name: ALL };
  result.source = `submissions/${SCRIPT}.json`;
  result.flags.push({ code: TEMPLATE, message: ALL });
  const task = result.tasks[2];
  if (!task) throw new Error("sample has no q3");
  task.title = ALL;
  const hostileItem: ItemResult = {
    id: `q3.${SCRIPT}`,
    status: "fail",
    score: 0,
    max_score: 1,
    diagnosis: { code: IMG, message: ALL },
    message: ALL,
    feedback: ALL,
    visibility: "visible",
    expected: { [SCRIPT]: IMG },
    received: [ALL, { [IMG]: [TEMPLATE, SCRIPT] }, STYLE_END],
    plot: { kind: "curve", expected: [1, 2, 3], received: [1, null, 1e271], label: ALL },
  };
  task.items.push(hostileItem, { ...hostileItem, received: ALL, id: "q3.scalar" });
  return result;
}

describe("renderHtml", () => {
  it("renders the sample as one well-formed, self-contained page", () => {
    const html = renderHtml(sampleResult);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(tagBalanceProblems(html, { html: true })).toEqual([]);
    expect(strayAngleBrackets(html)).toEqual([]);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(attributeValues(html, "src")).toEqual([]);
    for (const href of attributeValues(html, "href")) expect(href.startsWith("#task-")).toBe(true);
  });

  it("shows the header, every task and every kind of verdict", () => {
    const html = renderHtml(sampleResult);
    expect(html).toContain("Assignment 4 - Exploring Hyperparameters");
    expect(html).toContain("Ada Lovelace");
    expect(html).toContain("s1234567");
    expect(html).toMatch(/<span class="total-score">37<\/span><span class="total-max"> \/ 45<\/span>/);
    for (const title of ["one-hot", "backward, cross-entropy", "initialisation", "learning rate", "Adam"]) expect(html).toContain(title);
    for (const [status, label] of [
      ["pass", "pass"],
      ["partial", "partial"],
      ["fail", "fail"],
      ["ecf", "error carried forward"],
      ["missing", "not answered"],
      ["invalid", "could not read"],
    ]) {
      expect(html).toContain(`<span class="badge ${status}">${label}</span>`);
    }
    expect(html).toMatch(/<span class="code">transposed<\/span> your matrix equals the transpose/);
    expect(html).toContain("diverged-unreported");
  });

  it("draws a plot for every curve item", () => {
    const html = renderHtml(sampleResult);
    const curves = sampleResult.tasks.flatMap((t) => t.items).filter((i) => i.plot).length;
    expect(curves).toBeGreaterThan(0);
    expect(html.match(/<svg /g)).toHaveLength(curves);
  });

  it("shows long curves abbreviated and leaves hidden expected values out", () => {
    const html = renderHtml(sampleResult);
    expect(html).toMatch(/\[[-\d.e+]+, [-\d.e+]+, [-\d.e+]+, …, [-\d.e+]+\] \(100 values\)/);
    expect(html).toContain("(71 values)");
    expect(html).toContain('<span class="none">hidden</span>');
  });

  it("shows a long vector on one line in a row of its own, its length in the caption, each side in a named scroll box", () => {
    const html = renderHtml(sampleResult);
    const curve = html.slice(html.indexOf('data-item-id="q5.J"'));
    const rows = curve.slice(0, curve.indexOf("</tr>", curve.indexOf('<tr class="values-row')) + 5);
    // the item's row keeps no value columns for it: its values are in the row under it
    expect(rows.slice(0, rows.indexOf("</tr>"))).not.toContain('<td class="value">');
    expect(rows).toContain("<figcaption>your answer · 71 values</figcaption>");
    expect(rows).toContain('<div class="value-scroll" tabindex="0" role="group" aria-label="your answer to q5.J"><span class="abbreviated vector-line mono">[');
    expect(rows).toContain('<div class="value-scroll" tabindex="0" role="group" aria-label="expected answer to q5.J"><span class="abbreviated vector-line mono">[');
    expect(rows.match(/\(71 values\)<\/span>/g)).toHaveLength(2);
    // a big matrix, shortened, is no vector
    const result = structuredClone(sampleResult);
    const big = Array.from({ length: 20 }, (_, i) => Array.from({ length: 20 }, (_, j) => i + j));
    result.tasks[0]?.items.push({ id: "q1.big", status: "fail", score: 0, max_score: 1, diagnosis: null, message: "off", visibility: "visible", expected: big, received: 1 });
    const page = renderHtml(result);
    const matrix = page.slice(page.indexOf('data-item-id="q1.big"'));
    expect(matrix.slice(0, matrix.indexOf("</tr>"))).toContain('<span class="abbreviated mono">20×20 matrix: [');
  });

  it("counts a fold's items in words that agree with the number: 1 item, 2 items", () => {
    for (const count of [1, 2]) {
      const result = structuredClone(sampleResult);
      const q6 = result.tasks.find((task) => task.id === "q6");
      if (!q6) throw new Error("sample has no q6");
      for (const item of q6.items.slice(0, count)) Object.assign(item, { status: "missing", score: 0, message: "no answer", received: undefined });
      const page = renderHtml(result);
      const html = page.slice(page.indexOf('id="task-5-q6"'), page.indexOf('id="task-6-q7"'));
      expect(html).toContain(`<span class="fold-count">${count === 1 ? "1 item" : "2 items"}</span>`);
      expect(html).not.toMatch(/\b1 items\b/);
    }
  });

  it("escapes hostile student text everywhere and runs none of it", () => {
    const html = renderHtml(hostileResult());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    for (const tag of startTags(html)) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/javascript:/i);
    }
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).toContain(SCRIPT_ESCAPED);
    expect(html).toContain(IMG_ESCAPED);
    expect(html).toContain(STYLE_ESCAPED);
    // shown as text, never evaluated as a template
    expect(html).toContain(TEMPLATE);
    expect(tagBalanceProblems(html, { html: true })).toEqual([]);
    expect(strayAngleBrackets(html)).toEqual([]);
  });

  it("reports a submission that could not be graded", () => {
    const broken: GradeResult = {
      schema: "nngrade/result@1",
      assignment: "hw4-hyperparameters",
      student: { id: "s7" },
      score: 0,
      max_score: 45,
      tasks: [],
      flags: [],
      error: { code: "submission-parse", message: "answers.json: unexpected token at line 3, column 7" },
    };
    const html = renderHtml(broken);
    expect(html).toContain("this submission could not be graded");
    expect(html).toContain("answers.json: unexpected token at line 3, column 7");
    expect(tagBalanceProblems(html, { html: true })).toEqual([]);
  });

  it("leaves the TA's flags out of the student's report and shows the student's own", () => {
    const result = structuredClone(sampleResult);
    result.flags = [...TA_ONLY_FLAGS].map((code) => ({ code, message: `for the TA: ${code}` }));
    result.flags.push({ code: "one-based-labels", message: "for the student: your labels start at 1" });
    expect(result.flags.filter(isTaOnlyFlag)).toHaveLength(TA_ONLY_FLAGS.size);
    const html = renderHtml(result);
    expect(html).not.toContain("for the TA");
    for (const code of TA_ONLY_FLAGS) expect(html).not.toContain(`<span class="code">${code}</span>`);
    expect(html).toContain('<span class="code">one-based-labels</span> for the student: your labels start at 1');
    // with only TA flags, no flags notice at all
    result.flags.pop();
    expect(renderHtml(result)).not.toContain('<section class="notice notice-flags">');
  });

  it("keeps every item once, with its status and score, however its rows are folded", () => {
    const html = renderHtml(sampleResult);
    const items = sampleResult.tasks.flatMap((task) => task.items);
    const found = [...html.matchAll(/data-item-id="([^"]*)" data-status="([^"]*)" data-score="([^"]*)"/g)].map((m) => [m[1], m[2], m[3]]);
    expect(found).toEqual(expect.arrayContaining(items.map((item) => [item.id.replace(/"/g, "&quot;"), item.status, String(item.score)])));
    expect(found).toHaveLength(items.length);
  });

  it("folds each task's unanswered items into one line at its end, naming them and their points", () => {
    const result = structuredClone(sampleResult);
    const q6 = result.tasks.find((task) => task.id === "q6");
    if (!q6) throw new Error("sample has no q6");
    for (const item of q6.items.slice(0, 9)) Object.assign(item, { status: "missing", score: 0, message: "no answer", received: undefined });
    const html = renderHtml(result);
    const tasksWithMissing = result.tasks.filter((task) => task.items.some((item) => item.status === "missing"));
    expect(tasksWithMissing.length).toBeGreaterThanOrEqual(2);
    expect(html.match(/<tr class="fold status-missing">/g)).toHaveLength(tasksWithMissing.length);
    const q6Points = q6.items.slice(0, 9).reduce((total, item) => total + Math.round(item.max_score * 1e6), 0) / 1e6;
    // one summary line: how many, their points, the first ids
    const ids = q6.items.slice(0, 6).map((item) => item.id);
    expect(html).toContain(`<span class="fold-count">9 items</span> · <span class="num">0&thinsp;/&thinsp;${q6Points} points</span> · <span class="fold-ids mono">${ids.join(", ")}, …</span>`);
    // the rows of the unanswered items are inside the folded line, after every answered row of the task
    const section = html.slice(html.indexOf('id="task-5-q6"'), html.indexOf('id="task-6-q7"'));
    expect(section.lastIndexOf('data-status="pass"')).toBeLessThan(section.indexOf('<tr class="fold status-missing">'));
    expect(section.indexOf('data-status="missing"')).toBeGreaterThan(section.indexOf("<details>"));
  });

  it(`folds a run of ${FOLD_RUN} plain passes, never an item with a plot or a diagnosis, and sums its points exactly`, () => {
    const result = structuredClone(sampleResult);
    const plain = (i: number): ItemResult => ({ id: `q1.cells[${i}]`, status: "pass", score: 0.1, max_score: 0.1, diagnosis: null, message: "matches", visibility: "visible", expected: i, received: i });
    const q1 = result.tasks[0];
    if (!q1) throw new Error("sample has no q1");
    const first = q1.items[0] as ItemResult;
    q1.items = [first, ...Array.from({ length: FOLD_RUN + 1 }, (_, i) => plain(i)), { ...plain(99), diagnosis: { code: "rounded", message: "rounded" } }];
    // after q3.grad_b, a pass: a run one short of FOLD_RUN
    const shortRun = Array.from({ length: FOLD_RUN - 2 }, (_, i) => plain(200 + i));
    result.tasks[2]?.items.push(...shortRun);
    const html = renderHtml(result);
    // q1.onehot and the seven cells after it: one fold of eight, 5 + 0.7 points, printed as the decimal they are
    expect(html.match(/<tr class="fold status-pass">/g)).toHaveLength(1);
    expect(html).toContain('<span class="fold-count">8 items</span> · <span class="num">5.7&thinsp;/&thinsp;5.7 points</span> · <span class="fold-ids mono">q1.onehot to q1.cells[6]</span>');
    // the diagnosed pass has a row of its own, outside the fold; so do the curves (plots) and a run shorter than FOLD_RUN
    const foldEnd = html.indexOf("</details>");
    expect(html.indexOf('data-item-id="q1.cells[99]"')).toBeGreaterThan(foldEnd);
    expect(html.indexOf('data-item-id="q1.cells[200]"')).toBeGreaterThan(foldEnd);
  });

  it("folds a run of failures that all say the same (a transposed heatmap's cells), saying it once; different failures keep their rows", () => {
    const result = structuredClone(sampleResult);
    const cell = (i: number, message: string): ItemResult => ({ id: `q1.cells[${i}]`, status: "fail", score: 0, max_score: 0.2, diagnosis: null, message, visibility: "visible", expected: 0.5, received: 0.4 });
    const q1 = result.tasks[0]!;
    const same = "answers/q1/cells is 11x5, 5x11 asked: the cells are not graded";
    q1.items = [...Array.from({ length: FOLD_RUN + 2 }, (_, i) => cell(i, same)), ...Array.from({ length: FOLD_RUN }, (_, i) => cell(100 + i, `off by ${i}`))];
    const html = renderHtml(result);
    expect(html.match(/<tr class="fold status-fail">/g)).toHaveLength(1);
    expect(html).toContain(`<span class="fold-count">${FOLD_RUN + 2} items</span>`);
    expect(html).toContain(`<span class="fold-message">${same}</span>`);
    for (let i = 0; i < FOLD_RUN; i++) expect(html.indexOf(`data-item-id="q1.cells[${100 + i}]"`)).toBeGreaterThan(html.indexOf("</details>"));
  });

  it("shows a matrix, vector or object answer in a row of its own with its shape, and a list of flat objects as a table", () => {
    const result = structuredClone(sampleResult);
    const trials: Value[] = [
      { lr: 0.1, units: 10, activation: "tanh" },
      { lr: 0.01, units: 20, activation: "relu", extra: true },
    ];
    result.tasks[0]?.items.push({ id: "q1.trials", status: "fail", score: 0, max_score: 1, diagnosis: null, message: "off", visibility: "visible", expected: trials, received: [trials[0] as Value] });
    // beside scalars, in a table of six columns, a transposed matrix's text spans the answer and expected columns
    result.tasks[7]?.items.push({ id: "q8.W", status: "fail", score: 0, max_score: 1, diagnosis: null, message: "transposed", visibility: "visible", expected: [[1, 2, 3], [4, 5, 6]], received: [[1, 4], [2, 5], [3, 6]] });
    const html = renderHtml(result);
    const weights = html.slice(html.indexOf('data-item-id="q8.W"'));
    expect(weights).toContain('<td class="details" colspan="3">');
    expect(weights).toContain("<figcaption>your answer · 3×2</figcaption>");
    expect(weights).toContain("<figcaption>expected · 2×3</figcaption>");
    expect(weights).toContain('<div class="value-scroll" tabindex="0" role="group" aria-label="expected answer to q8.W">');
    // q3's answers are all matrices and vectors: its table has four columns, no answer and expected ones
    const q3 = html.slice(html.indexOf('id="task-2-q3"'), html.indexOf('id="task-3-q4"'));
    expect(q3.match(/<th scope="col"/g)).toHaveLength(4);
    expect(q3).toContain('<td class="details">');
    const vector = html.slice(html.indexOf('data-item-id="q3.grad_b"'));
    expect(vector).toContain("<figcaption>expected · 3 values</figcaption>");
    const records = html.slice(html.indexOf('data-item-id="q1.trials"'));
    expect(records).toContain("<figcaption>expected · 2 rows</figcaption>");
    expect(records).toContain('<thead><tr><th scope="col">lr</th><th scope="col">units</th><th scope="col">activation</th><th scope="col">extra</th></tr></thead>');
    expect(records).toContain('<tr><td>0.01</td><td>20</td><td>&quot;relu&quot;</td><td>true</td></tr>');
    // a scalar answer stays in its columns
    const scalar = html.slice(html.indexOf('data-item-id="q8.final_J"'));
    expect(scalar.slice(0, scalar.indexOf("</tr>"))).toContain('<td class="value"><span class="scalar mono">&quot;0.4.2&quot;</span></td>');
  });

  it("breaks a long id after a dot or before a bracket only", () => {
    expect(idParts("t3.snapshots.worst.init[0].mean_abs")).toEqual(["t3.", "snapshots.", "worst.", "init", "[0].", "mean_abs"]);
    expect(idParts("t2.val_accuracy[4][10]").join("")).toBe("t2.val_accuracy[4][10]");
    expect(renderHtml(sampleResult)).toContain('<td class="item-id mono">q6.<wbr>runs<wbr>[2].<wbr>J</td>');
  });

  it("is byte-identical for the same result", () => {
    expect(renderHtml(sampleResult)).toBe(renderHtml(sampleResult));
  });

  it("finds its templates from any working directory", async () => {
    const before = process.cwd();
    vi.resetModules();
    process.chdir(tmpdir());
    try {
      const fresh = await import("../../src/report/html.ts");
      expect(fresh.renderHtml(sampleResult)).toBe(renderHtml(sampleResult));
    } finally {
      process.chdir(before);
    }
  });
});
