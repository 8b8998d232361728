/**
 * The kernel backend the engine's ops call. Every backend computes each
 * output element with the same summation order (p = 0, 1, ..., k-1, a
 * separate multiply and add, no fused multiply-add), so the JavaScript, the
 * WebAssembly and the multi-threaded backends give bit-identical results and
 * a reference computed anywhere is the same reference.
 */
import { matmulKernel } from "./cpu.ts";

export interface GemmArgs {
  /** use a transposed: a is stored k x m instead of m x k */
  transA: boolean;
  /** use b transposed: b is stored n x k instead of k x n */
  transB: boolean;
  m: number;
  n: number;
  k: number;
  a: Float64Array;
  b: Float64Array;
  /** m x n, row-major; overwritten, or added to when accumulate is set */
  out: Float64Array;
  accumulate: boolean;
}

export interface Backend {
  name: string;
  /** out = op(a) op(b) (+ out), every out[i][j] summed over p in ascending order */
  gemm(args: GemmArgs): void;
}

export const javascriptBackend: Backend = {
  name: "js",
  gemm({ transA, transB, m, n, k, a, b, out, accumulate }) {
    if (!accumulate) out.fill(0);
    if (!transA && !transB) {
      matmulKernel(a, b, out, m, k, n);
      return;
    }
    if (transA && !transB) {
      // a is k x m: row p of a and row p of b update row i of out, p ascending for every element
      for (let p = 0; p < k; p++) {
        for (let i = 0; i < m; i++) {
          const api = a[p * m + i]!;
          const outRow = i * n;
          const bRow = p * n;
          for (let j = 0; j < n; j++) out[outRow + j]! += api * b[bRow + j]!;
        }
      }
      return;
    }
    // b is n x k (and a possibly k x m): each element is a dot product over p
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = out[i * n + j]!;
        for (let p = 0; p < k; p++) {
          const aip = transA ? a[p * m + i]! : a[i * k + p]!;
          sum += aip * b[j * k + p]!;
        }
        out[i * n + j] = sum;
      }
    }
  },
};

let current: Backend = javascriptBackend;

export function backend(): Backend {
  return current;
}

/** Switches the backend for the whole engine (tests compare backends bit for bit). */
export function useBackend(next: Backend): void {
  current = next;
}
