import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assignmentFrom } from "../../src/grade/assignment-from.ts";
import { listAssignments, loadAssignment } from "../../src/grade/assignment.ts";
import { assignmentFor } from "../../src/grade/variant.ts";
import type { Reference } from "../../src/grade/reference.ts";
import type { Rubric } from "../../src/rubric/types.ts";
import { testAssignment } from "../../src/testing.ts";
import { readExpectations } from "../../src/testing/self-test-fixtures.ts";
import { toleranceProblems } from "../../src/testing/self-test.ts";
import { BUILTIN_REGISTRIES } from "../../src/compare/registries.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";

const BUILT_INS = listAssignments().map((info) => info.id);

describe("testAssignment on the built-in assignments", () => {
  it.each(BUILT_INS)("%s passes every check, its fixtures' expectations included", async (id) => {
    // each fixture's expected verdicts lie beside it (<name>.expect.json)
    const report = testAssignment(await loadAssignment(id), { fixtures: join(REPO_ROOT, "fixtures/submissions", id) });
    expect(report.findings.filter((finding) => finding.level === "fail")).toEqual([]);
    expect(report.checks.map(({ check, passed }) => [check, passed])).toEqual([
      ["reference", true],
      ["answers", true],
      ["variant", true],
      ["tolerance", true],
      ["fixtures", true],
      ["lint", true],
    ]);
    expect(report.passed).toBe(true);
  });

  it("pins hw4's mistake fixtures and only warns about its malformed ones", async () => {
    const { stdout, code } = await runCli(["test", "hw4-hyperparameters"]);
    expect(code).toBe(0);
    // 13 fixtures, 3 of them pinned: the other 10 are graded (without an error) and counted apart
    expect(stdout).toMatch(/^warn {2}the fixtures get the verdicts they expect \(3 fixture\(s\) with expectations, 10 without, in fixtures\/submissions\/hw4-hyperparameters, 2 warning\(s\)\)$/m);
    expect(stdout).toMatch(/warn {2}malformed-json\.json: not graded/);
    expect(stdout).toMatch(/^hw4-hyperparameters: passed$/m);
  });
});

const TOY = "toy-broken";

const toyRubric: Rubric = {
  format: "nngrade/rubric@1",
  id: TOY,
  title: "A broken toy",
  tasks: [
    {
      id: "t1",
      title: "mean and ratio",
      points: 3,
      items: [
        { answer: "mean", points: 1, compare: { mode: "relabs" } },
        { answer: "ratio", points: 1, compare: { mode: "sigfig", digits: 1e9 } },
        { answer: "pair", points: 1, compare: { mode: "array" } },
      ],
    },
  ],
};

/** a mean of nothing (NaN), a ratio no answer can match to a billion figures */
const toyReference: Reference = {
  id: TOY,
  title: "A broken toy",
  defaultInputs: () => ({ t1: { x: [] } }),
  tasks: [{ id: "t1", solve: () => ({ answers: { mean: Number.NaN, ratio: 1 / 3, pair: [1, 2] } }) }],
};

/** the same reference as a module beside a rubric file, for the command */
const TOY_MODULE = `export default {
  id: "${TOY}",
  title: "A broken toy",
  defaultInputs: () => ({ t1: { x: [] } }),
  tasks: [{ id: "t1", solve: () => ({ answers: { mean: Number.NaN, ratio: 1 / 3, pair: [1, 2] } }) }],
};
`;

