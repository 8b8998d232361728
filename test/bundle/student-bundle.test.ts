/**
 * Student bundles (nngrade build --student): a self-check from them gives
 * what `nngrade check` gives for the visible items, and they hold nothing a
 * student may not see: no hidden item's expected value, no reference code.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleAssignment, type StudentBundle, studentBundle } from "../../src/bundle/student-bundle.ts";
import { toPythonJson } from "../../src/result/python-json.ts";
import { parseSubmissionText } from "../../src/rubric/json.ts";
import { getAtPath } from "../../src/rubric/answers.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { assignmentFrom } from "../../src/grade/assignment-from.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import { loadSubmission } from "../../src/rubric/submission-file.ts";
import { rosterIds } from "../../src/cli/commands/build.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-bundle-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DEFERRED = "is checked when your TA grades (error carried forward)";
const items = (result: GradeResult) => new Map(result.tasks.flatMap((task) => task.items.map((item) => [item.id, item] as const)));

/** every fixture that reads as a submission, graded by the reference (visible items) and from the bundle */
async function compareOnFixtures(assignment: Assignment, folder: string): Promise<number> {
  // through the bundle file's own text (NaN and infinities kept), as check --bundle and the page read it
  const bundled = bundleAssignment(parseSubmissionText(toPythonJson(studentBundle(assignment)), "bundle.json") as StudentBundle);
  let compared = 0;
  for (const name of readdirSync(folder).filter((file) => file.endsWith(".json") && !file.endsWith(".expect.json"))) {
    let submission: Awaited<ReturnType<typeof loadSubmission>>;
    try {
      submission = await loadSubmission(folder, name);
    } catch {
      continue;
    }
    const full = items(gradeSubmission(assignment, submission, { scope: "visible" }));
    const self = items(gradeSubmission(bundled, submission, { scope: "visible" }));
    for (const [id, item] of self) {
      const reference = full.get(id) as ItemResult;
      expect(reference, `${name} ${id}`).toBeDefined();
      if (reference.status === "ecf" || item.message.includes(DEFERRED)) {
        // consistency with the student's own values needs the computation: the bundle says the TA's grading decides
        expect(["ecf", "fail", "partial"], `${name} ${id}`).toContain(reference.status);
        expect(item.status, `${name} ${id}`).toBe(reference.status === "ecf" ? "fail" : reference.status);
        expect(item.message, `${name} ${id}`).toContain(DEFERRED);
        continue;
      }
      expect({ status: item.status, score: item.score, diagnosis: item.diagnosis?.code, message: item.message }, `${name} ${id}`).toEqual({
        status: reference.status,
        score: reference.score,
        diagnosis: reference.diagnosis?.code,
        message: reference.message,
      });
      compared++;
    }
  }
  return compared;
}

/** every number in a value, at any depth */
function numbers(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(numbers);
  return [];
}

/** a number as a report prints it, to 6 significant digits; integers are too common to tell anything */
const form = (x: number) => (Number.isFinite(x) && !Number.isInteger(x) ? x.toPrecision(6) : null);

/**
 * The hidden values a bundle gives away: those of `hidden` (to 6 significant
 * digits) that some number in the bundle matches, leaving out any a student
 * sees anyway (equal to a visible expected value or an input).
 */
function leaked(bundle: unknown, hidden: unknown, visible: unknown): string[] {
  const seen = new Set(numbers(visible).map(form));
  const secret = new Set(numbers(hidden).map(form).filter((printed) => printed !== null && !seen.has(printed)));
  return [...new Set(numbers(bundle).map(form).filter((printed): printed is string => printed !== null && secret.has(printed)))];
}

/** the expected values of an assignment's items, split by whether a self-check may show them */
function expectedValues(assignment: Assignment, hiddenIds: ReadonlySet<string>): { hidden: unknown[]; visible: unknown[] } {
  const hidden: unknown[] = [];
  const visible: unknown[] = [assignment.inputs];
  for (const task of assignment.plan.tasks) {
    for (const item of task.items) {
      const found = getAtPath(assignment.solutions.get(task.id)?.answers, item.path);
      if (found.found) (hiddenIds.has(item.id) ? hidden : visible).push(found.value);
    }
  }
  return { hidden, visible };
}

