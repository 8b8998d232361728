// Whether dist/ (the compiled JavaScript, scripts/build-dist.js) matches the
// TypeScript sources it was built from: the sources' hash is recorded in
// dist/stamp.json at build time and compared here at start-up, so an edited
// source file makes the CLI fall back to the sources (through tsx) until the
// next build, instead of running stale code. Content, not modification times:
// npm pack resets every file's time.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** the compiled sources: src/ and reference/ (*.ts), in code-unit order */
function sourceFiles(root) {
  const files = [];
  const walk = (relative) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) files.push(path);
    }
  };
  walk("src");
  for (const name of readdirSync(join(root, "reference"))) if (name.endsWith(".ts")) files.push(`reference/${name}`);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function sourceHash(root) {
  const hash = createHash("sha256");
  for (const file of sourceFiles(root)) hash.update(file).update("\0").update(readFileSync(join(root, file))).update("\0");
  return hash.digest("hex");
}

/** dist/'s entry point when it was built from exactly these sources, else undefined */
export function freshDist(root) {
  try {
    const stamp = JSON.parse(readFileSync(join(root, "dist", "stamp.json"), "utf8"));
    return stamp.sources === sourceHash(root) ? join(root, "dist", "src", "cli", "main.js") : undefined;
  } catch {
    return undefined;
  }
}
