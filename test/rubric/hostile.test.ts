/**
 * Inputs a grader meets when a batch runs unattended: absurd depth, prototype
 * keys, huge files, long arrays, and code where a number belongs. None may
 * crash, hang on a stack overflow, or reach anything but a located message.
 */
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SubmissionError, SubmissionParseError } from "../../src/errors.ts";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { getAtPath, readAnswer } from "../../src/rubric/answers.ts";
import { EXPRESSIONS_PER_SUBMISSION, parseNumber } from "../../src/rubric/expression.ts";
import { parseSubmissionText } from "../../src/rubric/json.ts";
import { loadSubmission } from "../../src/rubric/submission-file.ts";

const DEEP = 20_000;

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("20,000-deep nesting", () => {
  const deepArrays = `{"answers": {"q1": ${"[".repeat(DEEP)}${"]".repeat(DEEP)}}}`;
  const deepObjects = `{"answers": ${'{"a": '.repeat(DEEP)}1${"}".repeat(DEEP)}}`;

  it("is parsed by json5 itself without a stack overflow", () => {
    expect(() => JSON5.parse(deepArrays)).not.toThrow();
    expect(() => JSON5.parse(deepObjects)).not.toThrow();
  });

  it.each([
    ["arrays", deepArrays],
    ["objects", deepObjects],
  ])("of %s gets a short message and no stack trace", (_, text) => {
    const error = thrownBy(() => parseSubmissionText(text, "deep.json"));
    expect(error).toBeInstanceOf(SubmissionParseError);
    const message = (error as Error).message;
    expect(message).toMatch(/^deep\.json: answers\/.*: nesting deeper than 64 levels$/);
    expect(message.length).toBeLessThan(120);
    expect(message).not.toMatch(/\n\s+at /);
  });

  it("inside an answer that reaches readAnswer directly is refused, not recursed into", () => {
    let nested: unknown = 1;
    for (let level = 0; level < DEEP; level++) nested = [nested];
    expect(readAnswer(nested, [[1, 2]], "answers/q")).toEqual({ ok: false, message: "answers/q: arrays nested deeper than 64 levels" });
    // a singleton chain is numpy's way of writing a scalar, however long
    expect(readAnswer(nested, 1, "answers/q")).toEqual({ ok: true, value: 1 });
  });
});

describe("prototype keys", () => {
  it.each([
    '{"__proto__": {"polluted": 1}, "answers": {}}',
    '{"constructor": {"prototype": {"polluted": 1}}, "answers": {}}',
    '{"answers": {"q3": {"__proto__": {"polluted": true}, "grad_z": {"__proto__": {"polluted": true}}}}}',
  ])("in %s pollute nothing and stay plain data", (text) => {
    const value = parseSubmissionText(text, "answers.json") as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("are read by path as own data and never lead into a prototype", () => {
    const value = parseSubmissionText('{"answers": {"q3": {"__proto__": {"polluted": true}}}}', "answers.json");
    expect(getAtPath(value, "answers.q3.__proto__.polluted")).toEqual({ found: true, value: true });
    expect(getAtPath(value, "answers.q4.__proto__")).toEqual({ found: false });
    expect(getAtPath(value, "answers.constructor")).toEqual({ found: false });
    expect(getAtPath(value, "answers.toString")).toEqual({ found: false });
  });
});

describe("huge inputs", () => {
  let folder = "";
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "nngrade-hostile-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("refuses a 30 MB file by its size, without reading it", async () => {
    const path = join(folder, "huge.json");
    await writeFile(path, "");
    // a sparse file of zero bytes: were it read and parsed, the message would be a syntax error instead
    await truncate(path, 30 * 1024 * 1024);
    const error = await loadSubmission(folder, path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SubmissionError);
    expect((error as Error).message).toBe(`${path}: file is 30.0 MB, larger than the 16 MB limit`);
  });

  it("reads a 100,000-element answer array", async () => {
    const path = join(folder, "long.json");
    const curve = Array.from({ length: 100_000 }, (_, index) => (index % 2 === 0 ? index : `"${index}/2"`));
    await writeFile(path, `{"answers": {"q5": {"J": [${curve.join(",")}]}}}`, "utf8");
    const submission = await loadSubmission(folder, path);
    const lookup = getAtPath(submission.answers, "q5.J");
    expect(lookup.found).toBe(true);
    const result = readAnswer(lookup.found ? lookup.value : undefined, new Array(100_000).fill(0), "answers/q5/J");
    expect(result.ok).toBe(true);
    if (result.ok && Array.isArray(result.value)) {
      expect(result.value).toHaveLength(100_000);
      expect(result.value[99_999]).toBe(49_999.5);
      expect(result.value[99_998]).toBe(99_998);
    }
  });
});

