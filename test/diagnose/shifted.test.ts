import { describe, expect, it } from "vitest";
import { shifted } from "../../src/diagnose/shifted.ts";
import type { DiagnoseInput } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";
import { expectNoExpectedValueIn } from "./hw4-cases.ts";
import { patterns } from "./pattern-cases.ts";

const LATE = "the curve is shifted by one epoch: record the value after each epoch's update";
const EARLY = "the curve is shifted by one epoch: the first epoch is missing";

/** A q6 J curve item by default, graded as the rubric grades it. */
function curveInput(overrides: Partial<DiagnoseInput> = {}): DiagnoseInput {
  return {
    itemId: "q6.runs[1].J",
    expected: patterns.hw4_q6_runs[1]!.J,
    received: patterns.hw4_q6_runs[1]!.J,
    siblings: [],
    tolerance: patterns.tolerance_curve,
    ...overrides,
  };
}

const runs = patterns.hw4_q6_runs.map((run) => [run.w0, run] as const);

describe("shifted", () => {
  it.each(runs)("names a q6 curve from w0 = %s recorded before each update (J(w0) first)", (_, run) => {
    const diagnosis = shifted.diagnose(curveInput({ expected: run.J, received: run.J_before_update }));
    expect(diagnosis).toEqual({ code: "shifted", message: LATE });
    expectNoExpectedValueIn(diagnosis!.message, run.J);
  });

  it.each(runs)("names a q6 curve from w0 = %s that starts at the second epoch", (_, run) => {
    const diagnosis = shifted.diagnose(curveInput({ expected: run.J, received: run.J_first_epoch_missing }));
    expect(diagnosis).toEqual({ code: "shifted", message: EARLY });
  });

  it("names a curve one value longer: J(w0) put in front of the right 100 values", () => {
    const run = patterns.hw4_q6_runs[0]!;
    const received = [run.J_before_update[0]!, ...run.J];
    expect(shifted.diagnose(curveInput({ expected: run.J, received }))?.message).toBe(LATE);
  });

  it("names a curve missing its first epoch and running one epoch too long", () => {
    const run = patterns.hw4_q6_runs[2]!;
    const received = run.J_first_epoch_missing_101_epochs;
    expect(received).toHaveLength(run.J.length);
    expect(shifted.diagnose(curveInput({ expected: run.J, received }))?.message).toBe(EARLY);
  });

  it.each([
    ["starting one step early (w = -2.1)", patterns.hw4_q5.J_grid_from_minus_2_1, LATE],
    ["starting one step late (w = -1.9)", patterns.hw4_q5.J_grid_from_minus_1_9, EARLY],
  ])("names the q5 grid of J %s", (_, received, message) => {
    const diagnosis = shifted.diagnose(curveInput({ itemId: "q5.J", expected: patterns.hw4_q5.J, received }));
    expect(diagnosis).toEqual({ code: "shifted", message });
    expectNoExpectedValueIn(diagnosis!.message, patterns.hw4_q5.J);
  });

  it("prefers recorded-before-the-update when a two-value oscillation fits both shifts", () => {
    const input = curveInput({ expected: [1, 4, 1, 4, 1, 4], received: [4, 1, 4, 1, 4, 1] });
    expect(shifted.diagnose(input)?.message).toBe(LATE);
  });

  it("needs three aligned points", () => {
    expect(shifted.diagnose(curveInput({ expected: [1, 2, 3], received: [0, 1, 2] }))).toBeNull();
    expect(shifted.diagnose(curveInput({ expected: [1, 2, 3], received: [0, 1, 2, 3] }))?.message).toBe(LATE);
  });

  it("says nothing when the unshifted curve is wrong at one epoch only", () => {
    // shifted it matches too, but one wrong value is just a wrong value
    expect(shifted.diagnose(curveInput({ expected: [1, 1, 1, 1, 5], received: [1, 1, 1, 1, 1] }))).toBeNull();
  });

  it("says nothing about a right curve with one value too many or too few", () => {
    const J = patterns.hw4_q6_runs[1]!.J;
    expect(shifted.diagnose(curveInput({ received: [...J, 0.5] }))).toBeNull();
    expect(shifted.diagnose(curveInput({ received: J.slice(0, -1) }))).toBeNull();
  });

  it("says nothing about a curve shifted by two epochs", () => {
    const run = patterns.hw4_q6_runs[1]!;
    expect(shifted.diagnose(curveInput({ received: run.J_first_epoch_missing.slice(1) }))).toBeNull();
    expect(shifted.diagnose(curveInput({ received: [...run.J.slice(2), 0, 0] }))).toBeNull();
  });

  it("holds the shifted curve to the item's tolerance", () => {
    const run = patterns.hw4_q6_runs[3]!;
    const near = run.J_before_update.map((x) => x * (1 + 5e-7));
    expect(shifted.diagnose(curveInput({ expected: run.J, received: near }))?.message).toBe(LATE);
    const far = run.J_before_update.map((x) => x * (1 + 5e-6));
    expect(shifted.diagnose(curveInput({ expected: run.J, received: far }))).toBeNull();
  });

  it.each<[string, Value, Value]>([
    ["the right curve", patterns.hw4_q6_runs[1]!.J, patterns.hw4_q6_runs[1]!.J],
    ["another run's curve", patterns.hw4_q6_runs[1]!.J, patterns.hw4_q6_runs[2]!.J],
    ["a matrix", [[1, 2, 3, 4], [5, 6, 7, 8]], [[0, 1, 2, 3], [4, 5, 6, 7]]],
    ["a number", 2, 1],
    ["a curve with a NaN in it", [1, 2, 3, 4], [0, 1, Number.NaN, 3]],
    ["a curve of NaN", [Number.NaN, Number.NaN, Number.NaN, Number.NaN], [Number.NaN, Number.NaN, Number.NaN, Number.NaN]],
    ["a list with a null (a diverged run)", [1, 2, 3, 4], [0, 1, 2, null]],
    ["a string", [1, 2, 3, 4], "see the plot"],
    ["an empty list", [1, 2, 3, 4], []],
  ])("says nothing about %s", (_, expected, received) => {
    expect(shifted.diagnose(curveInput({ expected, received }))).toBeNull();
  });
});
