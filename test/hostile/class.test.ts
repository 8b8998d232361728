/**
 * The whole hostile corpus (corpus.ts) graded as one class, the way a TA
 * runs it: the real command line in a child process, unprivileged (as root,
 * the batch runs as nobody, or, where nobody cannot reach this checkout,
 * as root without the capabilities that let root read anything), so a
 * mode-000 entry really cannot be read.
 * Every case gets its row, nothing outside OUT changes, no input changes, no
 * internal error, and the peak memory stays bounded (a link to /dev/zero
 * read whole grew past 7 GB).
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseResultJson } from "../../src/result/json.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { REPO_ROOT } from "../helpers/cli.ts";
import { CORPUS_ASSIGNMENT, makeHostileCorpus } from "./corpus.ts";

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const PEAK_MEMORY_BOUND = 1024 * 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), "nngrade-hostile-"));
afterAll(() => {
  // the locked entries must be opened up again before they can be removed
  for (const path of [join(work, "class", "locked"), join(work, "class", "listonly"), join(work, "class", "secret.json")]) {
    try {
      chmodSync(path, 0o755);
    } catch {
      // not made
    }
  }
  rmSync(work, { recursive: true, force: true });
});

/** every entry under a folder without following a link or reading a non-file: path -> what it is */
function snapshot(root: string): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (at: string) => {
    const stats = lstatSync(at);
    let what = `${stats.mode.toString(8)} ${stats.size} ${stats.mtimeMs}`;
    if (stats.isFile() && stats.size <= 64 * 1024 * 1024) what += ` ${createHash("sha256").update(readFileSync(at)).digest("hex")}`;
    seen.set(at, what);
    if (stats.isDirectory()) {
      // a locked folder is opened for the look, then locked again as it was
      const locked = (stats.mode & 0o111) === 0;
      const mode = stats.mode & 0o777;
      if (locked) chmodSync(at, 0o700);
      for (const name of readdirSync(at)) walk(join(at, name));
      if (locked) chmodSync(at, mode);
    }
  };
  walk(root);
  return seen;
}

/**
 * How to run unprivileged: as ourselves when we are not root; as nobody when
 * nobody can read this checkout; else as root with CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH dropped (util-linux's setpriv), which is root bound by
 * the file modes like anyone else.
 */
function unprivileged(): { command: string; prefix: string[]; ids: { uid?: number; gid?: number } } {
  if (!asRoot) return { command: process.execPath, prefix: [], ids: {} };
  const probe = spawnSync(process.execPath, ["-e", "require('fs').accessSync(process.argv[1])", join(REPO_ROOT, "bin/nngrade.js")], { uid: NOBODY, gid: NOBODY });
  if (probe.status === 0) return { command: process.execPath, prefix: [], ids: { uid: NOBODY, gid: NOBODY } };
  return { command: "setpriv", prefix: ["--bounding-set", "-dac_override,-dac_read_search", process.execPath], ids: {} };
}

/** runs the bin in a child process; answers its exit code, output and peak resident memory */
function runBin(args: string[], rssFile: string): Promise<{ code: number | null; stdout: string; stderr: string; peak: number }> {
  const how = unprivileged();
  return new Promise((resolve, reject) => {
    const argv = [...how.prefix, "--import", join(REPO_ROOT, "test/hostile/peak-rss.mjs"), join(REPO_ROOT, "bin/nngrade.js"), ...args];
    const child = spawn(how.command, argv, {
      cwd: work,
      env: { PATH: process.env.PATH, SOURCE_DATE_EPOCH: "1700000000", NNGRADE_PEAK_RSS_FILE: rssFile, HOME: work },
      ...how.ids,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      let peak = Number.NaN;
      try {
        peak = Number(readFileSync(rssFile, "utf8"));
      } catch {
        // the process died before its exit handler: NaN fails the bound below
      }
      resolve({ code, stdout, stderr, peak });
    });
  });
}

describe("a hostile class folder", () => {
  it("gives every case its row, changes nothing outside OUT, and never hits an internal error", { timeout: 300_000 }, async () => {
    chmodSync(work, 0o755);
    const classFolder = join(work, "class");
    const cases = makeHostileCorpus(classFolder);
    const runFolder = join(work, "run");
    mkdirSync(runFolder);
    // whoever runs the batch may write here (and only here)
    if (asRoot) chownSync(runFolder, NOBODY, NOBODY);
    chmodSync(runFolder, 0o777);
    const before = snapshot(classFolder);

    const out = join(runFolder, "out");
    const { code, stdout, stderr, peak } = await runBin(["grade", "class", "-a", CORPUS_ASSIGNMENT, "-o", out, "--jobs", "2"], join(runFolder, "peak-rss"));
    // two files claim one id ("twin"): reported, and the exit status says so
    expect(stderr, stdout).not.toContain("internal error");
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('student id "twin" has 2 submissions');

    const results: GradeResult[] = readdirSync(out)
      .filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json"))
      .map((name) => parseResultJson(readFileSync(join(out, name), "utf8")));
    const gradebook = readFileSync(join(out, "gradebook.csv"), "utf8").trimEnd().split("\r\n").slice(1);
    // one row per submission: the corpus's cases, twin twice
    expect(gradebook).toHaveLength(cases.length + 1);
    expect(results).toHaveLength(cases.length + 1);
    for (const entry of cases) {
      const rows = results.filter((result) => result.student.id === entry.id);
      expect(rows.length, `${entry.id}: ${entry.what}`).toBe(entry.id === "twin" ? 2 : 1);
      const result = rows[0] as GradeResult;
      expect(result.error?.code ?? "none", `${entry.id}: ${entry.what}`).not.toMatch(/^(internal|worker|timeout)$/);
      if (entry.expect === "graded") expect(result.error, `${entry.id}: ${entry.what}`).toBeUndefined();
      else if ("error" in entry.expect) expect(result.error?.message ?? "", `${entry.id}: ${entry.what}`).toContain(entry.expect.error);
      else {
        expect(result.error, `${entry.id}: ${entry.what}`).toBeUndefined();
        expect(result.flags.map((flag) => flag.code), `${entry.id}: ${entry.what}`).toContain(entry.expect.flag);
      }
    }
    // what students paste is read as meant: the Unicode minus is a number; the decimal comma is named
    const item = (id: string) => results.find((result) => result.student.id === id)?.tasks.find((task) => task.id === "q2")?.items.find((i) => i.id === "q2.yhat");
    expect(item("minus")?.status).not.toBe("invalid");
    expect(item("comma")?.status).toBe("invalid");
    expect(item("comma")?.message).toContain("decimal comma");

    // no input changed, and nothing was written outside OUT
    expect(snapshot(classFolder)).toEqual(before);
    expect(readdirSync(runFolder).sort()).toEqual(["out", "peak-rss"]);
    expect(peak).toBeLessThan(PEAK_MEMORY_BOUND);
    writeFileSync(join(work, "peak-rss.txt"), String(peak));
  });
});
