import { type Backend, backend, useBackend } from "../../../src/engine/kernels/index.ts";
import { mnistSplit } from "../../../src/engine/data/mnist-split.ts";
import { imageDataSet } from "../../../src/engine/nn/metrics.ts";
import { createNetwork } from "../../../src/engine/nn/network.ts";
import { trainNetwork } from "../../../src/engine/nn/training.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";

let split: ReturnType<typeof mnistSplit> | undefined;

/**
 * One epoch of the benchmark network (784-256-128-64-32-10, relu, he_normal,
 * batches of 128) on the first `trainImages` MNIST training images, trained
 * on `target`: its parameters (W and b per layer) and validation losses on
 * the first `validationImages` validation images.
 */
export function trainedOn(target: Backend, trainImages: number, validationImages: number): { parameters: Float64Array[]; loss: number[] } {
  split ??= mnistSplit(0);
  const take = (set: ReturnType<typeof mnistSplit>["train"], count: number) => ({
    ...set,
    count,
    images: set.images.subarray(0, count * 784),
    labels: set.labels.subarray(0, count),
  });
  const train = imageDataSet(take(split.train, trainImages));
  const validation = imageDataSet(take(split.validation, validationImages));
  const previous = backend();
  useBackend(target);
  try {
    const rng = new NumpyRandomState(0);
    const network = createNetwork({ sizes: [784, 256, 128, 64, 32, 10], hidden: "relu", output: "softmax", weights: { kind: "he_normal" } }, rng);
    const result = trainNetwork(network, train, validation, { epochs: 1, batchSize: 128, learningRate: 0.05, loss: { kind: "cross_entropy" }, rng });
    return { parameters: network.layers.flatMap((layer) => [layer.weights.data, layer.bias]), loss: result.history.valLoss };
  } finally {
    useBackend(previous);
  }
}
