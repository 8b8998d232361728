import { describe, expect, it } from "vitest";
import { Matrix } from "../../../src/engine/matrix.ts";
import { evaluate } from "../../../src/engine/nn/metrics.ts";
import { cloneNetwork, createNetwork, networkFromLayers } from "../../../src/engine/nn/network.ts";
import { trainNetwork } from "../../../src/engine/nn/training.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { expectAllClose } from "./golden.ts";
import { buildRun, runData, trainGolden } from "./train-golden.ts";

describe("mini-batch training against numpy's loop", () => {
  for (const golden of trainGolden.runs) {
    it(`reproduces ${golden.config.name}`, () => {
      const { network, options } = buildRun(golden.config);
      const { train, validation } = runData(golden.config);
      const result = trainNetwork(network, train, validation, options);
      expect(result.epochsRun).toBe(golden.epochsRun);
      expect(result.stoppedEarly).toBe(golden.stoppedEarly);
      expect(result.bestEpoch).toBe(golden.bestEpoch);
      expect(result.diverged).toBe(false);
      for (const key of ["trainLoss", "valLoss", "batchLoss", "learningRate"] as const) {
        expectAllClose(result.history[key], golden.history[key], 1e-9);
      }
      expect(result.history.trainAccuracy).toEqual(golden.history.trainAccuracy);
      expect(result.history.valAccuracy).toEqual(golden.history.valAccuracy);
      expect(result.snapshots.map((s) => s.epoch)).toEqual(golden.snapshots.map((s) => s.epoch));
      result.snapshots.forEach((snapshot, i) => {
        const expected = golden.snapshots[i]!.layers;
        expectAllClose(snapshot.layers.map((layer) => layer.meanAbs), expected.map((layer) => layer.meanAbs), 1e-9);
        expect(snapshot.layers.map((layer) => layer.saturated)).toEqual(expected.map((layer) => layer.saturated));
      });
      golden.final.forEach((layer, l) => {
        expectAllClose(network.layers[l]!.weights.data, layer.W.values, 1e-9, 1e-12);
        expectAllClose(network.layers[l]!.bias, layer.b.values, 1e-9, 1e-12);
      });
    });
  }
});

describe("training", () => {
  it("gives bit-identical histories and weights for the same seed", () => {
    const golden = trainGolden.runs.find((run) => run.config.dropout !== undefined)!;
    const runs = [0, 1].map(() => {
      const { network, options } = buildRun(golden.config);
      const { train, validation } = runData(golden.config);
      return { result: trainNetwork(network, train, validation, options), network };
    });
    expect(runs[1]!.result).toEqual(runs[0]!.result);
    runs[0]!.network.layers.forEach((layer, l) => {
      expect(Array.from(runs[1]!.network.layers[l]!.weights.data)).toEqual(Array.from(layer.weights.data));
    });
  });

  it("gives a different run for a different seed", () => {
    const golden = trainGolden.runs[0]!;
    const histories = [golden.config.seed, golden.config.seed + 1].map((seed) => {
      const { network, options } = buildRun({ ...golden.config, seed });
      const { train, validation } = runData(golden.config);
      return trainNetwork(network, train, validation, options).history.trainLoss;
    });
    expect(histories[1]).not.toEqual(histories[0]);
  });

  it("stops early and puts back the weights of the best validation loss", () => {
    const golden = trainGolden.runs.find((run) => run.config.earlyStopping !== undefined)!;
    const { network, options } = buildRun(golden.config);
    const { train, validation } = runData(golden.config);
    const result = trainNetwork(network, train, validation!, options);
    expect(result.stoppedEarly).toBe(true);
    expect(result.epochsRun).toBeLessThan(golden.config.epochs);
    const best = result.bestEpoch!;
    expect(best).toBeLessThan(result.epochsRun);
    const bestLoss = result.history.valLoss[best - 1]!;
    expect(Math.min(...result.history.valLoss)).toBe(bestLoss);
    expect(evaluate(network, validation!, golden.config.loss).loss).toBe(bestLoss);
  });

  it("keeps the last weights when restoreBest is false", () => {
    const golden = trainGolden.runs.find((run) => run.config.earlyStopping !== undefined)!;
    const { network, options } = buildRun(golden.config);
    const { train, validation } = runData(golden.config);
    const result = trainNetwork(network, train, validation!, { ...options, earlyStopping: { patience: 2, restoreBest: false } });
    expect(evaluate(network, validation!, golden.config.loss).loss).toBe(result.history.valLoss.at(-1));
  });

  it("decays the learning rate per iteration and per epoch", () => {
    const golden = trainGolden.runs[0]!;
    const { network, options } = buildRun(golden.config);
    const { train } = runData(golden.config);
    const perIteration = trainNetwork(cloneNetwork(network), train, undefined, {
      ...options,
      epochs: 3,
      learningRateDecay: { factor: 0.5, every: "iteration" },
    });
    // 50 samples in batches of 16: 4 updates an epoch
    expect(perIteration.history.learningRate).toEqual([0.05, 0.05 * 0.5 ** 4, 0.05 * 0.5 ** 8]);
    const perEpoch = trainNetwork(network, train, undefined, { ...options, epochs: 3, learningRateDecay: { factor: 0.5, every: "epoch" } });
    expect(perEpoch.history.learningRate).toEqual([0.05, 0.025, 0.0125]);
  });

  it("marks a run diverged and stops when the loss stops being finite", () => {
    const network = networkFromLayers([{ weights: Matrix.from([[1], [1]]), bias: [0], activation: "identity" }]);
    const x = Matrix.from([[1e200, 1e200], [1, 2]]);
    const result = trainNetwork(network, { x, targets: Matrix.from([[0], [1]]) }, undefined, {
      epochs: 10,
      batchSize: 2,
      learningRate: 1,
      loss: { kind: "mse", convention: "mean" },
      shuffle: "none",
    });
    expect(result.diverged).toBe(true);
    expect(result.epochsRun).toBeLessThan(10);
  });

  it("refuses early stopping without validation data and cross-entropy without softmax", () => {
    const rng = new NumpyRandomState(0);
    const network = createNetwork({ sizes: [2, 3, 2], hidden: "relu", output: "sigmoid", weights: { kind: "he_normal" } }, rng);
    const data = { x: Matrix.from([[0, 1]]), targets: Int32Array.from([1]) };
    const base = { epochs: 1, batchSize: 1, learningRate: 0.1, rng };
    expect(() => trainNetwork(network, data, undefined, { ...base, loss: { kind: "cross_entropy" } })).toThrow(
      "train: cross_entropy needs a softmax output layer, this network ends in sigmoid",
    );
    expect(() =>
      trainNetwork(network, data, undefined, { ...base, loss: { kind: "mse", convention: "mean" }, earlyStopping: { patience: 1 } }),
    ).toThrow("train: early stopping needs validation data");
    expect(() => trainNetwork(network, data, undefined, { ...base, rng: undefined, loss: { kind: "mse", convention: "mean" } })).toThrow(
      'train: shuffle "permutation" needs an rng',
    );
  });
});
