import { describe, expect, it, vi } from "vitest";
import { parseResultJson, renderJson, renderJsonBytes } from "../../src/result/json.ts";
import type { GradeResult, ItemResult, TaskResult } from "../../src/result/types.ts";
import { sampleResult } from "./sample-result.ts";

function positiveZeros<T>(value: T): T {
  if (Object.is(value, -0)) return 0 as T;
  if (Array.isArray(value)) return value.map(positiveZeros) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, positiveZeros(v)])) as T;
  }
  return value;
}

function scrambled(): GradeResult {
  // keys deliberately out of the contract's order
  return {
    flags: [{ message: "q7: diverged not answered", code: "diverged-unreported" }],
    tasks: [
      {
        items: [
          {
            plot: { received: [1, Number.NaN, null], expected: [1, 0.5, 0.25], kind: "curve" },
            received: [1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, "min"],
            expected: [1, 0.5, 0.25, 0.125, 0, "min"],
            visibility: "visible",
            message: "2 of 6 values differ",
            diagnosis: { message: "looks like an overflow", code: "overflow" },
            max_score: 1,
            score: 0,
            status: "fail",
            id: "q7.runs[3].J",
          },
        ],
        max_score: 8,
        score: 7.5,
        title: "learning rate",
        id: "q7",
      },
    ],
    max_score: 45,
    score: 37,
    student: { name: "Ada Lovelace", id: "s1234567" },
    assignment: "hw4-hyperparameters",
    schema: "nngrade/result@1",
  };
}

describe("renderJson", () => {
  const text = renderJson(scrambled());
  const parsed = JSON.parse(text);

  it("writes keys in the order of the result type", () => {
    expect(Object.keys(parsed)).toEqual(["schema", "assignment", "student", "score", "max_score", "tasks", "flags"]);
    expect(Object.keys(parsed.student)).toEqual(["id", "name"]);
    expect(Object.keys(parsed.tasks[0])).toEqual(["id", "title", "score", "max_score", "items"]);
    expect(Object.keys(parsed.tasks[0].items[0])).toEqual(["id", "status", "score", "max_score", "diagnosis", "message", "visibility", "expected", "received", "plot"]);
    expect(Object.keys(parsed.tasks[0].items[0].diagnosis)).toEqual(["code", "message"]);
    expect(Object.keys(parsed.tasks[0].items[0].plot)).toEqual(["kind", "expected", "received"]);
    expect(Object.keys(parsed.flags[0])).toEqual(["code", "message"]);
  });

  it("indents by two spaces and ends with a newline", () => {
    expect(text.startsWith('{\n  "schema": "nngrade/result@1",\n  "assignment"')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("writes non-finite numbers as strings", () => {
    const item = parsed.tasks[0].items[0];
    expect(item.received).toEqual([1, "NaN", "Infinity", "-Infinity", null, "min"]);
    expect(item.plot.received).toEqual([1, "NaN", null]);
  });

  it("reads non-finite numbers back", () => {
    const back = parseResultJson(text);
    const item = back.tasks[0]?.items[0];
    expect(item?.received).toEqual([1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, "min"]);
    expect(Number.isNaN((item?.received as number[] | undefined)?.[1])).toBe(true);
    expect(item?.plot?.kind === "curve" ? item.plot.received : undefined).toEqual([1, Number.NaN, null]);
    expect(back).toEqual(scrambled());
  });

  it("round-trips the sample result to the same bytes", () => {
    const once = renderJson(sampleResult);
    // JSON has no negative zero: the sample's rounded -6.5e-17 comes back as 0
    expect(parseResultJson(once)).toEqual(positiveZeros(sampleResult));
    expect(renderJson(parseResultJson(once))).toBe(once);
  });
});

describe("renderJson's layout", () => {
  function withItem(item: Partial<ItemResult>): GradeResult {
    const result = scrambled();
    const task = result.tasks[0] as TaskResult;
    task.items = [{ ...(task.items[0] as ItemResult), ...item }];
    return result;
  }

  it("writes a list of scalars on one line and a matrix a row per line", () => {
    const text = renderJson(withItem({ expected: [0.5, -0.25, null, "NaN", true], received: [[1, 2], [3, 4]] }));
    expect(text).toContain('"expected": [0.5, -0.25, null, "NaN", true],');
    expect(text).toContain('"received": [\n            [1, 2],\n            [3, 4]\n          ],');
    // objects keep one key per line
    expect(text).toContain('"diagnosis": {\n            "code": "overflow",');
  });

  it("writes a long list the same whether or not it wrote an equal one before", async () => {
    const curve = Array.from({ length: 50 }, (_, i) => 1 / (i + 1));
    const result = withItem({ expected: curve, received: [...curve], plot: { kind: "curve", expected: [...curve], received: curve.map((v) => v * 2) } });
    const warm = renderJson(result);
    // a module loaded afresh has written nothing yet
    vi.resetModules();
    const fresh = (await import("../../src/result/json.ts")) as typeof import("../../src/result/json.ts");
    expect(fresh.renderJson(result)).toBe(warm);
    expect(warm.split(`[${curve.join(", ")}]`)).toHaveLength(4);
  });

  it("writes a list changed after it was written with its new values", () => {
    const curve = Array.from({ length: 20 }, (_, i) => i / 8);
    const result = withItem({ expected: curve });
    renderJson(result);
    curve[7] = 42;
    expect(JSON.parse(renderJson(result)).tasks[0].items[0].expected[7]).toBe(42);
  });

  it("gives as bytes the UTF-8 of its text, whatever the characters", () => {
    const result = withItem({ message: "Zoë, 李 \u{1F600} and a lone \ud800 surrogate", received: ["×", "…", "\udfff"] });
    result.student = { id: "s1", name: "Ådne Øverland" };
    const text = renderJson(result);
    expect(Buffer.from(renderJsonBytes(result)).equals(Buffer.from(text, "utf8"))).toBe(true);
    expect(Buffer.from(renderJsonBytes(sampleResult)).equals(Buffer.from(renderJson(sampleResult), "utf8"))).toBe(true);
    expect(JSON.parse(text).student.name).toBe("Ådne Øverland");
  });
});
