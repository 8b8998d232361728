import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assignmentFrom } from "../../src/grade/assignment-from.ts";
import { listAssignments, loadAssignment } from "../../src/grade/assignment.ts";
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
      ["tolerance", true],
      ["fixtures", true],
      ["lint", true],
    ]);
    expect(report.passed).toBe(true);
  });

  it("pins hw4's mistake fixtures and only warns about its malformed ones", async () => {
    const { stdout, code } = await runCli(["test", "hw4-hyperparameters"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^warn {2}the fixtures get the verdicts they expect \(13 fixture\(s\)/m);
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
