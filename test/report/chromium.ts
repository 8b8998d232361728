/**
 * Headless Chromium for the HTML report tests that need a real layout
 * engine (layout.long.ts, a11y.long.ts), launched as browser.test.ts
 * launches it. Needs /usr/bin/chromium (or NNGRADE_CHROMIUM): without it
 * the tests are skipped, unless NNGRADE_REQUIRE_CHROMIUM=1, when they fail.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import type { TestContext } from "vitest";

// NNGRADE_CHROMIUM names another binary (chromium-browser, google-chrome)
export const CHROMIUM = process.env.NNGRADE_CHROMIUM || "/usr/bin/chromium";
/** the flags a root, offline, headless Chromium needs here (the machine's closed network refuses its background connections) */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const chromiumRequired = process.env.NNGRADE_REQUIRE_CHROMIUM === "1";

/** the browser, or undefined when there is none (a test then skips or fails: needChromium) */
export async function launchChromium(what: string): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    console.warn(`${what}: ${CHROMIUM} not found, ${chromiumRequired ? "failing (NNGRADE_REQUIRE_CHROMIUM=1)" : "skipping"}`);
    return undefined;
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export function needChromium(ctx: TestContext, browser: Browser | undefined, what: string): Browser {
  if (browser === undefined) {
    if (chromiumRequired) throw new Error(`NNGRADE_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is not there`);
    ctx.skip(`${CHROMIUM} not found: ${what} is skipped (NNGRADE_REQUIRE_CHROMIUM=1 makes this a failure)`);
  }
  return browser as Browser;
}
