/**
 * Every kind of HTML report, and the class summary, as the checkers a
 * reader's tools rely on see them: axe-core in Chromium finds no serious
 * or critical violation (contrast, scroll regions a keyboard cannot reach,
 * empty or unscoped table headers, ...), and the Nu HTML checker finds no
 * error. The reports are real: hw4's class graded by the command line
 * (correct, transposed, missing 1/N, malformed, and summary.html), a long
 * hw3b one, an acml and a cse343 one, and a hostile one.
 * Chromium: see chromium.ts. Java runs the Nu checker (vnu-jar's jar):
 * without it that test is skipped, unless NNGRADE_REQUIRE_CHROMIUM=1.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.ts";
import { buildClassSummary, renderSummaryHtml } from "../../src/report/summary.ts";
import { chromiumRequired, launchChromium, needChromium } from "./chromium.ts";
import { gradeClass, gradeFixture, hostileResult } from "./graded-reports.ts";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VNU_JAR = require.resolve("vnu-jar/build/dist/vnu.jar");

interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: { target: string[]; any?: { data?: { messageKey?: string } | null }[] }[];
}

let browser: Browser | undefined;
let context: BrowserContext | undefined;
/** every page checked, by a name for the messages */
const pages: Record<string, string> = {};

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), "nngrade-a11y-"));
  const hw4 = await gradeClass("hw4-hyperparameters", join(out, "hw4"), ["numpy-reference", "s-transposed", "s-missing-n", "malformed-json", "summary"]);
  for (const [name, path] of Object.entries(hw4)) pages[`hw4 ${name}`] = path;
  const write = (name: string, html: string) => {
    pages[name] = join(out, `${name.replace(/\W+/g, "-")}.html`);
    writeFileSync(pages[name] as string, html);
  };
  write("hw3b long", renderHtml(await gradeFixture("hw3b-hyperparameter-optimization", "mistake-identical-heatmap.json")));
  write("acml", renderHtml(await gradeFixture("acml-autoencoder", "mistake-reported-loss.json")));
  write("cse343", renderHtml(await gradeFixture("cse343-nn-from-scratch", "mistake-slip-carried.json")));
  const transposed = await gradeFixture("hlcv-two-layer-net", "mistake-transposed.json");
  const hostile = hostileResult(transposed);
  write("hostile", renderHtml(hostile));
  write("hostile summary", renderSummaryHtml(buildClassSummary([transposed, hostile], ["e1", "e2", "e3"], { reports: ["s-transposed", "s-transposed-2"] }), "hlcv"));
  browser = await launchChromium("accessibility test");
  // the reports' Content-Security-Policy forbids every script, axe's too: bypassCSP lets the test inject it without
  // editing the page, so the page axe checks is byte for byte the one a student opens
  context = await browser?.newContext({ bypassCSP: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

interface AxeRun {
  violations: AxeViolation[];
  /** text outside the plots whose contrast axe could not work out (a gradient behind it, say): a check it did not make */
  unchecked: string[];
}

async function runAxe(path: string, width: number, options: { open?: boolean } = {}): Promise<AxeRun> {
  const page = await (context as BrowserContext).newPage();
  await page.setViewportSize({ width, height: 1000 });
  await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
  // axe checks what shows: a folded line's rows only once it is opened
  if (options.open) await page.evaluate(`document.querySelectorAll("details").forEach((details) => { details.open = true; })`);
  await page.addScriptTag({ content: AXE });
  const { violations, incomplete } = (await page.evaluate(`axe.run(document, { resultTypes: ["violations", "incomplete"] })`)) as { violations: AxeViolation[]; incomplete: AxeViolation[] };
  // a background image or gradient behind text is what a stylesheet does to hide text from the check (a cell scrolled
  // out of its box is another matter: axe checks it where it shows)
  const targets = incomplete
    .filter((result) => result.id === "color-contrast")
    .flatMap((result) => result.nodes.filter((node) => ["bgGradient", "bgImage"].includes(node.any?.[0]?.data?.messageKey ?? "")).map((node) => node.target.join(" ")));
  // SVG text (the plots' axes) is beyond axe's contrast check in any page
  const unchecked = (await page.evaluate(
    `(${JSON.stringify(targets)}).filter((target) => document.querySelector(target)?.closest("svg") === null)`,
  )) as string[];
  await page.close();
  return { violations, unchecked };
}

async function axeViolations(path: string, width: number, options: { open?: boolean } = {}): Promise<AxeViolation[]> {
  return (await runAxe(path, width, options)).violations;
}

const summarise = (violations: AxeViolation[]) => violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×, first at ${v.nodes[0]?.target.join(" ")})`);

describe.sequential("accessibility and validity of the HTML reports", () => {
  it("axe-core finds no serious or critical violation in any report or the summary at 1280px", async (ctx) => {
    needChromium(ctx, browser, "the accessibility test");
    expect(Object.keys(pages)).toHaveLength(10);
    for (const [name, path] of Object.entries(pages)) {
      const { violations, unchecked } = await runAxe(path, 1280);
      expect(unchecked, `${name}: text whose contrast axe could not check`).toEqual([]);
      const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(summarise(grave), name).toEqual([]);
      const rest = summarise(violations.filter((v) => !grave.includes(v)));
      if (rest.length > 0) console.log(`a11y test: ${name}: ${rest.join("; ")}`);
    }
  });

  it("nor on a phone's width, where the items tables scroll in their cards", async (ctx) => {
    needChromium(ctx, browser, "the accessibility test");
    for (const name of ["hw4 s-transposed", "hw4 summary", "hostile"]) {
      const grave = (await axeViolations(pages[name] as string, 390)).filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(summarise(grave), name).toEqual([]);
    }
  });

  it("nor in the rows of a folded line, opened", async (ctx) => {
    needChromium(ctx, browser, "the accessibility test");
    for (const name of ["hw3b long", "hw4 s-missing-n", "cse343"]) {
      const { violations, unchecked } = await runAxe(pages[name] as string, 1280, { open: true });
      expect(unchecked, name).toEqual([]);
      expect(summarise(violations.filter((v) => v.impact === "serious" || v.impact === "critical")), name).toEqual([]);
    }
  });

  it("axe-core does see what it is asked to check (a control page with a serious violation)", async (ctx) => {
    needChromium(ctx, browser, "the accessibility test");
    // the report with its muted colour turned back to the old 2.5:1 grey: axe must call it serious
    const path = pages["hw4 s-missing-n"] as string;
    const control = join(tmpdir(), `nngrade-a11y-control-${process.pid}.html`);
    writeFileSync(control, readFileSync(path, "utf8").replace("</style>", ".none, .feedback { color: #c0c7ce; }\n</style>"));
    const violations = await axeViolations(control, 1280);
    expect(violations.map((v) => `${v.impact} ${v.id}`)).toContain("serious color-contrast");
  });

  it("the Nu HTML checker finds no error in any report or the summary", (ctx) => {
    const java = spawnSync("java", ["-version"], { encoding: "utf8" });
    if (java.error !== undefined || java.status !== 0) {
      if (chromiumRequired) throw new Error("NNGRADE_REQUIRE_CHROMIUM=1 but java, which runs the Nu HTML checker, is not there");
      ctx.skip("java not found: the Nu HTML checker is skipped (NNGRADE_REQUIRE_CHROMIUM=1 makes this a failure)");
    }
    // a control page, one report with a second element of an id it has: the checker must call it an error
    const control = join(tmpdir(), `nngrade-vnu-control-${process.pid}.html`);
    writeFileSync(control, readFileSync(pages["hw4 s-transposed"] as string, "utf8").replace("</main>", '<p id="task-0-q1">again</p></main>'));
    // the checker prints its JSON on stderr; its exit status is 1 when it finds an error
    const run = spawnSync("java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...Object.values(pages), control], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(run.error).toBeUndefined();
    const { messages } = JSON.parse(run.stderr) as { messages: { type: string; url: string; message: string; lastLine?: number }[] };
    const found = messages.map((m) => ({ file: m.url.replace(/^.*\//, ""), text: `${m.url.replace(/^.*\//, "")}:${m.lastLine ?? "?"}: ${m.type}: ${m.message}` }));
    const controlName = control.replace(/^.*\//, "");
    expect(found.filter((m) => m.file !== controlName).map((m) => m.text)).toEqual([]);
    expect(found.filter((m) => m.file === controlName).map((m) => m.text).join("\n")).toMatch(/Duplicate ID/);
  });
});