describe("code where a number belongs", () => {
  it.each([
    ["constructor", "'constructor' is not an allowed name"],
    ["import('fs')", "'import' is not an allowed function"],
    ["require('child_process')", "'require' is not an allowed function"],
    ["f(x)=x", "assignments are not allowed"],
    ["a=1", "assignments are not allowed"],
    ["evaluate('1+1')", "'evaluate' is not an allowed function"],
    ["parse('1')", "'parse' is not an allowed function"],
    ["createUnit('foo')", "'createUnit' is not an allowed function"],
    ["[1,2][1]", "property access and indexing are not allowed"],
    ["{}.constructor", "property access and indexing are not allowed"],
    ["sqrt.constructor('return process')", "only sqrt, exp, log and ln may be called"],
    ["cos(1)", "'cos' is not an allowed function"],
  ])("refuses %j", (text, message) => {
    expect(parseNumber(text)).toEqual({ ok: false, message });
  });

  it("reads 1e400 as infinity, as python's float() and json.loads do", () => {
    expect(parseNumber("1e400")).toEqual({ ok: true, value: Number.POSITIVE_INFINITY });
  });

  it("refuses a 10,000-character expression by its length", () => {
    expect(parseNumber("1+".repeat(5_000))).toEqual({ ok: false, message: "expression is longer than 200 characters" });
    expect(parseNumber(`${"(".repeat(5_000)}1${")".repeat(5_000)}`)).toEqual({
      ok: false,
      message: "expression is longer than 200 characters",
    });
  });

  it("refuses parentheses nested past the depth limit within the length limit", () => {
    expect(parseNumber(`${"(".repeat(90)}1${")".repeat(90)}`)).toEqual({ ok: false, message: "expression nests deeper than 32 levels" });
  });

  it("leaves no global changed behind", () => {
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(typeof Object.prototype.toString).toBe("function");
  });
});

describe("a flood of expression strings", () => {
  // every string needs the expression parser: what once took 16 s for a 9.5 MB file
  const flood = {
    q5: { J: new Array(EXPRESSIONS_PER_SUBMISSION).fill("(1+2*e^6)/e^6") },
    q8: { final_w: "3*1", final_J: "-2*1" },
  };
  const modest = { q8: { final_w: "3*1", final_J: "-2*1" } };

  it("is read up to the submission's budget; what comes after is invalid, saying why, and nothing throws", async () => {
    const assignment = await loadAssignment("hw4-hyperparameters");
    const item = (result: ReturnType<typeof gradeSubmission>, id: string) =>
      result.tasks.flatMap((task) => task.items).find((graded) => graded.id === id);
    const flooded = gradeSubmission(assignment, { student: { id: "s1" }, answers: flood });
    expect(item(flooded, "q5.J")?.status).not.toBe("invalid");
    for (const id of ["q8.final_w", "q8.final_J"]) {
      expect(item(flooded, id)?.status).toBe("invalid");
      expect(item(flooded, id)?.message).toContain(`not read: more than ${EXPRESSIONS_PER_SUBMISSION} expressions in one submission`);
    }
    // the budget is the submission's: the same file graded again reads the same, and the next student's is whole
    expect(gradeSubmission(assignment, { student: { id: "s1" }, answers: flood })).toEqual(flooded);
    const next = gradeSubmission(assignment, { student: { id: "s2" }, answers: modest });
    expect(item(next, "q8.final_w")?.status).not.toBe("invalid");
    expect(item(next, "q8.final_w")?.received).toBe(3);
  });
});
