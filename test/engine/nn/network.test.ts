import { describe, expect, it } from "vitest";
import { Matrix } from "../../../src/engine/matrix.ts";
import {
  cloneNetwork,
  copyParameters,
  createNetwork,
  layerFromColumnConvention,
  layerSizes,
  layerToColumnConvention,
  networkFromLayers,
  parameterCount,
} from "../../../src/engine/nn/network.ts";
import { predictOutputs } from "../../../src/engine/nn/propagation.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";

describe("networks", () => {
  it("count the autoencoder's 59 parameters (8-3-8) and the k-1 encoding's 52 (7-3-7)", () => {
    const spec = { hidden: "sigmoid", output: "sigmoid", weights: { kind: "normal", std: 0.1 } } as const;
    expect(parameterCount(createNetwork({ ...spec, sizes: [8, 3, 8] }, new NumpyRandomState(0)))).toBe(59);
    expect(parameterCount(createNetwork({ ...spec, sizes: [7, 3, 7] }, new NumpyRandomState(0)))).toBe(52);
    expect(parameterCount(createNetwork({ ...spec, sizes: [8, 3, 8] }, new NumpyRandomState(0)), false)).toBe(48);
  });

  it("take a column-convention layer (z = W x + b) as the same function in rows", () => {
    // W is 2 outputs x 3 inputs
    const W = Matrix.from([[1, 2, 3], [-1, 0, 4]]);
    const network = networkFromLayers([layerFromColumnConvention(W, [0.5, -0.5], "identity")]);
    expect(layerSizes(network)).toEqual([3, 2]);
    // column convention: W [1, 1, 2]^T + b = [1 + 2 + 6 + 0.5, -1 + 0 + 8 - 0.5]
    expect(predictOutputs(network, Matrix.from([[1, 1, 2]])).toArray()).toEqual([[9.5, 6.5]]);
    expect(layerToColumnConvention(network.layers[0]!).weights.toArray()).toEqual(W.toArray());
  });

  it("clone into independent copies and copy parameters back without reallocating", () => {
    const network = createNetwork({ sizes: [2, 3, 2], hidden: "tanh", output: "softmax", weights: { kind: "he_normal" } }, new NumpyRandomState(1));
    const copy = cloneNetwork(network);
    const buffer = network.layers[0]!.weights.data;
    const before = Array.from(buffer);
    copy.layers[0]!.weights.data[0] = 42;
    expect(network.layers[0]!.weights.data[0]).toBe(before[0]);
    copyParameters(copy, network);
    expect(network.layers[0]!.weights.data).toBe(buffer);
    expect(buffer[0]).toBe(42);
  });

  it("refuse layers that do not chain and biases of the wrong length", () => {
    expect(() =>
      networkFromLayers([
        { weights: new Matrix(2, 3), bias: [0, 0, 0], activation: "relu" },
        { weights: new Matrix(4, 1), bias: [0], activation: "identity" },
      ]),
    ).toThrow("networkFromLayers: layer 1: W is 4x1 but layer 0 has 3 outputs");
    expect(() => networkFromLayers([{ weights: new Matrix(2, 3), bias: [0], activation: "relu" }])).toThrow(
      "networkFromLayers: layer 0: b has 1 values but W is 2x3",
    );
  });
});
