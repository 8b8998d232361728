import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import { errorStatus, gradebookStatus, renderGradebook } from "../../src/report/csv.ts";
import { buildClassSummary, type ClassSummary, canonicalJson, isDistinctive, renderSummaryHtml, summaryJson } from "../../src/report/summary.ts";
import { DIAGNOSES_SHOWN } from "../../src/report/summary-html.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";
import { runCli } from "../helpers/cli.ts";
import { attributeValues, strayAngleBrackets, tagBalanceProblems } from "./markup.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ID = "hw3b-hyperparameter-optimization";
const FIXTURES = `${ROOT}fixtures/submissions/${ID}/`;

let assignment: Assignment;
let fixtures: GradeResult[];
let taskIds: string[];

beforeAll(async () => {
  assignment = await loadAssignment(ID);
  taskIds = assignment.plan.tasks.map((task) => task.id);
  fixtures = readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json"))
    .sort()
    .map((name) => {
      const file = `${FIXTURES}${name}`;
      const submission = parseSubmission(readFileSync(file, "utf8"), file);
      return gradeSubmission(assignment, { student: { id: name.replace(/\.json$/, "") }, answers: submission.answers, source: name }, { scope: "all" });
    });
});

const clone = (result: GradeResult): GradeResult => structuredClone(result);

function broken(id: string): GradeResult {
  return { schema: "nngrade/result@1", assignment: ID, student: { id }, score: 0, max_score: 50, tasks: [], flags: [], source: `${id}.json`, error: { code: "input", message: `${id}.json: not json` } };
}

