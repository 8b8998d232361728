/**
 * `npm run fuzz`: a whole epoch of the benchmark network on the native
 * backend (native.test.ts trains two batches of it in `npm test`).
 */
import { describe, expect, it } from "vitest";
import { type Backend, javascriptBackend } from "../../../src/engine/kernels/index.ts";
import { createNativeBackend, loadNativeKernels, nativeKernelsUnavailableReason } from "../../../src/engine/kernels/native.ts";
import { expectSameBits } from "../same-bits.ts";
import { trainedOn } from "./training.ts";

const native = loadNativeKernels();
// CI sets NNGRADE_REQUIRE_NATIVE=1: there a missing addon fails rather than skips
if (native === undefined && process.env.NNGRADE_REQUIRE_NATIVE === "1") throw new Error(`the native addon is ${nativeKernelsUnavailableReason()}`);

describe.runIf(native !== undefined)("training on the native backend", () => {
  it("gives the JS backend's weights bit for bit after an epoch of the benchmark network", () => {
    const expected = trainedOn(javascriptBackend, 640, 200);
    const actual = trainedOn(createNativeBackend({ threads: 2 }) as Backend, 640, 200);
    expect(actual.parameters).toHaveLength(expected.parameters.length);
    for (const [i, values] of actual.parameters.entries()) {
      expectSameBits(values, expected.parameters[i]!, `layer ${i >> 1} ${i % 2 === 0 ? "W" : "b"}`);
    }
    expect(actual.loss).toEqual(expected.loss);
  });
});
