/**
 * The offline self-check page in a real browser: built by `nngrade build
 * --student --html`, opened from file:// in headless Chromium, given each
 * fixture submission through its file input, and compared with `nngrade
 * check --bundle` item for item; it makes no request at all, breaks no
 * rule of its Content-Security-Policy, and holds no hidden expected value.
 * Needs /usr/bin/chromium (or NNGRADE_CHROMIUM); without it the tests are
 * skipped, unless NNGRADE_REQUIRE_CHROMIUM=1, when they fail.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { getAtPath } from "../../src/rubric/answers.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "../report/chromium.ts";

/** the page's DOM, as the functions run in it see it (the tests compile without the "dom" lib); functions, not strings: the page's CSP forbids eval */
declare const document: { getElementById(id: string): { textContent: string | null; className: string; dataset: Record<string, string | undefined> } };

const available = existsSync(CHROMIUM);
const required = process.env.NNGRADE_REQUIRE_CHROMIUM === "1";

const work = mkdtempSync(join(tmpdir(), "nngrade-selfcheck-"));
let context: BrowserContext | undefined;

beforeAll(async () => {
  if (!available) return;
  context = await chromium.launchPersistentContext(join(work, "profile"), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await context?.close();
  rmSync(work, { recursive: true, force: true });
});

function needChromium(ctx: TestContext): BrowserContext {
  if (!context) {
    if (required) throw new Error(`NNGRADE_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is not there`);
    ctx.skip(`${CHROMIUM} not found: the self-check page test is skipped (NNGRADE_REQUIRE_CHROMIUM=1 makes this a failure)`);
  }
  return context!;
}

/** the fixture submissions of a folder that read as submissions (the malformed ones are checked for their message) */
function fixtures(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json"))
    .sort();
}

interface PageVerdict {
  status: string;
  score?: number;
  items: { id: string; status: string; score: string }[];
}

/** builds the bundle and page, then has the page grade each fixture; answers the page's and check --bundle's verdicts */
async function gradeInPage(browser: BrowserContext, assignment: string, folder: string, cwd = REPO_ROOT) {
  const out = join(work, assignment.replace(/\W/g, "_"));
  const built = await runCli(["build", assignment, "--student", "--out", out, "--html", `${out}.html`], { cwd });
  expect(built.stderr).toBe("");
  const page = await browser.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on("request", (request) => {
    // the page itself, from the disk: anything else is a request that leaves it
    if (request.url() !== pathToFileURL(`${out}.html`).href) requests.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(pathToFileURL(`${out}.html`).href);
  const verdicts = new Map<string, { page: PageVerdict; check: GradeResult | string; full: GradeResult | string }>();
  for (const name of fixtures(folder)) {
    await page.setInputFiles("#answers-file", join(folder, name));
    // graded: the report frame has loaded this file's report, or the status says why not
    await page.waitForFunction((file) => document.getElementById("report").dataset.loaded === file || document.getElementById("status").className === "error", name);
    const status = (await page.textContent("#status")) ?? "";
    const frame = page.frameLocator("#report");
    const hidden = await page.getAttribute("#report", "hidden");
    const items =
      hidden === null
        ? await frame.locator("[data-item-id]").evaluateAll((nodes) =>
            nodes.map((node) => ({ id: node.getAttribute("data-item-id") ?? "", status: node.getAttribute("data-status") ?? "", score: node.getAttribute("data-score") ?? "" })),
          )
        : [];
    const score = hidden === null ? Number(await page.getAttribute("#report", "data-score")) : undefined;
    const check = await runCli(["check", join(folder, name), "--bundle", out, "--json"], { cwd });
    // the TA's own grading, every item: the page must agree on the visible ones
    const full = await runCli(["check", join(folder, name), "-a", assignment, "--all", "--json"], { cwd });
    verdicts.set(name, {
      page: { status, ...(score === undefined ? {} : { score }), items },
      check: check.code === 0 ? (JSON.parse(check.stdout) as GradeResult) : check.stderr,
      full: full.code === 0 ? (JSON.parse(full.stdout) as GradeResult) : full.stderr,
    });
    // the next file must not be read as this one's result
    await page.evaluate(() => {
      document.getElementById("status").textContent = "";
      document.getElementById("status").className = "";
    });
  }
  await page.close();
  return { verdicts, requests, problems, out };
}

describe("the self-check page", () => {
  it("grades hw4's fixtures in the browser as check --bundle does, from file://, with no request and no CSP violation", async (ctx) => {
    const browser = needChromium(ctx);
    const folder = join(REPO_ROOT, "fixtures/submissions/hw4-hyperparameters");
    const { verdicts, requests, problems, out } = await gradeInPage(browser, "hw4-hyperparameters", folder);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    expect(readFileSync(`${out}.html`).byteLength).toBeLessThan(2 * 1024 * 1024);
    let graded = 0;
    let engine = 0;
    for (const [name, { page, check, full }] of verdicts) {
      if (typeof check === "string") {
        // a file check cannot read: the page says what check says
        expect(page.status, name).toContain(check.replace(/^nngrade: /, "").split("\n")[0]!.replace(/^.*?: /, "").slice(0, 40));
        continue;
      }
      expect(page.score, name).toBe(check.score);
      // by id: the report shows a task's unanswered items together, as one line at its end
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const expected = check.tasks.flatMap((task) => task.items.map((item) => ({ id: item.id, status: item.status }))).sort(byId);
      expect(page.items.map(({ id, status }) => ({ id, status })).sort(byId), name).toEqual(expected);
      // against the TA's grading of every item: the page grades each visible item alike, its score too; only error
      // carried forward, which needs the reference's computation, is left to the TA (the page fails it and says so)
      const graderItems = new Map((full as GradeResult).tasks.flatMap((task) => task.items.map((item) => [item.id, item] as const)));
      for (const item of page.items) {
        const want = graderItems.get(item.id);
        expect(want, `${name} ${item.id}`).toBeDefined();
        if (want!.status === "ecf" && item.status === "fail") continue;
        expect({ status: item.status, score: Number(item.score) }, `${name} ${item.id}`).toEqual({ status: want!.status, score: want!.score });
        if (item.id.startsWith("q9.val_") || item.id === "q9.train_accuracy") engine++;
      }
      graded++;
    }
    expect(graded).toBeGreaterThan(8);
    // hw4's engine items (q9's accuracies) are graded in the page, not left to the TA
    expect(engine).toBeGreaterThan(10);
  }, 120_000);

  it("asks for the student id when each student has their own numbers, and grades a student's own variant at full marks", async (ctx) => {
    const browser = needChromium(ctx);
    const course = join(work, "course");
    const { cpSync, writeFileSync } = await import("node:fs");
    cpSync(join(REPO_ROOT, "examples/nn101"), course, { recursive: true });
    writeFileSync(join(work, "roster.csv"), "id\nada\nbo\n");
    const out = join(work, "nn101-class");
    const built = await runCli(["build", join(course, "nn101-dense-layer.json"), "--student", "--out", out, "--roster", join(work, "roster.csv"), "--variants", "per-student", "--html", `${out}.html`]);
    expect(built.code).toBe(0);
    const handout = await runCli(["handout", join(course, "nn101-dense-layer.json"), "--student", "ada", "--json"]);
    writeFileSync(join(work, "ada-handout.json"), handout.stdout);
    const { spawnSync } = await import("node:child_process");
    writeFileSync(join(work, "answers.json"), spawnSync("python3", [join(course, "make_fixtures.py"), "--handout", join(work, "ada-handout.json")], { encoding: "utf8" }).stdout);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(`${out}.html`).href);
    expect(await page.isVisible("#student-id")).toBe(true);
    await page.fill("#student-id", "bo");
    await page.setInputFiles("#answers-file", join(work, "answers.json"));
    await page.waitForFunction(() => document.getElementById("status").textContent?.includes("answers.json"));
    const asBo = Number(await page.getAttribute("#report", "data-score"));
    await page.fill("#student-id", "ada");
    await page.evaluate(() => {
      document.getElementById("status").textContent = "";
    });
    await page.setInputFiles("#answers-file", []);
    await page.setInputFiles("#answers-file", join(work, "answers.json"));
    await page.waitForFunction(() => document.getElementById("status").textContent?.includes("answers.json"));
    const asAda = Number(await page.getAttribute("#report", "data-score"));
    const max = Number(await page.getAttribute("#report", "data-max-score"));
    expect(asAda).toBe(max);
    expect(asBo).toBeLessThan(max);
    await page.close();
  }, 120_000);

  it("shows a file it cannot read as check does: with the line and column", async (ctx) => {
    const browser = needChromium(ctx);
    const out = join(work, "hw4_hyperparameters");
    if (!existsSync(`${out}.html`)) await runCli(["build", "hw4-hyperparameters", "--student", "--out", out, "--html", `${out}.html`]);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(`${out}.html`).href);
    await page.fill("#answers-text", '{ "answers": { "q1": [1, 2,, 3] } }');
    await page.click("#check-pasted");
    await page.waitForFunction(() => document.getElementById("status").className === "error");
    expect(await page.textContent("#status")).toMatch(/^pasted answers:1:\d+: /);
    await page.close();
  }, 60_000);
});

describe("the self-check page's file", () => {
  it("holds none of hw4's hidden expected values and no reference source", async () => {
    const out = join(work, "leak");
    await runCli(["build", "hw4-hyperparameters", "--student", "--out", out, "--html", `${out}.html`]);
    const html = readFileSync(`${out}.html`, "utf8");
    const assignment = await loadAssignment("hw4-hyperparameters");
    const q8 = assignment.solutions.get("q8")!.answers;
    const hidden = ["J", "final_w", "final_J"].flatMap((path) => {
      const found = getAtPath(q8, path);
      return found.found ? [found.value].flat(2) : [];
    });
    const numbers = hidden.filter((x): x is number => typeof x === "number" && Number.isFinite(x) && !Number.isInteger(x));
    expect(numbers.length).toBeGreaterThan(50);
    // the shortest printed form (JSON's, the bundle's own) of every hidden value is absent
    const present = numbers.filter((x) => html.includes(String(x)));
    expect(present).toEqual([]);
    for (const source of ["defineAssignment", "hw4-softmax-regression", "solve(inputs"]) expect(html.includes(source), source).toBe(false);
  });
});
