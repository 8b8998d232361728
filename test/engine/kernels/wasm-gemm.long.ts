import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, backend, javascriptBackend, useBackend } from "../../../src/engine/kernels/index.ts";
import {
  TWO_THREAD_MIN_MULTIPLY_ADDS,
  type WasmBackend,
  createWasmBackend,
  disposeWasmBackend,
  initWasmBackend,
} from "../../../src/engine/kernels/wasm.ts";
import { Matrix, matmul, matmulTransposeA, matmulTransposeB } from "../../../src/engine/matrix.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { expectSameBits, expectSameBitsNanAware, sameBytes } from "../same-bits.ts";
import { definition, FORMS, makeCase, run, spreadValues } from "./backends.ts";

let single: WasmBackend;
let double: WasmBackend;
/** two threads on every product, however small, so that every shape is also split */
let splitting: WasmBackend;

beforeAll(async () => {
  const one = await createWasmBackend({ threads: 1 });
  const two = await createWasmBackend({ threads: 2 });
  const always = await createWasmBackend({ threads: 2, twoThreadMinMultiplyAdds: 0 });
  // Node 20 has WebAssembly SIMD: a missing backend here is a bug, not a fallback
  if (one === undefined || two === undefined || always === undefined) throw new Error("the wasm backend did not load");
  single = one;
  double = two;
  splitting = always;
});

afterAll(async () => {
  await single?.dispose();
  await double?.dispose();
  await splitting?.dispose();
});

function backends(): Backend[] {
  return [javascriptBackend, single, double, splitting];
}



// odd sizes, sizes off the 4x4 tile, k past the 256 depth block, n past the 1024
// column block, m past the 128 row block; the larger ones cross the two-thread
// threshold and split rows (m >= n) or columns (m < n)
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 9, 4],
  [9, 1, 4],
  [7, 5, 3],
  [4, 4, 1],
  [5, 6, 300],
  [257, 129, 65],
  [65, 300, 70],
  [9, 301, 120],
  [130, 1030, 3],
  [261, 8, 520],
];

