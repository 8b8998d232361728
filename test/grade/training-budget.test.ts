import { describe, expect, it } from "vitest";
import { type DenseTraining, denseTrainingCost, RETRAINING_BUDGET, retrainingRefusal } from "../../src/grade/training-budget.ts";

/** hw3b t4's retraining of one trial: two moons (1,000 train / 500 validation), 100 epochs, 3 seeds */
const trial = (layers: number, units: number, batchSize: number): DenseTraining => ({
  inputs: 2,
  classes: 2,
  layers,
  units,
  samples: 1000,
  batchSize,
  epochs: 100,
  evaluated: 500,
  runs: 3,
});

describe("the training budget", () => {
  it.each([
    ["the base model", 2, 10, 32],
    ["the reference search's largest trial", 2, 20, 16],
    ["3 x 25 units at batch 32", 3, 25, 32],
    ["3 x 25 units at batch 1", 3, 25, 1],
    ["one layer of 200 units", 1, 200, 32],
    ["10 layers of 10 units", 10, 10, 32],
  ])("retrains %s", (_, layers, units, batch) => {
    expect(retrainingRefusal(trial(layers, units, batch))).toBeUndefined();
  });

  it.each([
    ["1997 layers of one unit at batch 1", 1997, 1, 1, "1997 hidden layers; the grader retrains at most 20"],
    ["1000 units", 1, 1000, 32, "1000 units per layer; the grader retrains at most 256"],
    ["3 x 64 units", 3, 64, 32, "retraining it costs 5.4 times the training the grader spends on one submission"],
    ["20 layers of 12 units at batch 1", 20, 12, 1, "retraining it costs 2.2 times the training the grader spends on one submission"],
  ])("refuses %s, and says why", (_, layers, units, batch, reason) => {
    expect(retrainingRefusal(trial(layers, units, batch))).toBe(reason);
  });

  it("counts the per-step work of small batches, and a batch past the training set as the whole set", () => {
    expect(denseTrainingCost(trial(3, 25, 1))).toBeGreaterThan(denseTrainingCost(trial(3, 25, 32)));
    expect(denseTrainingCost(trial(3, 25, 4096))).toBe(denseTrainingCost(trial(3, 25, 1000)));
    // the case the cost model was made for: within a multiply-adds-per-sample cap, but minutes of training
    expect(denseTrainingCost({ ...trial(1997, 1, 1) })).toBeGreaterThan(10 * RETRAINING_BUDGET);
  });

  it("costs a size that is not a positive number as too much, never as nothing", () => {
    expect(denseTrainingCost(trial(0, 10, 32))).toBe(Number.POSITIVE_INFINITY);
    expect(denseTrainingCost(trial(2, Number.NaN, 32))).toBe(Number.POSITIVE_INFINITY);
    expect(retrainingRefusal(trial(2, 10, 0))).toMatch(/^retraining it costs Infinity times/);
  });
});
