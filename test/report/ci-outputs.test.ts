import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderAnnotations, renderStepSummary } from "../../src/report/github.ts";
import { renderJunit } from "../../src/report/junit.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { runCli } from "../helpers/cli.ts";
import { tagBalanceProblems } from "./markup.ts";
import { sampleResult } from "./sample-result.ts";

const folder = mkdtempSync(join(tmpdir(), "nngrade-ci-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** a result whose student-controlled text tries to break out of every format */
function hostile(): GradeResult {
  const result = structuredClone(sampleResult);
  const first = result.tasks[0]!.items[0]!;
  first.score = 0;
  first.message = 'bad "quote" <script>alert(1)</script> & 100%\n::error::injected';
  result.flags = [{ code: "odd,code:x", message: "line one\r\nline two | with a pipe" }];
  return result;
}

describe("JUnit XML", () => {
  it("has a testcase per item and a failure for each one short of its points", () => {
    const xml = renderJunit(sampleResult);
    const items = sampleResult.tasks.flatMap((task) => task.items);
    expect(xml.match(/<testcase /g)).toHaveLength(items.length);
    expect(xml.match(/<failure /g) ?? []).toHaveLength(items.filter((item) => item.score < item.max_score).length);
  });

  it("escapes student text: no raw markup, quote or ampersand gets through", () => {
    const xml = renderJunit(hostile());
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 100%");
    expect(xml).not.toMatch(/="[^"]*<[^"]*"/);
    expect(tagBalanceProblems(xml.replace(/^<\?xml[^>]*\?>/, ""))).toEqual([]);
  });
});

describe("GitHub Actions", () => {
  it("annotates each item short of its points and each flag, one command per line", () => {
    const lines = renderAnnotations(hostile(), "answers.json").trimEnd().split("\n");
    // the newline in the message is %0A: the injected ::error never starts a line of its own
    expect(lines.filter((line) => line.startsWith("::error::"))).toEqual([]);
    expect(lines[0]).toMatch(/^::error file=answers\.json,title=[^:]+%3A 0\/[\d.]+::bad "quote" .* 100%25%0A::error::injected$/);
    expect(lines.at(-1)).toBe("::warning file=answers.json,title=odd%2Ccode%3Ax::line one%0D%0Aline two | with a pipe");
  });

  it("writes a step summary table whose cells student text cannot break", () => {
    const summary = renderStepSummary(hostile());
    expect(summary).toContain(`| ${sampleResult.tasks[0]!.id} |`);
    expect(summary).toContain("line one  line two   with a pipe");
  });

  it("check --ci annotates, appends the summary to GITHUB_STEP_SUMMARY and writes --junit", async () => {
    const summary = join(folder, "summary.md");
    const junit = join(folder, "report.xml");
    const { code, stdout } = await runCli(
      ["check", "fixtures/submissions/hw4-hyperparameters/mistake-transposed.json", "--ci", "--junit", junit, "--min-score", "99%"],
      { env: { GITHUB_STEP_SUMMARY: summary } },
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error file=fixtures\/submissions\/hw4-hyperparameters\/mistake-transposed\.json,title=q3\.grad_W%3A 0\/2::/m);
    expect(readFileSync(summary, "utf8")).toMatch(/^### hw4-hyperparameters: 35\/54/);
    expect(readFileSync(junit, "utf8")).toMatch(/<testcase classname="hw4-hyperparameters\.q3" name="q3\.grad_W" time="0">/);
  });
});
