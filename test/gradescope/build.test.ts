import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";
import { NODE_ENGINES, NODE_MAJOR } from "../../src/gradescope/scripts.ts";
import { centralDirectory, tarEntries } from "./archive-reader.ts";
import { expectGradescopeResults } from "./results-schema.ts";

const run = promisify(execFile);
const ID = "hw4-hyperparameters";
const FIXTURES = join(REPO_ROOT, "fixtures/submissions", ID);
const EPOCH = "1700000000";
const sha256 = (content: Uint8Array | string) => createHash("sha256").update(content).digest("hex");

let work: string;
let zip: Uint8Array;
let secondZip: Uint8Array;
let files: Record<string, Uint8Array>;
let buildOutput: { code: number; stdout: string; stderr: string };
/** the zip's scripts, unpacked with the modes the zip records */
let scripts: string;
/** a folder whose `nngrade` is this checkout's bin, as setup.sh links the installed one */
let shim: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "nngrade-gradescope-"));
  const env = { SOURCE_DATE_EPOCH: EPOCH };
  buildOutput = await runCli(["gradescope", "build", ID, "--out", join(work, "first/autograder.zip")], { env });
  await runCli(["gradescope", "build", ID, "-o", join(work, "second/autograder.zip")], { env });
  zip = await readFile(join(work, "first/autograder.zip"));
  secondZip = await readFile(join(work, "second/autograder.zip")).catch(() => new Uint8Array());
  files = unzipSync(zip);
  scripts = join(work, "unpacked");
  await mkdir(scripts);
  for (const record of centralDirectory(zip)) {
    await writeFile(join(scripts, record.name), files[record.name]!);
    await chmod(join(scripts, record.name), record.mode & 0o777);
  }
  shim = join(work, "shim");
  await mkdir(shim);
  await symlink(join(REPO_ROOT, "bin/nngrade.js"), join(shim, "nngrade"));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** the key: value lines of nngrade-assignment.txt */
function info(): Record<string, string> {
  const text = new TextDecoder().decode(files["nngrade-assignment.txt"]);
  return Object.fromEntries(text.trimEnd().split("\n").map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)]));
}

/** Runs the zip's run_autograder as Gradescope would, in a fresh /autograder tree with these submission files. */
async function runAutograder(
  submission: Record<string, string> | null,
  env: NodeJS.ProcessEnv = {},
  metadata?: unknown,
): Promise<{ results: Record<string, unknown>; resultFiles: string[]; stderr: string; stdout: string }> {
  const root = await mkdtemp(join(work, "autograder-"));
  if (metadata !== undefined) await writeFile(join(root, "submission_metadata.json"), JSON.stringify(metadata));
  if (submission !== null) {
    for (const [name, source] of Object.entries(submission)) {
      const target = join(root, "submission", name);
      await mkdir(join(target, ".."), { recursive: true });
      await copyFile(source, target);
    }
    await mkdir(join(root, "submission"), { recursive: true });
  }
  const { NNGRADE: _unused, ...inherited } = process.env;
  const { stderr, stdout } = await run(join(scripts, "run_autograder"), [], {
    env: { ...inherited, PATH: `${shim}:${process.env.PATH}`, AUTOGRADER_ROOT: root, ...env },
    cwd: work,
  });
  const results = JSON.parse(await readFile(join(root, "results/results.json"), "utf8")) as Record<string, unknown>;
  // whatever happened, Gradescope gets a results.json its specification allows, every text plain
  expectGradescopeResults(results);
  return { results, resultFiles: await readdir(join(root, "results")), stderr, stdout };
}