describe("every gemm backend gives the definition's numbers bit for bit", () => {
  it("the operands are order-sensitive, so a reordered sum would be caught", () => {
    const c = makeCase(new NumpyRandomState(1), 7, 5, 300, false, false, false);
    expect(sameBytes(definition(c, "descending"), definition(c))).toBe(false);
  });

  it("crosses the two-thread threshold with some shapes and not with others", () => {
    const sizes = SHAPES.map(([m, n, k]) => m * n * k >= TWO_THREAD_MIN_MULTIPLY_ADDS);
    expect(sizes).toContain(true);
    expect(sizes).toContain(false);
    expect(double.threads).toBe(2);
  });

  const rng = new NumpyRandomState(2024);
  for (const [m, n, k] of SHAPES) {
    for (const [transA, transB] of FORMS) {
      for (const accumulate of [false, true]) {
        const form = `${transA ? "a^T" : "a"} ${transB ? "b^T" : "b"}${accumulate ? " + out" : ""}`;
        const c = makeCase(rng, m, n, k, transA, transB, accumulate);
        it(`${m}x${n}x${k}: ${form}`, () => {
          const expected = definition(c);
          for (const target of backends()) expectSameBits(run(target, c), expected, target.name);
        });
      }
    }
  }

  it("agrees on random shapes (property)", () => {
    const shape = fc.record({
      m: fc.integer({ min: 1, max: 40 }),
      n: fc.integer({ min: 1, max: 40 }),
      k: fc.integer({ min: 1, max: 300 }),
      transA: fc.boolean(),
      transB: fc.boolean(),
      accumulate: fc.boolean(),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    });
    fc.assert(
      fc.property(shape, ({ m, n, k, transA, transB, accumulate, seed }) => {
        const c = makeCase(new NumpyRandomState(seed), m, n, k, transA, transB, accumulate);
        const expected = run(javascriptBackend, c);
        expectSameBits(run(single, c), expected);
        expectSameBits(run(double, c), expected);
        expectSameBits(run(splitting, c), expected);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe("two threads, however the worker is timed", () => {
  it("gives the same numbers when the worker is asleep, late, or joins in, product after product", () => {
    const rng = new NumpyRandomState(99);
    const nap = new Int32Array(new SharedArrayBuffer(4));
    for (let round = 0; round < 300; round++) {
      const m = 8 + ((rng.randint(0, 40) as number) | 0);
      const n = 1 + ((rng.randint(0, 40) as number) | 0);
      const k = 1 + ((rng.randint(0, 300) as number) | 0);
      const c = makeCase(rng, m, n, k, rng.randint(0, 2) === 1, rng.randint(0, 2) === 1, rng.randint(0, 2) === 1);
      expectSameBits(run(splitting, c), run(javascriptBackend, c));
      // now and then long enough for the worker to stop spinning and sleep; the timing varies, the numbers may not
      if (round % 7 === 0) Atomics.wait(nap, 0, 0, 1 + (round % 3));
    }
  });

  it("stays right over thousands of tiny products back to back, most finished before the worker joins", () => {
    // the main thread revokes the jobs it finished alone; a protocol slip here
    // shows as a wrong product or a product that never returns
    const c = makeCase(new NumpyRandomState(5), 8, 4, 2, false, false, false);
    const expected = definition(c);
    for (let round = 0; round < 5000; round++) expectSameBits(run(splitting, c), expected);
  });
});

describe("special values", () => {
  it("starts from +0: a sum of -0 products is +0, and -0 stays -0 when accumulated onto -0", () => {
    const a = Float64Array.of(-0, 0);
    const b = Float64Array.of(1, -1);
    for (const target of backends()) {
      const fresh = new Float64Array(1).fill(7);
      target.gemm({ transA: false, transB: false, m: 1, n: 1, k: 2, a, b, out: fresh, accumulate: false });
      expect(Object.is(fresh[0], 0), target.name).toBe(true);
      const onto = Float64Array.of(-0);
      target.gemm({ transA: false, transB: false, m: 1, n: 1, k: 2, a, b, out: onto, accumulate: true });
      expect(Object.is(onto[0], -0), target.name).toBe(true);
    }
  });

  it("propagates NaN and infinities to the same places", () => {
    const rng = new NumpyRandomState(5);
    const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, -1e300, 0, -0];
    for (const [m, n, k] of [
      [6, 7, 9],
      [70, 90, 60],
    ] as const) {
      for (const [transA, transB] of FORMS) {
        const c = makeCase(rng, m, n, k, transA, transB, true);
        // sprinkle the specials: inf * 0, inf - inf and 1e300 * 1e300 all happen somewhere
        for (const array of [c.a, c.b, c.start]) {
          for (let i = 0; i < array.length; i += 11) array[i] = specials[(rng.randint(0, specials.length) as number) | 0]!;
        }
        const expected = definition(c);
        expect(expected.some(Number.isNaN)).toBe(true);
        expect(expected.some((value) => value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY)).toBe(true);
        for (const target of backends()) expectSameBitsNanAware(run(target, c), expected, target.name);
      }
    }
  });

  it("k = 0 gives zeros, or leaves out alone when accumulating; empty products do nothing", () => {
    for (const target of backends()) {
      const out = Float64Array.of(1, 2, 3, 4, 5, 6);
      target.gemm({ transA: false, transB: false, m: 2, n: 3, k: 0, a: new Float64Array(0), b: new Float64Array(0), out, accumulate: true });
      expect(Array.from(out)).toEqual([1, 2, 3, 4, 5, 6]);
      target.gemm({ transA: false, transB: false, m: 2, n: 3, k: 0, a: new Float64Array(0), b: new Float64Array(0), out, accumulate: false });
      expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
      const empty = new Float64Array(0);
      expect(() => target.gemm({ transA: false, transB: false, m: 0, n: 3, k: 2, a: empty, b: new Float64Array(6), out: empty, accumulate: false })).not.toThrow();
    }
  });
});

describe("the wasm backend in the engine", () => {
  it("gives matmul and both transposed forms the JS backend's numbers once installed", async () => {
    const rng = new NumpyRandomState(11);
    const x = new Matrix(128, 784, spreadValues(rng, 128 * 784));
    const w = new Matrix(784, 64, spreadValues(rng, 784 * 64));
    const dz = new Matrix(128, 64, spreadValues(rng, 128 * 64));
    const onJs = [matmul(x, w), matmulTransposeA(x, dz), matmulTransposeB(dz, w)].map((result) => result.data);

    const installed = await initWasmBackend({ threads: 2 });
    try {
      expect(installed.name).toBe("wasm-2t");
      expect(backend()).toBe(installed);
      const onWasm = [matmul(x, w), matmulTransposeA(x, dz), matmulTransposeB(dz, w)].map((result) => result.data);
      for (const [i, result] of onWasm.entries()) expectSameBits(result, onJs[i]!, ["matmul", "matmulTransposeA", "matmulTransposeB"][i]);
    } finally {
      await disposeWasmBackend();
    }
    expect(backend()).toBe(javascriptBackend);
  });

  it("keeps computing the same numbers on one thread after dispose", async () => {
    const spare = await createWasmBackend({ threads: 2 });
    if (spare === undefined) throw new Error("the wasm backend did not load");
    const c = makeCase(new NumpyRandomState(3), 100, 120, 50, true, false, false);
    const before = run(spare, c);
    await spare.dispose();
    expect(spare.threads).toBe(1);
    expectSameBits(run(spare, c), before);
    expectSameBits(before, definition(c));
  });

  it("refuses operands shorter than the shape says", () => {
    const args = { transA: false, transB: false, m: 2, n: 2, k: 2, a: new Float64Array(3), b: new Float64Array(4), out: new Float64Array(4), accumulate: false };
    expect(() => single.gemm(args)).toThrow(/gemm: a holds 3 values, the product needs 4/);
  });

  it("leaves the JS backend in place until it is installed", () => {
    useBackend(javascriptBackend);
    expect(backend().name).toBe("js");
  });
});
