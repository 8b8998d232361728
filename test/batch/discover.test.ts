import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discoverSubmissions } from "../../src/batch/discover.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-discover-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function files(root: string, paths: Record<string, string>): string {
  for (const [path, content] of Object.entries(paths)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const rows = (cwd: string, paths: string[], options = {}) =>
  discoverSubmissions(cwd, paths, options).entries.map((entry) => [entry.source, entry.owner?.id, entry.problem]);

describe("discovering a batch", () => {
  it("takes a folder of files and of per-student folders, sorted by code unit, ignoring other files", () => {
    const root = files(join(work, "plain"), {
      "b.json": "{}",
      "B.JSON": "{}",
      "a/answers.json": "{}",
      "a/notes.txt": "",
      "readme.md": "",
      ".hidden.json": "{}",
    });
    expect(rows(work, ["plain"])).toEqual([
      ["plain/B.JSON", undefined, undefined],
      // a student's folder names the student, whatever the file inside says
      ["plain/a/answers.json", "a", undefined],
      ["plain/b.json", undefined, undefined],
    ]);
    expect(discoverSubmissions(root, ["b.json"]).entries).toEqual([{ file: join(root, "b.json"), source: "b.json" }]);
  });

  it("says which path does not exist", () => {
    expect(() => discoverSubmissions(work, ["nowhere"])).toThrow("nowhere: no such file or folder");
  });

  it("leaves out a fixture's expected verdicts (<name>.expect.json, nngrade test's), in a flat class and in a student's folder", () => {
    files(join(work, "fixtures"), { "a.json": "{}", "a.expect.json": "{}", "B.Expect.JSON": "{}", "s1/answers.json": "{}", "s1/answers.expect.json": "{}" });
    expect(rows(work, ["fixtures"])).toEqual([
      ["fixtures/a.json", undefined, undefined],
      ["fixtures/s1/answers.json", "s1", undefined],
    ]);
  });

  it("gives every student folder one row: its one answers file, or why there is none", () => {
    const root = files(join(work, "folders"), {
      "s1/Answers.JSON": "{}",
      "s2/answers.json.txt": "{}",
      "s3/README.md": "",
      "s4/a.json": "{}",
      "s4/b.json": "{}",
      "s6/a/b/c/answers.json": "{}",
      "s7/.answers.json": "{}",
      "s8/__MACOSX/answers.json": "{}",
      "s8/hw/answers.json": "{}",
    });
    mkdirSync(join(root, "s5"));
    symlinkSync(join(root, "s1", "Answers.JSON"), join(root, "s5", "answers.json"));
    // node has no call for a fifo: coreutils has
    execFileSync("mkfifo", [join(root, "s9.json")]);
    symlinkSync(join(root, "s1"), join(root, "s10"));
    symlinkSync("/dev/zero", join(root, "s11.json"));
    const found = rows(work, ["folders"]);
    expect(found).toEqual(
      [
        ["folders/s1/Answers.JSON", "s1", undefined],
        ["folders/s10", "s10", "folders/s10: is a symbolic link: only regular files are read (hand in the file itself)"],
        ["folders/s11.json", undefined, "folders/s11.json: is a symbolic link: only regular files are read (hand in the file itself)"],
        ["folders/s2", "s2", "folders/s2: no answers file (*.json) in the folder (found answers.json.txt: name it *.json)"],
        ["folders/s3", "s3", "folders/s3: no answers file (*.json) in the folder"],
        ["folders/s4", "s4", "folders/s4: several answer files: a.json, b.json"],
        ["folders/s5", "s5", "folders/s5: no answers file: answers.json is a symbolic link: only regular files are read (hand in the file itself)"],
        ["folders/s6", "s6", "folders/s6: no answers file (*.json) in the folder"],
        ["folders/s7", "s7", "folders/s7: no answers file (*.json) in the folder"],
        ["folders/s8/hw/answers.json", "s8", undefined],
        ["folders/s9.json", undefined, "folders/s9.json: is a fifo (named pipe), not a regular file"],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
  });

  it("treats paths given one by one as it treats a folder's entries: a link or a fifo is a row, never read", () => {
    const root = files(join(work, "given"), { "ok.json": "{}", "s1/answers.json": "{}" });
    symlinkSync(join(root, "ok.json"), join(root, "link.json"));
    symlinkSync(join(root, "s1"), join(root, "s2"));
    expect(rows(root, ["ok.json", "link.json", "s1", "s2"])).toEqual([
      ["ok.json", undefined, undefined],
      ["link.json", undefined, `link.json: is a symbolic link: only regular files are read (hand in the file itself) (to grade what it points to, name ${realpathSync(join(root, "ok.json"))})`],
      ["s1/answers.json", "s1", undefined],
      ["s2", "s2", `s2: is a symbolic link: only regular files are read (hand in the file itself) (to grade what it points to, name ${realpathSync(join(root, "s1"))})`],
    ]);
    // one file named twice is one submission
    expect(rows(root, ["ok.json", "./ok.json", "."]).filter(([source]) => source === "ok.json")).toHaveLength(1);
  });

  it("never grades an earlier run's output folder", () => {
    const root = files(join(work, "leftovers"), { "s1.json": "{}", "old-reports/s1.json": "{}", "old-reports/.nngrade-state/s1.json": "{}" });
    const discovery = discoverSubmissions(root, ["."]);
    expect(discovery.entries.map((entry) => entry.source)).toEqual(["s1.json"]);
    expect(discovery.warnings).toEqual(["old-reports: an nngrade output folder (it has .nngrade-state/); not graded"]);
  });

  it("never walks into the output folder or dot folders", () => {
    const root = files(join(work, "with-out"), { "a.json": "{}", "reports/a.json": "{}", ".nngrade-state/a.json": "{}" });
    expect(rows(root, ["."], { exclude: [realpathSync(join(root, "reports"))] })).toEqual([["a.json", undefined, undefined]]);
  });

  it("reads a Gradescope export: the answers file of each submission folder, and who it is from the metadata", () => {
    const { entries } = discoverSubmissions(REPO_ROOT, ["fixtures/gradescope-export"]);
    expect(entries.map((entry) => [entry.source, entry.owner?.id, entry.owner?.name, entry.problem])).toEqual([
      ["fixtures/gradescope-export/submission_283746101/answers.json", "1815", "Ada Lovelace", undefined],
      ["fixtures/gradescope-export/submission_283746102/hw4-answers.json", "1906", "Grace O'Neil Hopper", undefined],
      ["fixtures/gradescope-export/submission_283746103/hw4/answers.json", "1912", "Alan Turing", undefined],
      // a group submission gives every member a row of their own, graded from the group's file
      ["fixtures/gradescope-export/submission_283746104/submission.json", "1918", "Katherine Johnson", undefined],
      ["fixtures/gradescope-export/submission_283746104/submission.json", "1910", "Dorothy Vaughan", undefined],
      [
        "fixtures/gradescope-export/submission_283746105",
        "1930",
        "Edsger Dijkstra",
        "fixtures/gradescope-export/submission_283746105: no answers file (*.json) in the submission",
      ],
    ]);
  });

  it("keeps export folders the metadata misses, and reports listed ones that are missing or ambiguous", () => {
    files(join(work, "export"), {
      "submission_metadata.yml": [
        "submission_1:",
        "  :submitters:",
        "  - :name: One",
        "    :email: one@example.edu",
        "submission_2:",
        "  :submitters:",
        "  - :sid: '2'",
        "submission_3:",
        "  :submitters: []",
        "../outside:",
        "  :submitters:",
        "  - :sid: '4'",
        "",
      ].join("\n"),
      "submission_1/a.json": "{}",
      "submission_1/b.json": "{}",
      "submission_3/x/answers.json": "{}",
      "submission_3/__MACOSX/._answers.json": "",
      "submission_9/mine.json": "{}",
    });
    const discovery = discoverSubmissions(work, ["export"]);
    expect(discovery.entries.map((entry) => [entry.source, entry.owner?.id, entry.problem])).toEqual([
      ["export/submission_1", "one@example.edu", "export/submission_1: several answer files: a.json, b.json"],
      ["export/submission_2", "2", "export/submission_2: submission_metadata.yml lists it, but there is no such folder"],
      ["export/submission_3/x/answers.json", "submission_3", undefined],
      ["export/submission_9/mine.json", undefined, undefined],
    ]);
    // a key that is not a submission folder of the export is never followed
    expect(discovery.warnings.join("\n")).toContain("../outside");
  });

  it("grades an export entry it cannot use under its folder name, with a warning", () => {
    files(join(work, "odd-export"), {
      "submission_metadata.yml": "submission_1:\n  :submitters: yes\nsubmission_2:\n  :submitters:\n  - :sid: '2'\n",
      "submission_1/answers.json": "{}",
      "submission_2/answers.json": "{}",
    });
    const discovery = discoverSubmissions(work, ["odd-export"]);
    expect(discovery.entries.map((entry) => [entry.source, entry.owner?.id, entry.problem])).toEqual([
      ["odd-export/submission_1/answers.json", "submission_1", undefined],
      ["odd-export/submission_2/answers.json", "2", undefined],
    ]);
    expect(discovery.warnings).toHaveLength(1);
    expect(discovery.warnings[0]).toMatch(/submission_metadata\.yml:2: .*graded under its folder name/);
  });
});
