import { describe, expect, it } from "vitest";
import { toPythonJson } from "../../src/result/python-json.ts";
import { parseSubmissionText } from "../../src/rubric/json.ts";

describe("toPythonJson", () => {
  it("writes non-finite numbers as python's json.dump does, and only those", () => {
    const text = toPythonJson({ a: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1, null], s: "NaN" });
    // the same text python3 -c 'import json; print(json.dumps({"a": [float("nan"), float("inf"), -float("inf"), 1, None], "s": "NaN"}, separators=(",", ":")))' prints
    expect(text).toBe('{"a":[NaN,Infinity,-Infinity,1,null],"s":"NaN"}');
  });

  it("round-trips through the submission reader", () => {
    const value = { x: [Number.NaN, -0.5, Number.POSITIVE_INFINITY], label: 'a "quoted" \u0000 string' };
    const back = parseSubmissionText(toPythonJson(value, 2), "t.json") as typeof value;
    expect(back.x[0]).toBeNaN();
    expect(back.x.slice(1)).toEqual([-0.5, Number.POSITIVE_INFINITY]);
    expect(back.label).toBe(value.label);
  });
});
