/** Shared by the kernel tests: operands and the definition (../same-bits.ts compares results bit for bit). */
import type { Backend, GemmArgs } from "../../../src/engine/kernels/index.ts";
import type { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";

export interface Case {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  a: Float64Array;
  b: Float64Array;
  /** the starting out: used as is when accumulating, ignored otherwise */
  start: Float64Array;
  accumulate: boolean;
}

/**
 * normals scaled by 2^e, e in [-20, 20]: sums of such terms round differently
 * in almost any other order, so a backend that reorders shows up
 */
export function spreadValues(rng: NumpyRandomState, length: number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = (rng.standardNormal() as number) * 2 ** ((rng.randint(-20, 21) as number) | 0);
  return out;
}

export function makeCase(rng: NumpyRandomState, m: number, n: number, k: number, transA: boolean, transB: boolean, accumulate: boolean): Case {
  return {
    transA,
    transB,
    m,
    n,
    k,
    a: spreadValues(rng, m * k),
    b: spreadValues(rng, k * n),
    start: spreadValues(rng, m * n),
    accumulate,
  };
}

/** the contract written out: start (0 or out) + a[i][0] b[0][j] + a[i][1] b[1][j] + ..., p ascending */
export function definition(c: Case, order: "ascending" | "descending" = "ascending"): Float64Array {
  const { m, n, k, a, b } = c;
  // a[i][p] sits at i * aRow + p * aStep, b[p][j] at j * bCol + p * bStep, in either storage;
  // the branches stay out of the inner loop, which runs millions of times per test
  const [aRow, aStep] = c.transA ? [1, m] : [k, 1];
  const [bCol, bStep] = c.transB ? [k, 1] : [1, n];
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = c.accumulate ? c.start[i * n + j]! : 0;
      if (order === "ascending") {
        for (let p = 0; p < k; p++) sum += a[i * aRow + p * aStep]! * b[j * bCol + p * bStep]!;
      } else {
        for (let p = k - 1; p >= 0; p--) sum += a[i * aRow + p * aStep]! * b[j * bCol + p * bStep]!;
      }
      out[i * n + j] = sum;
    }
  }
  return out;
}

/** the arguments for one backend call, with a fresh out */
export function argsOf(c: Case): GemmArgs {
  return {
    transA: c.transA,
    transB: c.transB,
    m: c.m,
    n: c.n,
    k: c.k,
    a: c.a,
    b: c.b,
    out: Float64Array.from(c.start),
    accumulate: c.accumulate,
  };
}

/** the four forms of a product: [transA, transB] */
export const FORMS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

/** one backend's product for the case, into a fresh out */
export function run(target: Backend, c: Case): Float64Array {
  const args = argsOf(c);
  target.gemm(args);
  return args.out;
}
