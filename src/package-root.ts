/**
 * Where nngrade's own files are, whatever the working directory, and whether
 * this code runs as compiled JavaScript (dist/, built by scripts/build-dist.js
 * so that the CLI starts without a TypeScript loader) or from the .ts sources.
 *
 * The root is the nearest folder above this module with nngrade's
 * package.json: src/ from the sources, dist/src/ when compiled; assets
 * (templates, rubrics, the shipped reference caches, the wasm and native
 * kernels) are always read from the root, never copied into dist/.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "nngrade") return dir;
      } catch {
        // not ours: keep looking
      }
    }
    if (dirname(dir) === dir) throw new Error(`nngrade: no package.json of nngrade above ${from}`);
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** true when this is dist/'s compiled JavaScript */
export const COMPILED = import.meta.url.endsWith(".js");

/**
 * The module to import for a source file given relative to the root
 * ("reference/hw4-hyperparameters.ts"): the file itself, or its compiled
 * twin under dist/ when running compiled.
 */
export function builtinModule(relativeTs: string): string {
  return COMPILED ? join(PACKAGE_ROOT, "dist", relativeTs.replace(/\.ts$/, ".js")) : join(PACKAGE_ROOT, relativeTs);
}

/** the version in nngrade's own package.json, wherever nngrade is installed or run from */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}
