import { describe, expect, it } from "vitest";
import { belowChance } from "../../src/diagnose/below-chance.ts";
import type { DiagnoseInput } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";
import { expectNoExpectedValueIn } from "./hw4-cases.ts";

const CAUSE = "means the model did not learn: look for a bug (labels, learning rate, initialisation) rather than over- or underfitting";
const TEN_CLASSES = `an accuracy at or below chance (1/10) ${CAUSE}`;

/**
 * An hlcv e4 depth-sweep accuracy by default, 10 classes; the band is a
 * stand-in for the reference's (the seed's 2-layer net reached 52%).
 */
function accuracyInput(overrides: Partial<DiagnoseInput> = {}): DiagnoseInput {
  return {
    itemId: "e4.depth_sweep[2]",
    expected: 0.5,
    received: 0.5,
    siblings: [],
    factors: { classes: 10 },
    tolerance: { rtol: 0, atol: 0.05 },
    ...overrides,
  };
}

describe("below-chance", () => {
  // the seed's 4- and 5-layer nets: "7,8" and "7.8" percent, which the seed calls overfitting
  it.each<[string, number, number]>([
    ["as a fraction", 0.5, 0.078],
    ["as a percentage", 52, 7.8],
    ["as a percentage where a fraction is asked", 0.5, 7.8],
    ["as a fraction where a percentage is asked", 52, 0.078],
  ])("names the seed's 7.8%% %s", (_, expected, received) => {
    const diagnosis = belowChance.diagnose(accuracyInput({ expected, received }));
    expect(diagnosis).toEqual({ code: "below-chance", message: TEN_CLASSES });
    expectNoExpectedValueIn(diagnosis!.message, expected);
  });

  it.each([
    ["exactly chance", 0.1],
    ["the share of the commonest digit: a model that predicts one class", 0.1135],
    ["no right answer at all", 0],
  ])("names %s", (_, received) => {
    expect(belowChance.diagnose(accuracyInput({ received }))?.code).toBe("below-chance");
  });

  it("says which chance level it means", () => {
    const input = accuracyInput({ expected: 0.9, received: 0.5, factors: { classes: 2 } });
    expect(belowChance.diagnose(input)?.message).toBe(`an accuracy at or below chance (1/2) ${CAUSE}`);
  });

  it.each<[string, number, number, number]>([
    ["the seed's 3-layer net at 48.6%", 10, 0.5, 0.486],
    ["a weak model well above chance", 10, 0.5, 0.3],
    ["a binary model a little above chance", 2, 0.9, 0.53],
    ["the majority share where the reference is at chance too (hw3b t1, zero initialisation)", 2, 0.5, 0.48],
    ["a reference barely above chance", 10, 0.3, 0.05],
    ["79 given as 0.79: a unit slip, not a broken model", 10, 79, 0.79],
  ])("says nothing about %s", (_, classes, expected, received) => {
    expect(belowChance.diagnose(accuracyInput({ expected, received, factors: { classes } }))).toBeNull();
  });

  it("says nothing about an accuracy within the item's band, however wide", () => {
    const input = accuracyInput({ expected: 0.5, received: 0.12, tolerance: { rtol: 0, atol: 0.4 } });
    expect(belowChance.diagnose(input)).toBeNull();
  });

  it.each<[string, Record<string, number> | undefined]>([
    ["no factors", undefined],
    ["no classes factor", { N: 10 }],
    ["one class", { classes: 1 }],
    ["zero classes", { classes: 0 }],
    ["a fractional number of classes", { classes: 2.5 }],
    ["NaN classes", { classes: Number.NaN }],
    ["infinitely many classes", { classes: Number.POSITIVE_INFINITY }],
  ])("needs a number of classes: says nothing with %s", (_, factors) => {
    const input = accuracyInput({ received: 0.078 });
    if (factors === undefined) delete input.factors;
    else input.factors = factors;
    expect(belowChance.diagnose(input)).toBeNull();
  });

  it.each<[string, Value, Value]>([
    ["a negative accuracy", 0.5, -0.05],
    ["an accuracy above 100", 0.5, 780],
    ["a NaN", 0.5, Number.NaN],
    ["a NaN reference", Number.NaN, 0.05],
    ["an infinite reference", Number.POSITIVE_INFINITY, 0.05],
    ["a list of accuracies", [0.5, 0.5], [0.078, 0.078]],
    ["a string", 0.5, "7.8%"],
  ])("says nothing about %s", (_, expected, received) => {
    expect(belowChance.diagnose(accuracyInput({ expected, received }))).toBeNull();
  });
});
