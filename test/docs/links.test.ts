import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/cli.ts";

/**
 * README.md and docs/*.md travel with the package and the repository alone:
 * every relative link must land on a file in the repository (and a #fragment
 * on a heading of that file), and no text may send a reader to material
 * beside the checkout that a student or a CI runner does not have.
 */
const ROOT = resolve(REPO_ROOT);
const PAGES = ["README.md", ...readdirSync(join(ROOT, "docs"))
  .filter((name) => name.endsWith(".md"))
  .sort()
  .map((name) => `docs/${name}`)];

/** the page without its fenced code blocks and inline code, where brackets are not links */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** every link target: [text](target), ![alt](target) and [label]: target */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
  const definitions = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1]!);
  return [...inline, ...definitions];
}

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const match of markdown.replace(/^```[\s\S]*?^```$/gm, "").matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = match[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(match[1]!);
  return found;
}

/** a line that sends the reader to material beside the checkout */
const OUTSIDE = /\.\.\/shared|shared\/(spec|seeds)|ASSIGNMENTS\.md|PRODUCT\.md|\/work\/|(^|[\s`(])\.\.\/\.\.\//;

describe("links in README.md and docs/*.md", () => {
  it("finds the pages and their links", () => {
    expect(PAGES).toContain("docs/assignments.md");
    expect(linkTargets(readFileSync(join(ROOT, "README.md"), "utf8"))).toContain("docs/assignments.md");
    expect(linkTargets("[a](x.md) ![b](img/y.png \"title\") `[c](not-a-link)`\n[d]: z.md\n")).toEqual(["x.md", "img/y.png", "z.md"]);
    for (const line of ["see ../shared/spec/ASSIGNMENTS.md", "the seeds in shared/seeds/", "[spec](../../spec.md)"]) expect(OUTSIDE.test(line), line).toBe(true);
    expect(OUTSIDE.test("reports/demo/seed-002.html and docs/bands.md")).toBe(false);
    expect([...anchors("# The rubric\n## mode: array\n## keyFile\n## keyFile\n")]).toEqual(["the-rubric", "mode-array", "keyfile", "keyfile-1"]);
  });

  it.each(PAGES)("%s: every relative link is a file in the repository, every #fragment a heading", (page) => {
    const markdown = readFileSync(join(ROOT, page), "utf8");
    const broken: string[] = [];
    for (const target of linkTargets(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not a file
      const [path = "", fragment] = target.split("#", 2);
      const file = path === "" ? join(ROOT, page) : resolve(ROOT, dirname(page), decodeURIComponent(path));
      const inside = relative(ROOT, file);
      if (inside.startsWith(`..${sep}`) || inside === ".." || !existsSync(file)) {
        broken.push(`${target}: not a file in the repository`);
        continue;
      }
      if (fragment !== undefined && fragment !== "" && file.endsWith(".md") && !anchors(readFileSync(file, "utf8")).has(fragment)) {
        broken.push(`${target}: no heading #${fragment} in ${inside}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(PAGES)("%s: sends no one outside the repository (../shared, the spec, the seed reports, absolute paths)", (page) => {
    const markdown = readFileSync(join(ROOT, page), "utf8");
    const outside = markdown.split("\n").filter((line) => OUTSIDE.test(line));
    expect(outside).toEqual([]);
  });
});
