import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSubmissionSync } from "../../src/batch/submission.ts";
import { loadSubmission } from "../../src/cli/commands/shared.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-submission-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** what loadSubmission gives, or undefined where it throws */
async function loaded(cwd: string, source: string) {
  try {
    return await loadSubmission(cwd, source);
  } catch {
    return undefined;
  }
}

describe("readSubmissionSync", () => {
  it("reads every fixture as loadSubmission does, and refuses the ones it refuses", async () => {
    const folder = join(REPO_ROOT, "fixtures", "submissions", "hw4-hyperparameters");
    const names = readdirSync(folder).filter((name) => name.endsWith(".json"));
    let refused = 0;
    for (const name of names) {
      const source = relative(work, join(folder, name));
      const read = readSubmissionSync(work, source);
      expect(read.bytes?.length, name).toBeGreaterThan(0);
      const expected = await loaded(work, source);
      expect(read.submission, name).toEqual(expected);
      if (expected === undefined) refused++;
    }
    // the malformed fixtures
    expect(refused).toBeGreaterThanOrEqual(2);
  });

  it("takes the file or folder name for an empty id, python's NaN and a byte order mark", async () => {
    const student = join(work, "s7654321");
    mkdirSync(student, { recursive: true });
    writeFileSync(join(student, "answers.json"), '\uFEFF{"student": {"id": " ", "name": "Ada"}, "answers": {"q5": {"J": [1.5, NaN, -Infinity]}}}');
    const read = readSubmissionSync(work, "s7654321/answers.json");
    expect(read.submission?.student).toEqual({ id: "s7654321", name: "Ada" });
    expect(read.submission).toEqual(await loadSubmission(work, "s7654321/answers.json"));
    expect((read.submission?.answers.q5 as { J: number[] } | undefined)?.J[1]).toBeNaN();
  });

  it("gives no bytes for a file that is not there, and no submission for one that is not a submission", () => {
    expect(readSubmissionSync(work, "missing.json")).toEqual({});
    writeFileSync(join(work, "list.json"), "[1, 2]");
    const read = readSubmissionSync(work, "list.json");
    expect(read.bytes?.toString("utf8")).toBe("[1, 2]");
    expect(read.submission).toBeUndefined();
  });
});
