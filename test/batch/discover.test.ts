import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

describe("discovering a batch", () => {
  it("takes a folder of files and of per-student folders, sorted by code unit, ignoring other files", () => {
    const root = files(join(work, "plain"), {
      "b.json": "{}",
      "B.json": "{}",
      "a/answers.json": "{}",
      "a/notes.txt": "",
      "readme.md": "",
    });
    expect(discoverSubmissions(work, ["plain"]).map((entry) => entry.source)).toEqual([
      "plain/B.json",
      "plain/a/answers.json",
      "plain/b.json",
    ]);
    expect(discoverSubmissions(root, ["b.json"])).toEqual([{ file: join(root, "b.json"), source: "b.json" }]);
  });

  it("says which path does not exist", () => {
    expect(() => discoverSubmissions(work, ["nowhere"])).toThrow("nowhere: no such file or folder");
  });

  it("reads a Gradescope export: the answers file of each submission folder, and who it is from the metadata", () => {
    const entries = discoverSubmissions(REPO_ROOT, ["fixtures/gradescope-export"]);
    expect(entries.map((entry) => [entry.source, entry.student, entry.problem])).toEqual([
      ["fixtures/gradescope-export/submission_283746101/answers.json", { id: "1815", name: "Ada Lovelace" }, undefined],
      ["fixtures/gradescope-export/submission_283746102/hw4-answers.json", { id: "1906", name: "Grace O'Neil Hopper" }, undefined],
      ["fixtures/gradescope-export/submission_283746103/hw4/answers.json", { id: "1912", name: "Alan Turing" }, undefined],
      // a group submission is filed under its first submitter, named with everyone
      [
        "fixtures/gradescope-export/submission_283746104/submission.json",
        { id: "1918", name: "Katherine Johnson, Dorothy Vaughan" },
        undefined,
      ],
      [
        "fixtures/gradescope-export/submission_283746105",
        { id: "1930", name: "Edsger Dijkstra" },
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
        "",
      ].join("\n"),
      "submission_1/a.json": "{}",
      "submission_1/b.json": "{}",
      "submission_3/x/answers.json": "{}",
      "submission_3/x/other.json": "{}",
      "submission_3/__MACOSX/._answers.json": "",
      "submission_9/mine.json": "{}",
    });
    const entries = discoverSubmissions(work, ["export"]);
    expect(entries.map((entry) => [entry.source, entry.student?.id, entry.problem])).toEqual([
      ["export/submission_1", "one@example.edu", "export/submission_1: 2 JSON files (a.json, b.json); expected one answers file"],
      ["export/submission_2", "2", "export/submission_2: submission_metadata.yml lists it, but there is no such folder"],
      ["export/submission_3/x/answers.json", "submission_3", undefined],
      ["export/submission_9/mine.json", undefined, undefined],
    ]);
  });

  it("refuses metadata it cannot read, naming the file and line", () => {
    files(join(work, "bad-export"), { "submission_metadata.yml": "submission_1:\n  :submitters: yes\n" });
    expect(() => discoverSubmissions(work, ["bad-export"])).toThrow(/bad-export\/submission_metadata\.yml:2: expected a list of submitters/);
  });
});
