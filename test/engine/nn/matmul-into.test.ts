/** The matrix.ts products the nn library added: into a kept buffer, bit-identical to the allocating ones. */
import { describe, expect, it } from "vitest";
import {
  Matrix,
  matmul,
  matmulInto,
  matmulTransposeA,
  matmulTransposeAInto,
  matmulTransposeB,
  matmulTransposeBInto,
} from "../../../src/engine/matrix.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";

const rng = new NumpyRandomState(8);
const random = (rows: number, cols: number) => new Matrix(rows, cols, rng.randn(rows * cols).data);

describe("matmul into a kept buffer", () => {
  const a = random(5, 7);
  const b = random(7, 3);
  const c = random(5, 3);

  it("gives the allocating products bit for bit, in every transpose form", () => {
    expect(Array.from(matmulInto(a, b, new Matrix(5, 3)).data)).toEqual(Array.from(matmul(a, b).data));
    expect(Array.from(matmulTransposeAInto(a, c, new Matrix(7, 3)).data)).toEqual(Array.from(matmulTransposeA(a, c).data));
    const d = random(4, 7);
    expect(Array.from(matmulTransposeBInto(a, d, new Matrix(5, 4)).data)).toEqual(Array.from(matmulTransposeB(a, d).data));
  });

  it("overwrites what the buffer held, or adds to it when asked", () => {
    const out = new Matrix(5, 3, new Float64Array(15).fill(7));
    const product = matmul(a, b);
    expect(Array.from(matmulInto(a, b, out).data)).toEqual(Array.from(product.data));
    out.data.fill(1);
    matmulInto(a, b, out, true);
    out.data.forEach((v, i) => {
      expect(v).toBeCloseTo(1 + product.data[i]!, 13);
    });
  });

  it("refuses an output of the wrong shape", () => {
    expect(() => matmulInto(a, b, new Matrix(3, 5))).toThrow("matmulInto: out is 3x5, the product is 5x3");
    expect(() => matmulTransposeAInto(a, b, new Matrix(7, 3))).toThrow("matmulTransposeAInto: inner shapes 5x7^T and 7x3 do not match");
  });
});
