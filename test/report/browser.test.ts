/**
 * The HTML report in a real browser: a result whose every student-written
 * field carries script and markup payloads is rendered, opened from a file
 * in headless Chromium, and checked for anything that ran. A control page
 * with one payload pasted in raw shows that the checks do catch a payload
 * that runs. Needs /usr/bin/chromium (or NNGRADE_CHROMIUM); without it the
 * tests are skipped, unless NNGRADE_REQUIRE_CHROMIUM=1, when they fail.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { renderHtml } from "../../src/report/html.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.ts";
import { sampleResult } from "./sample-result.ts";

const available = existsSync(CHROMIUM);
const required = process.env.NNGRADE_REQUIRE_CHROMIUM === "1";

/** Each payload, if it ran, would set window.__pwned, log "PWNED" or open a dialog. */
const PAYLOADS = [
  `<script>window.__pwned="script";document.title="PWNED";console.log("PWNED script");alert("script")</script>`,
  `<img src=x onerror="window.__pwned='img';console.log('PWNED img')">`,
  `"'><svg onload="window.__pwned='svg';console.log('PWNED svg')">`,
  `'"><img src=x onerror=alert('attr')>`,
  `</style><script>window.__pwned="style";console.log("PWNED style")</script><style>`,
  `</title><script>window.__pwned="title"</script>`,
  `<a id="pwn" href="javascript:window.__pwned='link';console.log('PWNED link')">click me</a>`,
  `{{constructor.constructor('window.__pwned="handlebars";console.log("PWNED handlebars")')()}}`,
  `{{#with "s" as |string|}}{{string.constructor}}{{/with}}`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `<details open ontoggle="window.__pwned='details';console.log('PWNED details')">`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='meta'">`,
];
const ALL = PAYLOADS.join(" ");

/** every field a student (or a student's file name) can put text into */
function hostileResult(): GradeResult {
  const result = structuredClone(sampleResult);
  result.assignment_title = `${PAYLOADS[5]} ${PAYLOADS[4]}`;
  result.student = { id: `s1${PAYLOADS[2]}`, name: ALL };
  result.source = `submissions/${PAYLOADS[0]}.json`;
  result.flags.push({ code: PAYLOADS[7]!, message: ALL });
  const task = result.tasks[2];
  if (!task) throw new Error("sample has no q3");
  task.title = PAYLOADS[1]!;
  const item: ItemResult = {
    id: `q3.${PAYLOADS[0]}`,
    status: "fail",
    score: 0,
    max_score: 1,
    diagnosis: { code: PAYLOADS[3]!, message: ALL },
    message: ALL,
    feedback: ALL,
    visibility: "visible",
    expected: { [PAYLOADS[0]!]: PAYLOADS[1]! },
    received: [ALL, { [PAYLOADS[2]!]: [PAYLOADS[7]!, PAYLOADS[6]!] }, PAYLOADS[4]!],
    plot: { kind: "curve", expected: [1, 2, 3], received: [1, null, 1e271], label: ALL },
  };
  task.items.push(item, { ...item, id: "q3.scalar", received: ALL });
  return result;
}

interface Observed {
  pwned: unknown;
  title: string;
  text: string;
  console: string[];
  dialogs: string[];
  errors: string[];
  /** elements or attributes that can run code or load something: none belong in a report */
  active: string[];
}

/** Observed.active, found in the page; a string, as this project's TypeScript has no DOM types */
const ACTIVE_CONTENT = `(() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    if (["script", "iframe", "img", "object", "embed", "frame", "base", "link", "form"].includes(tag)) found.push("<" + tag + ">");
    if (tag === "meta" && (element.getAttribute("http-equiv") || "").toLowerCase() === "refresh") found.push("<meta refresh>");
    for (const attribute of element.attributes) {
      if (attribute.name.toLowerCase().startsWith("on")) found.push(tag + " " + attribute.name);
      if (/^\\s*javascript:/i.test(attribute.value)) found.push(tag + " " + attribute.name + "=javascript:");
    }
  }
  return found;
})()`;

let context: BrowserContext | undefined;
let profile: string | undefined;
let output: string;
const html = renderHtml(hostileResult());
const CSP = /<meta http-equiv="Content-Security-Policy"[^>]*>/;

