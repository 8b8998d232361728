/**
 * One timed `nngrade grade` run for bench/bulk.ts, in a process of its own so
 * that its peak memory is this run's: prints {code, seconds, maxRss}.
 *   node --import tsx bench/bulk-run.ts FOLDER OUT [--pdf]
 */
import { main } from "../src/cli/main.ts";

const [folder, out, pdf] = process.argv.slice(2);
if (folder === undefined || out === undefined) throw new Error("bench/bulk-run.ts FOLDER OUT [--pdf]");
const start = performance.now();
const code = await main(["grade", folder, "-a", "hw4-hyperparameters", "-o", out, "--jobs", "2", ...(pdf === "--pdf" ? ["--pdf"] : [])], {
  cwd: process.cwd(),
  stdout: () => {},
  stderr: (text: string) => process.stderr.write(text),
  progress: false,
});
const seconds = (performance.now() - start) / 1000;
process.stdout.write(JSON.stringify({ code, seconds, maxRss: process.resourceUsage().maxRSS }));
