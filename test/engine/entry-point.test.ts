/**
 * src/engine/index.ts is the engine's public entry point (`nngrade/engine`):
 * every name it exports is documented where it is declared, and the
 * built-in references reach the engine through it alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as engine from "../../src/engine/index.ts";

const ROOT = join(import.meta.dirname, "../..");
const ENTRY = join(ROOT, "src/engine/index.ts");

/** `export { a, type B } from "./x.ts"` and `export type { ... } from`: name -> module, as written in `file` */
function reExports(file: string): Map<string, string> {
  const text = readFileSync(file, "utf8");
  const out = new Map<string, string>();
  for (const match of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"([^"]+)"/g)) {
    for (const spec of match[1]!.split(",")) {
      const name = spec.trim().replace(/^type\s+/, "");
      if (name !== "") out.set(name, resolve(dirname(file), match[2]!));
    }
  }
  return out;
}

/** the file that declares `name` (following re-exports), and whether a TSDoc comment stands right above it */
function declaration(file: string, name: string, seen = new Set<string>()): { file: string; documented: boolean } | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  const lines = readFileSync(file, "utf8").split("\n");
  const declares = new RegExp(`^export\\s+(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:function\\*?|class|interface|type|const|let|enum)\\s+${name}\\b`);
  const at = lines.findIndex((line) => declares.test(line));
  if (at >= 0) {
    let above = at - 1;
    while (above >= 0 && lines[above]!.trim() === "") above--;
    return { file, documented: above >= 0 && lines[above]!.trim().endsWith("*/") };
  }
  const next = reExports(file).get(name);
  return next === undefined ? undefined : declaration(next, name, seen);
}

describe("the engine's entry point", () => {
  const names = [...reExports(ENTRY).keys()];

  it("exports the ops with their backwards, the random streams, matrices, data and training", () => {
    for (const name of ["activate", "activationBackward", "softmax", "softmaxBackward", "denseForward", "denseBackward"]) {
      expect(typeof (engine as Record<string, unknown>)[name], name).toBe("function");
    }
    for (const name of ["meanSquaredError", "softmaxCrossEntropy", "softmaxCrossEntropyBackward", "crossEntropyFromProbabilities"]) {
      expect(typeof (engine as Record<string, unknown>)[name], name).toBe("function");
    }
    for (const name of ["NumpyRandomState", "createStream", "Matrix", "mnistSplit", "createNetwork", "trainNetwork"]) {
      expect(typeof (engine as Record<string, unknown>)[name], name).toBe("function");
    }
  });

  it("documents every export where it is declared (TSDoc)", () => {
    expect(names.length).toBeGreaterThan(50);
    const undocumented = names.filter((name) => {
      const found = declaration(ENTRY, name);
      if (found === undefined) return true;
      return !found.documented;
    });
    expect(undocumented.map((name) => `${name} (${relative(ROOT, declaration(ENTRY, name)?.file ?? "?")})`)).toEqual([]);
  });

  it("is how the built-in references reach the engine, and the public entry points are all they import of nngrade", () => {
    const folder = join(ROOT, "reference");
    const imports = readdirSync(folder)
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => [...readFileSync(join(folder, file), "utf8").matchAll(/from\s+"([^"]+)"/g)].map((match) => ({ file, from: match[1]! })));
    expect(imports.filter(({ from }) => from === "nngrade/engine").length).toBeGreaterThan(5);
    // a reference uses the engine and the authoring api like a course's own reference would: no path into src/
    const inside = imports.filter(({ from }) => from.includes("/src/") || from.startsWith("../"));
    expect(inside.map(({ file, from }) => `${file}: ${from}`)).toEqual([]);
    const packages = new Set(imports.map(({ from }) => from).filter((from) => !from.startsWith(".")));
    expect([...packages].sort()).toEqual(["nngrade/authoring", "nngrade/engine"]);
  });
});
