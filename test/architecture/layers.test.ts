/**
 * Data flows one way (STYLE.md): the command line calls the library, never
 * the other way round. A library module that imports from src/cli/ would
 * drag yargs and the terminal into every program that embeds nngrade, and
 * let a command's printing and exit codes leak into library results.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");
const CLI = join(SRC, "cli");

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return path === CLI ? [] : sources(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

/** the relative specifiers a module imports, statically, dynamically or by re-export */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.[^"']*)["']/g)) found.push(match[1] as string);
  return found;
}

describe("the library's layers", () => {
  it("never imports from src/cli/ outside it", () => {
    const offending: string[] = [];
    for (const file of sources(SRC)) {
      for (const specifier of specifiers(readFileSync(file, "utf8"))) {
        const target = resolve(file, "..", specifier);
        if (target === CLI || target.startsWith(`${CLI}${sep}`)) offending.push(`${relative(SRC, file)} -> ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("grades without the reports: engine, rubric, compare, diagnose, grade and result never import src/report/", () => {
    // results flow to reports, never back: a report format can change without touching how a verdict is reached
    const REPORT = join(SRC, "report");
    const offending: string[] = [];
    for (const layer of ["engine", "rubric", "compare", "diagnose", "grade", "result"]) {
      for (const file of sources(join(SRC, layer))) {
        for (const specifier of specifiers(readFileSync(file, "utf8"))) {
          const target = resolve(file, "..", specifier);
          if (target.startsWith(`${REPORT}${sep}`)) offending.push(`${relative(SRC, file)} -> ${specifier}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
