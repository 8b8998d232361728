import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { pathParts, type Submission, toSubmission } from "../../src/rubric/submission.ts";
import { loadSubmission, readSubmission } from "../../src/rubric/submission-file.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-submission-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("readSubmission", () => {
  it("reads every fixture, and refuses the malformed ones by name", () => {
    const folder = join(REPO_ROOT, "fixtures", "submissions", "hw4-hyperparameters");
    const names = readdirSync(folder).filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json"));
    let refused = 0;
    for (const name of names) {
      const source = relative(work, join(folder, name));
      const read = readSubmission(work, source);
      expect(read.bytes?.length, name).toBeGreaterThan(0);
      if (read.submission === undefined) {
        expect(read.error?.message, name).toContain(source);
        refused++;
      } else {
        expect(read.submission.source, name).toBe(source);
        expect(read.error, name).toBeUndefined();
      }
    }
    // the malformed fixtures
    expect(refused).toBeGreaterThanOrEqual(2);
  });

  it("takes the file or folder name for an empty id, python's NaN and a byte order mark", () => {
    const student = join(work, "s7654321");
    mkdirSync(student, { recursive: true });
    writeFileSync(join(student, "answers.json"), '\uFEFF{"student": {"id": " ", "name": "Ada"}, "answers": {"q5": {"J": [1.5, NaN, -Infinity]}}}');
    const { submission } = readSubmission(work, "s7654321/answers.json");
    expect(submission?.student).toEqual({ id: "s7654321", name: "Ada" });
    expect((submission?.answers.q5 as { J: number[] } | undefined)?.J[1]).toBeNaN();
  });

  it("gives no bytes for a file that is not there, and no submission for one that is not a submission", () => {
    const missing = readSubmission(work, "missing.json");
    expect(missing.bytes).toBeUndefined();
    expect(missing.error?.message).toBe("missing.json: no such file");
    writeFileSync(join(work, "list.json"), "[1, 2]");
    const read = readSubmission(work, "list.json");
    expect(read.bytes?.toString("utf8")).toBe("[1, 2]");
    expect(read.submission).toBeUndefined();
    expect(read.error?.message).toBe("list.json: expected an object at the top level, got an array");
  });
});

describe("loadSubmission", () => {
  it("throws why a file cannot be graded, naming it as given", async () => {
    await expect(loadSubmission(work, "missing.json")).rejects.toMatchObject({ code: "submission", message: "missing.json: no such file" });
    writeFileSync(join(work, "broken.json"), '{"answers": {"q1": [1,]]}}');
    await expect(loadSubmission(work, "broken.json")).rejects.toMatchObject({ code: "submission-parse", message: "broken.json:1:24: invalid character ']'" });
  });

  it("grades under the owner's id, whatever the file says", async () => {
    writeFileSync(join(work, "owned.json"), '{"student": {"id": "s2"}, "answers": {}}');
    const submission = await loadSubmission(work, "owned.json", { owner: { id: "s1", by: "--student-id" } });
    expect(submission.student).toEqual({ id: "s1" });
    expect(submission.flags).toEqual([{ code: "id-mismatch", message: 'the file says student id "s2"; graded as "s1", as --student-id says' }]);
  });
});

describe("who a submission is graded as", () => {
  const file = (student: unknown) => ({ answers: {}, ...(student === undefined ? {} : { student }) });
  const graded = (student: unknown, path: string, owner?: { id: string; name?: string; by: string }): Submission =>
    toSubmission(file(student), "s1/answers.json", { path, owner });

  it("takes its folder's id over the file's, and flags an id that differs", () => {
    const owner = { id: "s1", by: "its folder" };
    const submission = graded({ id: "s2", name: "Mallory" }, "/class/s1/answers.json", owner);
    expect(submission.student).toEqual({ id: "s1", name: "Mallory" });
    expect(submission.flags).toEqual([{ code: "id-mismatch", message: 'the file says student id "s2"; graded as "s1", as its folder says' }]);
    // the same id, or none, is nothing to flag
    expect(graded({ id: "s1" }, "/class/s1/answers.json", owner).flags).toBeUndefined();
    expect(graded(undefined, "/class/s1/answers.json", owner).student).toEqual({ id: "s1" });
  });

  it("gives the metadata's name over the file's", () => {
    const submission = graded({ id: "1815", name: "Someone" }, "/x/answers.json", { id: "1815", name: "Ada Lovelace", by: "the metadata" });
    expect(submission.student).toEqual({ id: "1815", name: "Ada Lovelace" });
    expect(submission.flags).toBeUndefined();
  });

  it("without an owner, takes the file's id, else the file or folder name", () => {
    expect(graded({ id: "42" }, "/class/s1/answers.json").student.id).toBe("42");
    expect(graded(undefined, "/class/s1/answers.json").student.id).toBe("s1");
    expect(graded(undefined, "/class/ada.json").student.id).toBe("ada");
  });

  it("flags a cleaned student field before an id that differs from the owner's", () => {
    const submission = graded({ id: "s2\u202E" }, "/class/s1/answers.json", { id: "s1", by: "its folder" });
    expect(submission.flags?.map((flag) => flag.code)).toEqual(["student-field", "id-mismatch"]);
  });
});

describe("pathParts", () => {
  it("names the file and its folder as node's posix basename, extname and dirname do", () => {
    const pieces = fc.constantFrom("a", "b", ".", "/", "json", "..", " ", "answers");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const path = parts.join("");
        const stem = posix.basename(path, posix.extname(path));
        expect(pathParts(path)).toEqual({ folder: posix.basename(posix.dirname(path)), stem });
      }),
      { numRuns: 20_000, seed: 5 },
    );
  });
});
