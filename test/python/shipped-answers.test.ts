/**
 * A Python reference's answers travel with the assignment: `reference
 * --rebuild` keeps the module's task list, the handout's inputs and the
 * default solves in cache/<id>.json beside the rubric, so a check needs
 * Python only for error carried forward and variants. Run as a user runs
 * it (the bin, in a copy of examples/nn101), with no Python to be found.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/cli.ts";

const course = mkdtempSync(join(tmpdir(), "nngrade-shipped-"));
cpSync(join(REPO_ROOT, "examples/nn101"), course, { recursive: true });
afterAll(() => rmSync(course, { recursive: true, force: true }));

/** the bin in the course folder, with an empty user cache and a python that does not exist */
function nngrade(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, NNGRADE_PYTHON: join(course, "no-such-python"), XDG_CACHE_HOME: join(course, "user-cache") };
  const run = spawnSync(process.execPath, [join(REPO_ROOT, "bin/nngrade.js"), ...args], { cwd: course, env, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("a python reference's shipped answers", () => {
  it("grade a correct submission with no python at all", () => {
    const run = nngrade(["check", "fixtures/correct.json", "-a", "nn101-dense-layer", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { score: number; max_score: number };
    expect(result.score).toBe(result.max_score);
  });

  it("grade a mistake that needs no recomputation with no python either (a transposed dW)", () => {
    const run = nngrade(["check", "fixtures/transposed-dw.json", "-a", "nn101-dense-layer", "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"transposed"');
  });

  it("never silently withhold credit carried forward: without python, a wrong A is an error that says python is needed", () => {
    const run = nngrade(["check", "fixtures/wrong-a-carried.json", "-a", "nn101-dense-layer"]);
    // the assignment's fault, not the submission's: exit 1, as for a broken rubric
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("needs python3 with numpy");
    expect(run.stderr).toContain("no-such-python");
  });
});
