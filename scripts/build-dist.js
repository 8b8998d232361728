/**
 * Compiles src/ and reference/ to JavaScript in dist/, so that the CLI starts
 * without a TypeScript loader (bin/nngrade.js uses dist/ only while its
 * recorded source hash matches the sources, see bin/dist.js). `npm ci` runs
 * it; `npm run build` runs it again. Where TypeScript is not installed (an
 * install without dev dependencies) it says so and the CLI runs the sources
 * through tsx, which is slower to start and otherwise the same.
 *
 * Plain JavaScript: it runs before anything else is set up.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceHash } from "../bin/dist.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

let tsc;
try {
  const manifest = createRequire(import.meta.url).resolve("typescript/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
  tsc = join(dirname(manifest), typeof bin === "string" ? bin : bin.tsc);
} catch {
  console.log("nngrade: dist/ not built (typescript is not installed); the CLI runs the sources through tsx");
  process.exit(0);
}

const sources = sourceHash(root);
const staging = join(root, `dist.${process.pid}.tmp`);
rmSync(staging, { recursive: true, force: true });
const build = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", staging], { encoding: "utf8", cwd: root });
if (build.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`nngrade: dist/ not built: ${(build.stdout + build.stderr).trim().split("\n").slice(0, 5).join("\n")}`);
  // a compile error is a real problem in a checkout: say so, but the sources still run through tsx
  process.exit(0);
}
writeFileSync(join(staging, "stamp.json"), `${JSON.stringify({ sources })}\n`);
rmSync(dist, { recursive: true, force: true });
renameSync(staging, dist);
console.log(`nngrade: dist/ built from the sources (${sources.slice(0, 12)})`);
