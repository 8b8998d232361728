/**
 * src/engine/index.ts is the engine's public entry point (`nngrade/engine`):
 * every name it exports is documented where it is declared, and the
 * built-in references reach the engine through it alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import * as engine from "../../src/engine/index.ts";
import { declaration, reExports } from "../helpers/tsdoc.ts";

const ROOT = join(import.meta.dirname, "../..");
const ENTRY = join(ROOT, "src/engine/index.ts");

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