describe("a student bundle", () => {
  it("grades hw4's fixtures as check does, item for item, its engine items too (their evaluation travels as data)", async () => {
    const assignment = await loadAssignment("hw4-hyperparameters");
    expect(await compareOnFixtures(assignment, join(REPO_ROOT, "fixtures/submissions/hw4-hyperparameters"))).toBeGreaterThan(200);
    const bundle = studentBundle(assignment);
    expect(bundle.at_grading.map((item) => `${item.id} ${item.reason}`)).toEqual(["q8.J hidden", "q8.final_w hidden", "q8.final_J hidden"]);
    const q9 = bundle.rubric.tasks.find((task) => task.id === "q9");
    expect(q9?.items.filter((item) => item.compare.mode === "engine").map((item) => item.answer)).toEqual(["val_predictions", "val_accuracy", "train_accuracy"]);
    expect(Object.keys(bundle.handout.solutions.q9?.portableEvaluations ?? {})).toEqual(["val_predictions", "val_accuracy", "train_accuracy"]);
  });

  it("grades hw4's engine items in the bundle as check does on edited answers: 1-based, unchecked, disagreeing, at chance", async () => {
    const assignment = await loadAssignment("hw4-hyperparameters");
    const bundled = bundleAssignment(parseSubmissionText(toPythonJson(studentBundle(assignment)), "bundle.json") as StudentBundle);
    const correct = JSON.parse(readFileSync(join(REPO_ROOT, "fixtures/submissions/hw4-hyperparameters/correct-numpy.json"), "utf8")).answers.q9;
    const variants: Record<string, unknown>[] = [
      { ...correct, val_predictions: correct.val_predictions.map((label: number) => label + 1) },
      { train_accuracy: 0.94, val_accuracy: 0.79 },
      { ...correct, val_accuracy: 0.5 },
      { ...correct, val_predictions: correct.val_predictions.map(() => 1), val_accuracy: 0.1125 },
      { ...correct, val_accuracy: 99.9, train_accuracy: "high" },
    ];
    const seen = new Set<string>();
    for (const q9 of variants) {
      const submission = { student: { id: "s" }, answers: { q9 } };
      const full = items(gradeSubmission(assignment, submission, { scope: "visible" }));
      const self = items(gradeSubmission(bundled, submission, { scope: "visible" }));
      for (const id of ["q9.val_predictions", "q9.val_accuracy", "q9.train_accuracy"]) {
        const want = full.get(id) as ItemResult;
        expect(self.get(id), id).toMatchObject({ status: want.status, score: want.score, message: want.message });
        seen.add(want.status);
      }
    }
    // the edits reach every verdict: a test that only ever saw passes would prove little
    expect([...seen]).toEqual(expect.arrayContaining(["ecf", "fail", "missing", "partial", "pass"]));
  });

  it.each(["hw3b-hyperparameter-optimization", "acml-autoencoder", "hlcv-two-layer-net", "cse343-nn-from-scratch"])(
    "grades %s's fixtures as check does, item for item",
    async (id) => {
      const assignment = await loadAssignment(id);
      expect(await compareOnFixtures(assignment, join(REPO_ROOT, "fixtures/submissions", id))).toBeGreaterThan(10);
    },
  );

  it("grades nn101's fixtures as check does, and defers error carried forward to the TA's grading", async () => {
    const assignment = await loadAssignment(join(REPO_ROOT, "examples/nn101/nn101-dense-layer.json"));
    expect(await compareOnFixtures(assignment, join(REPO_ROOT, "examples/nn101/fixtures"))).toBeGreaterThan(40);
  });

  it("holds none of the hidden items' expected values, in any printed form, and no reference code", async () => {
    const assignment = await loadAssignment("hw4-hyperparameters");
    const bundle = studentBundle(assignment);
    const { hidden, visible } = expectedValues(assignment, new Set(["q8.J", "q8.final_w", "q8.final_J"]));
    expect(numbers(hidden).length).toBeGreaterThan(100);
    expect(leaked(bundle, hidden, visible)).toEqual([]);
    // the check itself finds a leak: the full solution of q8 would be one
    expect(leaked({ ...bundle, q8: assignment.solutions.get("q8")?.answers }, hidden, visible).length).toBeGreaterThan(50);
    const text = JSON.stringify(bundle);
    for (const code of ["defineAssignment", "=>", "function", "import ", "def solve"]) expect(text.includes(code), code).toBe(false);
  });
});

