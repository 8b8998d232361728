import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RubricError } from "../../src/errors.ts";
import { expandWildcards, formatPath, getAtPath, parsePath, readAnswer } from "../../src/rubric/answers.ts";
import { expressionBudget } from "../../src/rubric/expression.ts";
import type { Value } from "../../src/value.ts";

function read(raw: unknown, expected: Value, where = "answers/q") {
  return readAnswer(raw, expected, where);
}

const matrix2x3: Value = [
  [0, 6, 6],
  [-23, -4, 14],
];
const matrix3x3: Value = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
];

describe("readAnswer where a number is expected", () => {
  it.each<[unknown, number | null]>([
    [0.25, 0.25],
    ["5/12", 5 / 12],
    ["-9/4", -2.25],
    [" 2 ", 2],
    [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
    [null, null],
    // numpy shape (1,) and (1, 1) for a scalar
    [[3], 3],
    [[[3]], 3],
    [["1/4"], 0.25],
  ])("reads %j", (raw, value) => {
    expect(read(raw, 1)).toEqual({ ok: true, value });
  });

  it("reads NaN, the number and the word", () => {
    for (const raw of [Number.NaN, "nan", "NaN"]) {
      const result = read(raw, 1);
      expect(result.ok && Number.isNaN(result.value)).toBe(true);
    }
  });

  it("reads a number where the reference holds null (a final value after divergence)", () => {
    expect(read(2.5, null)).toEqual({ ok: true, value: 2.5 });
    expect(read(null, null)).toEqual({ ok: true, value: null });
  });

  it.each<[unknown, string]>([
    [true, "answers/q: expected a number, got true"],
    [{ a: 1 }, "answers/q: expected a number, got an object"],
    [[1, 2, 3], "answers/q: expected a number, got a vector of 3"],
    [[], "answers/q: expected a number, got a vector of 0"],
    ["one half", "answers/q: 'one half' is not a number ('one' is not an allowed name)"],
    ["cos(1)", "answers/q: 'cos(1)' is not a number ('cos' is not an allowed function)"],
    [undefined, "answers/q: missing"],
  ])("refuses %j", (raw, message) => {
    expect(read(raw, 1)).toEqual({ ok: false, message });
  });

  it("quotes at most 40 characters of a long string", () => {
    const result = read("x".repeat(500), 1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`'${"x".repeat(40)}...'`);
  });
});

describe("readAnswer reads numbers as students type them", () => {
  it("reads a pasted minus sign and times sign, in a scalar and in a matrix", () => {
    expect(read("\u22120.5", 1)).toEqual({ ok: true, value: -0.5 });
    expect(read([["\u22121", "3\u00D72"]], [[0, 0]])).toEqual({ ok: true, value: [[-1, 6]] });
  });

  it("quotes the answer as written and says what to write", () => {
    expect(read("\u22120,5", 1)).toEqual({ ok: false, message: "answers/q: '\u22120,5' is not a number (decimal comma: write -0.5)" });
    expect(read(["1", "0,5"], [0, 0])).toEqual({ ok: false, message: "answers/q[1]: '0,5' is not a number (decimal comma: write 0.5)" });
  });
});

describe("readAnswer spends the submission's expression budget", () => {
  it("leaves expressions past the budget unread, saying why, and counts none of a curve of plain numbers", () => {
    const budget = expressionBudget();
    const plain = Array.from({ length: 20_000 }, (_, index) => String(index / 8));
    expect(readAnswer(plain, new Array(20_000).fill(0), "answers/q5/J", budget).ok).toBe(true);
    expect(budget).toEqual(expressionBudget());

    budget.expressions = 2;
    const result = readAnswer(["2*pi", "e^2", "sqrt(2)", "ln(2)"], [0, 0, 0, 0], "answers/q5/J", budget);
    expect(result).toEqual({
      ok: false,
      message: "answers/q5/J[2]: 'sqrt(2)' not read: more than 10000 expressions in one submission; 1 more element cannot be read",
    });
  });
});

describe("readAnswer where a vector or matrix is expected", () => {
  it("reads numbers and numeric strings into a clean matrix", () => {
    const raw = [
      ["0", "6", 6],
      ["-23", -4, "14"],
    ];
    expect(read(raw, matrix2x3)).toEqual({ ok: true, value: matrix2x3 });
  });

  it("keeps a transposed matrix as the student wrote it, for the diagnoser", () => {
    const transposed = [
      [0, -23],
      [6, -4],
      [6, 14],
    ];
    expect(read(transposed, matrix2x3)).toEqual({ ok: true, value: transposed });
  });

  it.each<[unknown, Value, string]>([
    [[[1, 2], [3, 4], [5, 6]], matrix3x3, "answers/q: expected a 3x3 matrix, got 3x2"],
    [[[0, 6], [6, -23], [-4, 14], [1, 1]], matrix2x3, "answers/q: expected a 2x3 matrix, got 4x2"],
    [[0, 6, 6, -23, -4, 14], matrix2x3, "answers/q: expected a 2x3 matrix, got a vector of 6"],
    [[[1, 2], [3, 4]], [1, 2, 3], "answers/q: expected a vector of 3, got a 2x2 matrix"],
    [5, [1, 2, 3], "answers/q: expected a vector of 3, got 5"],
    ["[-0.5, -0.25, 0.75]", [1, 2, 3], "answers/q: expected a vector of 3, got '[-0.5, -0.25, 0.75]'"],
    [{ 0: 1 }, [1, 2, 3], "answers/q: expected a vector of 3, got an object"],
    [[[1, 2], [3]], matrix2x3, "answers/q: rows have different lengths"],
    [[[1, 2], 3], matrix2x3, "answers/q: rows have different lengths"],
  ])("refuses %j for %j", (raw, expected, message) => {
    expect(read(raw, expected)).toEqual({ ok: false, message });
  });

  it("names the element that is not a number, by its index", () => {
    const raw = [
      [0, 6, 6],
      [-23, -4, "1/0x"],
    ];
    expect(read(raw, matrix2x3, "answers/q2/z")).toEqual({
      ok: false,
      message: "answers/q2/z[1][2]: '1/0x' is not a number (hexadecimal, binary and octal numbers are not allowed)",
    });
  });

  it("counts the other elements that cannot be read", () => {
    const result = read([true, "x", 3, "y"], [1, 2, 3, 4], "answers/q5/J");
    expect(result).toEqual({ ok: false, message: "answers/q5/J[0]: expected a number, got true; 2 more elements cannot be read" });
  });

  it("accepts a curve of another length: a diverged run stops early", () => {
    expect(read([1, 2], [1, 2, 3, 4])).toEqual({ ok: true, value: [1, 2] });
    expect(read([], [1, 2, 3])).toEqual({ ok: true, value: [] });
  });

  it("accepts null inside a numeric array (a2: null = never)", () => {
    expect(read([1200, null, "inf"], [1300, 800, null])).toEqual({ ok: true, value: [1200, null, Number.POSITIVE_INFINITY] });
  });

  it("squeezes numpy's keepdims row and column into a vector", () => {
    expect(read([[-0.5, -0.25, 0.75]], [1, 2, 3])).toEqual({ ok: true, value: [-0.5, -0.25, 0.75] });
    expect(read([[1], [2], [3]], [1, 2, 3])).toEqual({ ok: true, value: [1, 2, 3] });
  });

  it("reads a 100,000-element curve of numeric strings", () => {
    const raw = Array.from({ length: 100_000 }, (_, index) => `${index}/4`);
    const result = read(raw, new Array(100_000).fill(0));
    expect(result.ok).toBe(true);
    if (result.ok && Array.isArray(result.value)) {
      expect(result.value).toHaveLength(100_000);
      expect(result.value[99_999]).toBe(24_999.75);
    }
  });

  it("refuses a list far longer than the key instead of comparing it", () => {
    const result = read(new Array(1_500_000).fill(1), [0, 1, 3]);
    expect(result).toEqual({ ok: false, message: "answers/q: 1500000 values where about 3 are expected" });
  });

  it("refuses a null hole in a list of numbers, and reads one where the key has nulls", () => {
    expect(read([1, null, 3], [1, 2, 3])).toEqual({ ok: false, message: "answers/q[1]: expected a number, got null" });
    expect(read([1, null, 3], [1, null, 3])).toEqual({ ok: true, value: [1, null, 3] });
  });
});

describe("readAnswer for booleans, labels and objects", () => {
  it.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    ["True", true],
    ["false", false],
    [" FALSE ", false],
  ])("reads %j as a boolean", (raw, value) => {
    expect(read(raw, true)).toEqual({ ok: true, value });
  });

  it.each([1, 0, "yes", null, [true]])("refuses %j where a boolean is expected", (raw) => {
    const result = read(raw, false, "answers/q7/runs[3].diverged");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^answers\/q7\/runs\[3\]\.diverged: expected true or false, got /);
  });

  it("reads labels as strings and refuses a number for a label", () => {
    expect(read("min", "max")).toEqual({ ok: true, value: "min" });
    expect(read(["min", "max", "min"], ["min", "max"])).toEqual({ ok: true, value: ["min", "max", "min"] });
    expect(read(3, "max")).toEqual({ ok: false, message: "answers/q: expected a string, got 3" });
    expect(read(["min", 1], ["min", "max"])).toEqual({ ok: false, message: "answers/q[1]: expected a string, got 1" });
  });

  it("passes an array of objects and an object through, to be read by path", () => {
    const runs = [{ w0: -1, final_w: "0", J: [1, 2] }];
    expect(read(runs, [{ w0: -1, final_w: 0, final_J: 0, J: [0] }])).toEqual({ ok: true, value: runs });
    expect(read({ W1: 1 }, { W1: 0 })).toEqual({ ok: true, value: { W1: 1 } });
    expect(read([1], { W1: 0 })).toEqual({ ok: false, message: "answers/q: expected an object, got a vector of 1" });
    expect(read({ 0: {} }, [{ w0: 1 }])).toEqual({ ok: false, message: "answers/q: expected an array, got an object" });
  });
});

