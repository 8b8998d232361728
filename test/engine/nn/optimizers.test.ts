import { describe, expect, it } from "vitest";
import { createOptimizer, type OptimizerSpec } from "../../../src/engine/nn/optimizers.ts";
import { expectAllClose, type GoldenArray, loadGolden } from "./golden.ts";

interface OptimGolden {
  start: GoldenArray[];
  grads: GoldenArray[][];
  runs: Array<{ name: string; spec: OptimizerSpec; lr: number; trajectory: GoldenArray[][] }>;
}

const golden = loadGolden<OptimGolden>("nn-optim.json");

describe("optimiser steps against numpy", () => {
  for (const run of golden.runs) {
    it(`${run.name}: every step`, () => {
      const optimizer = createOptimizer(run.spec);
      const params = golden.start.map((p) => Float64Array.from(p.values));
      golden.grads.forEach((step, t) => {
        optimizer.step(params, step.map((g) => Float64Array.from(g.values)), run.lr);
        run.trajectory[t]!.forEach((expected, i) => {
          expectAllClose(params[i]!, expected.values, 1e-14, 1e-15);
        });
      });
    });
  }
});

describe("optimisers", () => {
  it("sgd subtracts lr * g", () => {
    const w = Float64Array.from([1, 2]);
    createOptimizer({ kind: "sgd" }).step([w], [Float64Array.from([10, -10])], 0.1);
    expect(Array.from(w)).toEqual([0, 3]);
  });

  it("momentum carries the velocity v = mu v - lr g into the next step", () => {
    const w = Float64Array.from([0]);
    const optimizer = createOptimizer({ kind: "momentum", mu: 0.5 });
    optimizer.step([w], [Float64Array.from([1])], 1);
    expect(w[0]).toBe(-1);
    optimizer.step([w], [Float64Array.from([0])], 1);
    expect(w[0]).toBe(-1.5);
  });

  it("adam's first step moves every weight by about lr, whatever the gradient's size", () => {
    const w = Float64Array.from([0, 0, 0]);
    createOptimizer({ kind: "adam" }).step([w], [Float64Array.from([1e-3, 5, -200])], 0.01);
    expectAllClose(w, [-0.01, -0.01, 0.01], 1e-5);
  });

  it("refuse bad settings and gradients of another shape", () => {
    expect(() => createOptimizer({ kind: "momentum", mu: 1 })).toThrow("momentum: mu must be in [0, 1), got 1");
    expect(() => createOptimizer({ kind: "adam", delta: -1 })).toThrow("adam: delta must be >= 0, got -1");
    expect(() => createOptimizer({ kind: "sgd" }).step([new Float64Array(2)], [new Float64Array(3)], 0.1)).toThrow(
      "sgd: parameter 0 has 2 values, its gradient 3",
    );
  });
});