function itemOf(result: GradeResult, id: string): ItemResult {
  const found = result.tasks.flatMap((task) => task.items).find((item) => item.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

/** a copy of a graded result under another student, with one item made wrong with this value */
function withWrong(result: GradeResult, student: string, itemId: string, received: ItemResult["received"]): GradeResult {
  const copy = clone(result);
  copy.student = { id: student };
  const item = itemOf(copy, itemId);
  item.status = "fail";
  item.received = received;
  return copy;
}

describe("buildClassSummary on graded fixtures", () => {
  let results: GradeResult[];
  let summary: ClassSummary;
  beforeAll(() => {
    results = [...fixtures, broken("zz-broken")];
    summary = buildClassSummary(results, taskIds);
  });

  it("counts the graded and the broken submissions", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    expect(summary.count).toBe(fixtures.length + 1);
    expect(summary.graded).toBe(fixtures.length);
    expect(summary.broken).toBe(1);
    expect(summary.assignments).toEqual([ID]);
    expect(summary.max_score).toBe(50);
  });

  it("computes mean, median, min and max over the graded scores only", () => {
    const scores = fixtures.map((r) => r.score);
    const ascending = [...scores].sort((a, b) => a - b);
    const n = ascending.length;
    const median = n % 2 ? ascending[(n - 1) / 2] : ((ascending[n / 2 - 1] as number) + (ascending[n / 2] as number)) / 2;
    let sum = 0;
    for (const s of scores) sum += s;
    expect(summary.score?.mean).toBeCloseTo(sum / n, 6);
    expect(summary.score?.median).toBeCloseTo(median as number, 6);
    expect(summary.score?.min).toBe(ascending[0]);
    expect(summary.score?.max).toBe(ascending[n - 1]);
    // the broken submission's 0 is not the minimum unless a graded one scored 0
    expect(summary.score?.min).toBeGreaterThan(0);
  });

  it("puts every graded score in the bin of width max/10 that holds it, the maximum in the last", () => {
    expect(summary.histogram.unit).toBe("points");
    expect(summary.histogram.bins.map((b) => [b.low, b.high])).toEqual(Array.from({ length: 10 }, (_, k) => [5 * k, 5 * k + 5]));
    const expected = Array.from({ length: 10 }, (_, k) => fixtures.filter((r) => r.score >= 5 * k && (k === 9 ? r.score <= 50 : r.score < 5 * k + 5)).length);
    expect(summary.histogram.bins.map((b) => b.count)).toEqual(expected);
    expect(expected.reduce((a, b) => a + b, 0)).toBe(fixtures.length);
  });

  it("gives each item its share of pass and ecf, in rubric order", () => {
    const ids = assignment.plan.tasks.flatMap((task) => task.items.map((item) => item.id));
    expect(summary.items.map((item) => item.id)).toEqual(ids);
    for (const id of ["t1.val_accuracy", "t2.val_accuracy[2][3]", "t3.best", "t4.best_index", "t4.worst_diagnosis"]) {
      const statuses = fixtures.map((r) => itemOf(r, id).status);
      const good = statuses.filter((s) => s === "pass" || s === "ecf").length;
      const found = summary.items.find((item) => item.id === id);
      expect(found?.count).toBe(fixtures.length);
      expect(found?.pass_rate).toBeCloseTo(good / fixtures.length, 6);
      expect(found?.statuses.fail).toBe(statuses.filter((s) => s === "fail").length);
      expect(found?.statuses.missing).toBe(statuses.filter((s) => s === "missing").length);
    }
    // the fixtures are mistakes of different kinds: not every item passes everywhere
    expect(summary.items.some((item) => item.pass_rate < 1)).toBe(true);
  });

  it("gives each task its mean score", () => {
    expect(summary.tasks.map((task) => task.id)).toEqual(taskIds);
    for (const task of summary.tasks) {
      let sum = 0;
      for (const r of fixtures) sum += r.tasks.find((t) => t.id === task.id)?.score ?? Number.NaN;
      expect(task.mean).toBeCloseTo(sum / fixtures.length, 6);
      expect(task.count).toBe(fixtures.length);
    }
    expect(summary.tasks.find((t) => t.id === "t4")?.max_score).toBe(20);
  });

  it("lists the flagged and broken submissions with their flags, by student id", () => {
    const flagged = results.filter((r) => r.flags.length > 0 || r.error !== undefined);
    expect(flagged.length).toBeGreaterThanOrEqual(2);
    expect(summary.flagged.map((f) => f.student.id)).toEqual(flagged.map((r) => r.student.id).sort());
    const last = summary.flagged[summary.flagged.length - 1];
    expect(last?.error).toEqual({ code: "input", message: "zz-broken.json: not json" });
    for (const entry of summary.flagged) {
      const original = results.find((r) => r.student.id === entry.student.id);
      expect(entry.flags).toEqual(original?.flags);
    }
  });

  it("is the same summary, byte for byte, whatever order the results come in", () => {
    const reversed = buildClassSummary([...results].reverse(), taskIds);
    expect(summaryJson(reversed)).toBe(summaryJson(summary));
    expect(JSON.parse(summaryJson(summary))).toEqual(summary);
    expect(summaryJson(summary).endsWith("}\n")).toBe(true);
  });
});

describe("diagnoses and identical wrong answers", () => {
  it("counts each diagnosis over items and submissions, most common first", () => {
    const base = fixtures.find((r) => r.student.id === "correct-numpy") as GradeResult;
    const results = ["a", "b", "c"].map((student, i) => {
      const copy = withWrong(base, student, "t1.val_accuracy", 0.25);
      itemOf(copy, "t1.val_accuracy").diagnosis = { code: "scale", message: "off by a factor of 2" };
      if (i < 2) itemOf(copy, "t4.best_index").diagnosis = { code: "scale", message: "off by a factor of 2" };
      if (i === 0) itemOf(copy, "t1.confusion").diagnosis = { code: "transposed", message: "rows and columns swapped" };
      return copy;
    });
    const { diagnoses } = buildClassSummary(results, taskIds);
    expect(diagnoses).toEqual([
      { code: "scale", message: "off by a factor of 2", count: 5, items: ["t1.val_accuracy", "t4.best_index"] },
      { code: "transposed", message: "rows and columns swapped", count: 1, items: ["t1.confusion"] },
    ]);
  });

  it("finds one wrong value given by several students, and not a value shared by chance", () => {
    const base = fixtures.find((r) => r.student.id === "correct-numpy") as GradeResult;
    const curve = [0.71234, 0.70111, Number.NaN];
    const results = [
      withWrong(base, "s3", "t1.train_loss", curve),
      withWrong(base, "s1", "t1.train_loss", [...curve]),
      withWrong(base, "s2", "t1.train_loss", [0.71234, 0.70111, 0.5]),
      withWrong(base, "s4", "t1.val_accuracy", 0.61803),
      withWrong(base, "s5", "t1.val_accuracy", 0.61803),
      withWrong(base, "s6", "t1.val_accuracy", 0.61803),
      // the same choice among three, and the same integer, are no sign of anything
      withWrong(base, "s7", "t4.worst_diagnosis", "overfitting"),
      withWrong(base, "s8", "t4.worst_diagnosis", "overfitting"),
      withWrong(base, "s7b", "t4.best_index", 3),
      withWrong(base, "s8b", "t4.best_index", 3),
    ];
    // passed items with equal values (every copy passes the rest) are not listed either
    const shared = buildClassSummary(results, taskIds).shared_wrong_answers;
    expect(shared).toEqual([
      { item: "t1.val_accuracy", preview: "0.61803", students: ["s4", "s5", "s6"] },
      { item: "t1.train_loss", preview: "[0.71234, 0.70111, nan]", students: ["s1", "s3"] },
    ]);
  });

  it("tells NaN from the string NaN and ignores key order", () => {
    expect(canonicalJson([Number.NaN])).not.toBe(canonicalJson(["NaN"]));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe(canonicalJson({ a: [2, { c: 4, d: 3 }], b: 1 }));
    expect(isDistinctive(0.5)).toBe(false);
    expect(isDistinctive(0.512)).toBe(true);
    expect(isDistinctive([[0, 250], [0, 250]])).toBe(false);
    expect(isDistinctive({ lr: 0.1, acc: 0.9663 })).toBe(true);
  });
});

describe("buildClassSummary edge cases", () => {
  it("summarises no results at all", () => {
    const summary = buildClassSummary([], ["t1"]);
    expect(summary).toMatchObject({ count: 0, graded: 0, broken: 0, max_score: null, score: null, items: [], flagged: [], shared_wrong_answers: [] });
    expect(summary.tasks).toEqual([{ id: "t1", title: "t1", count: 0, max_score: 0, mean: null }]);
    expect(summary.histogram.bins.every((b) => b.count === 0)).toBe(true);
    const html = renderSummaryHtml(summary, "empty");
    expect(tagBalanceProblems(html, { html: true })).toEqual([]);
  });

  it("bins percent of the maximum when the maxima differ", () => {
    const a = clone(fixtures[0] as GradeResult);
    const b = clone(fixtures[0] as GradeResult);
    a.student = { id: "a" };
    a.score = 18;
    a.max_score = 20;
    b.student = { id: "b" };
    b.score = 9;
    b.max_score = 40;
    const summary = buildClassSummary([a, b], taskIds);
    expect(summary.max_score).toBeNull();
    expect(summary.histogram.unit).toBe("percent");
    // 90% and 22.5%
    expect(summary.histogram.bins.map((bin) => bin.count)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe("renderSummaryHtml", () => {
  const HOSTILE = '<img src=x onerror="alert(1)">';

  function hostileResults(): GradeResult[] {
    const base = fixtures.find((r) => r.student.id === "correct-numpy") as GradeResult;
    const value = `${HOSTILE}</td><script>alert(2)</script>`;
    const first = withWrong(base, `${HOSTILE}-1`, "t4.worst_diagnosis", value);
    first.student.name = `<b>${HOSTILE}</b>`;
    first.flags = [{ code: "<x>", message: `flag ${HOSTILE}` }];
    itemOf(first, "t4.worst_diagnosis").diagnosis = { code: "sign", message: `diagnosis ${HOSTILE}` };
    const second = withWrong(base, `${HOSTILE}-2`, "t4.worst_diagnosis", value);
    const error = broken(`${HOSTILE}-3`);
    return [first, second, error, ...fixtures];
  }

  it("escapes student ids, names, values, flags and the title", () => {
    const summary = buildClassSummary(hostileResults(), taskIds);
    expect(summary.shared_wrong_answers[0]?.students).toHaveLength(2);
    const html = renderSummaryHtml(summary, `class ${HOSTILE}`);
    expect(html).not.toMatch(/<img|<script|<b>|<x>/i);
    expect(tagBalanceProblems(html, { html: true })).toEqual([]);
    expect(strayAngleBrackets(html)).toEqual([]);
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;&quot;alert(1)&quot;&gt;-1");
    expect(html).toContain("diagnosis &lt;img");
    expect(html).toContain("flag &lt;img");
    expect(html).toContain("&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(html).toContain("<title>class &lt;img");
  });

  it("says of a submission without a score what the gradebook's status column says, in the students and the flagged tables", () => {
    const codes = ["submission-parse", "input", "timeout", "reference", "no-such-code"];
    const results = codes.map((code) => ({ ...broken(`zz-${code}`), error: { code, message: `zz-${code}.json: what went wrong` } }));
    const html = renderSummaryHtml(buildClassSummary([...results, ...fixtures], taskIds), "hw3b");
    const gradebook = renderGradebook(results, taskIds);
    /** the rows of one section's table, each up to its end */
    const rowsOf = (section: string, row: string) => {
      const part = html.slice(html.indexOf(`id="${section}"`));
      return part.slice(0, part.indexOf("</section>")).split(`<tr class="${row}">`).slice(1).map((text) => text.slice(0, text.indexOf("</tr>")));
    };
    const rowOf = (section: string, row: string, id: string) => {
      const found = rowsOf(section, row).filter((text) => text.includes(`>${id}</`));
      expect(found, `${section}: ${id}`).toHaveLength(1);
      return found[0] as string;
    };
    for (const result of results) {
      const status = gradebookStatus(result);
      expect(status).toBe(errorStatus(result.error!.code));
      // the gradebook's row says it too
      expect(gradebook).toContain(`,${status}\r\n`);
      const id = result.student.id;
      const studentRow = rowOf("students", "student-row", id);
      expect(studentRow).toContain(`<span class="badge invalid">${status}</span>`);
      expect(studentRow).toContain(`${id}.json: what went wrong`);
      expect(rowOf("flagged", "flagged-row", id)).toContain(`<p><span class="badge invalid">${status}</span> ${id}.json: what went wrong</p>`);
    }
    // the words, not the grader's codes nor a word of the summary's own
    expect(codes.map(errorStatus)).toEqual(["unreadable", "unreadable", "timed out", "reference failed", "not graded"]);
    expect(html).not.toContain(">broken</span>");
    expect(html).not.toMatch(/<span class="(code|badge invalid)">(submission-parse|input|timeout|reference|no-such-code)</);
  });

  it("says how many diagnoses it leaves out in words that agree with the number", () => {
    const summary = buildClassSummary(fixtures, taskIds);
    const diagnosis = (i: number) => ({ code: `code-${i}`, message: `diagnosis ${i}`, count: 1, items: ["t1.val_accuracy"] });
    for (const [extra, words] of [
      [1, "and 1 less common one"],
      [2, "and 2 less common ones"],
    ] as const) {
      const html = renderSummaryHtml({ ...summary, diagnoses: Array.from({ length: DIAGNOSES_SHOWN + extra }, (_, i) => diagnosis(i)) }, "hw3b");
      expect(html).toContain(`<p class="more">${words}</p>`);
      expect(html.match(/<tr class="diagnosis-row">/g)).toHaveLength(DIAGNOSES_SHOWN);
    }
    expect(renderSummaryHtml({ ...summary, diagnoses: [diagnosis(0)] }, "hw3b")).not.toContain("less common");
  });

  it("is one self-contained page with the score histogram", () => {
    const summary = buildClassSummary(fixtures, taskIds);
    const html = renderSummaryHtml(summary, "hw3b");
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html.match(/<rect class="hist-bar"/g)).toHaveLength(10);
    expect(html).not.toMatch(/<script|<link|src=|href="http/i);
    expect(html.match(/<tr class="item-row"/g)).toHaveLength(summary.items.length);
    expect(html.match(/<tr class="flagged-row"/g)).toHaveLength(summary.flagged.length);
    expect(html).toContain(`<dd class="stat-graded">${fixtures.length}</dd>`);
    expect(renderSummaryHtml(summary, "hw3b")).toBe(html);
  });
});

describe("the summary for people", () => {
  it("lists every submission, by student, linking each to its report beside the summary", () => {
    const results = [...fixtures, broken("zz-broken")];
    const reports = results.map((result) => `report-${result.student.id}`);
    const summary = buildClassSummary(results, taskIds, { reports });
    expect(summary.students.map((student) => student.id)).toEqual(results.map((result) => result.student.id).sort());
    expect(summary.students.find((student) => student.id === "zz-broken")).toMatchObject({ score: null, report: "report-zz-broken", error: { code: "input" } });
    const html = renderSummaryHtml(summary, "hw3b");
    expect(html.match(/<tr class="student-row">/g)).toHaveLength(results.length);
    const links = attributeValues(html, "href").filter((href) => !href.startsWith("#"));
    // every student's row links to its report; the flagged ones link there too
    expect(new Set(links)).toEqual(new Set(reports.map((report) => `${report}.html`)));
    for (const result of fixtures) expect(html).toContain(`<a class="student-link" href="report-${result.student.id}.html">${result.student.id}</a>`);
    // without report names (the library's callers) there is no link
    expect(attributeValues(renderSummaryHtml(buildClassSummary(results, taskIds), "hw3b"), "href").every((href) => href.startsWith("#"))).toBe(true);
  });

  it("keeps a report name that would leave the folder inside it", () => {
    const summary = buildClassSummary([fixtures[0] as GradeResult], taskIds, { reports: ["../../etc/x"] });
    expect(attributeValues(renderSummaryHtml(summary, "hw3b"), "href")).toContain("..%2F..%2Fetc%2Fx.html");
  });

  it("rounds a mean and a median to two decimals (33.05, not 33.0455), the JSON keeping them exact", () => {
    const [a, b] = [clone(fixtures[0] as GradeResult), clone(fixtures[0] as GradeResult)];
    a.student = { id: "a" };
    a.score = 33.041;
    b.student = { id: "b" };
    b.score = 33.05;
    const summary = buildClassSummary([a, b], taskIds);
    expect(summary.score?.mean).toBe(33.0455);
    const html = renderSummaryHtml(summary, "hw3b");
    expect(html).toContain('<dd class="stat-mean">33.05</dd>');
    expect(html).toContain('<dd class="stat-median">33.05</dd>');
    expect(html).toContain('<dd class="stat-min">33.041</dd>');
    // every task's mean too: no number in the tasks table has more than two decimals
    const means = [...html.matchAll(/<td class="num">([-\d.]+) \/ [\d.]+<\/td>/g)].map((m) => m[1] as string);
    expect(means.length).toBe(taskIds.length);
    for (const mean of means) expect(mean).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });

  it("counts as the terminal counts: its submissions (graded and skipped) and its broken ones", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "nngrade-summary-")), "hw4");
    const { code, stdout } = await runCli(["grade", "fixtures/submissions/hw4-hyperparameters", "-a", "hw4-hyperparameters", "--out", out]);
    expect(code).toBe(0);
    const line = /submissions (\d+) \((\d+) graded now, (\d+) unchanged\), with a score (\d+), broken (\d+)/.exec(stdout);
    expect(line).not.toBeNull();
    const [total, graded, skipped, withScore, brokenCount] = (line as RegExpExecArray).slice(1).map(Number) as [number, number, number, number, number];
    // the terminal's line and the summary use the same words for the same counts
    expect(total).toBe(graded + skipped);
    expect(withScore).toBe(total - brokenCount);
    expect(brokenCount).toBeGreaterThan(0);
    const html = readFileSync(join(out, "summary.html"), "utf8");
    const stat = (name: string) => Number(new RegExp(`<dd class="stat-${name}">(\\d+)</dd>`).exec(html)?.[1]);
    expect(stat("count")).toBe(graded + skipped);
    expect(stat("broken")).toBe(brokenCount);
    expect(stat("graded")).toBe(graded + skipped - brokenCount);
    // and the words it uses for them, not a "graded" that means something else
    expect(html).toContain("<dt>submissions</dt>");
    expect(html).toContain("<dt>broken</dt>");
    expect(html).not.toContain("<dt>graded</dt>");
    // each student's row links to a report that is there (a flagged one's row in the flagged table too)
    const links = [...new Set(attributeValues(html, "href").filter((href) => !href.startsWith("#")))];
    expect(links).toHaveLength(graded + skipped);
    for (const link of links) expect(readFileSync(join(out, decodeURIComponent(link)), "utf8")).toContain("<!DOCTYPE html>");
  });
});
