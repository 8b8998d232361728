/**
 * The import graph of src/, as esbuild resolves it (type-only imports are
 * erased and do not count: they create no order at run time). A circle
 * makes a module's exports undefined while its circle is still loading,
 * and hides which layer depends on which.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** file -> the files of src/ it imports (static and dynamic), paths relative to the repository */
async function importGraph(): Promise<Map<string, string[]>> {
  const result = await build({
    entryPoints: sources(SRC),
    bundle: true,
    write: false,
    metafile: true,
    outdir: join(ROOT, "out-import-graph"),
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  const graph = new Map<string, string[]>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (!file.startsWith("src/")) continue;
    graph.set(
      file,
      input.imports.map((edge) => edge.path).filter((path) => path.startsWith("src/")),
    );
  }
  return graph;
}

/** every circle, as the files of one strongly connected component (Tarjan) */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe("the import graph of src/", () => {
  it("has no circle", async () => {
    const graph = await importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(circles(graph)).toEqual([]);
  });

  it("finds a circle when there is one", () => {
    const graph = new Map([
      ["src/a.ts", ["src/b.ts"]],
      ["src/b.ts", ["src/c.ts"]],
      ["src/c.ts", ["src/a.ts"]],
      ["src/d.ts", ["src/a.ts"]],
    ]);
    expect(circles(graph)).toEqual([["src/a.ts", "src/b.ts", "src/c.ts"]]);
  });

  it("sees dynamic imports as edges", async () => {
    const graph = await importGraph();
    // main.ts loads each command only when it runs, with import()
    expect(graph.get("src/cli/main.ts")).toContain("src/cli/commands/check.ts");
  });
});
