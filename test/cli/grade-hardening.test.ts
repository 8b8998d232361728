/**
 * A class folder as a TA finds it, or as a hostile student would make it:
 * the batch never touches an input, no file takes another student's row,
 * every student gets exactly one row, and nothing outside OUT changes.
 * What the batch grades is graded in this thread (an in-process runner, as in
 * grade-batch.test.ts: no worker threads to boot); what it refuses goes
 * through the whole command line.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BATCH_FILE } from "../../src/batch/outputs.ts";
import { inProcessRunner } from "../../src/batch/runner.ts";
import { gradeCommand } from "../../src/cli/commands/grade.ts";
import { parseResultJson } from "../../src/result/json.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";
import { captureIo } from "../helpers/capture-io.ts";

const ID = "hw4-hyperparameters";
const FIXTURES = join(REPO_ROOT, "fixtures/submissions", ID);
const EPOCH = { SOURCE_DATE_EPOCH: "1700000000" };
const work = mkdtempSync(join(tmpdir(), "nngrade-hardening-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const correct = readFileSync(join(FIXTURES, "correct-numpy.json"), "utf8");
const withoutStudent = (() => {
  const value = JSON.parse(correct);
  delete value.student;
  return JSON.stringify(value);
})();
const withId = (id: unknown) => {
  const value = JSON.parse(correct);
  value.student = { id, name: "Someone" };
  return JSON.stringify(value);
};

function folder(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** every file under a folder, path -> bytes */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const dirent of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, dirent.name);
      if (dirent.isDirectory()) walk(path);
      else files.set(path, dirent.isFile() ? readFileSync(path, "latin1") : `<${dirent.isSymbolicLink() ? "link" : "other"}>`);
    }
  };
  walk(root);
  return files;
}

/** `nngrade grade ARGS -a hw4 --jobs 1`, as the bin runs it: for what the command refuses */
const refuse = (args: string[]) => runCli(["grade", ...args, "-a", ID, "--jobs", "1"], { cwd: work, env: EPOCH });
// the assignment is loaded once, in this thread, for every grade of this file
const inProcess = inProcessRunner(ID);
/** `nngrade grade PATHS -a hw4 -o OUT`, graded in this thread; what it printed, and the exit code */
async function grade(paths: string[], out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, printed } = captureIo(work, EPOCH);
  const code = await gradeCommand({ paths, assignment: ID, out, runner: inProcess }, io);
  return { code, ...printed };
}
const gradebook = (out: string) => readFileSync(join(work, out, "gradebook.csv"), "utf8").trimEnd().split("\r\n").slice(1);

