/**
 * `nngrade grade` as a TA runs it. The command grades in this thread here
 * (an in-process runner: no worker threads to boot), except for one
 * end-to-end run of the real command line on worker threads, killed and
 * resumed, whose outputs must be byte for byte an in-process run's. The
 * batch's own behaviour (resume, shards, failed jobs, pdf) is tested on a
 * toy assignment in test/batch/grade-batch.test.ts, the pool's in
 * test/batch/pooled-runner.test.ts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inProcessRunner } from "../../src/batch/runner.ts";
import { STATE_FOLDER } from "../../src/batch/state.ts";
import { type GradeOptions, gradeCommand } from "../../src/cli/commands/grade.ts";
import { parseResultJson } from "../../src/result/json.ts";
import { gradebookRows, outputs } from "../batch/toy.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";
import { captureIo } from "../helpers/capture-io.ts";

const ID = "hw4-hyperparameters";
const FIXTURES = join(REPO_ROOT, "fixtures/submissions", ID);
const EPOCH = { SOURCE_DATE_EPOCH: "1700000000" };
const work = mkdtempSync(join(tmpdir(), "nngrade-batch-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fixtureCount = readdirSync(FIXTURES).filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json")).length;
// the assignment is loaded once, in this thread, for every in-process grade of this file
const inProcess = inProcessRunner(ID);

/** `nngrade grade PATHS -a hw4 -o OUT`, graded in this thread; what it printed, and the exit code */
async function grade(paths: string[], out: string, more: Partial<GradeOptions> & { progress?: boolean } = {}) {
  const { io, printed } = captureIo(work, EPOCH, { progress: more.progress ?? false });
  const code = await gradeCommand({ paths, assignment: ID, out, runner: inProcess, ...more }, io);
  return { code, ...printed };
}

let singleRun: Promise<unknown> | undefined;
/** the fixtures graded once into "single": what the other runs are compared with */
async function single(): Promise<string> {
  singleRun ??= grade([FIXTURES], "single");
  await singleRun;
  return join(work, "single");
}

function counts(stdout: string): { graded: number; skipped: number; broken: number } {
  const match = /submissions \d+ \((\d+) graded now, (\d+) unchanged\), with a score \d+, broken (\d+)/.exec(stdout);
  if (match === null) throw new Error(`no summary line in: ${stdout}`);
  return { graded: Number(match[1]), skipped: Number(match[2]), broken: Number(match[3]) };
}

describe("nngrade grade, in bulk", () => {
  it("writes a report per student, both gradebooks and the class summary, and names the broken files", async () => {
    const { code, stdout, stderr } = await grade([FIXTURES], "first");
    expect(code).toBe(0);
    const files = outputs(join(work, "first"));
    expect(files.size).toBe(2 * fixtureCount + 3);
    expect(files.has("gradebook-canvas.csv")).toBe(true);
    expect(files.get("summary.html")).toContain("</html>");
    expect(files).toEqual(outputs(await single()));
    expect(counts(stdout)).toEqual({ graded: fixtureCount, skipped: 0, broken: 2 });
    expect(stdout).toContain(`${ID}: submissions ${fixtureCount} (${fixtureCount} graded now, 0 unchanged), with a score ${fixtureCount - 2}, broken 2 (could not be read or graded; see their reports)\n`);
    expect(stdout).toContain("reports: first/ (gradebook.csv, gradebook-canvas.csv, summary.html, a .json and .html per student)\n");
    expect(stderr).toMatch(/malformed-json\.json:5:/);
  });

  it("grades a Gradescope export under the ids and names its metadata gives", async () => {
    const { code, stdout } = await grade([join(REPO_ROOT, "fixtures/gradescope-export")], "gradescope");
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
    expect(rows.find((row) => row.startsWith("1930,"))).toMatch(/^1930,Edsger Dijkstra,,60,.*,invalid submission$/);
    const noAnswers = parseResultJson(readFileSync(join(work, "gradescope/1930.json"), "utf8"));
    expect(noAnswers.error?.message).toContain("submission_283746105: no answers file (*.json)");
    const canvas = readFileSync(join(work, "gradescope/gradebook-canvas.csv"), "utf8").split("\r\n");
    expect(canvas[1]).toBe("Points Possible,,,,,60");
    // no answers, no grade: left out of the import rather than posted as an empty cell, which would clear a grade in Canvas
    expect(canvas.filter((row) => row.includes("1930"))).toEqual([]);
    expect(canvas.filter((row) => row.startsWith("Ada Lovelace,,1815,,,"))).toHaveLength(1);
  });

  it("draws a progress bar on a terminal, counting graded and broken", async () => {
    const { code, stderr } = await grade([FIXTURES], "progress", { progress: true });
    expect(code).toBe(0);
    expect(stderr).toContain(`${fixtureCount}/${fixtureCount} graded, 2 broken`);
    expect(stderr).toMatch(/grading \[[=-]+\] \d+\/13 graded/);
    expect(stderr).toMatch(/malformed-json\.json:5:/);
  });

  it("refuses --jobs that is not a whole number >= 1", async () => {
    const { code, stderr } = await runCli(["grade", FIXTURES, "-a", ID, "-o", "jobs", "--jobs", "0"], { cwd: work, env: EPOCH });
    expect(code).toBe(2);
    expect(stderr).toContain("--jobs: expected a whole number >= 1, got 0");
  });
});

describe("a batch killed with SIGKILL", () => {
  // enough that a kill after 5 leaves most still to grade, on each of the two threads
  const STUDENTS = 26;

  /** 26 submissions: the fixtures twice over, each under its own student id; the broken ones stay broken */
  function makeClass(folder: string): void {
    mkdirSync(folder, { recursive: true });
    const sources = readdirSync(FIXTURES).filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json")).sort();
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

    // and it is what an uninterrupted run writes, byte for byte: worker threads write what this thread writes
    const fresh = await grade(["class"], "uninterrupted");
    expect(fresh.code).toBe(0);
    expect(outputs(out)).toEqual(outputs(join(work, "uninterrupted")));
  });
});
