import { describe, expect, it } from "vitest";
import { javascriptBackend } from "../../../src/engine/kernels/index.ts";
import { Matrix, matmul, matmulTransposeA, matmulTransposeB, transpose } from "../../../src/engine/matrix.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";

function randomMatrix(rng: NumpyRandomState, rows: number, cols: number): Matrix {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.randn() as number;
  return new Matrix(rows, cols, data);
}

/** the definition, summed over p in ascending order as every backend promises */
function naive(a: Matrix, b: Matrix): Float64Array {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let sum = 0;
      for (let p = 0; p < a.cols; p++) sum += a.get(i, p) * b.get(p, j);
      out[i * b.cols + j] = sum;
    }
  }
  return out;
}

describe("gemm, javascript backend", () => {
  const rng = new NumpyRandomState(7);
  const a = randomMatrix(rng, 13, 9);
  const b = randomMatrix(rng, 9, 11);
  const c = randomMatrix(rng, 13, 11);

  it("multiplies bit for bit as the ascending-order definition does, in every transpose form", () => {
    const expected = naive(a, b);
    expect(matmul(a, b).data).toEqual(expected);
    expect(matmulTransposeA(transpose(a), b).data).toEqual(expected);
    expect(matmulTransposeB(a, transpose(b)).data).toEqual(expected);
  });

  it("adds to the output when asked to accumulate", () => {
    const out = Float64Array.from(c.data);
    javascriptBackend.gemm({ transA: false, transB: false, m: 13, n: 11, k: 9, a: a.data, b: b.data, out, accumulate: true });
    const product = naive(a, b);
    // accumulate starts each sum from the old value: c + (a0 b0 + a1 b1 + ...)
    const expected = new Float64Array(13 * 11);
    for (let i = 0; i < 13; i++) {
      for (let j = 0; j < 11; j++) {
        let sum = c.data[i * 11 + j] as number;
        for (let p = 0; p < 9; p++) sum += a.get(i, p) * b.get(p, j);
        expected[i * 11 + j] = sum;
      }
    }
    expect(out).toEqual(expected);
    expect(out).not.toEqual(product);
  });

  it("names both shapes when they do not fit", () => {
    expect(() => matmulTransposeA(a, b)).toThrow(/matmulTransposeA: inner shapes 13x9\^T and 9x11 do not match/);
    expect(() => matmulTransposeB(a, b)).toThrow(/matmulTransposeB: inner shapes 13x9 and 9x11\^T do not match/);
  });
});
