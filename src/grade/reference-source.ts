/**
 * What a course's own reference is made of, as one sha256: the files
 * loadReference reads it from. A rerun of `nngrade grade` compares it (the
 * batch's resume state, batch/state.ts), so a student graded against an
 * older reference is graded again. A built-in reference has none: it ships
 * with nngrade, and the engine version stands for it.
 *
 * Files a reference reads by itself while it runs (a Python reference's
 * moons.csv, a TypeScript one's data) are out of reach and not hashed:
 * regrade with --force after changing one.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * The sha256 of files' names and bytes, in the order given; a file that
 * cannot be read counts as such (loading the reference reports it).
 */
export function filesHash(files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = new TextEncoder().encode("\0unreadable\0");
    }
    hash.update(`${basename(file)}\n${bytes.length}\n`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

/** the module, then every other file of its folder ending in `extension` (helpers it may import), in name order */
function moduleAndSiblings(module: string, extension: string): string[] {
  const folder = dirname(module);
  const others = readdirSync(folder)
    .filter((name) => name.endsWith(extension) && name !== basename(module))
    .sort();
  return [module, ...others.map((name) => join(folder, name))];
}

/** a Python reference: its module and every other .py beside it, as its run cache keys it (python/python-reference.ts) */
export function pythonSourceHash(module: string): string {
  return filesHash(moduleAndSiblings(module, ".py"));
}

/** a course's TypeScript reference: its module and every other .ts beside it */
export function typescriptSourceHash(module: string): string {
  return filesHash(moduleAndSiblings(module, ".ts"));
}
