/**
 * The wasm backend in every npm test: a few shapes in each form, one and two
 * threads, bit for bit against the definition. The sweep over every shape,
 * thread timing and special value is wasm-gemm.long.ts (npm run fuzz, CI).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWasmBackend, TWO_THREAD_MIN_MULTIPLY_ADDS, type WasmBackend } from "../../../src/engine/kernels/wasm.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { bits, definition, FORMS, makeCase, run } from "./backends.ts";

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
        const expected = bits(definition(c));
        expect(bits(run(single, c))).toEqual(expected);
        expect(bits(run(double, c))).toEqual(expected);
      });
    }
  }
});
