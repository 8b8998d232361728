import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pooledRunner } from "../../src/batch/pool.ts";
import { gradeCommand } from "../../src/cli/commands/grade.ts";
import type { CommandIo } from "../../src/cli/io.ts";
import { parseResultJson } from "../../src/report/json.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";

const ID = "hw4-hyperparameters";
const FIXTURES = join(REPO_ROOT, "fixtures/submissions", ID);
const EPOCH = { SOURCE_DATE_EPOCH: "1700000000" };
const work = mkdtempSync(join(tmpdir(), "nngrade-timeout-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** a class of three, one of whom (mistake-transposed.json) the hanging worker never finishes */
function classFolder(): string {
  const folder = join(work, "class");
  mkdirSync(folder, { recursive: true });
  for (const name of ["correct-numpy.json", "mistake-transposed.json", "seed-002.json"]) cpSync(join(FIXTURES, name), join(folder, name));
  return "class";
}

function capture(): { io: CommandIo; printed: { stdout: string; stderr: string } } {
  const printed = { stdout: "", stderr: "" };
  const io: CommandIo = {
    cwd: work,
    stdout: (text) => {
      printed.stdout += text;
    },
    stderr: (text) => {
      printed.stderr += text;
    },
    color: false,
    progress: false,
    env: EPOCH,
  };
  return { io, printed };
}

function gradebookRow(out: string, id: string): string | undefined {
  return readFileSync(join(out, "gradebook.csv"), "utf8")
    .split("\r\n")
    .find((row) => row.startsWith(`${id},`));
}

describe("nngrade grade --timeout", () => {
  it("stops a submission that never finishes on a single worker, reports it as timed out, and grades the rest", async () => {
    const input = classFolder();
    const out = join(work, "out");
    const { io, printed } = capture();
    const workerFile = new URL("./hanging-worker.js", import.meta.url);
    const code = await gradeCommand({ paths: [input], assignment: ID, out, runner: pooledRunner({ assignment: ID, jobs: 1, timeout: 1, workerFile }) }, io);
    expect(code).toBe(0);
    expect(printed.stdout).toContain("graded 3, skipped 0 (unchanged), broken 1");
    expect(gradebookRow(out, "s-transposed")).toMatch(/,0,60,,.*,timeout$/);
    expect(gradebookRow(out, "numpy-reference")).toMatch(/,60,60,.*,graded$/);
    expect(gradebookRow(out, "seed-002")).toMatch(/,graded$/);
    const stopped = parseResultJson(readFileSync(join(out, "s-transposed.json"), "utf8"));
    expect(stopped.error).toEqual({ code: "timeout", message: "class/mistake-transposed.json: timed out after 1 s (a grading budget; see --timeout)" });
    expect(printed.stderr).toContain("timed out after 1 s");

    // a timeout is not remembered as the student's grade: the rerun grades that one again, and it finishes
    const rerun = await runCli(["grade", input, "-a", ID, "-o", "out"], { cwd: work, env: EPOCH });
    expect(rerun.stdout).toContain("graded 1, skipped 2 (unchanged), broken 0");
    expect(gradebookRow(out, "s-transposed")).toMatch(/,graded$/);
  });

  it.each(["-1", "soon"])("refuses --timeout %s", async (value) => {
    const { code, stderr } = await runCli(["grade", classFolder(), "-a", ID, "-o", "refused", "--timeout", value], { cwd: work, env: EPOCH });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^nngrade: --timeout: expected seconds from 0 \(no limit\) to \d+, got (-1|NaN)\n$/);
  });
});
