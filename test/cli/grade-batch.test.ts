import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BATCH_FILE } from "../../src/batch/outputs.ts";
import { pooledRunner } from "../../src/batch/pool.ts";
import { STATE_FOLDER } from "../../src/batch/state.ts";
import { gradeCommand } from "../../src/cli/commands/grade.ts";
import { main } from "../../src/cli/main.ts";
import { parseResultJson } from "../../src/report/json.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";

const ID = "hw4-hyperparameters";
const FIXTURES = join(REPO_ROOT, "fixtures/submissions", ID);
const EPOCH = { SOURCE_DATE_EPOCH: "1700000000" };
const work = mkdtempSync(join(tmpdir(), "nngrade-batch-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fixtureCount = readdirSync(FIXTURES).filter((name) => name.endsWith(".json")).length;

function grade(args: string[], env: NodeJS.ProcessEnv = EPOCH) {
  return runCli(["grade", ...args], { cwd: work, env });
}

/** every file of an output folder but the resume state, name -> bytes */
function outputs(folder: string): Map<string, string> {
  return new Map(
    readdirSync(folder)
      .filter((name) => name !== STATE_FOLDER)
      .sort()
      .map((name) => [name, readFileSync(join(folder, name), "utf8")]),
  );
}

let singleRun: ReturnType<typeof grade> | undefined;
/** the fixtures graded once, in one thread, into "single": what the other runs are compared with */
function gradeSingle(): ReturnType<typeof grade> {
  singleRun ??= grade([FIXTURES, "-a", ID, "-o", "single", "--jobs", "1"]);
  return singleRun;
}

async function single(): Promise<string> {
  await gradeSingle();
  return join(work, "single");
}

function counts(stdout: string): { graded: number; skipped: number; broken: number } {
  const match = /graded (\d+), skipped (\d+) \(unchanged\), broken (\d+)/.exec(stdout);
  if (match === null) throw new Error(`no summary line in: ${stdout}`);
  return { graded: Number(match[1]), skipped: Number(match[2]), broken: Number(match[3]) };
}

function gradebookRows(folder: string): string[] {
  return readFileSync(join(folder, "gradebook.csv"), "utf8").trimEnd().split("\r\n");
}

describe("nngrade grade, in bulk", () => {
  it("writes the same files from worker threads as from one thread", async () => {
    const threads = await grade([FIXTURES, "-a", ID, "-o", "threads", "--jobs", "2"]);
    const one = await gradeSingle();
    expect(threads.code).toBe(0);
    expect(one.code).toBe(0);
    const fromThreads = outputs(join(work, "threads"));
    // a report per student, both gradebooks, the class summary
    expect(fromThreads.size).toBe(2 * fixtureCount + 3);
    expect(fromThreads.has("gradebook-canvas.csv")).toBe(true);
    expect(fromThreads.get("summary.html")).toContain("</html>");
    expect(fromThreads).toEqual(outputs(await single()));
    expect(counts(threads.stdout)).toEqual({ graded: fixtureCount, skipped: 0, broken: 2 });
    expect(threads.stderr).toMatch(/malformed-json\.json:5:/);
  });

  it("skips unchanged submissions on a rerun, regrades a changed one, and everyone with --force", async () => {
    const input = join(work, "rerun-in");
    cpSync(FIXTURES, input, { recursive: true });
    const first = await grade(["rerun-in", "-a", ID, "-o", "rerun"]);
    expect(counts(first.stdout)).toMatchObject({ graded: fixtureCount, skipped: 0 });
    const again = await grade(["rerun-in", "-a", ID, "-o", "rerun"]);
    expect(counts(again.stdout)).toEqual({ graded: 0, skipped: fixtureCount, broken: 2 });

    // the student fixes q4: only their file changed
    const file = join(input, "seed-002.json");
    const before = parseResultJson(readFileSync(join(work, "rerun/seed-002.json"), "utf8"));
    writeFileSync(file, readFileSync(file, "utf8").replace(/"q4": \{[^}]*\}/, '"q4": {}'));
    const changed = await grade(["rerun-in", "-a", ID, "-o", "rerun"]);
    expect(counts(changed.stdout)).toEqual({ graded: 1, skipped: fixtureCount - 1, broken: 2 });
    const after = parseResultJson(readFileSync(join(work, "rerun/seed-002.json"), "utf8"));
    expect(after.score).toBeLessThan(before.score);
    expect(gradebookRows(join(work, "rerun")).find((row) => row.startsWith("seed-002,"))).toContain(`,${after.score},`);

    // another variant mode is another grade
    const variants = await grade(["rerun-in", "-a", ID, "-o", "rerun", "--variants", "per-student"]);
    expect(counts(variants.stdout).skipped).toBe(0);
    const forced = await grade(["rerun-in", "-a", ID, "-o", "rerun", "--force"]);
    expect(counts(forced.stdout)).toMatchObject({ graded: fixtureCount, skipped: 0 });
  });

  it("turns a worker that dies or throws into that student's error result, and the batch goes on", async () => {
    const out = join(work, "crash");
    let stdout = "";
    let stderr = "";
    const io = {
      cwd: work,
      stdout: (text: string) => {
        stdout += text;
      },
      stderr: (text: string) => {
        stderr += text;
      },
      color: false,
      progress: false,
      env: EPOCH,
    };
    const workerFile = new URL("../batch/crashing-worker.js", import.meta.url);
    const code = await gradeCommand({ paths: [FIXTURES], assignment: ID, out, runner: pooledRunner({ assignment: ID, jobs: 2, workerFile }) }, io);
    expect(code).toBe(0);
    expect(counts(stdout)).toEqual({ graded: fixtureCount, skipped: 0, broken: 4 });
    const rows = gradebookRows(out);
    expect(rows).toHaveLength(fixtureCount + 1);
    expect(rows.find((row) => row.startsWith("s-transposed,"))).toMatch(/,0,60,,.*,worker$/);
    expect(rows.find((row) => row.startsWith("s-sign,"))).toMatch(/,worker$/);
    expect(rows.find((row) => row.startsWith("numpy-reference,"))).toMatch(/,60,60,.*,graded$/);
    const thrown = parseResultJson(readFileSync(join(out, "s-sign.json"), "utf8"));
    expect(thrown.error?.message).toMatch(/mistake-sign-carried\.json: could not be graded: .*simulated crash in the grader/);
    const died = parseResultJson(readFileSync(join(out, "s-transposed.json"), "utf8"));
    // piscina's words for a worker that exited, with the exit code the worker chose
    expect(died.error?.message).toMatch(/mistake-transposed\.json: could not be graded: .*exited with code: 70/);
    expect(readFileSync(join(out, "s-transposed.html"), "utf8")).toContain("could not be graded");
    expect(stderr).toContain("simulated crash in the grader");

    // a crash is not remembered as the student's grade: the rerun grades exactly those two again
    const rerun = await grade([FIXTURES, "-a", ID, "-o", out]);
    expect(counts(rerun.stdout)).toEqual({ graded: 2, skipped: fixtureCount - 2, broken: 2 });
    expect(outputs(out)).toEqual(outputs(await single()));
  });

  it("gives the same gradebooks from 3 shards merged as from one run", async () => {
    const whole = await grade([FIXTURES, "-a", ID, "-o", "whole"]);
    expect(whole.code).toBe(0);
    const sizes: number[] = [];
    for (const k of [1, 2, 3]) {
      const shard = await grade([FIXTURES, "-a", ID, "-o", `shard-${k}`, "--shard", `${k}/3`, "--jobs", "1"]);
      expect(shard.code).toBe(0);
      const rows = gradebookRows(join(work, `shard-${k}`));
      sizes.push(rows.length - 1);
      expect(shard.stdout).toContain(`(shard ${k}/3: ${rows.length - 1} of ${fixtureCount} submissions)`);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(fixtureCount);
    // the hash spreads 13 students: no shard holds all of them
    expect(Math.max(...sizes)).toBeLessThan(fixtureCount);

    const merged = await runCli(["merge", "shard-3", "shard-1", "shard-2", "--out", "merged"], { cwd: work, env: EPOCH });
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain(`merged ${fixtureCount} students from 3 folders, broken 2`);
    for (const file of ["gradebook.csv", "gradebook-canvas.csv", "summary.html", BATCH_FILE]) {
      expect(readFileSync(join(work, "merged", file), "utf8"), file).toBe(readFileSync(join(work, "whole", file), "utf8"));
    }
    expect(outputs(join(work, "merged"))).toEqual(outputs(join(work, "whole")));

    const missing = await runCli(["merge", "shard-1", "shard-3", "--out", "partial"], { cwd: work });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing shard 2/3");
    const twice = await runCli(["merge", "shard-1", "shard-1", "--out", "partial"], { cwd: work });
    expect(twice.stderr).toContain("shard-1: given twice");
    const notBatch = await runCli(["merge", "shard-1", "rerun-in", "--out", "partial"], { cwd: work });
    expect(notBatch.stderr).toContain(`rerun-in: no ${BATCH_FILE}`);
    expect(existsSync(join(work, "partial"))).toBe(false);
  });

  it("refuses to merge folders graded with another rubric", async () => {
    const out = join(work, "other-rubric");
    cpSync(join(work, "whole"), out, { recursive: true });
    const batch = JSON.parse(readFileSync(join(out, BATCH_FILE), "utf8"));
    writeFileSync(join(out, BATCH_FILE), JSON.stringify({ ...batch, rubric_sha256: "0".repeat(64) }));
    const merged = await runCli(["merge", "whole", "other-rubric", "--out", "mixed"], { cwd: work });
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain("other-rubric: rubric_sha256 differs from whole's");
  });

  it("refuses to merge into one of the folders it merges", async () => {
    const merged = await runCli(["merge", "whole", "--out", "whole"], { cwd: work, env: EPOCH });
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain("--out whole: is the input folder whole");
  });

  it("grades a Gradescope export under the ids and names its metadata gives", async () => {
    const { code, stdout } = await grade([join(REPO_ROOT, "fixtures/gradescope-export"), "-a", ID, "-o", "gradescope"]);
    expect(code).toBe(0);
    // the group submission of two gives two rows
    expect(counts(stdout)).toEqual({ graded: 6, skipped: 0, broken: 1 });
    const rows = gradebookRows(join(work, "gradescope"));
    const plain = gradebookRows(await single());
    // same answers, same scores as the plain fixtures, now filed under the Gradescope sid
    const scoreOf = (book: string[], id: string) => book.find((row) => row.startsWith(`${id},`))?.split(",").slice(-12).join(",");
    expect(rows.find((row) => row.startsWith("1815,Ada Lovelace,"))).toBeDefined();
    expect(scoreOf(rows, "1815")).toBe(scoreOf(plain, "seed-002"));
    expect(scoreOf(rows, "1906")).toBe(scoreOf(plain, "s-transposed"));
    expect(scoreOf(rows, "1912")).toBe(scoreOf(plain, "numpy-reference"));
    // every member of a group has a row of their own, with the group's score
    expect(rows.find((row) => row.startsWith("1918,"))).toMatch(/^1918,Katherine Johnson,/);
    expect(rows.find((row) => row.startsWith("1910,"))).toMatch(/^1910,Dorothy Vaughan,/);
    expect(scoreOf(rows, "1910")).toBe(scoreOf(rows, "1918"));
    expect(rows.find((row) => row.startsWith("1930,"))).toMatch(/^1930,Edsger Dijkstra,0,60,.*,submission$/);
    const noAnswers = parseResultJson(readFileSync(join(work, "gradescope/1930.json"), "utf8"));
    expect(noAnswers.error?.message).toContain("submission_283746105: no answers file (*.json)");
    const canvas = readFileSync(join(work, "gradescope/gradebook-canvas.csv"), "utf8").split("\r\n");
    expect(canvas[1]).toBe("Points Possible,,,,,60");
    expect(canvas).toContain("Edsger Dijkstra,,1930,,,");
  });

  it("draws a progress bar on a terminal, counting graded and broken", async () => {
    let stderr = "";
    const code = await main(["grade", FIXTURES, "-a", ID, "-o", "progress", "--jobs", "1"], {
      cwd: work,
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
      color: false,
      progress: true,
      env: EPOCH,
    });
    expect(code).toBe(0);
    expect(stderr).toContain(`${fixtureCount}/${fixtureCount} graded, 2 broken`);
    expect(stderr).toMatch(/grading \[[=-]+\] \d+\/13 graded/);
    expect(stderr).toMatch(/malformed-json\.json:5:/);
  });

  it("writes a PDF per student with --pdf, from the workers, and reruns without it regrade", async () => {
    const first = await grade([FIXTURES, "-a", ID, "-o", "pdf", "--pdf", "--jobs", "2"]);
    expect(first.code, first.stderr).toBe(0);
    const folder = join(work, "pdf");
    const pdfs = readdirSync(folder).filter((name) => name.endsWith(".pdf") && name !== "summary.pdf");
    expect(pdfs).toHaveLength(fixtureCount);
    expect(readFileSync(join(folder, "summary.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    for (const name of pdfs) expect(readFileSync(join(folder, name)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // the PDF is part of what a rerun checks: with --pdf again nothing changes, without it the reports are redone
    expect(counts((await grade([FIXTURES, "-a", ID, "-o", "pdf", "--pdf", "--jobs", "1"])).stdout).skipped).toBe(fixtureCount);
    rmSync(join(folder, pdfs[0] as string));
    expect(counts((await grade([FIXTURES, "-a", ID, "-o", "pdf", "--pdf", "--jobs", "1"])).stdout).graded).toBe(1);
    expect(counts((await grade([FIXTURES, "-a", ID, "-o", "pdf", "--jobs", "1"])).stdout).graded).toBe(fixtureCount);
  });

  it("refuses --jobs that is not a whole number >= 1", async () => {
    const { code, stderr } = await grade([FIXTURES, "-a", ID, "-o", "jobs", "--jobs", "0"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--jobs: expected a whole number >= 1, got 0");
  });
});

describe("a batch killed with SIGKILL", () => {
  const STUDENTS = 60;

  /** 60 submissions: the fixtures over and over, each under its own student id; the broken ones stay broken */
  function makeClass(folder: string): void {
    mkdirSync(folder, { recursive: true });
    const sources = readdirSync(FIXTURES).filter((name) => name.endsWith(".json")).sort();
    for (let k = 0; k < STUDENTS; k++) {
      const text = readFileSync(join(FIXTURES, sources[k % sources.length] as string), "utf8");
      const renamed = text.replace(/("id"\s*:\s*")[^"]*"/, `$1s${String(1000 + k)}"`);
      writeFileSync(join(folder, `student-${String(k).padStart(2, "0")}.json`), renamed);
    }
  }

  function runBin(args: string[]): ChildProcess {
    return spawn(process.execPath, [join(REPO_ROOT, "bin/nngrade.js"), ...args], {
      cwd: work,
      env: { ...process.env, ...EPOCH, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  function finished(child: ChildProcess): Promise<{ code: number | null; signal: string | null; stdout: string }> {
    let stdout = "";
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr?.resume();
    return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout })));
  }

  const stateCount = (out: string) => (existsSync(join(out, STATE_FOLDER)) ? readdirSync(join(out, STATE_FOLDER)).filter((name) => name.endsWith(".json")).length : 0);

  it("resumes: the rerun skips the finished students and leaves every report whole and the gradebook complete", async () => {
    makeClass(join(work, "class"));
    const out = join(work, "killed");
    const child = runBin(["grade", "class", "-a", ID, "-o", "killed", "--jobs", "2"]);
    const exit = finished(child);
    let exited = false;
    void exit.then(() => {
      exited = true;
    });
    // kill it once some students are done, well before all are
    while (stateCount(out) < 5 && !exited) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill("SIGKILL");
    const killed = await exit;
    expect(killed.signal).toBe("SIGKILL");
    const done = stateCount(out);
    expect(done).toBeGreaterThanOrEqual(5);
    expect(done).toBeLessThan(STUDENTS);
    expect(existsSync(join(out, "gradebook.csv"))).toBe(false);

    const rerun = await finished(runBin(["grade", "class", "-a", ID, "-o", "killed", "--jobs", "2"]));
    expect(rerun.code).toBe(0);
    expect(counts(rerun.stdout)).toMatchObject({ graded: STUDENTS - done, skipped: done });

    const files = readdirSync(out);
    expect(files.filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(readdirSync(join(out, STATE_FOLDER)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(files.filter((name) => name.endsWith(".json"))).toHaveLength(STUDENTS);
    const reports = files.filter((name) => name.endsWith(".html") && name !== "summary.html");
    expect(reports).toHaveLength(STUDENTS);
    for (const name of reports) {
      expect(readFileSync(join(out, name), "utf8").trimEnd().endsWith("</html>"), name).toBe(true);
      const result = parseResultJson(readFileSync(join(out, name.replace(/\.html$/, ".json")), "utf8"));
      expect(result.assignment).toBe(ID);
    }
    expect(gradebookRows(out)).toHaveLength(STUDENTS + 1);

    // and it is what an uninterrupted run writes, byte for byte
    const fresh = await grade(["class", "-a", ID, "-o", "uninterrupted", "--jobs", "1"]);
    expect(fresh.code).toBe(0);
    expect(outputs(out)).toEqual(outputs(join(work, "uninterrupted")));
  });
});