describe("answer paths", () => {
  const answers = {
    runs: [
      { w0: -1, final_w: 0 },
      { w0: 0.2, final_w: 1 },
      { w0: 4, final_w: 3 },
    ],
    steps: [{ w1: 0.96 }],
    grad_W: [[1]],
  };

  it.each<[string, unknown]>([
    ["runs[2].final_w", 3],
    ["grad_W", [[1]]],
    ["grad_W[0][0]", 1],
    ["steps[0].w1", 0.96],
  ])("finds %s", (path, value) => {
    expect(getAtPath(answers, path)).toEqual({ found: true, value });
  });

  it.each(["runs[3].final_w", "runs[0].lr", "nothing", "__proto__", "constructor", "runs[0].constructor", "runs.length"])(
    "does not find %s, and never walks into a prototype",
    (path) => {
      const lookup = getAtPath(answers, path);
      expect(lookup.found).toBe(false);
    },
  );

  it("finds a __proto__ key only when it is an own property", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": 1}}') as unknown;
    expect(getAtPath(parsed, "__proto__.polluted")).toEqual({ found: true, value: 1 });
    expect(getAtPath({}, "__proto__.polluted")).toEqual({ found: false });
  });

  it("says where a container has the wrong kind, unlike a missing key", () => {
    expect(getAtPath({ q6: "I ran out of time" }, "q6.runs[0]")).toEqual({
      found: false,
      at: "q6",
      problem: "expected an object, got 'I ran out of time'",
    });
    expect(getAtPath({ runs: { 0: 1 } }, "runs[0]")).toEqual({ found: false, at: "runs", problem: "expected an array, got an object" });
  });

  it("parses and formats paths both ways", () => {
    expect(parsePath("runs[*].J[3]")).toEqual([
      { kind: "key", key: "runs" },
      { kind: "wildcard" },
      { kind: "key", key: "J" },
      { kind: "index", index: 3 },
    ]);
    for (const path of ["grad_W", "runs[2].final_w", "[0]", "a.b[2][3].c", "runs[*].J"]) {
      expect(formatPath(parsePath(path))).toBe(path);
    }
  });

  it.each(["", ".a", "a.", "a..b", "a[01]", "a[x]", "a]b", "a[1]b", "a[-1]", "a["])("refuses the path %j", (path) => {
    expect(() => parsePath(path)).toThrow(RubricError);
  });

  it("expands wildcards from the reference's array lengths", () => {
    expect(expandWildcards("runs[*].final_w", answers)).toEqual(["runs[0].final_w", "runs[1].final_w", "runs[2].final_w"]);
    const nested = { rows: [{ cells: [1, 2] }, { cells: [3] }] };
    expect(expandWildcards("rows[*].cells[*]", nested)).toEqual(["rows[0].cells[0]", "rows[0].cells[1]", "rows[1].cells[0]"]);
    expect(expandWildcards("grad_W", answers)).toEqual(["grad_W"]);
  });

  it("refuses a wildcard over something that is not an array in the reference", () => {
    expect(() => expandWildcards("steps[0].w1[*]", answers)).toThrow(/'steps\[0\]\.w1' is not an array in the reference/);
  });
});

describe("readAnswer never throws", () => {
  const expectedValues = fc.oneof(
    fc.jsonValue() as fc.Arbitrary<Value>,
    fc.constantFrom<Value>(1, null, true, "min", [1, 2, 3], matrix2x3, [["a", "b"]], [{ w0: 1 }], { W1: [[1]] }, []),
  );

  it("on any JSON value against any expected value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), expectedValues, (raw, expected) => {
        const result = readAnswer(raw, expected, "answers/q");
        if (!result.ok) expect(result.message.startsWith("answers/q")).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("gives only numbers and nulls where a numeric matrix is expected", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const result = readAnswer(raw, matrix2x3, "answers/q");
        if (result.ok) {
          expect(Array.isArray(result.value)).toBe(true);
          const leaves = (result.value as Value[][]).flat();
          expect(leaves.every((leaf) => typeof leaf === "number" || leaf === null)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
