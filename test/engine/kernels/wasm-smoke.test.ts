/**
 * The wasm backend in every npm test: a representative check of each of
 * wasm-gemm.long.ts's runs (npm run fuzz, CI), all bit for bit: a few shapes
 * in each form on one and two threads, products back to back with the
 * worker asleep or late, NaN and infinities, and the backend installed
 * under the engine's matmul. The long file sweeps every shape, timing and
 * special value.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backend, javascriptBackend } from "../../../src/engine/kernels/index.ts";
import {
  createWasmBackend,
  disposeWasmBackend,
  initWasmBackend,
  TWO_THREAD_MIN_MULTIPLY_ADDS,
  type WasmBackend,
} from "../../../src/engine/kernels/wasm.ts";
import { Matrix, matmul, matmulTransposeA, matmulTransposeB } from "../../../src/engine/matrix.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { expectSameBits, expectSameBitsNanAware } from "../same-bits.ts";
import { definition, FORMS, makeCase, run, spreadValues } from "./backends.ts";

let single: WasmBackend;
let double: WasmBackend;

beforeAll(async () => {
  const one = await createWasmBackend({ threads: 1 });
  const two = await createWasmBackend({ threads: 2, twoThreadMinMultiplyAdds: 0 });
  // Node 20 has WebAssembly SIMD: a missing backend here is a bug, not a fallback
  if (one === undefined || two === undefined) throw new Error("the wasm backend did not load");
  single = one;
  double = two;
});

afterAll(async () => {
  await single?.dispose();
  await double?.dispose();
});

describe("the wasm gemm, in brief", () => {
  const rng = new NumpyRandomState(7);
  // off the tile in every dimension, and one past the depth block and the two-thread threshold
  const shapes: [number, number, number][] = [
    [7, 5, 3],
    [65, 300, 70],
  ];
  it("has a shape past the two-thread threshold", () => {
    expect(shapes.some(([m, n, k]) => m * n * k >= TWO_THREAD_MIN_MULTIPLY_ADDS)).toBe(true);
  });
  for (const [m, n, k] of shapes) {
    for (const [transA, transB] of FORMS) {
      const c = makeCase(rng, m, n, k, transA, transB, true);
      it(`${m}x${n}x${k} ${transA ? "a^T" : "a"} ${transB ? "b^T" : "b"} + out, on one and two threads`, () => {
        const expected = definition(c);
        expectSameBits(run(single, c), expected, "one thread");
        expectSameBits(run(double, c), expected, "two threads");
      });
    }
  }

  it("gives the same numbers product after product, the worker asleep, late or joining in", () => {
    const draws = new NumpyRandomState(99);
    const nap = new Int32Array(new SharedArrayBuffer(4));
    for (let round = 0; round < 40; round++) {
      const m = 8 + ((draws.randint(0, 40) as number) | 0);
      const n = 1 + ((draws.randint(0, 40) as number) | 0);
      const k = 1 + ((draws.randint(0, 300) as number) | 0);
      const c = makeCase(draws, m, n, k, draws.randint(0, 2) === 1, draws.randint(0, 2) === 1, draws.randint(0, 2) === 1);
      expectSameBits(run(double, c), run(javascriptBackend, c), `round ${round}`);
      if (round % 7 === 0) Atomics.wait(nap, 0, 0, 1 + (round % 3));
    }
  });

  it("propagates NaN and infinities to the same places", () => {
    const draws = new NumpyRandomState(5);
    const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, -1e300, 0, -0];
    for (const [transA, transB] of FORMS) {
      const c = makeCase(draws, 6, 7, 9, transA, transB, true);
      for (const array of [c.a, c.b, c.start]) {
        for (let i = 0; i < array.length; i += 11) array[i] = specials[(draws.randint(0, specials.length) as number) | 0]!;
      }
      const expected = definition(c);
      expect(expected.some(Number.isNaN)).toBe(true);
      expectSameBitsNanAware(run(single, c), expected, "one thread");
      expectSameBitsNanAware(run(double, c), expected, "two threads");
    }
  });

  it("gives matmul and both transposed forms the JS backend's numbers once installed", async () => {
    const draws = new NumpyRandomState(11);
    const x = new Matrix(128, 784, spreadValues(draws, 128 * 784));
    const w = new Matrix(784, 64, spreadValues(draws, 784 * 64));
    const dz = new Matrix(128, 64, spreadValues(draws, 128 * 64));
    const products = () => [matmul(x, w), matmulTransposeA(x, dz), matmulTransposeB(dz, w)].map((result) => result.data);
    const onJs = products();
    const installed = await initWasmBackend({ threads: 2 });
    try {
      expect(backend()).toBe(installed);
      for (const [i, result] of products().entries()) expectSameBits(result, onJs[i]!, ["matmul", "matmulTransposeA", "matmulTransposeB"][i]);
    } finally {
      await disposeWasmBackend();
    }
    expect(backend()).toBe(javascriptBackend);
  });
});
