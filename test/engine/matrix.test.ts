import { describe, expect, it } from "vitest";
import { EngineArgumentError } from "../../src/engine/errors.ts";
import {
  add,
  addRowVector,
  map,
  Matrix,
  matmul,
  meanRows,
  mul,
  scale,
  sub,
  sumRows,
  transpose,
} from "../../src/engine/matrix.ts";

const A = Matrix.from([
  [1, 2, 3],
  [4, 5, 6],
]);

describe("Matrix", () => {
  it("round-trips nested rows and reports its shape as rows x cols", () => {
    expect(A.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(A.shape).toBe("2x3");
    expect(Array.from(A.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("reads and writes single elements row-major", () => {
    const m = Matrix.zeros(2, 2);
    m.set(1, 0, 7);
    expect(m.get(1, 0)).toBe(7);
    expect(m.data[2]).toBe(7);
  });

  it("names the op and the bad index", () => {
    expect(() => A.get(2, 0)).toThrow("get: index [2][0] is outside a 2x3 matrix");
    expect(() => A.set(0, -1, 1)).toThrow("set: index [0][-1] is outside a 2x3 matrix");
  });

  it("refuses ragged rows and non-numbers", () => {
    expect(() => Matrix.from([[1, 2], [3]])).toThrow("Matrix.from: row 1 has 1 values, row 0 has 2");
    expect(() => Matrix.from([[1, "2" as unknown as number]])).toThrow("Matrix.from: element [0][1] is not a number");
  });

  it("refuses data of the wrong length", () => {
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow(EngineArgumentError);
  });
});

describe("ops", () => {
  it("transposes", () => {
    expect(transpose(A).toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });

  it("multiplies", () => {
    // worked by hand: [1 2 3; 4 5 6] [1 0; 0 1; 1 1] = [4 5; 10 11]
    const B = Matrix.from([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(matmul(A, B).toArray()).toEqual([
      [4, 5],
      [10, 11],
    ]);
  });

  it("names both shapes when inner dimensions differ", () => {
    const B = Matrix.from([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const C = Matrix.zeros(3, 3);
    expect(() => matmul(B, C)).toThrow("matmul: inner shapes 3x2 and 3x3 do not match");
  });

  it("propagates NaN and infinity through matmul like numpy (0 * inf is NaN)", () => {
    const zeroRow = Matrix.from([[0, 1]]);
    const withInf = Matrix.from([[Number.POSITIVE_INFINITY], [1]]);
    expect(Number.isNaN(matmul(zeroRow, withInf).get(0, 0))).toBe(true);
  });

  it("broadcasts a bias over the rows", () => {
    expect(addRowVector(A, [10, 20, 30]).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(() => addRowVector(A, [1, 2])).toThrow("addRowVector: vector of 2 cannot be added to the rows of a 2x3 matrix");
  });

  it("works element-wise and checks shapes", () => {
    expect(sub(A, A).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(add(A, A).toArray()).toEqual(scale(A, 2).toArray());
    expect(mul(A, A).toArray()).toEqual(map(A, (x) => x * x).toArray());
    expect(() => sub(A, transpose(A))).toThrow("sub: shapes 2x3 and 3x2 differ");
  });

  it("reduces over the rows to one value per column", () => {
    expect(Array.from(sumRows(A))).toEqual([5, 7, 9]);
    expect(Array.from(meanRows(A))).toEqual([2.5, 3.5, 4.5]);
    expect(() => meanRows(Matrix.zeros(0, 3))).toThrow("meanRows: a 0-row matrix has no mean");
  });
});
