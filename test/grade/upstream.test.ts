import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/engine/matrix.ts";
import { NO_UPSTREAM } from "../../src/grade/reference.ts";
import { upstreamFrom } from "../../src/grade/upstream.ts";
import type { Value } from "../../src/value.ts";

const values: Record<string, Value> = {
  "q1.w": 0.5,
  "q1.nan": Number.NaN,
  "q1.text": "0.5",
  "q2.v": [1, 2, 3],
  "q2.holey": [1, null, 3],
  "q2.empty": [],
  "q3.m": [
    [1, 2],
    [3, 4],
    [5, 6],
  ],
  "q3.ragged": [[1, 2], [3]],
  "q3.inf": [
    [1, Number.POSITIVE_INFINITY],
    [3, 4],
    [5, 6],
  ],
};
const upstream = upstreamFrom((id) => values[id]);

describe("upstream readers", () => {
  it("give the student's finite number, else the fallback", () => {
    expect(upstream.number("q1.w")).toBe(0.5);
    expect(upstream.number("q1.w", 2)).toBe(0.5);
    for (const id of ["q1.nan", "q1.text", "q2.v", "missing"]) {
      expect(upstream.number(id)).toBeUndefined();
      expect(upstream.number(id, 2)).toBe(2);
    }
  });

  it("give a vector of finite numbers of the fallback's length, else the fallback", () => {
    const own = [7, 8, 9];
    expect(upstream.vector("q2.v")).toEqual([1, 2, 3]);
    expect(upstream.vector("q2.v", 3)).toEqual([1, 2, 3]);
    expect(upstream.vector("q2.v", 2)).toBeUndefined();
    expect(upstream.vector("q2.v", own)).toEqual([1, 2, 3]);
    expect(upstream.vector("q2.v", [1, 2])).toEqual([1, 2]);
    for (const id of ["q2.holey", "q2.empty", "q1.w", "missing"]) {
      expect(upstream.vector(id)).toBeUndefined();
      expect(upstream.vector(id, own)).toBe(own);
    }
  });

  it("give a matrix of finite numbers shaped like the fallback, else the fallback", () => {
    const own = Matrix.from([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const read = upstream.matrix("q3.m", 3, 2);
    expect(read?.rows).toBe(3);
    expect(Array.from(read?.data ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(upstream.matrix("q3.m", 2, 3)).toBeUndefined();
    expect(Array.from(upstream.matrix("q3.m", own).data)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const id of ["q3.ragged", "q3.inf", "q2.v", "missing"]) {
      expect(upstream.matrix(id, 3, 2)).toBeUndefined();
      expect(upstream.matrix(id, own)).toBe(own);
    }
  });

  it("are all fallbacks without a student", () => {
    expect(NO_UPSTREAM.get("q1.w")).toBeUndefined();
    expect(NO_UPSTREAM.number("q1.w", 3)).toBe(3);
  });
});
