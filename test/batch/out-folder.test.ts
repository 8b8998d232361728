import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkOutFolder, createOutFolder, isFreeForReport } from "../../src/batch/out-folder.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-out-folder-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string> = {}): string {
  const root = join(work, name);
  mkdirSync(root, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("the output folder of a batch", () => {
  it("may not be an input folder, lie inside one, or contain an input", () => {
    const cwd = folder("overlap", { "class/s1001.json": "{}", "class/sub/s2.json": "{}" });
    expect(() => checkOutFolder(cwd, "class", ["class"])).toThrow("--out class: is the input folder class");
    expect(() => checkOutFolder(cwd, "class/", ["class"])).toThrow("--out class/: is the input folder class");
    expect(() => checkOutFolder(cwd, "class/reports", ["class"])).toThrow("--out class/reports: lies inside the input folder class");
    expect(() => checkOutFolder(cwd, ".", ["class/s1001.json"])).toThrow("--out .: contains the input class/s1001.json");
    expect(() => checkOutFolder(join(cwd, "class"), "..", ["sub"])).toThrow("--out ..: contains the input sub");
    // through a link to the input folder too
    symlinkSync(join(cwd, "class"), join(cwd, "alias"));
    expect(() => checkOutFolder(cwd, "alias", ["class"])).toThrow("--out alias: is the input folder class");
    // nothing was written into the input
    expect(readdirSync(join(cwd, "class")).sort()).toEqual(["s1001.json", "sub"]);
    expect(checkOutFolder(cwd, "reports", ["class"])).toBe(join(cwd, "reports"));
    // checking creates nothing; creating makes OUT and its state folder
    expect(readdirSync(cwd).sort()).toEqual(["alias", "class"]);
    createOutFolder(join(cwd, "reports"), "reports");
    expect(readdirSync(join(cwd, "reports"))).toEqual([".nngrade-state"]);
  });

  it("refuses a state folder that is a link, and batch files nngrade did not write", () => {
    const cwd = folder("state-link", { "class/a.json": "{}", "out/s.json": "{}", "theirs/gradebook.csv": "my,own,sheet\r\n" });
    symlinkSync(join(cwd, "class"), join(cwd, "out", ".nngrade-state"));
    expect(() => checkOutFolder(cwd, "out", ["class"])).toThrow("--out out: .nngrade-state is not a folder nngrade made");
    mkdirSync(join(cwd, "theirs", ".nngrade-state"));
    expect(() => checkOutFolder(cwd, "theirs", ["class"])).toThrow("--out theirs: gradebook.csv is not a file nngrade wrote");
    writeFileSync(join(cwd, "theirs", "gradebook.csv"), "student_id,name,score,max_score,q1,status\r\n");
    mkdirSync(join(cwd, "theirs", "summary.html"));
    expect(() => checkOutFolder(cwd, "theirs", ["class"])).toThrow("--out theirs: summary.html is not a file nngrade wrote");
  });

  it("must be new, empty, or one nngrade wrote", () => {
    const cwd = folder("occupied", { "class/a.json": "{}", "notes/todo.txt": "mine", "done/.nngrade-state/a.json": "{}" });
    expect(() => checkOutFolder(cwd, "notes", ["class"])).toThrow("--out notes: holds files nngrade did not write; choose a new or empty folder");
    expect(() => checkOutFolder(cwd, "class/a.json", ["notes"])).toThrow("--out class/a.json: is a file, not a folder");
    expect(checkOutFolder(cwd, "done", ["class"])).toBe(join(cwd, "done"));
    folder("occupied/empty");
    expect(checkOutFolder(cwd, "empty", ["class"])).toBe(join(cwd, "empty"));
  });

  it("never lets a report replace a file nngrade did not write", () => {
    const out = folder("reports", {
      "ours.json": '{\n  "schema": "nngrade/result@1",\n  "score": 1\n}\n',
      "ours.html": '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="generator" content="nngrade">\n',
      "theirs.json": '{"answers": {}}',
      "theirs.html": "<html>mine</html>",
      "fake.json": '{"note": "schema \\"nngrade/result@1\\" later"}',
    });
    symlinkSync(join(out, "ours.json"), join(out, "link.json"));
    // a PDF as pdfkit writes nngrade's (the creator an object of its own), and one from elsewhere
    writeFileSync(join(out, "ours.pdf"), "%PDF-1.3\n%\n35 0 obj\n(PDFKit)\nendobj\n36 0 obj\n(nngrade)\nendobj\ntrailer\n");
    writeFileSync(join(out, "theirs.pdf"), "%PDF-1.7\n1 0 obj\n(LibreOffice)\nendobj\n");
    expect(isFreeForReport(join(out, "ours.pdf"))).toBe(true);
    expect(isFreeForReport(join(out, "theirs.pdf"))).toBe(false);
    expect(isFreeForReport(join(out, "missing.json"))).toBe(true);
    expect(isFreeForReport(join(out, "ours.json"))).toBe(true);
    expect(isFreeForReport(join(out, "ours.html"))).toBe(true);
    expect(isFreeForReport(join(out, "theirs.json"))).toBe(false);
    expect(isFreeForReport(join(out, "theirs.html"))).toBe(false);
    expect(isFreeForReport(join(out, "fake.json"))).toBe(false);
    expect(isFreeForReport(join(out, "link.json"))).toBe(false);
  });
});
