/**
 * The package's public entry points (package.json exports): each name is
 * documented where it is declared, and the exports, the sources they are
 * built from and the names the loaders resolve (bin/entry-resolve.js) agree.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ENTRIES } from "../../bin/entry-resolve.js";
import * as nngrade from "../../src/index.ts";
import * as authoring from "../../src/authoring.ts";
import * as testing from "../../src/testing.ts";
import { declaration, reExports } from "../helpers/tsdoc.ts";

const ROOT = join(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: Record<string, { types: string; default: string } | string>; types: string };

describe("the package's entry points", () => {
  it("are the same four in package.json, the loaders and the sources", () => {
    const exported = Object.keys(manifest.exports).filter((key) => key !== "./package.json");
    expect(exported.map((key) => (key === "." ? "nngrade" : `nngrade/${key.slice(2)}`)).sort()).toEqual(Object.keys(ENTRIES).sort());
    for (const [name, [source, compiled]] of Object.entries(ENTRIES)) {
      const target = manifest.exports[name === "nngrade" ? "." : `./${name.slice("nngrade/".length)}`] as { types: string; default: string };
      // dist/ mirrors the sources: src/x.ts compiles to dist/src/x.js with its declarations beside it
      expect(target.default).toBe(`./${compiled}`);
      expect(target.types).toBe(`./${compiled.replace(/\.js$/, ".d.ts")}`);
      expect(compiled).toBe(`dist/${source.replace(/\.ts$/, ".js")}`);
    }
    expect(manifest.types).toBe((manifest.exports["."] as { types: string }).types);
  });

  it("give a grader, an author and a tester what they need", () => {
    for (const name of ["loadAssignment", "gradeSubmission", "gradeBatch", "createRegistries", "renderHtml", "renderPdf", "renderJson", "renderJunit", "renderGradescope", "renderGradebook"]) {
      expect(typeof (nngrade as Record<string, unknown>)[name], name).toBe("function");
    }
    for (const name of ["defineAssignment", "upstreamFrom", "bandOf", "ReferenceCache", "mnistSplitDataSets"]) {
      expect(typeof (authoring as Record<string, unknown>)[name], name).toBe("function");
    }
    for (const name of ["runComparatorTests", "comparatorTests", "expectVerdicts", "verdictProblems"]) {
      expect(typeof (testing as Record<string, unknown>)[name], name).toBe("function");
    }
  });

  it.each(["src/index.ts", "src/authoring.ts", "src/testing.ts"])("%s documents every export where it is declared (TSDoc)", (entry) => {
    const file = join(ROOT, entry);
    const names = [...reExports(file).keys()];
    expect(names.length).toBeGreaterThan(5);
    const undocumented = names.filter((name) => !declaration(file, name)?.documented);
    expect(undocumented.map((name) => `${name} (${relative(ROOT, declaration(file, name)?.file ?? "?")})`)).toEqual([]);
  });

  it("are what a program imports by name: examples/grade-one.mjs grades through `nngrade` (dist/, built by npm ci)", () => {
    const out = join(mkdtempSync(join(tmpdir(), "nngrade-example-")), "report.html");
    const printed = execFileSync(process.execPath, ["examples/grade-one.mjs", "fixtures/submissions/hw4-hyperparameters/correct-numpy.json", out], { cwd: ROOT, encoding: "utf8" });
    expect(printed).toMatch(/^numpy-reference: 60\/60 -> /);
    expect(readFileSync(out, "utf8")).toMatch(/^<!DOCTYPE html>/);
  });
});
