/**
 * poppler-utils (pdftotext, pdftoppm, pdfinfo) read back the PDFs the tests
 * render. Where they are missing the tests that need them are skipped, and
 * say why; CI sets NNGRADE_REQUIRE_POPPLER=1, and then a missing tool fails.
 */
import { spawnSync } from "node:child_process";
import { it } from "vitest";

export type PopplerTool = "pdftotext" | "pdftoppm" | "pdfinfo" | "pdffonts";

const REQUIRED = process.env.NNGRADE_REQUIRE_POPPLER === "1";
const found = new Map<PopplerTool, boolean>();

export function hasTool(tool: PopplerTool): boolean {
  let present = found.get(tool);
  if (present === undefined) {
    // every poppler tool prints its version for -v; only a missing binary gives ENOENT
    const probe = spawnSync(tool, ["-v"], { encoding: "utf8" });
    present = !(probe.error && (probe.error as NodeJS.ErrnoException).code === "ENOENT");
    found.set(tool, present);
  }
  return present;
}

/** `it` when the tools are on PATH; otherwise a skip that names them, or a failure when they are required */
export function itWithPoppler(tools: PopplerTool[], name: string, test: () => Promise<void> | void): void {
  const missing = tools.filter((tool) => !hasTool(tool));
  if (missing.length === 0) {
    it(name, test);
  } else if (REQUIRED) {
    it(name, () => {
      throw new Error(`${missing.join(", ")} not on PATH, and NNGRADE_REQUIRE_POPPLER=1: install poppler-utils`);
    });
  } else {
    it.skip(`${name} (skipped: ${missing.join(", ")} not on PATH; install poppler-utils to run it)`, test);
  }
}

function run(tool: PopplerTool, args: string[], input?: Buffer): Buffer {
  const result = spawnSync(tool, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")} exited ${result.status}: ${result.stderr.toString()}`);
  return result.stdout;
}

/** the text of each page, in reading order (pdftotext ends every page with a form feed) */
export function pdfPages(pdf: Buffer): string[] {
  const text = run("pdftotext", ["-enc", "UTF-8", "-", "-"], pdf).toString("utf8");
  const pages = text.split("\f");
  if (pages[pages.length - 1]?.trim() === "") pages.pop();
  return pages;
}

/** the text laid out as on the page (pdftotext -layout): what shares a line on the page shares one here */
export function pdfLayoutText(pdf: Buffer): string {
  return run("pdftotext", ["-layout", "-enc", "UTF-8", "-", "-"], pdf).toString("utf8");
}

/** whitespace folded to single spaces, so a line break inside a phrase does not matter */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}

export interface PdfWord {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** each page's words with their box in points from the top left (pdftotext -bbox) */
export function pdfWords(pdf: Buffer): { height: number; words: PdfWord[] }[] {
  const html = run("pdftotext", ["-bbox", "-enc", "UTF-8", "-", "-"], pdf).toString("utf8");
  return html
    .split("<page ")
    .slice(1)
    .map((page) => ({
      height: Number(/height="([\d.]+)"/.exec(page)?.[1]),
      words: [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
        text: unescapeXml(match[5] ?? ""),
        xMin: Number(match[1]),
        xMax: Number(match[3]),
        yMin: Number(match[2]),
        yMax: Number(match[4]),
      })),
    }));
}

/** pdftotext -bbox writes its words as XHTML text */
function unescapeXml(text: string): string {
  const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&" };
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => entities[entity] ?? entity);
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const text = run("pdfinfo", ["-enc", "UTF-8", "-"], pdf).toString("utf8");
  return Object.fromEntries(
    text
      .split("\n")
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1] ?? "", match[2] ?? ""]),
  );
}

/** the embedded fonts' names, subset tag dropped ("ABCDEF+NotoSansArabic-Regular" is "NotoSansArabic-Regular") */
export function pdfFonts(pdf: Buffer): string[] {
  const lines = run("pdffonts", ["-"], pdf).toString("utf8").split("\n").slice(2);
  return lines.map((line) => line.split(/\s+/)[0] ?? "").filter((name) => name !== "").map((name) => name.replace(/^[A-Z]{6}\+/, ""));
}

/** the structure tree of a tagged pdf with each element's text, as pdfinfo -struct-text prints it */
export function pdfStructText(pdf: Buffer): string {
  return run("pdfinfo", ["-struct-text", "-"], pdf).toString("utf8");
}

/** page `page` (1-based) as a PNG file at `resolution` dpi; returns the file's path */
export function renderPage(pdfPath: string, page: number, resolution: number, outPrefix: string): string {
  run("pdftoppm", ["-png", "-r", String(resolution), "-f", String(page), "-l", String(page), "-singlefile", pdfPath, outPrefix]);
  return `${outPrefix}.png`;
}
