/**
 * Plain-JavaScript kernels on row-major Float64Arrays. They trust their
 * arguments: the public ops in ../matrix.ts check shapes first. A faster
 * backend (WASM) replaces these one by one with the same signatures.
 */

/** out (m x n) = a (m x k) * b (k x n); out must be zero-filled */
export function matmulKernel(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  // i-p-j order walks b and out row by row; each out[i][j] still sums over p in order
  for (let i = 0; i < m; i++) {
    const outRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]!;
      const bRow = p * n;
      for (let j = 0; j < n; j++) out[outRow + j]! += aip * b[bRow + j]!;
    }
  }
}

/** out (cols x rows) = a (rows x cols) transposed */
export function transposeKernel(a: Float64Array, out: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  }
}

/** out[i][j] = a[i][j] + v[j] */
export function addRowVectorKernel(a: Float64Array, v: ArrayLike<number>, out: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) out[row + j] = a[row + j]! + v[j]!;
  }
}

/** out[j] = sum over i of a[i][j], summed top to bottom */
export function sumRowsKernel(a: Float64Array, out: Float64Array, rows: number, cols: number): void {
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) out[j]! += a[row + j]!;
  }
}

export function binaryKernel(a: Float64Array, b: Float64Array, out: Float64Array, op: (x: number, y: number) => number): void {
  for (let i = 0; i < out.length; i++) out[i] = op(a[i]!, b[i]!);
}

export function unaryKernel(a: Float64Array, out: Float64Array, op: (x: number) => number): void {
  for (let i = 0; i < out.length; i++) out[i] = op(a[i]!);
}
