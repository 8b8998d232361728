import { describe, expect, it, vi } from "vitest";
import { imageSetChecksum, loadBundledMnist, MNIST_PIXELS } from "../../../src/engine/data/mnist-bundled.ts";
import { mnistSplit, stratifiedSplitIndices } from "../../../src/engine/data/mnist-split.ts";
import { EngineArgumentError } from "../../../src/engine/errors.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { bytesSha256, mnistGolden, type SplitGolden } from "./golden.ts";
import { expectSameBits } from "../same-bits.ts";

const perDigit = (labels: Int32Array) =>
  Array.from({ length: 10 }, (_, digit) => labels.filter((label) => label === digit).length);

describe("mnistSplit", () => {
  it.each([mnistGolden.split_seed_0, mnistGolden.split_seed_7].map((g) => [g.seed, g] as const))(
    "seed %d gives numpy's split",
    (seed, golden: SplitGolden) => {
      const { train, validation } = mnistSplit(seed);
      expect([train.count, validation.count]).toEqual([golden.train_count, golden.validation_count]);
      expect(perDigit(train.labels)).toEqual(golden.train_per_digit);
      expect(perDigit(validation.labels)).toEqual(golden.validation_per_digit);
      expect(Array.from(train.indices.subarray(0, 25))).toEqual(golden.train_indices_head);
      expect(Array.from(train.indices.subarray(-5))).toEqual(golden.train_indices_tail);
      expect(Array.from(validation.indices.subarray(0, 25))).toEqual(golden.validation_indices_head);
      expect(bytesSha256(train.indices)).toBe(golden.train_indices_sha256);
      expect(bytesSha256(validation.indices)).toBe(golden.validation_indices_sha256);
      expect(imageSetChecksum(train)).toBe(golden.train_sha256);
      expect(imageSetChecksum(validation)).toBe(golden.validation_sha256);
    },
  );

  it("uses seed 0 by default", () => {
    expectSameBits(mnistSplit().train.indices, mnistSplit(0).train.indices);
  });

  it("draws from a passed stream and advances it by the recipe's draws only", () => {
    const stream = new NumpyRandomState(0);
    const split = mnistSplit(stream);
    expectSameBits(split.validation.indices, mnistSplit(0).validation.indices);
    const replay = new NumpyRandomState(0);
    for (const size of mnistGolden.per_digit) replay.permutation(size);
    replay.permutation(8000);
    replay.permutation(2000);
    expect(stream.rand()).toBe(replay.rand());
  });

  it("partitions the 10,000 digits and copies the rows it names", () => {
    const all = loadBundledMnist();
    const { train, validation } = mnistSplit(0);
    const seen = new Set([...train.indices, ...validation.indices]);
    expect(seen.size).toBe(10_000);
    for (const row of [0, 4321, 7999]) {
      const position = train.indices[row] as number;
      expect(train.labels[row]).toBe(all.labels[position]);
      expectSameBits(
        train.images.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS),
        all.images.subarray(position * MNIST_PIXELS, (position + 1) * MNIST_PIXELS),
        `row ${row}`,
      );
    }
  });
});

describe("stratifiedSplitIndices", () => {
  it("keeps 80% of each class, rounded half up", () => {
    const labels = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    const { train, validation } = stratifiedSplitIndices(labels, 3, new NumpyRandomState(1));
    const count = (indices: Int32Array, label: number) => [...indices].filter((i) => labels[i] === label).length;
    // 0.8 * 5 = 4, 0.8 * 3 = 2.4 -> 2, 0.8 * 2 = 1.6 -> 2
    expect([0, 1, 2].map((label) => count(train, label))).toEqual([4, 2, 2]);
    expect([0, 1, 2].map((label) => count(validation, label))).toEqual([1, 1, 0]);
  });

  it("refuses a label outside the classes", () => {
    expect(() => stratifiedSplitIndices(Int32Array.from([0, 3]), 3, new NumpyRandomState(0))).toThrow(EngineArgumentError);
    expect(() => stratifiedSplitIndices(Int32Array.from([0, 3]), 3, new NumpyRandomState(0))).toThrow(
      "stratifiedSplitIndices: label 1 is 3, expected [0, 3)",
    );
  });
});

describe("the split's labels alone", () => {
  it("are mnistSplit's labels, part for part, read without the pixels", async () => {
    // a fresh copy of the modules, so that the labels are counted from the files, not taken from loaded pixels
    vi.resetModules();
    const { mnistSplitLabels } = await import("../../../src/engine/data/mnist-split.ts");
    const bundled = await import("../../../src/engine/data/mnist-bundled.ts");
    expectSameBits(bundled.loadBundledMnistLabels(), loadBundledMnist().labels);
    for (const seed of [0, 7]) {
      const full = mnistSplit(seed);
      const labels = mnistSplitLabels(seed);
      expectSameBits(labels.train, full.train.labels, `seed ${seed} train`);
      expectSameBits(labels.validation, full.validation.labels, `seed ${seed} validation`);
    }
  });
});
