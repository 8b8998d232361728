/**
 * The pooled runner on real worker threads, with workers that misbehave on
 * purpose (crashing-worker.js, hanging-worker.js): a class of three hw4
 * submissions each, so that each test starts few workers. What gradeBatch
 * makes of a failed job (its error result, never remembered) is tested on
 * the in-process runner in grade-batch.test.ts.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeBatch, inProcessRunner, pooledRunner } from "../../src/batch/index.ts";
import { gradeCommand } from "../../src/cli/commands/grade.ts";
import { parseResultJson } from "../../src/result/json.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";
import { captureIo } from "../helpers/capture-io.ts";

const ID = "hw4-hyperparameters";
const FIXTURES = join(REPO_ROOT, "fixtures/submissions", ID);
const EPOCH = { SOURCE_DATE_EPOCH: "1700000000" };
const GENERATED_AT = "2023-11-14T22:13:20.000Z";
const work = mkdtempSync(join(tmpdir(), "nngrade-pool-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** a class of three: one the misbehaving workers grade, and the two they trip on */
function classFolder(name: string, files: string[]): string {
  const folder = join(work, name);
  mkdirSync(folder, { recursive: true });
  for (const file of files) cpSync(join(FIXTURES, file), join(folder, file));
  return name;
}

const capture = () => captureIo(work, EPOCH);

function gradebookRow(out: string, id: string): string | undefined {
  return readFileSync(join(out, "gradebook.csv"), "utf8")
    .split("\r\n")
    .find((row) => row.startsWith(`${id},`));
}

describe("the pooled runner", () => {
  it("turns a worker that dies or throws into that student's error result, and the batch goes on", async () => {
    const input = classFolder("crash-class", ["correct-numpy.json", "mistake-transposed.json", "mistake-sign-carried.json"]);
    const out = join(work, "crash");
    const workerFile = new URL("./crashing-worker.js", import.meta.url);
    const messages: string[] = [];
    const outcome = await gradeBatch(
      { cwd: work, paths: [input], out, generatedAt: GENERATED_AT, events: { onMessage: ({ text }) => messages.push(text) } },
      pooledRunner({ assignment: ID, jobs: 2, workerFile }),
    );
    expect({ graded: outcome.graded, broken: outcome.broken }).toEqual({ graded: 3, broken: 2 });
    expect(gradebookRow(out, "s-transposed")).toMatch(/,,60,,.*,grader crashed$/);
    expect(gradebookRow(out, "s-sign")).toMatch(/,grader crashed$/);
    expect(gradebookRow(out, "numpy-reference")).toMatch(/,60,60,.*,graded$/);
    const thrown = parseResultJson(readFileSync(join(out, "s-sign.json"), "utf8"));
    expect(thrown.error?.message).toMatch(/mistake-sign-carried\.json: could not be graded: .*simulated crash in the grader/);
    const died = parseResultJson(readFileSync(join(out, "s-transposed.json"), "utf8"));
    // piscina's words for a worker that exited, with the exit code the worker chose
    expect(died.error?.message).toMatch(/mistake-transposed\.json: could not be graded: .*exited with code: 70/);
    expect(readFileSync(join(out, "s-transposed.html"), "utf8")).toContain("could not be graded");
    expect(messages.join("\n")).toContain("simulated crash in the grader");
  });

  it("stops a submission that never finishes on a single worker, reports it as timed out, and grades the rest", async () => {
    const input = classFolder("class", ["correct-numpy.json", "mistake-transposed.json", "seed-002.json"]);
    const out = join(work, "out");
    const { io, printed } = capture();
    const workerFile = new URL("./hanging-worker.js", import.meta.url);
    // a budget a loaded machine's first grading in a cold worker stays well within (1 s was not, at a load of 8 on two cores)
    const code = await gradeCommand({ paths: [input], assignment: ID, out, runner: pooledRunner({ assignment: ID, jobs: 1, timeout: 4, workerFile }) }, io);
    expect(code).toBe(0);
    expect(printed.stdout).toContain("submissions 3 (3 graded now, 0 unchanged), with a score 2, broken 1");
    expect(gradebookRow(out, "s-transposed")).toMatch(/,,60,,.*,timed out$/);
    expect(gradebookRow(out, "numpy-reference")).toMatch(/,60,60,.*,graded$/);
    expect(gradebookRow(out, "seed-002")).toMatch(/,graded$/);
    const stopped = parseResultJson(readFileSync(join(out, "s-transposed.json"), "utf8"));
    expect(stopped.error).toEqual({ code: "timeout", message: "class/mistake-transposed.json: timed out after 4 s (a grading budget; see --timeout)" });
    expect(printed.stderr).toContain("timed out after 4 s");

    // a timeout is not remembered as the student's grade: the rerun (in this thread) grades that one again, and it finishes
    const rerun = capture();
    await gradeCommand({ paths: [input], assignment: ID, out: "out", runner: inProcessRunner(ID) }, rerun.io);
    expect(rerun.printed.stdout).toContain("submissions 3 (1 graded now, 2 unchanged), with a score 3, broken 0");
    expect(gradebookRow(out, "s-transposed")).toMatch(/,graded$/);
  });

  it.each(["-1", "soon"])("refuses --timeout %s", async (value) => {
    const { code, stderr } = await runCli(["grade", classFolder("class", ["correct-numpy.json"]), "-a", ID, "-o", "refused", "--timeout", value], { cwd: work, env: EPOCH });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^nngrade: --timeout: expected seconds from 0 \(no limit\) to \d+, got (-1|NaN)\n$/);
  });
});
