import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NngradeError, SubmissionError, SubmissionParseError } from "../../src/errors.ts";
import { parseSubmissionText } from "../../src/rubric/json.ts";
import { studentIdFromPath, toSubmission } from "../../src/rubric/submission.ts";
import { loadSubmission } from "../../src/rubric/submission-file.ts";

function parseError(text: string, file = "answers.json"): SubmissionParseError {
  try {
    parseSubmissionText(text, file);
  } catch (error) {
    if (error instanceof SubmissionParseError) return error;
    throw error;
  }
  throw new Error("expected a parse error");
}

function structureProblems(value: unknown): string[] {
  try {
    toSubmission(value, "answers.json");
  } catch (error) {
    if (error instanceof SubmissionError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseSubmissionText", () => {
  it("accepts python's json.dump output with NaN and infinities", () => {
    // printed by python3: json.dumps({"answers": {"q": [float("nan"), float("inf"), -float("inf")]}})
    const text = '{"answers": {"q": [NaN, Infinity, -Infinity]}}';
    const value = parseSubmissionText(text, "answers.json") as { answers: { q: number[] } };
    const [nan, inf, negativeInf] = value.answers.q;
    expect(nan).toBeNaN();
    expect(inf).toBe(Number.POSITIVE_INFINITY);
    expect(negativeInf).toBe(Number.NEGATIVE_INFINITY);
  });

  it("strips a byte order mark", () => {
    expect(parseSubmissionText('\uFEFF{"answers": {}}', "answers.json")).toEqual({ answers: {} });
  });

  it("accepts JSON5's leniencies: comments, single quotes, trailing commas", () => {
    const text = "{ // a comment\n 'answers': { \"q1\": [1, 2,], }, }";
    expect(parseSubmissionText(text, "answers.json")).toEqual({ answers: { q1: [1, 2] } });
  });

  it.each([
    ['{"a": 1,\n "b": x}', 2, 7, "answers.json:2:7: invalid character 'x'"],
    ["", 1, 1, "answers.json:1:1: invalid end of input"],
    ['{"answers": {', 1, 14, "answers.json:1:14: invalid end of input"],
    ['{\n  "q1": {"onehot": [[1, 0], [0, 1],]]}\n}', 2, 37, "answers.json:2:37: invalid character ']'"],
    // a line break inside a string: where the line ends, as Python's json says ("line 2 column 15"), with a BOM or CRLF too
    ['{\n "name": "Ref \n sol"}', 2, 15, "answers.json:2:15: invalid character '\\n'"],
    ['\uFEFF{\n "name": "Ref \n sol"}', 2, 15, "answers.json:2:15: invalid character '\\n'"],
    ['{\r\n "name": "Ref \r\n sol"}', 2, 15, "answers.json:2:15: invalid character '\\r'"],
  ])("reports invalid JSON %j with line and column", (text, line, column, message) => {
    const error = parseError(text);
    expect(error.line).toBe(line);
    expect(error.column).toBe(column);
    expect(error.message).toBe(message);
    expect(error.code).toBe("submission-parse");
    expect(error.file).toBe("answers.json");
    expect(error).toBeInstanceOf(NngradeError);
  });

  it("refuses nesting deeper than 64 levels by default, naming where in a shortened path", () => {
    const nested = (levels: number) => `{"answers": {"q": ${"[".repeat(levels)}${"]".repeat(levels)}}}`;
    // the top-level object and answers take two levels
    expect(() => parseSubmissionText(nested(62), "answers.json")).not.toThrow();
    const error = parseError(nested(63));
    expect(error.message.startsWith("answers.json: answers/q[0][0]")).toBe(true);
    expect(error.message.endsWith("...: nesting deeper than 64 levels")).toBe(true);
    expect(error.message.length).toBeLessThan(120);
    expect(error.line).toBeUndefined();
  });

  it("refuses nesting deeper than a configured limit, with the path of the first container too deep", () => {
    const text = '{"answers": {"q1": 1, "q2": {"z": [[1, 2], [3, [4]]]}}}';
    expect(() => parseSubmissionText(text, "answers.json", { maxDepth: 5 })).toThrow(
      "answers.json: answers/q2/z[1][1]: nesting deeper than 5 levels",
    );
    expect(parseSubmissionText(text, "answers.json", { maxDepth: 6 })).toBeTruthy();
  });

  it("reports a stack overflow inside the parser as nesting too deep", () => {
    const overflow = () => {
      throw new RangeError("Maximum call stack size exceeded");
    };
    // strict JSON is tried first, JSON5 after it: both overflow on absurd nesting
    const strict = vi.spyOn(JSON, "parse").mockImplementation(overflow);
    const lenient = vi.spyOn(JSON5, "parse").mockImplementation(overflow);
    let message: string;
    try {
      message = parseError("[[[]]]").message;
    } finally {
      strict.mockRestore();
      lenient.mockRestore();
    }
    expect(message).toBe("answers.json: nesting too deep");
  });

  it("reads strict JSON and Python's NaN and Infinity alike", () => {
    expect(parseSubmissionText('{"a": [1, 2.5e-3, -0, "x"]}', "answers.json")).toEqual({ a: [1, 2.5e-3, -0, "x"] });
    expect(parseSubmissionText('{"a": [NaN, Infinity, -Infinity]}', "answers.json")).toEqual({ a: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] });
  });

  it("stores __proto__ and constructor keys as plain data, polluting nothing", () => {
    const first = parseSubmissionText('{"__proto__": {"polluted": 1}}', "answers.json") as Record<string, unknown>;
    const second = parseSubmissionText('{"constructor": {"prototype": {"polluted": 1}}}', "answers.json") as Record<string, unknown>;
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(second)).toBe(Object.prototype);
    expect(Object.hasOwn(first, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(first, "__proto__")?.value).toEqual({ polluted: 1 });
    expect((first as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("throws nothing but SubmissionParseError on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        try {
          parseSubmissionText(text, "answers.json");
        } catch (error) {
          expect(error).toBeInstanceOf(SubmissionParseError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("reads back any JSON value written by JSON.stringify", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        expect(parseSubmissionText(JSON.stringify(value), "answers.json")).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("toSubmission checks the top-level structure", () => {
  it("reads a complete submission", () => {
    const value = { assignment: "hw4-hyperparameters", student: { id: "s1234567", name: "Ada Lovelace" }, answers: { q1: {} } };
    expect(toSubmission(value, "answers.json")).toEqual({ ...value, source: "answers.json" });
  });

  it("takes a numeric student id as its digits, and null fields as absent", () => {
    const submission = toSubmission({ student: { id: 1234567, name: null }, assignment: null, answers: {} }, "a.json");
    expect(submission.student).toEqual({ id: "1234567" });
    expect(submission.assignment).toBeUndefined();
  });

  it.each<[unknown, string[]]>([
    [[1, 2, 3], ["expected an object at the top level, got an array"]],
    [null, ["expected an object at the top level, got null"]],
    [{}, ["answers: missing"]],
    [{ answers: [] }, ["answers: expected an object, got an array"]],
    // a student field is never a problem: it is flagged, and the submission graded (see below)
    [{ assignment: 4, student: { id: true, name: ["Ada"] } }, ["answers: missing", "assignment: expected a string, got 4"]],
  ])("reports every problem of %j", (value, problems) => {
    expect(structureProblems(value)).toEqual(problems);
  });

  it("words the error message with the file on each line", () => {
    expect(() => toSubmission({ answers: 3, assignment: false }, "s1/answers.json")).toThrow(
      "s1/answers.json: answers: expected an object, got 3\ns1/answers.json: assignment: expected a string, got false",
    );
  });

  it.each<[unknown, string]>([
    [{ id: ["s1"] }, "student/id: expected a string, got an array; graded under the file or folder name"],
    [{ id: { value: "s1" } }, "student/id: expected a string, got an object; graded under the file or folder name"],
    [{ id: Number.NaN }, "student/id: expected a string, got NaN; graded under the file or folder name"],
    [{ id: true }, "student/id: expected a string, got true; graded under the file or folder name"],
    [{ id: Number.POSITIVE_INFINITY }, "student/id: expected a string, got Infinity; graded under the file or folder name"],
    [{ name: ["Ada"] }, "student/name: expected a string, got an array; left out"],
    ["Ada", "student: expected an object, got a string; graded under the file or folder name"],
    [[1], "student: expected an object, got an array; graded under the file or folder name"],
  ])("grades a submission whose student %j cannot be used, leaving the field out and flagging it", (student, message) => {
    const submission = toSubmission({ student, answers: { q1: {} } }, "s1/answers.json");
    expect(submission.answers).toEqual({ q1: {} });
    // graded under its folder's name
    expect(submission.student).toEqual({ id: "s1" });
    expect(submission.flags).toEqual([{ code: "student-field", message }]);
  });

  it("keeps a usable field beside one that is not, and flags nothing for good fields", () => {
    const submission = toSubmission({ student: { id: "s1", name: false }, answers: {} }, "a.json");
    expect(submission.student).toEqual({ id: "s1" });
    expect(submission.flags).toEqual([{ code: "student-field", message: "student/name: expected a string, got false; left out" }]);
    expect(toSubmission({ student: { id: "s1", name: "Ada" }, answers: {} }, "a.json").flags).toBeUndefined();
  });

  it("keeps two numeric ids a float64 cannot tell apart as two students, from the text", () => {
    const ids = ["9007199254740993", "9007199254740992"].map((digits) => {
      const text = `{"student": {"id": ${digits}, "name": 12345678901234567890123}, "answers": {}}`;
      return toSubmission(parseSubmissionText(text, "a.json"), "a.json", {}, text).student;
    });
    expect(ids).toEqual([
      { id: "9007199254740993", name: "12345678901234567890123" },
      { id: "9007199254740992", name: "12345678901234567890123" },
    ]);
    // without the text, the number as it parsed
    // biome-ignore lint/correctness/noPrecisionLoss: the precision lost is what the text is read for
    expect(toSubmission({ student: { id: 9007199254740993 }, answers: {} }, "a.json").student).toEqual({ id: "9007199254740992" });
  });

  it("cleans a name or id a gradebook or report would show wrong, and flags it", () => {
    const value = { student: { id: " s1\u202E ", name: `Ada\r\nLovelace\u0000${"x".repeat(300)}` }, answers: {} };
    const submission = toSubmission(value, "a.json");
    expect(submission.student?.id).toBe("s1");
    expect(submission.student?.name).toBe(`Ada Lovelace${"x".repeat(188)}`);
    expect(submission.flags).toEqual([
      { code: "student-field", message: "student/id: text-direction characters removed" },
      { code: "student-field", message: "student/name: line breaks replaced; control characters removed; cut to 200 characters" },
    ]);
  });

  it("leaves out an id with nothing left once cleaned", () => {
    const submission = toSubmission({ student: { id: "\u202E\u0007" }, answers: {} }, "a.json");
    expect(submission.student).toEqual({ id: "a" });
    expect(submission.flags).toEqual([
      {
        code: "student-field",
        message: "student/id: control characters removed; text-direction characters removed: nothing left; graded under the file or folder name",
      },
    ]);
  });

  it("leaves a task of the wrong kind to the grader, so the other tasks are not lost", () => {
    const submission = toSubmission({ answers: { q1: { onehot: [[1]] }, q6: "I ran out of time" } }, "a.json");
    expect(submission.answers.q6).toBe("I ran out of time");
  });
});

describe("studentIdFromPath", () => {
  it.each([
    ["submissions/s1234567.json", "s1234567"],
    ["submissions/ada.lovelace.json", "ada.lovelace"],
    ["submissions/s1234567/answers.json", "s1234567"],
    ["submissions/s1234567/Submission.JSON", "s1234567"],
    ["/abs/s7/results.json", "s7"],
    ["answers.json", "answers"],
    ["./answers.json", "answers"],
    ["s9", "s9"],
  ])("%s -> %s", (path, id) => {
    expect(studentIdFromPath(path)).toBe(id);
  });
});

describe("loadSubmission", () => {
  let folder = "";
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "nngrade-json-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("reads a file with a BOM and python's NaN", async () => {
    const path = join(folder, "s1.json");
    await writeFile(path, '\uFEFF{"student": {"id": "s1"}, "answers": {"q8": {"final_J": NaN}}}', "utf8");
    const submission = await loadSubmission(folder, path);
    expect(submission.student).toEqual({ id: "s1" });
    expect(submission.source).toBe(path);
    expect((submission.answers.q8 as { final_J: number }).final_J).toBeNaN();
  });

  it("locates a syntax error in the file by its path", async () => {
    const path = join(folder, "broken.json");
    await writeFile(path, '{\n  "answers": {\n    "q1": [1, 2,]]\n  }\n}\n', "utf8");
    await expect(loadSubmission(folder, path)).rejects.toThrow(`${path}:3:18: invalid character ']'`);
  });

  it("refuses a file over the configured size without parsing it", async () => {
    const path = join(folder, "big.json");
    await writeFile(path, `{"answers": {"q5": {"J": [${"1,".repeat(600_000)}1]}}}`, "utf8");
    await expect(loadSubmission(folder, path, { maxBytes: 1024 * 1024 })).rejects.toThrow(
      `${path}: file is 1.1 MB, larger than the 1 MB limit`,
    );
  });

  it("reports a missing file and a folder as submission errors", async () => {
    const missing = join(folder, "missing.json");
    await expect(loadSubmission(folder, missing)).rejects.toThrow(`${missing}: no such file`);
    const sub = join(folder, "s2");
    await mkdir(sub);
    await expect(loadSubmission(folder, sub)).rejects.toMatchObject({ code: "submission", message: `${sub}: is a folder, not a regular file` });
  });
});

describe("what a student's text may not do to the terminal", () => {
  it("reads a line separator inside a string without json5 printing it", () => {
    const warn = vi.spyOn(console, "warn");
    try {
      const value = parseSubmissionText('{"answers": {"q": "a\u2028b", "r": NaN}}', "answers.json") as { answers: { q: string } };
      expect(value.answers.q).toBe("a\u2028b");
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
