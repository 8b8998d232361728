/** Seed 004 (cse343 s1): one SGD step per sample through relu(w1 x + b1) -> w2 a1 + b2, L = 1/2 (a2 - y)^2. */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../../src/engine/matrix.ts";
import { lossSum, writeOutputGradient } from "../../../src/engine/nn/loss-head.ts";
import { createGradients, gradientBuffers, type Network, networkFromLayers, parameterBuffers } from "../../../src/engine/nn/network.ts";
import { createOptimizer } from "../../../src/engine/nn/optimizers.ts";
import { backward, createWorkspace, forward } from "../../../src/engine/nn/propagation.ts";
import { loadGolden } from "./golden.ts";

const KEYS = ["z1", "a1", "z2", "a2", "L", "grad_w1", "grad_b1", "grad_w2", "grad_b2", "w1", "b1", "w2", "b2"] as const;
type Step = Record<(typeof KEYS)[number], number>;
type Params = Pick<Step, "w1" | "b1" | "w2" | "b2">;

interface HandGolden {
  samples: [number, number][];
  eta: number;
  start: Params;
  steps: Step[];
  seed_printed: Step[];
  seed_step3_from_its_own_step2: Step;
}

const golden = loadGolden<HandGolden>("nn-hand-backprop.json");
const HALF_SUM = { kind: "mse", convention: "half_sum" } as const;

function network(p: Params): Network {
  return networkFromLayers([
    { weights: Matrix.from([[p.w1]]), bias: [p.b1], activation: "relu" },
    { weights: Matrix.from([[p.w2]]), bias: [p.b2], activation: "identity" },
  ]);
}

/** one sample through the engine: forward, loss, backward, one SGD step */
function step(net: Network, x: number, y: number, eta: number): Step {
  const ws = createWorkspace(net, 1, { gradients: true, dropout: false });
  const input = Matrix.from([[x]]);
  const target = Matrix.from([[y]]);
  forward(net, input, ws);
  const L = lossSum(HALF_SUM, ws, target) / 2;
  const grads = createGradients(net);
  writeOutputGradient(HALF_SUM, ws, target);
  backward(net, input, ws, grads);
  const record = {
    z1: ws.z[0]!.data[0]!,
    a1: ws.a[0]!.data[0]!,
    z2: ws.z[1]!.data[0]!,
    a2: ws.a[1]!.data[0]!,
    L,
    grad_w1: grads.weights[0]!.data[0]!,
    grad_b1: grads.bias[0]![0]!,
    grad_w2: grads.weights[1]!.data[0]!,
    grad_b2: grads.bias[1]![0]!,
  };
  createOptimizer({ kind: "sgd" }).step(parameterBuffers(net), gradientBuffers(grads), eta);
  const [first, second] = net.layers;
  return { ...record, w1: first!.weights.data[0]!, b1: first!.bias[0]!, w2: second!.weights.data[0]!, b2: second!.bias[0]! };
}

function run(): Step[] {
  const net = network(golden.start);
  return golden.samples.map(([x, y]) => step(net, x, y, golden.eta));
}

function expectWithin(actual: Step, expected: Step, keys: readonly (keyof Step)[], atol: number): void {
  const off = keys.filter((k) => !(Math.abs(actual[k] - expected[k]) <= atol)).map((k) => `${k}: ${actual[k]} vs ${expected[k]}`);
  expect(off).toEqual([]);
}

describe("hand backprop of seed 004", () => {
  it("gives numpy's numbers for all three steps, bit for bit", () => {
    const steps = run();
    steps.forEach((s, i) => {
      expect(s).toEqual(golden.steps[i]);
    });
  });

  it("agrees with the seed's first step exactly and its second to its 4 decimals, but for the swapped biases", () => {
    const [first, second] = run();
    expectWithin(first!, golden.seed_printed[0]!, KEYS, 1e-12);
    const unswapped = KEYS.filter((k) => k !== "b1" && k !== "b2");
    expectWithin(second!, golden.seed_printed[1]!, unswapped, 6e-5);
    // the seed updated b1 with b2's gradient and b2 with b1's
    expect(Math.abs(second!.b1 - golden.seed_printed[1]!.b1)).toBeGreaterThan(2e-4);
    expect(Math.abs(second!.b2 - golden.seed_printed[1]!.b2)).toBeGreaterThan(2e-4);
  });

  it("reproduces the seed's third step from the seed's own parameters after step 2 (error carried forward)", () => {
    const printed = golden.seed_printed[1]!;
    const carried = step(network(printed), 3, 5, golden.eta);
    expect(carried).toEqual(golden.seed_step3_from_its_own_step2);
    // the seed rounded as it went, so its numbers drift up to 2e-4
    expectWithin(carried, golden.seed_printed[2]!, KEYS, 2e-4);
  });
});
