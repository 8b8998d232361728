import { describe, expect, it } from "vitest";
import { oneHot8, oneHot8KMinus1 } from "../../../src/engine/data/onehot8.ts";
import type { DataMatrix } from "../../../src/engine/data/types.ts";

const rows = (m: DataMatrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
/** an 8-3-8 style autoencoder with n inputs and outputs: two weight matrices and two bias vectors */
const autoencoderParameters = (n: number, hidden = 3) => n * hidden + hidden + hidden * n + n;

describe("oneHot8", () => {
  it("is the 8x8 identity: sample k has its 1 in column k", () => {
    const m = oneHot8();
    expect([m.rows, m.cols]).toEqual([8, 8]);
    expect(rows(m)).toEqual(Array.from({ length: 8 }, (_, k) => Array.from({ length: 8 }, (_, j) => (j === k ? 1 : 0))));
  });

  it("gives the 8-3-8 network its 59 parameters", () => {
    expect(autoencoderParameters(oneHot8().cols)).toBe(59);
  });
});

describe("oneHot8KMinus1", () => {
  const m = oneHot8KMinus1();

  it("is 8 samples of 7 features", () => {
    expect([m.rows, m.cols, m.data.length]).toEqual([8, 7, 56]);
  });

  it("encodes as seed 001's equations: class 0 -> all zeros, class 7 -> <0,0,0,0,0,0,1>", () => {
    expect(rows(m)[0]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(rows(m)[7]).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });

  it("keeps class k >= 1 in column k - 1, every class distinct", () => {
    rows(m).forEach((row, k) => {
      expect(row.reduce((a, b) => a + b, 0)).toBe(k === 0 ? 0 : 1);
      if (k > 0) expect(row[k - 1]).toBe(1);
    });
    expect(new Set(rows(m).map((row) => row.join())).size).toBe(8);
  });

  it("gives the 7-3-7 network its 52 parameters", () => {
    expect(autoencoderParameters(m.cols)).toBe(52);
  });
});
