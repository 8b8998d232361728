import { EngineArgumentError } from "./errors.ts";
import {
  addRowVectorKernel,
  binaryKernel,
  sumRowsKernel,
  transposeKernel,
  unaryKernel,
} from "./kernels/cpu.ts";
import { backend } from "./kernels/index.ts";

/** A dense row-major matrix of float64: element (i, j) is data[i * cols + j]. */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isSafeInteger(rows) || rows < 0 || !Number.isSafeInteger(cols) || cols < 0) {
      throw new EngineArgumentError("matrix", `shape must be non-negative integers, got ${rows}x${cols}`);
    }
    if (data !== undefined && data.length !== rows * cols) {
      throw new EngineArgumentError("matrix", `data holds ${data.length} values, a ${rows}x${cols} matrix needs ${rows * cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** from nested rows; every row must have the same length */
  static from(values: readonly (readonly number[])[]): Matrix {
    if (!Array.isArray(values)) throw new EngineArgumentError("Matrix.from", "expected an array of rows");
    const rows = values.length;
    const cols = rows === 0 ? 0 : (values[0]?.length ?? 0);
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = values[i];
      if (!Array.isArray(row) || row.length !== cols) {
        throw new EngineArgumentError("Matrix.from", `row ${i} has ${Array.isArray(row) ? row.length : "no"} values, row 0 has ${cols}`);
      }
      for (let j = 0; j < cols; j++) {
        const value = row[j];
        if (typeof value !== "number") throw new EngineArgumentError("Matrix.from", `element [${i}][${j}] is not a number`);
        data[i * cols + j] = value;
      }
    }
    return new Matrix(rows, cols, data);
  }

  /** "2x3", the form every shape error uses */
  get shape(): string {
    return `${this.rows}x${this.cols}`;
  }

  get(i: number, j: number): number {
    this.checkIndex("get", i, j);
    return this.data[i * this.cols + j]!;
  }

  set(i: number, j: number, value: number): void {
    this.checkIndex("set", i, j);
    this.data[i * this.cols + j] = value;
  }

  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  private checkIndex(op: string, i: number, j: number): void {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= this.rows || j >= this.cols) {
      throw new EngineArgumentError(op, `index [${i}][${j}] is outside a ${this.shape} matrix`);
    }
  }
}

/** a^T, into a new matrix */
export function transpose(a: Matrix): Matrix {
  const out = new Matrix(a.cols, a.rows);
  transposeKernel(a.data, out.data, a.rows, a.cols);
  return out;
}

/** the product a b through the installed gemm backend (every backend sums each element over the inner index in ascending order, so all agree bit for bit) */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new EngineArgumentError("matmul", `inner shapes ${a.shape} and ${b.shape} do not match`);
  const out = new Matrix(a.rows, b.cols);
  backend().gemm({ transA: false, transB: false, m: a.rows, n: b.cols, k: a.cols, a: a.data, b: b.data, out: out.data, accumulate: false });
  return out;
}

/** a^T b without forming a^T (the weight gradient X^T dZ) */
export function matmulTransposeA(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows) throw new EngineArgumentError("matmulTransposeA", `inner shapes ${a.shape}^T and ${b.shape} do not match`);
  const out = new Matrix(a.cols, b.cols);
  backend().gemm({ transA: true, transB: false, m: a.cols, n: b.cols, k: a.rows, a: a.data, b: b.data, out: out.data, accumulate: false });
  return out;
}

/** a b^T without forming b^T (the input gradient dZ W^T) */
export function matmulTransposeB(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw new EngineArgumentError("matmulTransposeB", `inner shapes ${a.shape} and ${b.shape}^T do not match`);
  const out = new Matrix(a.rows, b.rows);
  backend().gemm({ transA: false, transB: true, m: a.rows, n: b.rows, k: a.cols, a: a.data, b: b.data, out: out.data, accumulate: false });
  return out;
}

function checkOut(op: string, out: Matrix, rows: number, cols: number): void {
  if (out.rows !== rows || out.cols !== cols) throw new EngineArgumentError(op, `out is ${out.shape}, the product is ${rows}x${cols}`);
}

/**
 * The three products written into a matrix the caller keeps, so that a
 * training loop allocates its buffers once; `accumulate` adds to what `out`
 * holds (each element still summed over p in ascending order, then added).
 */
export function matmulInto(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
  if (a.cols !== b.rows) throw new EngineArgumentError("matmulInto", `inner shapes ${a.shape} and ${b.shape} do not match`);
  checkOut("matmulInto", out, a.rows, b.cols);
  backend().gemm({ transA: false, transB: false, m: a.rows, n: b.cols, k: a.cols, a: a.data, b: b.data, out: out.data, accumulate });
  return out;
}

export function matmulTransposeAInto(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
  if (a.rows !== b.rows) throw new EngineArgumentError("matmulTransposeAInto", `inner shapes ${a.shape}^T and ${b.shape} do not match`);
  checkOut("matmulTransposeAInto", out, a.cols, b.cols);
  backend().gemm({ transA: true, transB: false, m: a.cols, n: b.cols, k: a.rows, a: a.data, b: b.data, out: out.data, accumulate });
  return out;
}

export function matmulTransposeBInto(a: Matrix, b: Matrix, out: Matrix, accumulate = false): Matrix {
  if (a.cols !== b.cols) throw new EngineArgumentError("matmulTransposeBInto", `inner shapes ${a.shape} and ${b.shape}^T do not match`);
  checkOut("matmulTransposeBInto", out, a.rows, b.rows);
  backend().gemm({ transA: false, transB: true, m: a.rows, n: b.rows, k: a.cols, a: a.data, b: b.data, out: out.data, accumulate });
  return out;
}

/** a + v with v added to every row (a bias broadcast over the samples) */
export function addRowVector(a: Matrix, v: ArrayLike<number>): Matrix {
  if (v.length !== a.cols) {
    throw new EngineArgumentError("addRowVector", `vector of ${v.length} cannot be added to the rows of a ${a.shape} matrix`);
  }
  const out = new Matrix(a.rows, a.cols);
  addRowVectorKernel(a.data, v, out.data, a.rows, a.cols);
  return out;
}

/** f applied to every element, into a new matrix */
export function map(a: Matrix, f: (value: number) => number): Matrix {
  const out = new Matrix(a.rows, a.cols);
  unaryKernel(a.data, out.data, f);
  return out;
}

function elementwise(op: string, a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new EngineArgumentError(op, `shapes ${a.shape} and ${b.shape} differ`);
  const out = new Matrix(a.rows, a.cols);
  binaryKernel(a.data, b.data, out.data, f);
  return out;
}

/** element-wise a + b; the shapes must match */
export function add(a: Matrix, b: Matrix): Matrix {
  return elementwise("add", a, b, (x, y) => x + y);
}

/** element-wise a - b; the shapes must match */
export function sub(a: Matrix, b: Matrix): Matrix {
  return elementwise("sub", a, b, (x, y) => x - y);
}

/** element-wise (Hadamard) product */
export function mul(a: Matrix, b: Matrix): Matrix {
  return elementwise("mul", a, b, (x, y) => x * y);
}

/** every element multiplied by factor */
export function scale(a: Matrix, factor: number): Matrix {
  if (typeof factor !== "number") throw new EngineArgumentError("scale", `factor must be a number, got ${String(factor)}`);
  return map(a, (x) => x * factor);
}

/** reduces over the rows: the sum of each column (numpy a.sum(axis=0)) */
export function sumRows(a: Matrix): Float64Array {
  const out = new Float64Array(a.cols);
  sumRowsKernel(a.data, out, a.rows, a.cols);
  return out;
}

/** reduces over the rows: the mean of each column (numpy a.mean(axis=0)) */
export function meanRows(a: Matrix): Float64Array {
  if (a.rows === 0) throw new EngineArgumentError("meanRows", "a 0-row matrix has no mean");
  const sums = sumRows(a);
  for (let j = 0; j < sums.length; j++) sums[j]! /= a.rows;
  return sums;
}