describe("grade never touches an input", () => {
  it("refuses an OUT that is, lies inside or contains an input folder, and writes nothing", async () => {
    const root = folder("inputs", { "class/s1001.json": JSON.stringify({ answers: {} }), "class/s1002.json": withId("s1002") });
    const before = snapshot(root);
    for (const [paths, out, expected] of [
      [["inputs/class"], "inputs/class", "is the input folder"],
      [["inputs/class"], "inputs/class/reports", "lies inside the input folder"],
      [["inputs/class/s1001.json"], "inputs", "contains the input"],
    ] as const) {
      const { code, stderr } = await refuse([...paths, "-o", out]);
      expect(code, out).toBe(2);
      expect(stderr, out).toContain(expected);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it("refuses an OUT holding files it did not write, and one that cannot be written", async () => {
    folder("occupied", { "class/a.json": correct, "mine/notes.txt": "keep me" });
    const notes = await refuse(["occupied/class", "-o", "occupied/mine"]);
    expect(notes.code).toBe(2);
    expect(notes.stderr).toContain("holds files nngrade did not write");
    expect(readdirSync(join(work, "occupied/mine"))).toEqual(["notes.txt"]);
    const underFile = await refuse(["occupied/class", "-o", "occupied/mine/notes.txt/out"]);
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toMatch(/--out occupied\/mine\/notes\.txt\/out: .*cannot/);
  });

  it("leaves no OUT behind when it refuses to run", async () => {
    folder("refused", { "class/a.json": correct });
    for (const args of [
      ["refused/missing", "-a", ID],
      ["refused/class", "-a", "no-such-assignment"],
      ["refused/class/nothing-here.txt", "-a", ID],
    ]) {
      const { code } = await runCli(["grade", ...args, "-o", "refused/out"], { cwd: work, env: EPOCH });
      expect(code, args.join(" ")).toBe(2);
      expect(existsSync(join(work, "refused/out")), args.join(" ")).toBe(false);
    }
  });

  it("refuses an OUT whose state folder is a link (it would carry the state files into the class)", async () => {
    const root = folder("linked-state", { "class/a.json": withId("a"), "out/a.json": "{}" });
    symlinkSync(join(root, "class"), join(root, "out", ".nngrade-state"));
    const before = snapshot(join(root, "class"));
    const { code, stderr } = await refuse(["linked-state/class", "-o", "linked-state/out"]);
    expect(code).toBe(2);
    expect(stderr).toContain(".nngrade-state is not a folder nngrade made");
    expect(snapshot(join(root, "class"))).toEqual(before);
  });

  it("reruns into its own OUT without grading its reports, and keeps a file of a report's name it did not write", async () => {
    folder("rerun", { "class/a.json": withId("a"), "class/b.json": withId("b") });
    expect((await grade(["rerun/class"], "rerun/out")).code).toBe(0);
    // a TA drops a file of their own where b's report would go next time
    rmSync(join(work, "rerun/out/b.html"));
    writeFileSync(join(work, "rerun/out/b.html"), "<p>my notes on b</p>");
    const again = await grade(["rerun/class"], "rerun/out");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/submissions 2 \(1 graded now, 1 unchanged\), with a score 2, broken 0/);
    expect(readFileSync(join(work, "rerun/out/b.html"), "utf8")).toBe("<p>my notes on b</p>");
    expect(gradebook("rerun/out").map((row) => row.split(",")[0])).toEqual(["a", "b"]);
    expect(readdirSync(join(work, "rerun/out")).filter((name) => name.startsWith("b"))).toEqual(["b-2.html", "b-2.json", "b.html", "b.json"]);
  });

  it("regrades a student whose report was edited by hand, rather than trusting its score", async () => {
    folder("edited", { "class/a.json": withId("a") });
    expect((await grade(["edited/class"], "edited/out")).code).toBe(0);
    const path = join(work, "edited/out/a.json");
    const honest = readFileSync(path, "utf8");
    writeFileSync(path, honest.replace(/"score": [0-9.]+,/, '"score": 9999,'));
    const again = await grade(["edited/class"], "edited/out");
    expect(again.stdout).toMatch(/\(1 graded now, 0 unchanged\)/);
    expect(readFileSync(path, "utf8")).toBe(honest);
    expect(gradebook("edited/out")[0]).not.toContain("9999");
  });
});

describe("identity cannot be taken", () => {
  it("grades a per-student folder as its folder's student, flags a spoofed id, and never replaces the other's row", async () => {
    folder("spoof", { "class/s1/answers.json": withId("s1"), "class/s2/answers.json": withId("s1") });
    const { code } = await grade(["spoof/class"], "spoof/out");
    expect(code).toBe(0);
    expect(gradebook("spoof/out").map((row) => row.split(",")[0])).toEqual(["s1", "s2"]);
    const s2 = parseResultJson(readFileSync(join(work, "spoof/out/s2.json"), "utf8"));
    expect(s2.student.id).toBe("s2");
    expect(s2.flags).toContainEqual({ code: "id-mismatch", message: 'the file says student id "s1"; graded as "s2", as its folder says' });
  });

  it("reports two submissions of one student on the terminal, in summary.html and batch.json, and exits 1", async () => {
    folder("twice", { "class/a.json": withId("s7"), "class/b.json": withId("s7"), "class/c.json": withId("s8") });
    const { code, stderr } = await grade(["twice/class"], "twice/out");
    expect(code).toBe(1);
    expect(stderr).toContain('student id "s7" has 2 submissions: twice/class/a.json, twice/class/b.json');
    const batch = JSON.parse(readFileSync(join(work, "twice/out", BATCH_FILE), "utf8"));
    expect(batch.duplicates).toEqual([{ id: "s7", sources: ["twice/class/a.json", "twice/class/b.json"] }]);
    expect(readFileSync(join(work, "twice/out/summary.html"), "utf8")).toContain("2 submissions are graded as this student");
    // both kept
    expect(gradebook("twice/out").map((row) => row.split(",")[0])).toEqual(["s7", "s7", "s8"]);
  });

  it("keeps ids that only a float would confuse apart", async () => {
    folder("digits", {
      "class/a.json": withoutStudent.replace(/^\{/, '{"student": {"id": 9007199254740993},'),
      "class/b.json": withoutStudent.replace(/^\{/, '{"student": {"id": 9007199254740992},'),
    });
    const { code } = await grade(["digits/class"], "digits/out");
    expect(code).toBe(0);
    expect(gradebook("digits/out").map((row) => row.split(",")[0])).toEqual(["9007199254740992", "9007199254740993"]);
  });
});

describe("one row per student", () => {
  it("gives every awkward folder its row and grades the rest", async () => {
    const root = folder("awkward", {
      "class/s1/Answers.JSON": withId("s1"),
      "class/s2/answers.json.txt": withId("s2"),
      "class/s3/notes.md": "",
      "class/s4/a.json": withId("s4"),
      "class/s4/b.json": withId("s4"),
      "class/s6.json": withId("s6"),
    });
    mkdirSync(join(root, "class/s5"));
    symlinkSync(join(root, "class/s1/Answers.JSON"), join(root, "class/s5/answers.json"));
    symlinkSync(join(root, "class/s1"), join(root, "class/s7"));
    symlinkSync("/dev/zero", join(root, "class/s8.json"));
    const before = snapshot(join(root, "class"));
    const { code, stdout } = await grade(["awkward/class"], "awkward/out");
    expect(code).toBe(0);
    expect(stdout).toMatch(/submissions 8 \(8 graded now, 0 unchanged\), with a score 2, broken 6/);
    const rows = gradebook("awkward/out");
    expect(rows.map((row) => row.split(",")[0])).toEqual(["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]);
    const error = (id: string) => parseResultJson(readFileSync(join(work, "awkward/out", `${id}.json`), "utf8")).error?.message ?? "";
    expect(error("s1")).toBe("");
    expect(error("s2")).toContain("no answers file");
    expect(error("s3")).toContain("no answers file");
    expect(error("s4")).toContain("several answer files: a.json, b.json");
    expect(error("s5")).toContain("no answers file: answers.json is a symbolic link");
    expect(error("s7")).toContain("is a symbolic link");
    expect(error("s8")).toContain("is a symbolic link");
    expect(snapshot(join(root, "class"))).toEqual(before);
  });
});
