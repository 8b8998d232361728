/**
 * A course's reference in plain numpy (examples/nn101): loaded beside its
 * rubric, solved by the Python worker, graded with error carried forward
 * through the student's own upstream values, and tested as `nngrade test`
 * tests an assignment.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { loadSubmission } from "../../src/rubric/submission-file.ts";
import { parseSubmissionText } from "../../src/rubric/json.ts";
import type { Submission } from "../../src/rubric/submission.ts";
import { toPythonJson } from "../../src/result/python-json.ts";
import { testAssignment } from "../../src/testing.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";

const FOLDER = join(REPO_ROOT, "examples/nn101");
const RUBRIC = join(FOLDER, "nn101-dense-layer.json");

describe("a reference written in python", () => {
  it("passes the assignment's own test: full marks for its answers, and every fixture's expected verdicts", async () => {
    const report = testAssignment(await loadAssignment(RUBRIC), { fixtures: join(FOLDER, "fixtures") });
    expect(report.findings.filter((finding) => finding.level === "fail")).toEqual([]);
    expect(report.checks.find((check) => check.check === "fixtures")?.tested).toBe(7);
  });

  it("carries a wrong A forward through the student's own values, solved again in python", async () => {
    const assignment = await loadAssignment(RUBRIC);
    const result = gradeSubmission(assignment, await loadSubmission(FOLDER, "fixtures/wrong-a-carried.json"));
    const items = new Map(result.tasks.flatMap((task) => task.items.map((item) => [item.id, item] as const)));
    expect(items.get("forward.A")?.status).toBe("fail");
    for (const id of ["backward.L", "backward.dW", "backward.db"]) {
      expect(items.get(id)?.status, id).toBe("ecf");
      expect(items.get(id)?.message, id).toContain("error carried forward");
    }
  });

  it("gives the handout's inputs from inputs(None) and a student's own from a seed", async () => {
    const assignment = await loadAssignment(RUBRIC);
    expect(assignment.inputs).toMatchObject({ forward: { X: [[1, 2, -1], [0, -1, 3]] } });
    const stream = { int: () => 12345 } as never;
    const variant = assignment.reference.variantInputs?.(stream) as { forward: { X: number[][] } };
    expect(variant.forward.X).not.toEqual([[1, 2, -1], [0, -1, 3]]);
    // halves and small integers, as the handout's
    for (const value of variant.forward.X.flat()) expect(Number.isInteger(2 * value)).toBe(true);
  });

  it("has a JSON-key twin (examples/nn101-key) that gives the same verdicts, but no credit carried forward", async () => {
    const twin = join(REPO_ROOT, "examples/nn101-key");
    const report = testAssignment(await loadAssignment(join(twin, "nn101-dense-layer-key.json")), { fixtures: join(twin, "fixtures") });
    expect(report.findings.filter((finding) => finding.level === "fail")).toEqual([]);
    const result = gradeSubmission(await loadAssignment(join(twin, "nn101-dense-layer-key.json")), await loadSubmission(twin, "fixtures/wrong-a-carried.json"));
    const backward = result.tasks.find((task) => task.id === "backward")?.items.map((item) => item.status);
    expect(backward).toEqual(["fail", "fail", "fail"]);
  });

  it("gives each student their own numbers end to end: the handout a student is given, solved in numpy, gets full marks only as theirs", async () => {
    const work = mkdtempSync(join(tmpdir(), "nngrade-variant-"));
    try {
      const handout = await runCli(["handout", RUBRIC, "--student", "ada", "--json"]);
      expect(handout.code).toBe(0);
      expect(JSON.parse(handout.stdout).inputs.forward.X).not.toEqual([[1, 2, -1], [0, -1, 3]]);
      // nn101's rubric grades everyone on the handout's numbers: a student's own are said to need --variants per-student
      expect(handout.stderr).toContain("grades everyone on the handout's numbers (the rubric's variants: default); these are ada's own");
      writeFileSync(join(work, "handout.json"), handout.stdout);
      // the student's own notebook: examples/nn101/make_fixtures.py solves any handout independently of the reference
      const solved = spawnSync("python3", [join(FOLDER, "make_fixtures.py"), "--handout", join(work, "handout.json")], { encoding: "utf8" });
      expect(solved.stderr).toBe("");
      writeFileSync(join(work, "ada.json"), solved.stdout);
      const own = await runCli(["check", join(work, "ada.json"), "-a", RUBRIC, "--variants", "per-student", "--json"]);
      const ownResult = JSON.parse(own.stdout) as { score: number; max_score: number };
      expect(ownResult.score).toBe(ownResult.max_score);
      // graded against the handout's numbers instead, Z is wrong (and A, sigmoid of that Z, is carried forward)
      const handouts = await runCli(["check", join(work, "ada.json"), "-a", RUBRIC, "--json"]);
      const statuses = JSON.parse(handouts.stdout).tasks.find((task: { id: string }) => task.id === "forward").items.map((item: { status: string }) => item.status);
      expect(statuses).toEqual(["fail", "ecf"]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("trains the moons task in python: a loss logged before the last update and a percentage are named", async () => {
    const assignment = await loadAssignment(RUBRIC);
    const diagnosis = async (fixture: string, item: string) => {
      const result = gradeSubmission(assignment, await loadSubmission(FOLDER, `fixtures/${fixture}.json`));
      return result.tasks.flatMap((task) => task.items).find((found) => found.id === item)?.diagnosis?.code;
    };
    expect(await diagnosis("moons-logged-loss", "moons.final_loss")).toBe("before-update");
    expect(await diagnosis("moons-percent", "moons.accuracy")).toBe("percentage");
  });

  it("exports the data set the moons task trains on, from the module's datasets()", async () => {
    const out = mkdtempSync(join(tmpdir(), "nngrade-moons-"));
    try {
      const run = await runCli(["data", "export", RUBRIC, "--out", out, "--format", "csv"]);
      expect(run.code).toBe(0);
      const check = spawnSync("python3", ["-c", `import numpy as np, glob; d = np.loadtxt(glob.glob("${out}/moons*.csv")[0], delimiter=",", skiprows=1); s = np.loadtxt("${join(FOLDER, "moons.csv")}", delimiter=",", skiprows=1); print(d.shape, np.array_equal(d, s))`], { encoding: "utf8" });
      expect(check.stdout.trim()).toBe("(200, 3) True");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("rubric lint of a python reference", () => {
  it("solves the tasks again on nudged inputs in python, and warns where a tolerance is tighter than the last bit", async () => {
    const work = mkdtempSync(join(tmpdir(), "nngrade-python-lint-"));
    try {
      writeFileSync(join(work, "tenfold.py"), 'def inputs(seed=None):\n    return {"t": {"x": 0.1}}\n\n\ndef solve_t(inputs, upstream):\n    return {"y": inputs["x"] * 10}\n');
      const rubric = (compare: string, id = "tenfold") =>
        `{ "format": "nngrade/rubric@1", "id": "${id}", "reference": "tenfold", "title": "Ten times", "tasks": [{ "id": "t", "title": "T", "points": 1, "items": [{ "answer": "y", "points": 1, "compare": ${compare} }] }] }`;
      // compared exactly: 0.1's neighbouring doubles times ten are not 1.0
      writeFileSync(join(work, "tenfold.json"), rubric('{ "mode": "relabs", "rtol": 0, "atol": 0 }'));
      const tight = await runCli(["rubric", "lint", join(work, "tenfold.json")]);
      expect(tight.stdout).not.toContain("skipped");
      expect(tight.stdout).toMatch(/t\.y: a one-ulp change/);
      writeFileSync(join(work, "loose.json"), rubric('{ "mode": "relabs", "rtol": 1e-9, "atol": 0 }', "loose"));
      const loose = await runCli(["rubric", "lint", join(work, "loose.json")]);
      expect(loose.stdout).toMatch(/loose\.json: 0 warning\(s\)/);
      // nn101's own tolerances hold, every task solved again (none skipped)
      const shipped = await runCli(["rubric", "lint", RUBRIC]);
      expect(shipped.stdout).toMatch(/nn101-dense-layer\.json: 0 warning\(s\)/);
      expect(shipped.stdout).not.toContain("skipped");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("a python reference split over several files", () => {
  it("imports its helper modules from its own folder, and a change to one is a new reference (not a stale cached answer)", async () => {
    const work = mkdtempSync(join(tmpdir(), "nngrade-python-helpers-"));
    try {
      writeFileSync(join(work, "scale.py"), "FACTOR = 2\n");
      writeFileSync(join(work, "twice.py"), 'from scale import FACTOR\n\n\ndef inputs(seed=None):\n    return {"t": {"x": 3}}\n\n\ndef solve_t(inputs, upstream):\n    return {"y": inputs["x"] * FACTOR}\n');
      writeFileSync(join(work, "twice.json"), '{ "format": "nngrade/rubric@1", "id": "twice", "title": "Twice", "tasks": [{ "id": "t", "title": "T", "points": 1, "items": [{ "answer": "y", "points": 1, "compare": { "mode": "exact" } }] }] }');
      const first = await runCli(["reference", join(work, "twice.json"), "--json"]);
      expect(JSON.parse(first.stdout).answers.t.y).toBe(6);
      writeFileSync(join(work, "scale.py"), "FACTOR = 5\n");
      // a second rubric file: loadAssignment keeps one loaded assignment per file for the life of the process
      writeFileSync(join(work, "again.json"), '{ "format": "nngrade/rubric@1", "id": "again", "reference": "twice", "title": "Twice", "tasks": [{ "id": "t", "title": "T", "points": 1, "items": [{ "answer": "y", "points": 1, "compare": { "mode": "exact" } }] }] }');
      const second = await runCli(["reference", join(work, "again.json"), "--json"]);
      expect(JSON.parse(second.stdout).answers.t.y).toBe(15);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("error carried forward, kept honest", () => {
  const submission = (answers: Record<string, unknown>) =>
    parseSubmissionText(toPythonJson({ assignment: "nn101-dense-layer", student: { id: "s" }, answers }), "s.json") as Submission;
  const statuses = (result: ReturnType<typeof gradeSubmission>) => Object.fromEntries(result.tasks.flatMap((task) => task.items.map((item) => [item.id, item.status])));

  it("gives no credit to answers that are NaN because the upstream values were: NaN matches only NaN", async () => {
    const nan = Number.NaN;
    const all = { forward: { Z: [[nan, nan], [nan, nan]], A: [[nan, nan], [nan, nan]] }, backward: { L: nan, dW: [[nan, nan], [nan, nan], [nan, nan]], db: [nan, nan] } };
    const result = gradeSubmission(await loadAssignment(RUBRIC), submission(all));
    expect(statuses(result)).toMatchObject({ "forward.A": "fail", "backward.L": "fail", "backward.dW": "fail", "backward.db": "fail" });
    expect(result.score).toBe(0);
  });

  it("claims no recomputation from an upstream answer it could not read", async () => {
    const correct = JSON.parse(readFileSync(join(FOLDER, "fixtures/correct.json"), "utf8")).answers;
    // A as a flat vector of 4 cannot be read as the 2x2 matrix: backward's items are compared with the reference's own
    const result = gradeSubmission(await loadAssignment(RUBRIC), submission({ ...correct, forward: { ...correct.forward, A: [0.1, 0.2, 0.3, 0.4] }, backward: { ...correct.backward, L: 1 } }));
    const L = result.tasks.flatMap((task) => task.items).find((item) => item.id === "backward.L")!;
    expect(L.status).toBe("fail");
    expect(L.message).not.toContain("recomputed from your own");
  });

  it("flags a reference that raises on the student's values, instead of failing the item without a word", async () => {
    const work = mkdtempSync(join(tmpdir(), "nngrade-ecf-raises-"));
    try {
      cpSync(FOLDER, work, { recursive: true });
      const module = join(work, "nn101-dense-layer.py");
      writeFileSync(module, readFileSync(module, "utf8").replace('upstream["forward.A"], dtype=float)', 'upstream["forward.AA"], dtype=float)'));
      const result = gradeSubmission(await loadAssignment(join(work, "nn101-dense-layer.json")), await loadSubmission(FOLDER, "fixtures/wrong-a-carried.json"));
      expect(statuses(result)["backward.L"]).toBe("fail");
      const flag = result.flags.find((found) => found.code === "ecf-failed");
      expect(flag?.message).toMatch(/^backward\.\w+: the reference could not recompute it from your own forward\.A \(.*KeyError: 'forward\.AA'\): no credit carried forward$/);
      // the TA's source stays out of what a student reads
      expect(flag?.message).not.toContain("Traceback");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
