import { describe, expect, it } from "vitest";
import { numericalGradient, relativeError } from "../../../src/engine/gradcheck.ts";
import { Matrix } from "../../../src/engine/matrix.ts";
import type { ActivationName, ActivationSpec } from "../../../src/engine/activations.ts";
import { type LossSpec, lossDivisor, lossSum, writeOutputGradient } from "../../../src/engine/nn/loss-head.ts";
import type { Targets } from "../../../src/engine/losses.ts";
import { evaluate } from "../../../src/engine/nn/metrics.ts";
import { createGradients, createNetwork, type Network } from "../../../src/engine/nn/network.ts";
import { backward, createWorkspace, type Dropout, forward, predictOutputs, WorkspacePool } from "../../../src/engine/nn/propagation.ts";
import { addL2Gradient, type L2Spec, l2Penalty } from "../../../src/engine/nn/regularization.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";

interface Case {
  name: string;
  sizes: number[];
  hidden: ActivationName | ActivationSpec;
  output: ActivationName | ActivationSpec;
  loss: LossSpec;
  l2?: L2Spec;
  keepProb?: number;
}

const CASES: Case[] = [
  { name: "sigmoid, softmax, cross-entropy, full L2", sizes: [3, 5, 4, 3], hidden: "sigmoid", output: "softmax", loss: { kind: "cross_entropy" }, l2: { lambda: 0.1, convention: "full" } },
  { name: "tanh, identity, mean squared error, half L2 with biases", sizes: [3, 4, 4, 2], hidden: "tanh", output: "identity", loss: { kind: "mse", convention: "mean" }, l2: { lambda: 0.05, convention: "half", includeBiases: true } },
  { name: "leaky relu, sigmoid, 1/2 sum over samples", sizes: [3, 5, 2], hidden: { kind: "leaky_relu", slope: 0.2 }, output: "sigmoid", loss: { kind: "mse", convention: "half_sum_over_samples" } },
  { name: "relu, softmax output under a squared error", sizes: [3, 6, 3], hidden: "relu", output: "softmax", loss: { kind: "mse", convention: "half_sum" } },
  { name: "relu with inverted dropout", sizes: [3, 6, 5, 3], hidden: "relu", output: "softmax", loss: { kind: "cross_entropy" }, keepProb: 0.7 },
];

const ROWS = 7;

function setUp(c: Case): { network: Network; x: Matrix; targets: Targets } {
  const rng = new NumpyRandomState(17);
  const network = createNetwork({ sizes: c.sizes, hidden: c.hidden, output: c.output, weights: { kind: "normal", std: 0.8 }, bias: { kind: "normal", std: 0.3 } }, rng);
  const x = new Matrix(ROWS, c.sizes[0]!, rng.randn(ROWS * c.sizes[0]!).data);
  const outputs = c.sizes.at(-1)!;
  const targets = c.loss.kind === "cross_entropy" ? Int32Array.from(rng.randint(0, outputs, ROWS).data) : new Matrix(ROWS, outputs, rng.rand(ROWS * outputs).data);
  return { network, x, targets };
}

describe("network backward against centred differences", () => {
  for (const c of CASES) {
    it(`${c.name}: every parameter's relative error below 1e-7`, () => {
      const { network, x, targets } = setUp(c);
      const ws = createWorkspace(network, ROWS, { gradients: true, dropout: c.keepProb !== undefined });
      // the same masks on every pass: a fresh stream with the same seed
      const dropout = (): Dropout | undefined => (c.keepProb === undefined ? undefined : { keepProb: c.keepProb, rng: new NumpyRandomState(99) });
      const loss = () => {
        forward(network, x, ws, dropout());
        const data = lossSum(c.loss, ws, targets) / lossDivisor(c.loss, ROWS, c.sizes.at(-1)!);
        return c.l2 === undefined ? data : data + l2Penalty(network, c.l2);
      };
      loss();
      const grads = createGradients(network);
      writeOutputGradient(c.loss, ws, targets);
      backward(network, x, ws, grads);
      if (c.l2 !== undefined) addL2Gradient(network, c.l2, grads);
      network.layers.forEach((layer, l) => {
        expect(relativeError(grads.weights[l]!.data, numericalGradient(loss, layer.weights.data)), `W${l + 1}`).toBeLessThan(1e-7);
        expect(relativeError(grads.bias[l]!, numericalGradient(loss, layer.bias)), `b${l + 1}`).toBeLessThan(1e-7);
      });
    });
  }
});

describe("inverted dropout", () => {
  it("keeps a unit with probability keepProb and scales it by 1 / keepProb", () => {
    const network = createNetwork({ sizes: [4, 50, 2], hidden: "sigmoid", output: "softmax", weights: { kind: "normal", std: 1 } }, new NumpyRandomState(2));
    const x = new Matrix(40, 4, new NumpyRandomState(3).randn(160).data);
    const ws = createWorkspace(network, 40, { gradients: true, dropout: true });
    const keepProb = 0.75;
    const rng = new NumpyRandomState(4);
    forward(network, x, ws, { keepProb, rng });
    const a = ws.a[0]!.data;
    const passed = ws.passed[0]!.data;
    let kept = 0;
    for (let i = 0; i < a.length; i++) {
      if (passed[i] === 0) continue;
      kept++;
      expect(passed[i]).toBe(a[i]! * (1 / keepProb));
    }
    expect(kept / a.length).toBeGreaterThan(0.7);
    expect(kept / a.length).toBeLessThan(0.8);
    // numpy's mask: (rand(40, 50) < keep) / keep, row-major, from the stream's start
    const u = new NumpyRandomState(4).rand(40, 50).data;
    expect(Array.from(ws.masks[0]!)).toEqual(Array.from(u, (v) => (v < keepProb ? 1 / keepProb : 0)));
    // the output layer is never dropped
    expect(ws.masks[1]).toBeNull();
  });

  it("refuses dropout on a workspace made without it", () => {
    const network = createNetwork({ sizes: [2, 3, 2], hidden: "relu", output: "softmax", weights: { kind: "he_normal" } }, new NumpyRandomState(0));
    const ws = createWorkspace(network, 1, { gradients: false, dropout: false });
    expect(() => forward(network, Matrix.from([[1, 2]]), ws, { keepProb: 0.5, rng: new NumpyRandomState(0) })).toThrow(
      "forward: dropout needs a workspace made with dropout",
    );
  });
});

describe("forward", () => {
  it("gives the same outputs in chunks of any size", () => {
    const { network, x, targets } = setUp(CASES[0]!);
    const whole = predictOutputs(network, x, new WorkspacePool(network), 1000);
    const chunked = predictOutputs(network, x, new WorkspacePool(network), 3);
    expect(Array.from(chunked.data)).toEqual(Array.from(whole.data));
    const loss: LossSpec = { kind: "cross_entropy" };
    expect(evaluate(network, { x, targets }, loss, { chunkRows: 2 })).toEqual(evaluate(network, { x, targets }, loss));
  });

  it("refuses inputs of the wrong width", () => {
    const { network } = setUp(CASES[0]!);
    const ws = createWorkspace(network, 1, { gradients: false, dropout: false });
    expect(() => forward(network, Matrix.from([[1, 2]]), ws)).toThrow("forward: x is 1x2, the network takes 3 inputs");
  });
});
