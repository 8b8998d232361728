import { describe, expect, it, vi } from "vitest";
import { tmpdir } from "node:os";
import { renderHtml } from "../../src/report/html.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
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
