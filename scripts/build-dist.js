/**
 * Compiles src/ and reference/ to JavaScript in dist/, so that the CLI starts
 * without a TypeScript loader (bin/nngrade.js uses dist/ only while its
 * recorded source hash matches the sources, see bin/dist.js). Three callers:
 *
 * - `npm pack` / `npm publish` (prepack): the tarball ships dist/, so an
 *   installed package needs neither TypeScript nor tsx to run. Here a missing
 *   TypeScript or a compile error fails the pack: a tarball without a fresh
 *   dist/ would run its sources through tsx on every start.
 * - the install script, in a checkout (`npm ci`) and in an installed package:
 *   where dist/ already matches the sources (the tarball's, built at pack
 *   time) there is nothing to do and it says nothing; a checkout without
 *   TypeScript (no dev dependencies) is told that the CLI runs the sources
 *   through tsx, which is slower to start and otherwise the same.
 * - `npm run build`, which always compiles.
 *
 * Plain JavaScript: it runs before anything else is set up.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshDist, sourceHash } from "../bin/dist.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const lifecycle = process.env.npm_lifecycle_event;
const packing = lifecycle === "prepack" || lifecycle === "prepublishOnly";

// an installed package: dist/ came in the tarball, compiled from these very sources
if (lifecycle === "install" && freshDist(root) !== undefined) process.exit(0);

/** a pack must not go ahead without dist/; anywhere else the sources still run through tsx */
function notBuilt(message) {
  console.error(`nngrade: dist/ not built: ${message}`);
  process.exit(packing ? 1 : 0);
}

let tsc;
try {
  const manifest = createRequire(import.meta.url).resolve("typescript/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
  tsc = join(dirname(manifest), typeof bin === "string" ? bin : bin.tsc);
} catch {
  if (packing) notBuilt("typescript is not installed (npm ci installs it)");
  console.log("nngrade: dist/ not built (typescript is not installed); the CLI runs the sources through tsx");
  process.exit(0);
}

const sources = sourceHash(root);
const staging = join(root, `dist.${process.pid}.tmp`);
rmSync(staging, { recursive: true, force: true });
const build = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", staging], { encoding: "utf8", cwd: root });
if (build.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  // a compile error is a real problem in a checkout: say so, but the sources still run through tsx
  notBuilt((build.stdout + build.stderr).trim().split("\n").slice(0, 5).join("\n"));
}
// the self-check page's script (src/selfcheck/script.ts), bundled for a browser with the options the
// compiled module gives: an installed nngrade writes pages without esbuild, which is a development tool
try {
  const { build: bundle } = await import("esbuild");
  const { PAGE_BUILD_OPTIONS, PAGE_SCRIPT } = await import(pathToFileURL(join(staging, "src", "selfcheck", "script.js")).href);
  const page = await bundle({ ...PAGE_BUILD_OPTIONS, entryPoints: [...PAGE_BUILD_OPTIONS.entryPoints] });
  mkdirSync(join(staging, "selfcheck"), { recursive: true });
  writeFileSync(join(staging, relative("dist", PAGE_SCRIPT)), page.outputFiles[0].text);
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  notBuilt(`the self-check page's script: ${error.message.split("\n")[0]}`);
}
// the lockfile travels in dist/ (npm pack leaves the root one out): an installed nngrade's Gradescope zip then
// installs exactly the versions it was tested with (gradescope/pack.ts)
try {
  writeFileSync(join(staging, "package-lock.json"), readFileSync(join(root, "package-lock.json")));
} catch {
  // an installed package has none at its root; the one dist/ came with is replaced by this build's dist/ only in a checkout
}
writeFileSync(join(staging, "stamp.json"), `${JSON.stringify({ sources })}\n`);
// the old dist/ moves aside before the new one moves in: two builds at once (two npm packs in one
// checkout) never see a half-deleted dist/, and where the other one's is in place first, it will do if
// it is of these sources
const previous = join(root, `dist.${process.pid}.old.tmp`);
try {
  renameSync(dist, previous);
} catch (error) {
  if (error.code !== "ENOENT") throw error;
}
try {
  renameSync(staging, dist);
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  if (freshDist(root) === undefined) throw error;
}
rmSync(previous, { recursive: true, force: true });
console.log(`nngrade: dist/ built from the sources (${sources.slice(0, 12)})`);