describe("nngrade build --student and check --bundle", () => {
  const course = join(work, "nn101");
  cpSync(join(REPO_ROOT, "examples/nn101"), course, { recursive: true });
  // a TA's copy with dW hidden from the self-check
  const rubricFile = join(course, "nn101-dense-layer.json");
  writeFileSync(rubricFile, readFileSync(rubricFile, "utf8").replace('"answer": "dW", "points": 2,', '"answer": "dW", "points": 2, "visibility": "hidden",'));

  it("writes a bundle without the hidden dW, which check --bundle grades like check for the rest", async () => {
    const built = await runCli(["build", rubricFile, "--student", "--out", join(work, "nn101-bundle")]);
    expect(built.stderr).toBe("");
    expect(built.stdout).toContain("1 item(s), 2 points, are graded only by the TA");
    const bundle = JSON.parse(readFileSync(join(work, "nn101-bundle/bundle.json"), "utf8"));
    const { hidden, visible } = expectedValues(await loadAssignment(rubricFile), new Set(["backward.dW"]));
    expect(numbers(hidden)).toHaveLength(6);
    expect(leaked(bundle, hidden, visible)).toEqual([]);
    const fromBundle = await runCli(["check", join(course, "fixtures/transposed-dw.json"), "--bundle", join(work, "nn101-bundle"), "--json"]);
    const fromReference = await runCli(["check", join(course, "fixtures/transposed-dw.json"), "-a", rubricFile, "--json"]);
    const own = JSON.parse(fromBundle.stdout) as GradeResult;
    const theirs = JSON.parse(fromReference.stdout) as GradeResult;
    expect([own.score, own.max_score]).toEqual([theirs.score, theirs.max_score]);
    expect([...items(own).keys()]).not.toContain("backward.dW");
  });

  it("writes one bundle per student of a roster, each with that student's numbers alone; check --bundle finds the student's own", async () => {
    writeFileSync(join(work, "roster.csv"), "Name,Student ID,Email\nAda L,ada,ada@example.org\nBo,bo,bo@example.org\n");
    // nn101's rubric grades everyone on the handout's numbers: a roster alone is refused, as grade would not use it
    const refused = await runCli(["build", rubricFile, "--student", "--out", join(work, "refused"), "--roster", join(work, "roster.csv")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("grades everyone on the handout's numbers");
    const built = await runCli(["build", rubricFile, "--student", "--out", join(work, "class-bundle"), "--roster", join(work, "roster.csv"), "--variants", "per-student"]);
    expect(built.code).toBe(0);
    expect(readdirSync(join(work, "class-bundle/students")).sort()).toEqual(["ada.json", "bo.json"]);
    const ada = JSON.parse(readFileSync(join(work, "class-bundle/students/ada.json"), "utf8"));
    expect(Object.keys(ada.students)).toEqual(["ada"]);
    // ada's own numbers, solved by a student's notebook, get full marks from her bundle
    const handout = await runCli(["handout", rubricFile, "--student", "ada", "--json"]);
    writeFileSync(join(work, "ada-handout.json"), handout.stdout);
    const solved = spawnSync("python3", [join(course, "make_fixtures.py"), "--handout", join(work, "ada-handout.json")], { encoding: "utf8" });
    writeFileSync(join(work, "ada.json"), solved.stdout);
    const checked = await runCli(["check", join(work, "ada.json"), "--bundle", join(work, "class-bundle"), "--json"]);
    const result = JSON.parse(checked.stdout) as GradeResult;
    expect(result.score).toBe(result.max_score);
    // bo's file with ada's answers: bo's numbers differ
    const asBo = await runCli(["check", join(work, "ada.json"), "--bundle", join(work, "class-bundle/students/bo.json")]);
    expect(asBo.code).toBe(2);
    expect(asBo.stderr).toContain('no inputs for student "ada" in this bundle (it is student "bo"\'s)');
  });

  it("refuses a file that is no bundle, naming it and what was expected", async () => {
    writeFileSync(join(work, "not-a-bundle.json"), '{ "format": "nngrade/rubric@1" }');
    const run = await runCli(["check", join(course, "fixtures/correct.json"), "--bundle", join(work, "not-a-bundle.json")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not-a-bundle.json: format: expected "nngrade/student-bundle@1", got "nngrade/rubric@1"');
  });
});

describe("a band pooled with a hidden item's runs", () => {
  it("is refused: the bundle would hand every student the hidden cell's runs", async () => {
    const rubric = JSON.parse(readFileSync(join(REPO_ROOT, "rubrics/hw3b-hyperparameter-optimization.json"), "utf8"));
    const t2 = rubric.tasks.find((task: { id: string }) => task.id === "t2");
    // one trainable cell hidden (its own item overrides the [*][*] one); the other cells of its row are pooled with it
    t2.items.push({ ...t2.items[2], answer: "val_accuracy[3][3]", visibility: "hidden" });
    const file = join(work, "hw3b-hidden-cell.json");
    writeFileSync(file, JSON.stringify({ ...rubric, id: "hw3b-hidden-cell", reference: "hw3b-hyperparameter-optimization" }));
    const run = await runCli(["build", file, "--student", "--out", join(work, "hw3b-bundle")]);
    expect(run.stderr).toMatch(/band is pooled with the runs of t2\.val_accuracy\[3\]\[3\], which the self-check leaves out/);
    expect(run.code).toBe(2);
  });
});

describe("a roster", () => {
  it("takes the column gradebooks name the student id by, the SIS id before Canvas's own", () => {
    expect(rosterIds("Student,ID,SIS User ID,Section\nAda,123456,s1001,A\nBo,123457,s1002,A\n", "canvas.csv")).toEqual(["s1001", "s1002"]);
    expect(rosterIds("First Name,Last Name,SID,Email\nAda,L,s1,ada@x.org\n", "gradescope.csv")).toEqual(["s1"]);
    expect(rosterIds("Timestamp,Email Address\n2026-01-01,ada@x.org\n", "form.csv")).toEqual(["ada@x.org"]);
    // no header: the first row is a student
    expect(rosterIds("student01,Ada\nstudent02,Bo\n", "plain.csv")).toEqual(["student01", "student02"]);
  });

  it("refuses a student with no id, who would silently get no bundle", () => {
    expect(() => rosterIds("Name,SID,Email\nAda,s1,ada@x.org\nBo,,bo@x.org\n", "r.csv")).toThrow('r.csv: 1 row(s) with no id in column "SID"');
  });
});

describe("a bundle with the solver included (--include-solver)", () => {
  const course = join(REPO_ROOT, "examples/nn101");

  it("carries errors forward in check --bundle, as the TA's grading does, and says what it gives away", async () => {
    const out = join(work, "with-solver");
    const built = await runCli(["build", "nn101-dense-layer", "--student", "--out", out, "--include-solver"], { cwd: course });
    expect(built.code).toBe(0);
    expect(built.stdout).toContain("anyone with the bundle can compute every answer, hidden ones included");
    // the module alone, and what the TA names: not the folder's other files (its notebook solution, rosters, fixtures)
    expect(readdirSync(join(out, "solver"), { recursive: true }).map(String).sort()).toEqual(["nn101-dense-layer.py"]);
    const withData = await runCli(["build", "nn101-dense-layer", "--student", "--out", join(work, "with-data"), "--include-solver", "--solver-file", "moons.csv"], { cwd: course });
    expect(readdirSync(join(work, "with-data", "solver")).sort()).toEqual(["moons.csv", "nn101-dense-layer.py"]);
    expect(withData.stdout).toContain("solver/ (moons.csv, nn101-dense-layer.py)");
    const rubricAsData = await runCli(["build", "nn101-dense-layer", "--student", "--out", join(work, "z"), "--include-solver", "--solver-file", "cache/nn101-dense-layer.json"], { cwd: course });
    expect(rubricAsData.stderr).toContain("never go in a bundle");
    const run = await runCli(["check", join(course, "fixtures/wrong-a-carried.json"), "--bundle", out, "--json"]);
    const statuses = Object.fromEntries((JSON.parse(run.stdout) as GradeResult).tasks.flatMap((task) => task.items.map((item) => [item.id, item.status])));
    expect(statuses).toMatchObject({ "forward.A": "fail", "backward.L": "ecf", "backward.dW": "ecf", "backward.db": "ecf" });
    // without it, the same answers wait for the TA's grading
    const plain = join(work, "without-solver");
    await runCli(["build", "nn101-dense-layer", "--student", "--out", plain], { cwd: course });
    const deferred = JSON.parse((await runCli(["check", join(course, "fixtures/wrong-a-carried.json"), "--bundle", plain, "--json"])).stdout) as GradeResult;
    const L = deferred.tasks.flatMap((task) => task.items).find((item) => item.id === "backward.L")!;
    expect([L.status, L.message.includes(DEFERRED)]).toEqual(["fail", true]);
  });

  it("is refused for a page (which cannot run python) and for a reference that is not a course's python module", async () => {
    const page = await runCli(["build", "nn101-dense-layer", "--student", "--out", join(work, "x"), "--include-solver", "--html", join(work, "x.html")], { cwd: course });
    expect(page.code).toBe(2);
    expect(page.stderr).toContain("a page cannot run the Python solver");
    const builtIn = await runCli(["build", "hw4-hyperparameters", "--student", "--out", join(work, "y"), "--include-solver"]);
    expect(builtIn.code).toBe(2);
    expect(builtIn.stderr).toContain("is not a course's Python module");
  });
});

describe("extras that hold another item's values", () => {
  /** a built-in rubric with the answers given hidden, in a rubric of the course's own beside the built-in reference */
  function hiding(id: string, taskId: string, hidden: string[]): string {
    const rubric = JSON.parse(readFileSync(join(REPO_ROOT, "rubrics", `${id}.json`), "utf8"));
    const task = rubric.tasks.find((candidate: { id: string }) => candidate.id === taskId);
    for (const item of task.items) if (hidden.includes(item.answer)) item.visibility = "hidden";
    const file = join(work, `${id}-hiding.json`);
    writeFileSync(file, JSON.stringify({ ...rubric, id: `${id}-hiding`, reference: id }));
    return file;
  }

  it("leaves out a reading's band that is a hidden item's runs (hlcv: depth_sweep[0]'s other reading is hidden_sweep[1])", async () => {
    const assignment = await loadAssignment(hiding("hlcv-two-layer-net", "e4", ["hidden_sweep[*]"]));
    const bundle = studentBundle(assignment);
    const hiddenIds = new Set(bundle.at_grading.map((item) => item.id));
    const runs = assignment.plan.tasks.flatMap((task) => task.items).filter((item) => hiddenIds.has(item.id)).map((item) => assignment.solutions.get(item.taskId)?.bands?.[item.path]?.samples);
    const { hidden, visible } = expectedValues(assignment, hiddenIds);
    expect(runs.flat().length).toBeGreaterThan(10);
    expect(leaked(bundle, [...hidden, ...runs], visible)).toEqual([]);
    // the control: the reference's own readings do hold those runs
    expect(leaked(assignment.solutions.get("e4")?.readings, runs, visible).length).toBeGreaterThan(0);
  });

  it("leaves out a named mistake, a value before the update and a factor that are a hidden answer", () => {
    const rubric = {
      format: "nngrade/rubric@1",
      id: "extras",
      title: "Extras",
      tasks: [{ id: "t", title: "T", points: 2, items: [{ answer: "a", points: 1, compare: { mode: "relabs", rtol: 1e-9 } }, { answer: "b", points: 1, compare: { mode: "relabs", rtol: 1e-9 }, visibility: "hidden" }] }],
    } as const;
    // a reference that stores the hidden b as a's extras, as a stepwise trace does (b is a's value one step earlier)
    const reference = {
      id: "extras",
      title: "Extras",
      defaultInputs: () => ({ t: { x: 0.5 } }),
      tasks: [{ id: "t", solve: () => ({ answers: { a: 0.123, b: 0.456 }, before: { a: 0.456 }, mistakes: { a: { slip: { value: 0.456, message: "b" } } }, factors: { N: 0.456, M: 3 } }) }],
    };
    const assignment = assignmentFrom(rubric as never, reference as never);
    const solution = studentBundle(assignment).handout.solutions.t!;
    expect(JSON.stringify(solution)).not.toContain("0.456");
    expect(solution.answers).toEqual({ a: 0.123 });
    // what holds no hidden number stays
    expect(solution.factors).toEqual({ M: 3 });
  });
});

describe("check --bundle on a complete submission", () => {
  it("says what the TA grades beyond it, and does not call those answers 'not asked for'", async () => {
    const out = join(work, "hw4-complete");
    await runCli(["build", "hw4-hyperparameters", "--student", "--out", out]);
    const run = await runCli(["check", join(REPO_ROOT, "fixtures/submissions/hw4-hyperparameters/correct-numpy.json"), "--bundle", out, "--json"]);
    const result = JSON.parse(run.stdout) as GradeResult;
    expect(result.score).toBe(result.max_score);
    expect(result.flags.map((flag) => flag.code)).toEqual(["graded-by-ta"]);
    expect(result.flags[0]!.message).toBe("3 item(s), 6 point(s), are graded by your TA, not here: q8.J, q8.final_w, q8.final_J");
  });
});