beforeAll(async () => {
  if (!available) {
    console.warn(`browser test: ${CHROMIUM} not found, ${required ? "failing (NNGRADE_REQUIRE_CHROMIUM=1)" : "skipping"}`);
    return;
  }
  output = await mkdtemp(join(tmpdir(), "nngrade-browser-"));
  profile = await mkdtemp(join(tmpdir(), "nngrade-chromium-profile-"));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

function needChromium(ctx: TestContext): BrowserContext {
  if (!context) {
    if (required) throw new Error(`NNGRADE_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is not there`);
    ctx.skip(`${CHROMIUM} not found: the browser check is skipped (NNGRADE_REQUIRE_CHROMIUM=1 makes this a failure)`);
  }
  return context!;
}

/** Opens markup from a file, as a student opens their report, and collects what happened. */
async function open(browser: BrowserContext, name: string, markup: string, settle: (page: Page) => Promise<void>): Promise<{ page: Page; observed: Observed }> {
  const file = join(output, `${name}.html`);
  await writeFile(file, markup);
  const page = await browser.newPage();
  const observed: Observed = { pwned: undefined, title: "", text: "", console: [], dialogs: [], errors: [], active: [] };
  page.on("console", (message) => observed.console.push(message.text()));
  page.on("pageerror", (error) => observed.errors.push(error.message));
  page.on("dialog", (dialog) => {
    observed.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await settle(page);
  observed.pwned = await page.evaluate("window.__pwned");
  observed.title = await page.title();
  observed.text = (await page.textContent("body")) ?? "";
  observed.active = (await page.evaluate(ACTIVE_CONTENT)) as string[];
  return { page, observed };
}

/** a load event, then two frames and a moment, for handlers that fire after it (ontoggle, onerror) */
async function settleQuietly(page: Page): Promise<void> {
  await page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))))");
}

function expectNothingRan(observed: Observed): void {
  expect(observed.pwned).toBeUndefined();
  expect(observed.dialogs).toEqual([]);
  expect(observed.errors).toEqual([]);
  expect(observed.console.filter((text) => /PWNED|Content Security Policy|Refused to/i.test(text))).toEqual([]);
  expect(observed.active).toEqual([]);
}

function expectPayloadsAsText(observed: Observed, result: GradeResult): void {
  for (const payload of PAYLOADS) expect(observed.text, payload).toContain(payload);
  // the title is the assignment's and the student id, as text (the browser collapses white space)
  const title = `${result.assignment_title} · ${result.student.id}`.replace(/\s+/g, " ").trim();
  expect(observed.title).toBe(title);
}

describe.sequential("the HTML report in Chromium", () => {
  it("shows every payload as text and runs none of them", async (ctx) => {
    const browser = needChromium(ctx);
    const { page, observed } = await open(browser, "report", html, settleQuietly);
    expectNothingRan(observed);
    expectPayloadsAsText(observed, hostileResult());
    // the report's own links stay within the page
    const links = (await page.evaluate(`Array.from(document.querySelectorAll("a"), (a) => a.getAttribute("href"))`)) as string[];
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/^#task-/);
    const screenshot = join(output, "report.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`browser test: screenshot of the hostile report at ${screenshot}`);
    await page.close();
  });

  it("runs none of them without its Content-Security-Policy either: the escaping alone holds", async (ctx) => {
    const browser = needChromium(ctx);
    expect(html).toMatch(CSP);
    const { page, observed } = await open(browser, "report-without-csp", html.replace(CSP, ""), settleQuietly);
    expectNothingRan(observed);
    expectPayloadsAsText(observed, hostileResult());
    await page.close();
  });

  it("catches a payload that does run (a control page with two pasted in raw)", async (ctx) => {
    const browser = needChromium(ctx);
    const raw = html.replace(CSP, "").replace("</main>", `${PAYLOADS[1]}${PAYLOADS[0]}</main>`);
    const { page, observed } = await open(browser, "control", raw, async (opened) => {
      await opened.waitForFunction(`window.__pwned === "img"`);
    });
    expect(observed.pwned).toBe("img");
    expect(observed.console).toEqual(expect.arrayContaining(["PWNED script", "PWNED img"]));
    expect(observed.dialogs).toEqual(["script"]);
    expect(observed.title).toBe("PWNED");
    expect(observed.active).toEqual(expect.arrayContaining(["<script>", "<img>", "img onerror"]));
    await page.close();
  });
});