describe("nngrade gradescope build", () => {
  it("writes a zip and says what is in it", () => {
    expect(buildOutput.code).toBe(0);
    expect(buildOutput.stderr).toBe("");
    expect(buildOutput.stdout).toContain(`${ID}: `);
    expect(buildOutput.stdout).toContain("run_autograder");
  });

  it("holds setup.sh, run_autograder, the nngrade tarball, its lockfile and the assignment record at the root", () => {
    expect(Object.keys(files).sort()).toEqual(["nngrade-assignment.txt", "nngrade.tgz", "package-lock.json", "run_autograder", "setup.sh"]);
  });

  it("ships the checkout's lockfile, so the image installs the versions it was tested with", async () => {
    expect(Buffer.from(files["package-lock.json"]!).equals(await readFile(join(REPO_ROOT, "package-lock.json")))).toBe(true);
  });

  it("makes the scripts executable and nothing else", () => {
    const modes = Object.fromEntries(centralDirectory(zip).map((record) => [record.name, record.mode & 0o777]));
    expect(modes).toEqual({
      "nngrade-assignment.txt": 0o644,
      "nngrade.tgz": 0o644,
      "package-lock.json": 0o644,
      run_autograder: 0o755,
      "setup.sh": 0o755,
    });
  });

  it("is byte-identical for two builds with one SOURCE_DATE_EPOCH, stamped with it", () => {
    expect(secondZip.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(secondZip).equals(Buffer.from(zip))).toBe(true);
    for (const record of centralDirectory(zip)) expect(record.time.getTime()).toBe(Number(EPOCH) * 1000);
  });

  it("records the assignment, the rubric's sha256 and the tarball's", async () => {
    const record = info();
    expect(record.assignment).toBe(ID);
    expect(record.rubric_sha256).toBe(sha256(await readFile(join(REPO_ROOT, "rubrics", `${ID}.json`))));
    expect(record.nngrade_tgz_sha256).toBe(sha256(files["nngrade.tgz"]!));
    expect(record.built).toBe(new Date(Number(EPOCH) * 1000).toISOString());
  });

  it("packs the bin, the code, the rubric it recorded and the templates, but no installed or generated folders", () => {
    const entries = tarEntries(files["nngrade.tgz"]!);
    const byPath = new Map(entries.map((entry) => [entry.path, entry]));
    for (const path of ["package/package.json", "package/src/cli/main.ts", "package/templates/report.hbs", `package/reference/${ID}.ts`]) {
      expect(byPath.has(path), path).toBe(true);
    }
    expect((byPath.get("package/bin/nngrade.js")?.mode ?? 0) & 0o111).toBe(0o111);
    expect(sha256(byPath.get(`package/rubrics/${ID}.json`)!.content)).toBe(info().rubric_sha256);
    expect(entries.filter((entry) => /^package\/(node_modules|reports|coverage)\//.test(entry.path))).toEqual([]);
  });

  it("writes scripts bash can parse, for this assignment only", async () => {
    for (const name of ["setup.sh", "run_autograder"]) {
      const text = new TextDecoder().decode(files[name]);
      expect(text.startsWith("#!/usr/bin/env bash\n"), name).toBe(true);
      expect(text).toContain(`ASSIGNMENT='${ID}'`);
      await expect(run("bash", ["-n", join(scripts, name)])).resolves.toBeDefined();
    }
  });

  it("keeps a Node.js the image has where nngrade runs on it (package.json engines), else installs the newest 22.x", async () => {
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8")) as { engines: { node: string } };
    expect(manifest.engines.node).toBe(NODE_ENGINES);
    const setup = new TextDecoder().decode(files["setup.sh"]);
    expect(NODE_MAJOR).toBe(22);
    expect(setup).toContain('release="https://nodejs.org/dist/latest-v22.x"');
    const start = setup.indexOf("node_version_is_usable() {");
    const predicate = setup.slice(start, setup.indexOf("\n}\n", start) + 3);
    const usable = (version: string) =>
      run("bash", ["-c", `set -euo pipefail\n${predicate}\nnode_version_is_usable "$1"`, "bash", version]).then(
        () => true,
        () => false,
      );
    const cases: Record<string, boolean> = {
      "v18.20.8": false,
      "v20.18.3": false,
      "v20.19.0": true,
      "v20.20.2": true,
      "v21.7.3": false,
      "v22.11.0": false,
      "v22.12.0": true,
      "v22.21.1": true,
      "v23.11.1": false,
      "v24.0.0": true,
      "v24.11.1": true,
      "v25.2.0": true,
      "": false,
      "not a version": false,
    };
    const seen = Object.fromEntries(await Promise.all(Object.keys(cases).map(async (version) => [version, await usable(version)])));
    expect(seen).toEqual(cases);
    // the Node.js that runs these tests runs nngrade: setup.sh would keep it
    expect(await usable(process.version)).toBe(true);
  });

  it("refuses an unknown assignment, and builds a built-in one given by its rubric's path as by its id", async () => {
    const unknown = await runCli(["gradescope", "build", "hw99-nothing", "--out", join(work, "x.zip")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown assignment 'hw99-nothing'/);
    const path = await runCli(["gradescope", "build", `rubrics/${ID}.json`, "--out", join(work, "by-path.zip")], { env: { SOURCE_DATE_EPOCH: EPOCH } });
    expect(path.code).toBe(0);
    expect(Buffer.from(await readFile(join(work, "by-path.zip"))).equals(Buffer.from(zip))).toBe(true);
  });
});

describe("nngrade gradescope build, for a course's own assignment", () => {
  const COURSE = join(REPO_ROOT, "examples/nn101");
  let courseFiles: Record<string, Uint8Array>;
  let unpacked: string;

  beforeAll(async () => {
    // by the course's id, from inside the course folder, as a TA runs it
    const built = await runCli(["gradescope", "build", "nn101-dense-layer", "-o", join(work, "course/autograder.zip")], { cwd: COURSE, env: { SOURCE_DATE_EPOCH: EPOCH } });
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    courseFiles = unzipSync(await readFile(join(work, "course/autograder.zip")));
    unpacked = join(work, "course/unpacked");
    for (const [name, content] of Object.entries(courseFiles)) {
      await mkdir(join(unpacked, name, ".."), { recursive: true });
      await writeFile(join(unpacked, name), content, { mode: name === "setup.sh" || name === "run_autograder" ? 0o755 : 0o644 });
    }
  });

  it("bundles the course folder's rubric, python reference, shipped answers and data, but not its fixtures", async () => {
    const course = Object.keys(courseFiles).filter((name) => name.startsWith("course/")).sort();
    for (const name of ["nn101-dense-layer.json", "nn101-dense-layer.py", "cache/nn101-dense-layer.json", "moons.csv"]) {
      expect(course, name).toContain(`course/${name}`);
      expect(Buffer.from(courseFiles[`course/${name}`]!).equals(await readFile(join(COURSE, name))), name).toBe(true);
    }
    expect(course.filter((name) => name.includes("/fixtures/"))).toEqual([]);
    const text = new TextDecoder().decode(courseFiles["nngrade-assignment.txt"]);
    expect(text).toContain("assignment: nn101-dense-layer\n");
    expect(text).toContain("course_rubric: course/nn101-dense-layer.json\n");
    expect(text).toMatch(/^python: /m);
  });

  it("writes scripts that install python3 with numpy and grade with the course's rubric", async () => {
    const setup = new TextDecoder().decode(courseFiles["setup.sh"]);
    expect(setup).toContain("python3-numpy");
    expect(setup).toContain(`cp -R "$SOURCE/course"`);
    for (const name of ["setup.sh", "run_autograder"]) {
      expect(new TextDecoder().decode(courseFiles[name])).toContain(`ASSIGNMENT="$ROOT/nngrade-course/"'nn101-dense-layer.json'`);
      await expect(run("bash", ["-n", join(unpacked, name)])).resolves.toBeDefined();
    }
  });

  it("run_autograder grades a submission with the course's reference, error carried forward included", async () => {
    const root = await mkdtemp(join(work, "course-autograder-"));
    // what setup.sh does with the zip's course/ folder (setup.sh itself installs nngrade: the long e2e runs it)
    await run("cp", ["-R", join(unpacked, "course"), join(root, "nngrade-course")]);
    await mkdir(join(root, "submission"));
    await copyFile(join(COURSE, "fixtures/wrong-a-carried.json"), join(root, "submission/answers.json"));
    const { NNGRADE: _unused, ...inherited } = process.env;
    await run(join(unpacked, "run_autograder"), [], { env: { ...inherited, PATH: `${shim}:${process.env.PATH}`, AUTOGRADER_ROOT: root }, cwd: work });
    const results = JSON.parse(await readFile(join(root, "results/results.json"), "utf8")) as { score: number; tests: { name: string; status: string; output?: string }[] };
    expectGradescopeResults(results);
    const printed = await runCli(["check", "fixtures/wrong-a-carried.json", "-a", "nn101-dense-layer", "--all", "--format", "gradescope"], { cwd: COURSE });
    expect(results).toEqual(JSON.parse(printed.stdout));
    expect(results.score).toBe(12);
    expect(results.tests.find((test) => test.name.startsWith("backward.L"))?.status).toBe("passed");
  });
});

describe("run_autograder", () => {
  it("writes what check --all --format gradescope prints for the one submission", async () => {
    // macOS zips carry a __MACOSX copy of each file: it is not a second answer
    const { results, resultFiles } = await runAutograder({
      "seed-002.json": join(FIXTURES, "seed-002.json"),
      "__MACOSX/._seed-002.json": join(FIXTURES, "malformed-json.json"),
    });
    const printed = await runCli(["check", join(FIXTURES, "seed-002.json"), "--assignment", ID, "--all", "--format", "gradescope"]);
    expect(printed.code).toBe(0);
    const expected = JSON.parse(printed.stdout) as { score: number; tests: unknown[] };
    expect(results.score).toBe(expected.score);
    expect(results).toEqual(expected);
    expect(expected.tests.length).toBeGreaterThan(0);
    // written by rename: no temporary file is left beside it
    expect(resultFiles).toEqual(["results.json"]);
  });

  it("gives 0 points and says so when the submission has no .json file", async () => {
    const { results } = await runAutograder({ "notes.txt": join(REPO_ROOT, "README.md") });
    expect(results.score).toBe(0);
    expect(results.tests).toEqual([]);
    expect(results.output).toMatch(/^no \.json file in your submission \(found: notes\.txt\): upload one \.json file/);
  });

  it("gives 0 points when there is no submission folder at all", async () => {
    const { results } = await runAutograder(null);
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/^no submission found/);
  });

  it("gives 0 points and names the files when there are several", async () => {
    const { results } = await runAutograder({
      "answers.json": join(FIXTURES, "seed-002.json"),
      "old/answers.json": join(FIXTURES, "mistake-transposed.json"),
    });
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/^2 \.json files in your submission \(answers\.json, old\/answers\.json\): upload exactly one/);
  });

  it("gives 0 points and nngrade's reason for a file it cannot read", async () => {
    const { results } = await runAutograder({ "answers.json": join(FIXTURES, "malformed-json.json") });
    expect(results.score).toBe(0);
    expect(results.tests).toEqual([]);
    // the message check prints, with the file named as the student named it
    const direct = join(work, "direct");
    await mkdir(direct, { recursive: true });
    await copyFile(join(FIXTURES, "malformed-json.json"), join(direct, "answers.json"));
    const printed = await runCli(["check", "answers.json", "--assignment", ID, "--all", "--format", "gradescope"], { cwd: direct });
    expect(printed.code).toBe(2);
    expect(printed.stderr).toMatch(/answers\.json:\d+:\d+: \S/);
    expect(results.output).toBe(`your submission could not be graded: ${printed.stderr.replace(/^nngrade: /gm, "").trimEnd()}`);
  });

  it("gives 0 points, and tells the student it is not their fault, when nngrade fails", async () => {
    const broken = join(work, "broken-nngrade");
    await writeFile(broken, "#!/bin/sh\necho 'nngrade: internal error: out of memory' >&2\nexit 3\n");
    await chmod(broken, 0o755);
    const { results, stdout } = await runAutograder({ "answers.json": join(FIXTURES, "seed-002.json") }, { NNGRADE: broken });
    expect(results.score).toBe(0);
    // what nngrade said may quote the reference's code: the instructors' output has it, the student's does not
    expect(results.output).toBe("the autograder failed on answers.json (nngrade exit 3): this is not your fault, tell your instructor");
    expect(stdout).toContain("run_autograder: nngrade exit 3 on answers.json:\ninternal error: out of memory");
  });

  it("grades as the student Gradescope names in submission_metadata.json, not whoever the file claims", async () => {
    const recorder = join(work, "recording-nngrade");
    await writeFile(recorder, '#!/bin/sh\necho "args: $*" >&2\nexit 3\n');
    await chmod(recorder, 0o755);
    const metadata = { users: [{ email: "ada@example.org", name: "Ada", sid: "s7654321" }] };
    const named = await runAutograder({ "answers.json": join(FIXTURES, "seed-002.json") }, { NNGRADE: recorder }, metadata);
    // the recorder's arguments reach the instructors' output (stdout), as any nngrade failure's words do
    expect(named.stdout).toContain("--student-id=s7654321");
    const byEmail = await runAutograder({ "answers.json": join(FIXTURES, "seed-002.json") }, { NNGRADE: recorder }, { users: [{ email: "ada@example.org" }] });
    expect(byEmail.stdout).toContain("--student-id=ada@example.org");
    const none = await runAutograder({ "answers.json": join(FIXTURES, "seed-002.json") }, { NNGRADE: recorder });
    expect(none.stdout).not.toContain("--student-id");
    // and check itself grades under that id
    const checked = await runCli(["check", join(FIXTURES, "seed-002.json"), "--json", "--student-id", "s7654321"], { cwd: work });
    const graded = JSON.parse(checked.stdout) as { student: { id: string }; flags: { code: string; message: string }[] };
    expect(graded.student.id).toBe("s7654321");
    // the file's own id is kept for the TA to see, never used
    expect(graded.flags).toContainEqual({ code: "id-mismatch", message: 'the file says student id "seed-002"; graded as "s7654321", as --student-id says' });
  });

  it("passes a student id starting with - as the id, not as an option", async () => {
    // one [argument] per argument, so that "--student-id=-x" and "--student-id -x" differ
    const recorder = join(work, "argv-nngrade");
    await writeFile(recorder, '#!/bin/sh\nfor arg in "$@"; do printf "[%s]" "$arg" >&2; done\nexit 3\n');
    await chmod(recorder, 0o755);
    const metadata = { users: [{ email: "dash@example.org", sid: "-x7654321" }] };
    const recorded = await runAutograder({ "answers.json": join(FIXTURES, "seed-002.json") }, { NNGRADE: recorder }, metadata);
    expect(recorded.stdout).toContain("[--student-id=-x7654321]");
    // and the real nngrade grades it: an id read as options (-x -7 ...) would have been "could not be graded"
    const { results } = await runAutograder({ "answers.json": join(FIXTURES, "seed-002.json") }, {}, metadata);
    const printed = await runCli(["check", join(FIXTURES, "seed-002.json"), "--assignment", ID, "--all", "--format", "gradescope", "--student-id=-x7654321"]);
    expect(results).toEqual(JSON.parse(printed.stdout));
  });

  it("check grades as an id given with = even when it starts with -", async () => {
    const checked = await runCli(["check", join(FIXTURES, "seed-002.json"), "--json", "--student-id=-5"], { cwd: work });
    expect(checked.code).toBe(0);
    expect((JSON.parse(checked.stdout) as { student: { id: string } }).student.id).toBe("-5");
  });

  it.each([
    ["given twice", ["--student-id", "a", "--student-id", "b"], "nngrade: --student-id: expected one value, given 2\n"],
    ["given empty", ["--student-id="], "nngrade: --student-id: expected a non-empty id\n"],
  ])("check refuses a student id %s, as a usage error", async (_, flags, message) => {
    const checked = await runCli(["check", join(FIXTURES, "seed-002.json"), "--json", ...flags], { cwd: work });
    expect(checked).toEqual({ code: 2, stdout: "", stderr: message });
  });

  it("shows a file name that is markup as text: output_format text, not Gradescope's HTML-rendering default", async () => {
    const { results } = await runAutograder({ "<img src=x onerror=alert(1)>.txt": join(REPO_ROOT, "README.md") });
    expect(results.output_format).toBe("text");
    expect(results.output).toContain("(found: <img src=x onerror=alert(1)>.txt)");
  });

  it("grades as the sid, else the e-mail, else Gradescope's user id, and tells the instructors who and what name", async () => {
    const recorder = join(work, "users-nngrade");
    await writeFile(recorder, '#!/bin/sh\nfor arg in "$@"; do printf "[%s]" "$arg" >&2; done\nexit 3\n');
    await chmod(recorder, 0o755);
    const submission = { "answers.json": join(FIXTURES, "seed-002.json") };
    // Gradescope's submission_metadata.json documents users[] with email, id (a number) and name; sid where the course has them
    const documented = { users: [{ email: "ada@example.org", id: 1234, name: "Ada Lovelace" }] };
    const byEmail = await runAutograder(submission, { NNGRADE: recorder }, documented);
    expect(byEmail.stdout).toContain("[--student-id=ada@example.org]");
    expect(byEmail.stdout).toContain("run_autograder: grading answers.json as ada@example.org (Ada Lovelace)\n");
    const numericSid = await runAutograder(submission, { NNGRADE: recorder }, { users: [{ email: "ada@example.org", id: 1234, name: "Ada", sid: 1815 }] });
    expect(numericSid.stdout).toContain("[--student-id=1815]");
    const idOnly = await runAutograder(submission, { NNGRADE: recorder }, { users: [{ email: "", id: 1234, name: "Ada\nLovelace" }] });
    expect(idOnly.stdout).toContain("[--student-id=1234]");
    // a name's line break cannot forge a line of the instructors' output
    expect(idOnly.stdout).toContain("grading answers.json as 1234 (Ada Lovelace)\n");
    const group = await runAutograder(submission, { NNGRADE: recorder }, { users: [{ email: "a@example.org", id: 1, name: "A" }, { email: "b@example.org", id: 2, name: "B" }] });
    expect(group.stdout).toContain("[--student-id=a@example.org]");
    expect(group.stdout).toContain("as a@example.org (A), the first of a group of 2\n");
    for (const broken of [{ users: [] }, { users: "ada" }, { users: [null] }, {}]) {
      const none = await runAutograder(submission, { NNGRADE: recorder }, broken);
      expect(none.stdout).not.toContain("--student-id");
    }
  });

  it("quotes a file name that would break JSON or read as an option", async () => {
    const name = '-x"\\.json';
    const { results } = await runAutograder({ [name]: join(FIXTURES, "malformed-json.json") });
    expect(results.score).toBe(0);
    expect(results.output).toContain(name);
  });
});
