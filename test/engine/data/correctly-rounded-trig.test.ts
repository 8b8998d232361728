import { describe, expect, it } from "vitest";
import { correctlyRoundedCosSin } from "../../../src/engine/data/correctly-rounded-trig.ts";
import { EngineArgumentError } from "../../../src/engine/errors.ts";
import { expectExact } from "../random/golden.ts";
import { bytesSha256, moonsGolden } from "./golden.ts";

const golden = moonsGolden.trig;

describe("correctlyRoundedCosSin", () => {
  it("rounds to the double nearest to mpmath's value, on the hardest grid points", () => {
    const values = golden.inputs.map(correctlyRoundedCosSin);
    expectExact(
      values.map(([cos]) => cos),
      golden.cos,
    );
    expectExact(
      values.map(([, sin]) => sin),
      golden.sin,
    );
  });

  it("includes inputs where the C library itself misrounds", () => {
    expect(golden.libm_misrounded.length).toBeGreaterThan(0);
    for (const x of golden.libm_misrounded) expect(golden.inputs).toContain(x);
  });

  it("matches mpmath on all of linspace(0, pi, 1000)", () => {
    const grid = Array.from({ length: 1000 }, (_, i) => (i === 999 ? Math.PI : i * (Math.PI / 999)));
    const values = grid.map(correctlyRoundedCosSin);
    expect(bytesSha256(Float64Array.from(values, ([cos]) => cos))).toBe(golden.grid_1000_cos_sha256);
    expect(bytesSha256(Float64Array.from(values, ([, sin]) => sin))).toBe(golden.grid_1000_sin_sha256);
  });

  it.each([-1e-300, Math.PI * (1 + 2 ** -52), Number.NaN])("refuses %d, outside [0, pi]", (x) => {
    expect(() => correctlyRoundedCosSin(x)).toThrow(EngineArgumentError);
  });
});
