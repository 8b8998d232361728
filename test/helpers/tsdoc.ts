/**
 * What the entry-point tests read from the sources: the names an entry
 * point re-exports, and whether each is documented (TSDoc) where it is
 * declared. Regular expressions over the source text: the installed
 * TypeScript 7 has no compiler API to ask.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** `export { a, type B } from "./x.ts"` and `export type { ... } from`: name -> module, as written in `file` */
export function reExports(file: string): Map<string, string> {
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
export function declaration(file: string, name: string, seen = new Set<string>()): { file: string; documented: boolean } | undefined {
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