const work = mkdtempSync(join(tmpdir(), "nngrade-self-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** a folder with one fixture whose expectation file disagrees with what it gets, and one that agrees */
function toyFixtures(): string {
  const folder = join(work, "fixtures");
  mkdirSync(folder, { recursive: true });
  const submission = (answers: Record<string, unknown>) => JSON.stringify({ assignment: TOY, student: { id: "s" }, answers: { t1: answers } });
  writeFileSync(join(folder, "swapped-pair.json"), submission({ mean: null, ratio: 0.3333, pair: [2, 1] }));
  // the pair is wrong, not right as this says; and no such item as t1.median
  writeFileSync(join(folder, "swapped-pair.expect.json"), JSON.stringify({ "t1.pair": "pass", "t1.median": "fail" }));
  writeFileSync(join(folder, "right-pair.json"), submission({ pair: [1, 2] }));
  writeFileSync(join(folder, "right-pair.expect.json"), JSON.stringify({ "t1.pair": { status: "pass", diagnosis: null }, "t1.mean": "missing" }));
  return folder;
}

describe("testAssignment on a broken toy", () => {
  it("finds the NaN answer, the impossible tolerance and the fixture that differs, and nothing else", () => {
    const report = testAssignment(assignmentFrom(toyRubric, toyReference), { fixtures: toyFixtures() });
    expect(report.passed).toBe(false);
    expect(report.findings).toEqual([
      // no reference finding: its own NaN matches the NaN it expects, and an exact copy of 1/3 passes any number of figures;
      // that is why the answers and tolerance checks exist
      { check: "answers", level: "fail", itemId: "t1.mean", problem: "the reference answer is NaN" },
      { check: "tolerance", level: "fail", itemId: "t1.ratio", problem: expect.stringMatching(/^sigfig digits 1000000000: a double holds at most 17 significant figures/) },
      { check: "fixtures", level: "fail", fixture: "swapped-pair.json", itemId: "t1.pair", problem: expect.stringMatching(/^expected pass, got fail/) },
      { check: "fixtures", level: "fail", fixture: "swapped-pair.json", itemId: "t1.median", problem: "no such item in the result" },
    ]);
    expect(report.checks.map(({ check, passed, tested }) => [check, passed, tested])).toEqual([
      ["reference", true, 3],
      ["answers", false, 3],
      ["variant", true, 0],
      ["tolerance", false, 3],
      ["fixtures", false, 2],
      ["lint", true, 3],
    ]);
  });

  it("fails the command with exit 1 and says each problem on a line of its own", async () => {
    const folder = join(work, "course");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${TOY}.json`), JSON.stringify(toyRubric));
    writeFileSync(join(folder, `${TOY}.ts`), TOY_MODULE);
    const { code, stdout } = await runCli(["test", `${TOY}.json`, "--fixtures", toyFixtures()], { cwd: folder });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^fail {2}every expected answer is finite and has its comparator's shape \(3 item\(s\)\)\n {6}fail {2}t1\.mean: the reference answer is NaN$/m);
    expect(stdout).toMatch(/^ {6}fail {2}t1\.ratio: sigfig digits 1000000000/m);
    expect(stdout).toMatch(/^ {6}fail {2}swapped-pair\.json > t1\.pair: expected pass, got fail/m);
    expect(stdout).toMatch(/^ok {4}a student's own variant solves \(the reference draws no variants\)$/m);
    expect(stdout).toMatch(/^ok {4}rubric lint/m);
    expect(stdout).toMatch(/^toy-broken: \d+ failure\(s\)$/m);
  });

  it("exits 2 for a fixtures folder that is not there", async () => {
    const { code, stderr } = await runCli(["test", "hw4-hyperparameters", "--fixtures", "no/such/folder"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no\/such\/folder: no such folder/);
  });
});

describe("toleranceProblems", () => {
  it.each([
    ["sigfig", { digits: 17 }, 0],
    ["sigfig", { digits: 18 }, 1],
    ["decdig", { digits: 20 }, 0],
    ["decdig", { digits: 21 }, 1],
    ["relabs", { rtol: -1e-6 }, 1],
    ["array", { element: { mode: "sigfig", digits: 40 } }, 1],
    ["array", { element: { rtol: -1 } }, 1],
    ["relabs", {}, 0],
  ] as const)("%s %j: %i problem(s)", (mode, options, count) => {
    expect(toleranceProblems(mode, options, BUILTIN_REGISTRIES.comparators)).toHaveLength(count);
  });
});

describe("readExpectations", () => {
  it("reads statuses and { status, diagnosis }, skips $ comments and refuses anything else", () => {
    const file = join(work, "one.expect.json");
    writeFileSync(file, JSON.stringify({ $comment: "why", "q1.a": "pass", "q1.b": { status: "fail", diagnosis: "sign" }, "q1.c": { status: "ecf", diagnosis: null } }));
    expect(readExpectations(file)).toEqual({ "q1.a": "pass", "q1.b": { status: "fail", diagnosis: "sign" }, "q1.c": { status: "ecf", diagnosis: null } });
    writeFileSync(file, JSON.stringify({ "q1.a": "right" }));
    expect(() => readExpectations(file)).toThrow(/q1\.a: expected a status/);
  });
});

const VARIANTS = "toy-variants";

/** one task whose answer is its input x doubled; a student's own x is drawn from their stream */
function variantRubric(variants: "default" | "per-student"): Rubric {
  return {
    format: "nngrade/rubric@1",
    id: VARIANTS,
    title: "Per-student toy",
    variants,
    tasks: [{ id: "t1", title: "double", points: 2, items: [{ answer: "y", points: 1, compare: { mode: "relabs" } }, { answer: "v", points: 1, compare: { mode: "array" } }] }],
  };
}

function variantReference(draw: Reference["variantInputs"]): Reference {
  return {
    id: VARIANTS,
    title: "Per-student toy",
    defaultInputs: () => ({ t1: { x: 1, n: 2 } }),
    ...(draw === undefined ? {} : { variantInputs: draw }),
    tasks: [
      {
        id: "t1",
        solve: (inputs) => {
          const { x, n } = inputs as { x: number; n: number };
          return { answers: { y: 2 * x, v: Array.from({ length: n }, () => x) } };
        },
      },
    ],
  };
}

/** a student's own x, as the toy draws it: a different number for each student */
const drawX: Reference["variantInputs"] = (stream) => ({ t1: { x: stream.int(2, 1_000_000), n: 2 } });

describe("testAssignment with per-student variants", () => {
  it("grades each fixture with the variant of the student it names, as nngrade grade does", () => {
    const folder = join(work, "variant-fixtures");
    mkdirSync(folder, { recursive: true });
    const assignment = assignmentFrom(variantRubric("per-student"), variantReference(drawX));
    // ada's own answers: right for her numbers, wrong for the handout's
    const ada = assignmentFor(assignment, "ada", "per-student").solutions.get("t1")?.answers;
    expect(ada?.y).not.toBe(2);
    writeFileSync(join(folder, "ada.json"), JSON.stringify({ assignment: VARIANTS, student: { id: "ada" }, answers: { t1: ada } }));
    writeFileSync(join(folder, "ada.expect.json"), JSON.stringify({ "t1.y": "pass", "t1.v": "pass" }));
    const report = testAssignment(assignment, { fixtures: folder });
    expect(report.findings).toEqual([]);
    // the same rubric without per-student variants grades her against the handout's numbers
    expect(testAssignment(assignmentFrom(variantRubric("default"), variantReference(drawX)), { fixtures: folder }).findings.map((finding) => finding.itemId)).toEqual(["t1.y", "t1.v"]);
  });

  it("solves student nngrade-test's variant and fails one that throws, is not finite or changes an answer's shape", () => {
    const checkOf = (draw: Reference["variantInputs"]) => {
      const report = testAssignment(assignmentFrom(variantRubric("per-student"), variantReference(draw)));
      return { check: report.checks.find((check) => check.check === "variant"), findings: report.findings.filter((finding) => finding.check === "variant") };
    };
    expect(checkOf(drawX)).toEqual({ check: { check: "variant", passed: true, tested: 2 }, findings: [] });
    expect(checkOf(undefined)).toEqual({ check: { check: "variant", passed: true, tested: 0 }, findings: [] });
    expect(
      checkOf(() => {
        throw new Error("inputs(seed) failed\nTraceback ...");
      }).findings,
    ).toEqual([{ check: "variant", level: "fail", problem: 'student "nngrade-test"\'s variant cannot be drawn and solved: inputs(seed) failed' }]);
    expect(checkOf(() => ({ t1: { x: Number.NaN, n: 2 } })).findings.map(({ itemId, problem }) => `${itemId}: ${problem}`)).toEqual([
      't1.y: student "nngrade-test"\'s variant: the answer is NaN',
      't1.v: student "nngrade-test"\'s variant: the answer is NaN at [0]',
    ]);
    expect(checkOf(() => ({ t1: { x: 3, n: 3 } })).findings).toEqual([
      { check: "variant", level: "fail", itemId: "t1.v", problem: 'student "nngrade-test"\'s variant: the answer is a list of 3, the default variant\'s a list of 2' },
    ]);
  });

  it("says the variant check on its own line", async () => {
    const { code, stdout } = await runCli(["test", "hw4-hyperparameters"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok {4}a student's own variant solves \(55 item\(s\) of student "nngrade-test"\)$/m);
  });
});

describe("the fixtures check", () => {
  const submission = (id: string) => JSON.stringify({ assignment: VARIANTS, student: { id }, answers: { t1: { y: 2, v: [1, 1] } } });
  const folderWith = (name: string, files: Record<string, string>): string => {
    const folder = join(work, name);
    mkdirSync(folder, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
    return folder;
  };
  const fixturesOf = (reference: Reference, folder?: string) => {
    const report = testAssignment(assignmentFrom(variantRubric("per-student"), reference), folder === undefined ? {} : { fixtures: folder });
    return { check: report.checks.find((check) => check.check === "fixtures"), findings: report.findings.filter((finding) => finding.check === "fixtures") };
  };

  it("grades a fixture without expectations too, and fails one whose grade errors", () => {
    const folder = folderWith("unpinned", { "ada.json": submission("ada"), "ada.expect.json": JSON.stringify({ "t1.y": "pass" }), "bob.json": submission("bob"), "cy.json": submission("cy") });
    // every student's variant is the handout's numbers here: all three grade, one is pinned
    const handout = variantReference(() => ({ t1: { x: 1, n: 2 } }));
    expect(fixturesOf(handout, folder)).toEqual({ check: { check: "fixtures", passed: true, tested: 3, expected: 1 }, findings: [] });
    // no student's numbers can be drawn: no fixture grades, pinned or not
    const drawFails: Reference = variantReference(() => {
      throw new Error("inputs(seed) failed\nTraceback (most recent call last)");
    });
    expect(fixturesOf(drawFails, folder).findings.map((finding) => `${finding.fixture}: ${finding.problem}`)).toEqual([
      "ada.json: could not be graded: inputs(seed) failed",
      "bob.json: could not be graded: inputs(seed) failed",
      "cy.json: could not be graded: inputs(seed) failed",
    ]);
    // the reference's cross-check throws on every submission
    const crossCheckThrows: Reference = {
      ...variantReference(undefined),
      crossChecks: () => {
        throw new Error("a bug in the reference's cross-check");
      },
    };
    const found = fixturesOf(crossCheckThrows, folder);
    expect(found.check?.passed).toBe(false);
    expect(found.findings.map((finding) => finding.fixture)).toEqual(["ada.json", "bob.json", "cy.json"]);
    expect(found.findings[1]?.problem).toMatch(/^cross-check-error: a cross-item check failed: a bug in the reference's cross-check/);
  });

  it("warns when no fixture pins a verdict: no folder, an empty one, or fixtures without expectations", () => {
    const reference = variantReference(drawX);
    expect(fixturesOf(reference)).toEqual({
      check: { check: "fixtures", passed: true, tested: 0, expected: 0 },
      findings: [{ check: "fixtures", level: "warn", problem: "no fixtures folder: no verdict is pinned" }],
    });
    expect(fixturesOf(reference, folderWith("empty", {})).findings).toEqual([{ check: "fixtures", level: "warn", problem: "no fixture submissions in the folder: no verdict is pinned" }]);
    expect(fixturesOf(reference, folderWith("no-expectations", { "ada.json": submission("ada") })).findings).toEqual([
      { check: "fixtures", level: "warn", problem: "no fixture has a <name>.expect.json: no verdict is pinned" },
    ]);
  });
});

describe("a NaN a TA wrote in an answer key", () => {
  it("is a warning, not a failure: the key is the TA's own writing (a computed NaN stays a failure, above)", async () => {
    const { loadAssignment } = await import("../../src/grade/assignment.ts");
    const { join } = await import("node:path");
    const report = testAssignment(await loadAssignment(join(import.meta.dirname, "../../examples/key-toy/key-toy.json")));
    const answers = report.findings.filter((finding) => finding.check === "answers");
    expect(answers).toEqual([{ check: "answers", level: "warn", itemId: "q1.log_of_zero_loss", problem: "the key says NaN: only that very value matches it" }]);
    expect(report.findings.filter((finding) => finding.level === "fail")).toEqual([]);
  });
});
