import { describe, expect, it } from "vitest";
import { expectSameBits, expectSameBitsNanAware, sameBytes } from "./same-bits.ts";

describe("the bit-for-bit helpers", () => {
  it("pass equal arrays and tell -0 from +0", () => {
    expectSameBits(Float64Array.of(1, -0, Number.NaN), Float64Array.of(1, -0, Number.NaN));
    expect(sameBytes(Float64Array.of(-0), Float64Array.of(0))).toBe(false);
    expect(() => expectSameBits(Float64Array.of(1, 2, -0), Float64Array.of(1, 2, 0), "out")).toThrow(
      "out: element 2 of 3 is -0 (0x8000000000000000), expected 0 (0x0000000000000000); 1 differ in all",
    );
  });

  it("name the first difference, the length or the type", () => {
    expect(() => expectSameBits(Float64Array.of(1, 5, 6), Float64Array.of(1, 2, 3))).toThrow("element 1 of 3 is 5 (0x4014000000000000), expected 2 (0x4000000000000000); 2 differ in all");
    expect(() => expectSameBits(new Float64Array(2), new Float64Array(3))).toThrow("got Float64Array(2), expected Float64Array(3)");
    expect(() => expectSameBits(new Float32Array(2), new Float64Array(2))).toThrow("got Float32Array(2), expected Float64Array(2)");
    expect(() => expectSameBits(Int32Array.of(1, 2), Int32Array.of(1, 3))).toThrow("element 1 of 2 is 2, expected 3; 1 differ in all");
  });

  it("nan-aware: any NaN matches a NaN, nothing else does", () => {
    const payload = new Float64Array(new BigUint64Array([0xfff8000000000001n]).buffer);
    expectSameBitsNanAware(Float64Array.of(1, payload[0]!), Float64Array.of(1, Number.NaN));
    expect(() => expectSameBitsNanAware(Float64Array.of(1, 0), Float64Array.of(1, Number.NaN))).toThrow("element 1 of 2 is 0 (0x0000000000000000), expected NaN");
    expect(() => expectSameBitsNanAware(Float64Array.of(-0, Number.NaN), Float64Array.of(0, Number.NaN))).toThrow("element 0 of 2 is -0");
  });
});
