import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { forGrading, readSubmissionSync } from "../../src/batch/submission.ts";
import type { Submission } from "../../src/rubric/json.ts";
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
      const graded = read.submission && forGrading(read.submission, join(folder, name));
      expect(graded, name).toEqual(expected);
      if (expected === undefined) expect(read.error?.message, name).toContain(source);
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
    const graded = forGrading(read.submission as Submission, join(student, "answers.json"));
    expect(graded.student).toEqual({ id: "s7654321", name: "Ada" });
    expect(graded).toEqual(await loadSubmission(work, "s7654321/answers.json"));
    expect((graded.answers.q5 as { J: number[] } | undefined)?.J[1]).toBeNaN();
  });

  it("gives no bytes for a file that is not there, and no submission for one that is not a submission", () => {
    const missing = readSubmissionSync(work, "missing.json");
    expect(missing.bytes).toBeUndefined();
    expect(missing.error?.message).toBe("missing.json: no such file");
    writeFileSync(join(work, "list.json"), "[1, 2]");
    const read = readSubmissionSync(work, "list.json");
    expect(read.bytes?.toString("utf8")).toBe("[1, 2]");
    expect(read.submission).toBeUndefined();
    expect(read.error?.message).toBe("list.json: expected an object at the top level, got an array");
  });
});

describe("who a submission is graded as", () => {
  const read = (student: unknown): Submission => ({ answers: {}, file: "s1/answers.json", ...(student === undefined ? {} : { student: student as Submission["student"] }) });

  it("takes its folder's id over the file's, and flags an id that differs", () => {
    const owner = { id: "s1", by: "its folder" };
    const graded = forGrading(read({ id: "s2", name: "Mallory" }), "/class/s1/answers.json", owner);
    expect(graded.student).toEqual({ id: "s1", name: "Mallory" });
    expect(graded.flags).toEqual([{ code: "id-mismatch", message: 'the file says student id "s2"; graded as "s1", as its folder says' }]);
    // the same id, or none, is nothing to flag
    expect(forGrading(read({ id: "s1" }), "/class/s1/answers.json", owner).flags).toBeUndefined();
    expect(forGrading(read(undefined), "/class/s1/answers.json", owner).student).toEqual({ id: "s1" });
  });

  it("gives the metadata's name over the file's", () => {
    const graded = forGrading(read({ id: "1815", name: "Someone" }), "/x/answers.json", { id: "1815", name: "Ada Lovelace", by: "the metadata" });
    expect(graded.student).toEqual({ id: "1815", name: "Ada Lovelace" });
    expect(graded.flags).toBeUndefined();
  });

  it("without an owner, takes the file's id, else the file or folder name", () => {
    expect(forGrading(read({ id: "42" }), "/class/s1/answers.json").student.id).toBe("42");
    expect(forGrading(read(undefined), "/class/s1/answers.json").student.id).toBe("s1");
    expect(forGrading(read(undefined), "/class/ada.json").student.id).toBe("ada");
  });
});
