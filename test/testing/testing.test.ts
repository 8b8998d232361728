import { describe, expect, it } from "vitest";
import type { Comparator } from "../../src/compare/types.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { comparatorTests, expectVerdicts, verdictProblems } from "../../src/testing.ts";

// a comparator of a course's own: the answer within a percentage of the expected value
const withinPercent: Comparator<{ percent?: number }> = {
  meta: {
    id: "within-percent",
    description: "a number within percent % of the expected one",
    optionsSchema: { type: "object", properties: { percent: { type: "number", minimum: 0 } }, additionalProperties: false },
    defaults: { percent: 5 },
    expects: "answer",
    diagnosable: true,
    messages: {
      close: "{{received}} is within {{percent}}% of {{expected}}",
      "close-hidden": "{{received}} is within {{percent}}% of the expected value",
      far: "{{received}} is more than {{percent}}% from {{expected}}",
      "far-hidden": "{{received}} is more than {{percent}}% from the expected value",
    },
  },
  compare(received, expected, options) {
    const percent = options.percent ?? 5;
    const close = typeof received === "number" && typeof expected === "number" && Math.abs(received - expected) <= (Math.abs(expected) * percent) / 100;
    return { score: close, messageId: close ? "close" : "far", data: { received: String(received), expected: String(expected), percent } };
  },
};

describe("the comparator tester", () => {
  it("passes the cases a comparator meets, built-in or a course's own", () => {
    const own = comparatorTests(withinPercent, { pass: [{ received: 102, expected: 100 }], fail: [{ received: 110, expected: 100, messageId: "far" }] });
    const builtIn = comparatorTests("relabs", { pass: [{ received: 1, expected: 1 }], fail: [{ received: 2, expected: 1, messageId: "far" }] });
    for (const test of [...own.pass, ...own.fail, ...builtIn.pass, ...builtIn.fail]) expect(() => test.run()).not.toThrow();
  });

  it("says what is wrong with a case the comparator does not meet", () => {
    const tests = comparatorTests(withinPercent, {
      pass: [{ received: 120, expected: 100 }],
      fail: [
        { received: 101, expected: 100, messageId: "far" },
        { received: 110, expected: 100, messageId: "far", data: { percent: 10 } },
        { received: 110, expected: 100, messageId: "nowhere" },
      ],
    });
    expect(() => tests.pass[0]!.run()).toThrow(/expected a pass/);
    expect(() => tests.fail[0]!.run()).toThrow(/expected message id "far", got "close"; expected a score of false or 0/);
    expect(() => tests.fail[1]!.run()).toThrow(/expected data.percent 10, got 5/);
    expect(() => tests.fail[2]!.run()).toThrow(/expected message id "nowhere"/);
  });

  it("refuses a hidden message that would show the expected value", () => {
    const { "close-hidden": _close, "far-hidden": _far, ...visibleOnly } = withinPercent.meta.messages;
    const leaky = { ...withinPercent, meta: { ...withinPercent.meta, messages: visibleOnly } };
    const tests = comparatorTests(leaky, { pass: [{ received: 100, expected: 100 }], fail: [] });
    expect(() => tests.pass[0]!.run()).toThrow(/the hidden message needs a value it may not show: "100 is within 5% of \(hidden\)"/);
  });

  it("names a case by its values unless it has a name", () => {
    const tests = comparatorTests("relabs", { pass: [{ received: Number.NaN, expected: Number.NaN, options: { nan_equal: true } }, { name: "mine", received: 1, expected: 1 }], fail: [] });
    expect(tests.pass.map((test) => test.name)).toEqual(["accepts NaN for NaN with {\"nan_equal\":true}", "mine"]);
  });
});

const result = {
  schema: "nngrade/result@1",
  assignment: "toy",
  student: { id: "s1" },
  score: 1,
  max_score: 2,
  flags: [],
  tasks: [
    {
      id: "q1",
      items: [
        { id: "q1.a", status: "pass", score: 1, max_score: 1, diagnosis: null, message: "ok", visibility: "visible" },
        { id: "q1.b", status: "fail", score: 0, max_score: 1, diagnosis: { code: "sign", message: "flipped" }, message: "far", visibility: "visible" },
      ],
    },
  ],
} as unknown as GradeResult;

describe("verdict assertions", () => {
  it("are silent when every verdict is as expected", () => {
    expect(verdictProblems(result, { "q1.a": "pass", "q1.b": { status: "fail", diagnosis: "sign" } })).toEqual([]);
    expect(() => expectVerdicts(result, { "q1.a": { status: "pass", diagnosis: null } })).not.toThrow();
  });

  it("list each differing status, diagnosis and unknown item", () => {
    expect(verdictProblems(result, { "q1.a": "fail", "q1.b": { status: "fail", diagnosis: "transposed" }, "q2.c": "pass" })).toEqual([
      "q1.a: expected fail, got pass (ok)",
      "q1.b: expected diagnosis transposed, got sign",
      "q2.c: no such item in the result",
    ]);
    expect(() => expectVerdicts(result, { "q1.b": "pass" })).toThrow(/s1: 1 verdict differ:\n {2}q1.b: expected pass, got fail/);
  });
});
