/**
 * `npm run bench:bulk`: how fast `nngrade grade` gets through a class. Makes
 * N synthetic hw4-hyperparameters submissions from the reference answers with
 * seeded perturbations (a rounded value, a flipped sign, a transposed matrix,
 * a missing answer, a value off by a factor: the mistakes the grader
 * diagnoses), grades them with `--jobs 2` in a fresh process per run, and
 * prints submissions per second, the process's peak memory, and the cost
 * ratio of 10,000 to 1,000 submissions. The PDF run grades fewer (a PDF costs
 * a few hundred milliseconds) and says how many. Like the CLI, a run uses the
 * compiled dist/ when it is fresh (`npm run build`), and says so when not.
 *
 *   npm run bench:bulk                          N = 1,000 and 10,000, PDF on 200
 *   npm run bench:bulk -- --sizes 200,2000 --pdf-size 100 --json
 *
 * Targets (2 cores): >= 200 submissions/s with JSON + HTML, ratio <= 10.5, memory flat.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createStream, type Stream } from "../src/engine/index.ts";
import { loadAssignment } from "../src/grade/assignment.ts";
import type { Value } from "../src/value.ts";

const ASSIGNMENT = "hw4-hyperparameters";

type Json = Value | { [key: string]: Json } | Json[];

/** one seeded mistake (or none) applied to a deep copy of the answers */
function perturb(answers: Json, stream: Stream): Json {
  const copy = structuredClone(answers) as Record<string, Record<string, Json>>;
  const tasks = Object.keys(copy).sort();
  const mistakes = stream.int(0, 4);
  for (let m = 0; m < mistakes; m++) {
    const task = copy[tasks[stream.int(0, tasks.length)] as string] as Record<string, Json>;
    const keys = Object.keys(task).sort();
    if (keys.length === 0) continue;
    const key = keys[stream.int(0, keys.length)] as string;
    const value = task[key] as Json;
    switch (stream.int(0, 5)) {
      case 0:
        delete task[key];
        break;
      case 1:
        task[key] = mapNumbers(value, (x) => -x);
        break;
      case 2:
        task[key] = mapNumbers(value, (x) => Number(x.toPrecision(2)));
        break;
      case 3:
        task[key] = Array.isArray(value) && Array.isArray(value[0]) ? transpose(value as Json[][]) : mapNumbers(value, (x) => x * 2);
        break;
      default:
        task[key] = mapNumbers(value, (x) => x * (1 + stream.normal(0, 1e-3)));
    }
  }
  return copy;
}

function mapNumbers(value: Json, f: (x: number) => number): Json {
  if (typeof value === "number") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapNumbers(v, f));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapNumbers(v as Json, f)]));
  return value;
}

function transpose(rows: Json[][]): Json[][] {
  return (rows[0] ?? []).map((_, j) => rows.map((row) => row[j] as Json));
}

async function writeSubmissions(folder: string, count: number): Promise<void> {
  const assignment = await loadAssignment(ASSIGNMENT);
  const reference = { answers: Object.fromEntries([...assignment.solutions].map(([task, solution]) => [task, solution.answers])) as Json };
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const id = `s${String(i).padStart(6, "0")}`;
    const answers = perturb(reference.answers, createStream(`bench-bulk:${i}`));
    writeFileSync(join(folder, `${id}.json`), JSON.stringify({ assignment: ASSIGNMENT, student: { id, name: `Student ${i}` }, answers }));
  }
}

interface Run {
  submissions: number;
  pdf: boolean;
  /** whether the run used the compiled dist/ (as the CLI does) rather than the sources through tsx */
  compiled: boolean;
  seconds: number;
  per_second: number;
  peak_rss_mib: number;
}

function gradeRun(folder: string, count: number, pdf: boolean): Run {
  const out = `${folder}-out${pdf ? "-pdf" : ""}`;
  rmSync(out, { recursive: true, force: true });
  // a fresh process per run, so that its peak memory is this run's
  const runner = new URL("./bulk-run.ts", import.meta.url).pathname;
  const run = spawnSync(process.execPath, ["--import", "tsx", runner, folder, out, ...(pdf ? ["--pdf"] : [])], {
    encoding: "utf8",
    env: { ...process.env, SOURCE_DATE_EPOCH: "1700000000" },
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`bench:bulk: grading ${count} failed: ${run.stderr.trim().split("\n").slice(0, 12).join("\n")}`);
  const { code, seconds, maxRss, compiled } = JSON.parse(run.stdout) as { code: number; seconds: number; maxRss: number; compiled: boolean };
  if (code !== 0) throw new Error(`bench:bulk: grade exited ${code}`);
  rmSync(out, { recursive: true, force: true });
  return { submissions: count, pdf, compiled, seconds, per_second: count / seconds, peak_rss_mib: maxRss / 1024 };
}

const { values } = parseArgs({ options: { sizes: { type: "string" }, "pdf-size": { type: "string" }, json: { type: "boolean" } } });
const sizes = (values.sizes ?? "1000,10000").split(",").map(Number);
const pdfSize = Number(values["pdf-size"] ?? 200);
if (sizes.length !== 2 || !sizes.every((n) => Number.isInteger(n) && n > 0) || !(Number.isInteger(pdfSize) && pdfSize >= 0)) {
  throw new Error("bench:bulk: --sizes takes two whole numbers (small,large), --pdf-size a whole number");
}
const work = mkdtempSync(join(tmpdir(), "nngrade-bulk-"));
try {
  const runs: Run[] = [];
  const folders = new Map<number, string>();
  for (const n of new Set([...sizes, pdfSize].filter((n) => n > 0))) {
    const folder = join(work, `n${n}`);
    await writeSubmissions(folder, n);
    folders.set(n, folder);
  }
  for (const n of sizes) runs.push(gradeRun(folders.get(n) as string, n, false));
  if (pdfSize > 0) runs.push(gradeRun(folders.get(pdfSize) as string, pdfSize, true));
  const [small, large] = runs as [Run, Run];
  const ratio = large.seconds / small.seconds;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ runs, cost_ratio: ratio, size_ratio: large.submissions / small.submissions })}\n`);
  } else {
    for (const run of runs) {
      console.log(
        `${String(run.submissions).padStart(6)} submissions${run.pdf ? " + PDF" : "      "}: ${run.seconds.toFixed(1)} s, ${run.per_second.toFixed(0)} submissions/s, peak ${run.peak_rss_mib.toFixed(0)} MiB`,
      );
    }
    console.log(`cost ${large.submissions}/${small.submissions}: ${ratio.toFixed(2)} (target <= ${((10.5 * large.submissions) / small.submissions / 10).toFixed(1)} for 10x)`);
    if (!runs.every((run) => run.compiled)) console.log("ran the sources through tsx (NNGRADE_FROM_SOURCE=1, or dist/ is stale: npm run build), slower to start than the CLI");
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
