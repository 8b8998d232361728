/**
 * One timed `nngrade grade` run for bench/bulk.ts, in a process of its own so
 * that its peak memory is this run's: prints {code, seconds, maxRss, compiled}.
 * Like bin/nngrade.js, it runs the compiled dist/ while it matches the sources
 * (`npm run build`), else the sources through tsx, whose loader slows every
 * worker's start; NNGRADE_FROM_SOURCE=1 asks for the sources.
 *   node --import tsx bench/bulk-run.ts FOLDER OUT [--pdf]
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshDist } from "../bin/dist.js";

const [folder, out, pdf] = process.argv.slice(2);
if (folder === undefined || out === undefined) throw new Error("bench/bulk-run.ts FOLDER OUT [--pdf]");
const compiled = process.env.NNGRADE_FROM_SOURCE === "1" ? undefined : freshDist(fileURLToPath(new URL("..", import.meta.url)));
const { main } = (await import(compiled === undefined ? "../src/cli/main.ts" : pathToFileURL(compiled).href)) as typeof import("../src/cli/main.ts");
const start = performance.now();
const code = await main(["grade", folder, "-a", "hw4-hyperparameters", "-o", out, "--jobs", "2", ...(pdf === "--pdf" ? ["--pdf"] : [])], {
  cwd: process.cwd(),
  stdout: () => {},
  stderr: (text: string) => process.stderr.write(text),
  progress: false,
});
const seconds = (performance.now() - start) / 1000;
process.stdout.write(JSON.stringify({ code, seconds, maxRss: process.resourceUsage().maxRSS, compiled: compiled !== undefined }));
