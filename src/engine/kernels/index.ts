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
  /** the element-wise passes of a training step; the JS ones where absent */
  elementwise?: ElementwiseKernels;
}

/**
 * The element-wise passes of a training step, between the products. Every
 * implementation runs the same operations in the same order as these
 * JavaScript loops, so they agree bit for bit.
 */
export interface ElementwiseKernels {
  /** z[i][j] = z[i][j] + bias[j], in place; z.length a multiple of bias.length */
  addBias(z: Float64Array, bias: Float64Array): void;
  /** a = Math.max(z, 0): NaN stays NaN, -0 becomes +0; a may be z */
  relu(z: Float64Array, a: Float64Array): void;
  /** gradZ = z > 0 ? gradA : 0 (slope 0 at z = 0, as numpy's z > 0); gradZ may be gradA */
  reluBackward(z: Float64Array, gradA: Float64Array, gradZ: Float64Array): void;
  /** out[j] = sum over the rows of g[i][j], top to bottom from 0; cols = out.length */
  sumRows(g: Float64Array, out: Float64Array): void;
  /** w = w - lr * g */
  sgd(w: Float64Array, g: Float64Array, lr: number): void;
}

export const javascriptElementwise: ElementwiseKernels = {
  addBias(z, bias) {
    const cols = bias.length;
    for (let row = 0; row < z.length; row += cols) {
      for (let j = 0; j < cols; j++) z[row + j] = z[row + j]! + bias[j]!;
    }
  },
  // Math.max passes NaN on, as np.maximum does, so a diverged run stays visibly NaN
  relu(z, a) {
    for (let i = 0; i < z.length; i++) a[i] = Math.max(z[i]!, 0);
  },
  reluBackward(z, gradA, gradZ) {
    for (let i = 0; i < z.length; i++) gradZ[i] = z[i]! > 0 ? gradA[i]! : 0;
  },
  sumRows(g, out) {
    const cols = out.length;
    out.fill(0);
    for (let row = 0; row < g.length; row += cols) {
      for (let j = 0; j < cols; j++) out[j] = out[j]! + g[row + j]!;
    }
  },
  sgd(w, g, lr) {
    for (let k = 0; k < w.length; k++) w[k] = w[k]! - lr * g[k]!;
  },
};

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

/** the installed backend's element-wise kernels */
export function elementwise(): ElementwiseKernels {
  return current.elementwise ?? javascriptElementwise;
}

/** Switches the backend for the whole engine (tests compare backends bit for bit). */
export function useBackend(next: Backend): void {
  current = next;
}
