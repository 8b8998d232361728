/**
 * The grading core (src/core.ts: assignmentFrom, gradeSubmission,
 * parseSubmissionText, the registries, the result and its JSON, text and
 * HTML renderers) bundles for a browser: no Node built-in, no file of the
 * edges (the command line, the batch, Gradescope, the disk cache, the
 * package's own folder). Then the bundle grades as the sources do, in a
 * Node with no way to reach a built-in at run time.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { gradeInPage } from "./browser-core.fixture.ts";

const ROOT = join(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "nngrade-browser-core-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** the files and folders of src/ that are I/O: the core must import none of them */
const EDGES = [
  "src/cli/",
  "src/batch/",
  "src/gradescope/",
  "src/atomic-write.ts",
  "src/package-root.ts",
  "src/grade/paths.ts",
  "src/grade/cache.ts",
  "src/grade/assignment.ts",
  "src/rubric/read-file.ts",
  "src/rubric/submission-file.ts",
  "src/index.ts",
];

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

async function bundle(entry: string): Promise<{ errors: string[]; metafile?: Metafile; text?: string }> {
  try {
    const result = await build({
      entryPoints: [join(ROOT, entry)],
      absWorkingDir: ROOT,
      bundle: true,
      write: false,
      metafile: true,
      platform: "browser",
      format: "esm",
      logLevel: "silent",
    });
    return { errors: [], metafile: result.metafile, text: result.outputFiles[0]?.text ?? "" };
  } catch (error) {
    const { errors = [] } = error as { errors?: { text: string; location?: { file: string } | null }[] };
    return { errors: errors.map((found) => `${found.text} <- ${found.location?.file ?? "?"}`) };
  }
}

/** every import the bundle kept as an import, and the Node built-ins among everything imported */
function builtinImports(metafile: Metafile): string[] {
  const found: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const edge of input.imports) if (BUILTINS.has(edge.path) || edge.path.startsWith("node:")) found.push(`${file} -> ${edge.path}`);
  }
  for (const output of Object.values(metafile.outputs)) {
    for (const edge of output.imports) if (BUILTINS.has(edge.path) || edge.path.startsWith("node:")) found.push(`(output) -> ${edge.path}`);
  }
  return found;
}

/** bundled once for the checks of its imports */
let core: ReturnType<typeof bundle> | undefined;

describe("the grading core", () => {
  it("bundles for a browser with no Node built-in", async () => {
    core ??= bundle("src/core.ts");
    const { errors, metafile } = await core;
    expect(errors).toEqual([]);
    expect(builtinImports(metafile!)).toEqual([]);
  });

  it("pulls in no file of the edges", async () => {
    core ??= bundle("src/core.ts");
    const { metafile } = await core;
    const sources = Object.keys(metafile!.inputs).filter((file) => file.startsWith("src/"));
    // the core itself is there, through to the renderers
    expect(sources).toEqual(expect.arrayContaining(["src/grading.ts", "src/grade/grade.ts", "src/grade/reference-cache.ts", "src/report/html.ts", "src/rubric/validate.ts"]));
    expect(sources.filter((file) => EDGES.some((edge) => (edge.endsWith("/") ? file.startsWith(edge) : file === edge)))).toEqual([]);
  });

  it("tells which file pulls a built-in in", async () => {
    const { errors } = await bundle("src/grade/cache.ts");
    expect(errors).toContain('Could not resolve "node:fs" <- src/grade/cache.ts');
  });

  it("grades and renders from the bundle byte for byte as from the sources, with no built-in reachable", async () => {
    const { errors, text } = await bundle("test/architecture/browser-core.fixture.ts");
    expect(errors).toEqual([]);
    writeFileSync(join(work, "core.mjs"), text!);
    // a page has no process.getBuiltinModule (nor require): the bundle must not need them
    const page = [
      "delete process.getBuiltinModule;",
      'const { gradeInPage } = await import("./core.mjs");',
      "process.stdout.write(JSON.stringify(gradeInPage()));",
    ].join("\n");
    writeFileSync(join(work, "page.mjs"), page);
    const run = spawnSync(process.execPath, [join(work, "page.mjs")], { encoding: "utf8", cwd: work });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const fromBundle = JSON.parse(run.stdout) as ReturnType<typeof gradeInPage>;
    const fromSources = gradeInPage();
    expect(fromBundle.json).toBe(fromSources.json);
    expect(fromBundle.html).toBe(fromSources.html);
    // the expression was parsed (mathjs), the wrong and the unreadable answers graded as such
    const result = JSON.parse(fromSources.json);
    expect(result.tasks[0].items.map((item: { status: string }) => item.status)).toEqual(["pass", "pass", "pass"]);
    expect(result.tasks[1].items[0].status).toBe("fail");
    expect(fromSources.html).toContain("Ada &lt;b&gt;Lovelace&lt;/b&gt;");
  });
});
