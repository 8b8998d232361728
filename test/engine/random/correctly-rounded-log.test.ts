import { describe, expect, it } from "vitest";
import { correctlyRoundedLog } from "../../../src/engine/random/correctly-rounded-log.ts";
import { expectExact, golden } from "./golden.ts";

describe("correctlyRoundedLog", () => {
  it("rounds to the nearest double, as a 60-digit decimal log does", () => {
    expectExact(golden.log.inputs.map(correctlyRoundedLog), golden.log.correctly_rounded);
  });

  it("handles the edges as Math.log does", () => {
    expect(correctlyRoundedLog(1)).toBe(0);
    expect(correctlyRoundedLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(correctlyRoundedLog(-1)).toBeNaN();
    expect(correctlyRoundedLog(Number.NaN)).toBeNaN();
    expect(correctlyRoundedLog(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
