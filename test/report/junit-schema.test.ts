/**
 * The JUnit file as the tools that read it see it: valid against the Jenkins
 * xUnit plugin's junit-10.xsd and Ant's JUnit.xsd (xmllint), and read by
 * junit2json, whose counts and messages must be the grading's own: results
 * built here, and files `nngrade check --junit` writes for every hw4 fixture.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderJunit } from "../../src/report/junit.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { runCli } from "../helpers/cli.ts";
import { itWithXmllint, readJunit, schemaProblems } from "./junit-consumers.ts";
import { sampleResult } from "./sample-result.ts";

const folder = mkdtempSync(join(tmpdir(), "nngrade-junit-schema-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const FIXTURES = "fixtures/submissions/hw4-hyperparameters";

/** text that tries every way out of XML: markup, a CDATA end, a comment, quotes, characters XML 1.0 cannot hold, runs of white space */
const NASTY = "  <b>&amp;</b> ]]> <!-- \"quoted\" 'single'\n\ttab\r\nline\u0000nul\u0007bell\uFFFE\uD800lone  ";
/** NASTY as XML can hold it: what a reader must get back */
const NASTY_KEPT = kept(NASTY);

/** the text without the characters XML 1.0 cannot hold (NUL, BEL, U+FFFE, a lone surrogate) */
function kept(text: string): string {
  return [...text].filter((character) => !["\u0000", "\u0007", "\uFFFE", "\uD800"].includes(character)).join("");
}

function hostile(): GradeResult {
  const result = structuredClone(sampleResult);
  result.assignment = `hw4 ${NASTY}`;
  const task = result.tasks[0]!;
  task.title = NASTY;
  const item = task.items[0]!;
  item.score = 0;
  item.status = "fail";
  item.message = NASTY;
  item.diagnosis = { code: "odd", message: NASTY };
  item.feedback = NASTY;
  return result;
}

function failed(): GradeResult {
  return {
    schema: "nngrade/result@1",
    assignment: "",
    student: { id: "s1" },
    score: 0,
    max_score: 0,
    tasks: [],
    flags: [],
    error: { code: "submission-parse", message: `answers.json:5:51: invalid character ']' ${NASTY}` },
  };
}

const short = (result: GradeResult) => result.tasks.flatMap((task) => task.items).filter((item) => item.score < item.max_score);

describe("JUnit XML against the schemas CI tools read it by", () => {
  const results: [string, GradeResult][] = [
    ["a graded submission", sampleResult],
    ["student text that tries to break out", hostile()],
    ["a submission that could not be graded", failed()],
    ["a result with no tasks", { ...sampleResult, tasks: [] }],
    ["a result without a time", { ...sampleResult, generated_at: undefined }],
  ];
  for (const [name, result] of results) {
    itWithXmllint(`is valid against junit-10.xsd and JUnit.xsd: ${name}`, () => {
      expect(schemaProblems(renderJunit(result, { hostname: "runner-1" }))).toEqual([]);
    });
  }

  itWithXmllint("is refused by the schemas where it breaks their rules (the check can fail)", () => {
    const xml = renderJunit(sampleResult);
    const problems = schemaProblems(xml.replace(/ errors="\d+"/, "").replace(/ type="[^"]*"/, ""));
    expect(problems.join("\n")).toMatch(/junit-10\.xsd.*errors/s);
    expect(problems.join("\n")).toMatch(/JUnit\.xsd.*(errors|type)/s);
  });
});

describe("JUnit XML as junit2json reads it", () => {
  it("has a suite per task, a case per item, and failures, errors and tests as the grading counted them", async () => {
    const suites = await readJunit(renderJunit(sampleResult));
    expect(suites.map((suite) => suite.name)).toEqual(sampleResult.tasks.map((task) => `${task.id} ${task.title}`));
    sampleResult.tasks.forEach((task, index) => {
      const suite = suites[index]!;
      const failing = task.items.filter((item) => item.score < item.max_score);
      expect([suite.tests, suite.failures, suite.errors]).toEqual([task.items.length, failing.length, 0]);
      expect(suite.testcase?.map((testcase) => testcase.name)).toEqual(task.items.map((item) => item.id));
      expect(suite.testcase?.filter((testcase) => testcase.failure !== undefined).map((testcase) => testcase.name)).toEqual(failing.map((item) => item.id));
    });
    expect(suites.flatMap((suite) => suite.testcase ?? []).filter((testcase) => testcase.failure)).toHaveLength(short(sampleResult).length);
  });

  it("says in each failure's message what is wrong, and its type is the item's status", async () => {
    const cases = (await readJunit(renderJunit(sampleResult))).flatMap((suite) => suite.testcase ?? []);
    for (const item of short(sampleResult)) {
      const failure = cases.find((testcase) => testcase.name === item.id)?.failure?.[0];
      expect(failure?.type, item.id).toBe(item.status);
      expect(failure?.message, item.id).toContain(item.message || item.status);
      expect(failure?.message, item.id).toContain(`${item.score}/${item.max_score}`);
      if (item.diagnosis) expect(failure?.message, item.id).toContain(item.diagnosis.message);
    }
  });

  it("gives student text back as it was, but for what XML cannot hold", async () => {
    const [suite] = await readJunit(renderJunit(hostile()));
    const failure = suite!.testcase![0]!.failure![0]!;
    expect(failure.message).toBe(`${NASTY_KEPT} (${NASTY_KEPT}): 0/${hostile().tasks[0]!.items[0]!.max_score} points`);
    expect(failure.inner).toContain(NASTY_KEPT.trim());
  });

  it("reads a result with no tasks as no suites", async () => {
    expect(await readJunit(renderJunit({ ...sampleResult, tasks: [] }))).toEqual([]);
  });

  it("makes a submission that could not be graded one test case with one error", async () => {
    const suites = await readJunit(renderJunit(failed()));
    expect(suites).toHaveLength(1);
    expect([suites[0]!.tests, suites[0]!.failures, suites[0]!.errors]).toEqual([1, 0, 1]);
    const error = suites[0]!.testcase![0]!.error![0]!;
    expect(error.type).toBe("submission-parse");
    expect(error.message).toBe(kept(failed().error!.message));
  });
});

describe("check --junit on every hw4 fixture", () => {
  const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json"));

  for (const name of fixtures) {
    itWithXmllint(`writes a file both schemas take and junit2json counts as graded: ${name}`, async () => {
      const junit = join(folder, `${name}.xml`);
      const { code, stdout } = await runCli(["check", `${FIXTURES}/${name}`, "--assignment", "hw4-hyperparameters", "--junit", junit, "--json"]);
      const xml = readFileSync(junit, "utf8");
      expect(schemaProblems(xml)).toEqual([]);
      const suites = await readJunit(xml);
      const cases = suites.flatMap((suite) => suite.testcase ?? []);
      if (code === 0) {
        const result = JSON.parse(stdout) as GradeResult;
        expect(cases.map((testcase) => testcase.name)).toEqual(result.tasks.flatMap((task) => task.items.map((item) => item.id)));
        expect(cases.filter((testcase) => testcase.failure).map((testcase) => testcase.name)).toEqual(short(result).map((item) => item.id));
        expect(suites.reduce((sum, suite) => sum + (suite.failures ?? 0), 0)).toBe(short(result).length);
      } else {
        // a file that cannot be read still gets its report: one case, one error
        expect(code).toBe(2);
        expect(cases).toHaveLength(1);
        expect(cases[0]!.error).toHaveLength(1);
        expect(suites[0]!.errors).toBe(1);
      }
    });
  }
});
