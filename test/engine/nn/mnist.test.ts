/**
 * The benchmark network (784-256-128-64-32-10 relu, He init, SGD lr 0.05,
 * batch 128) for 5 epochs on the bundled digits' split, against the same
 * run in numpy (nn-mnist.json), on the fastest gemm backend; the generous
 * timeout is a guard, not a speed check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeFastBackend, initFastBackend } from "../../../src/engine/kernels/fastest.ts";
import { mnistSplit } from "../../../src/engine/data/mnist-split.ts";
import { imageDataSet } from "../../../src/engine/nn/metrics.ts";
import { createNetwork } from "../../../src/engine/nn/network.ts";
import { trainNetwork } from "../../../src/engine/nn/training.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { expectAllClose, loadGolden } from "./golden.ts";
import type { GoldenRun, RunConfig } from "./train-golden.ts";

type MnistGolden = Omit<GoldenRun, "final" | "config"> & { config: RunConfig & { split_seed: number } };

const golden = loadGolden<MnistGolden>("nn-mnist.json");

describe("the benchmark network on the bundled digits", () => {
  // every backend gives the same bits (test/engine/kernels); the native or WebAssembly one only gives them sooner.
  // One thread: vitest runs other test files on the second core.
  beforeAll(async () => {
    await initFastBackend({ threads: 1 });
  });
  afterAll(disposeFastBackend);

  it("reaches numpy's validation accuracy after every one of 5 epochs", { timeout: 1_800_000 }, () => {
    const { config } = golden;
    const split = mnistSplit(config.split_seed);
    const rng = new NumpyRandomState(config.seed);
    const network = createNetwork({ sizes: config.sizes, hidden: config.hidden, output: config.output, weights: config.weights }, rng);
    const result = trainNetwork(
      network,
      imageDataSet(split.train),
      imageDataSet(split.validation),
      { epochs: config.epochs, batchSize: config.batchSize, learningRate: config.learningRate, loss: config.loss, rng, evaluateTrain: false },
    );
    // a different summation order in the products moves the losses by far less than this; an accuracy by at most a digit or two
    expectAllClose(result.history.valLoss, golden.history.valLoss, 1e-6);
    expectAllClose(result.history.batchLoss, golden.history.batchLoss, 1e-6);
    expectAllClose(result.history.valAccuracy, golden.history.valAccuracy, 0, 1.5e-3);
    expect(result.history.valAccuracy.at(-1)).toBeGreaterThan(0.89);
  });
});
