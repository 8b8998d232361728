import { describe, expect, it } from "vitest";
import { contentChecksum } from "../../../src/engine/data/checksum.ts";
import { HW3B_MOONS, hw3bMoons, makeMoons } from "../../../src/engine/data/moons.ts";
import { EngineArgumentError } from "../../../src/engine/errors.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { expectExact } from "../random/golden.ts";
import { expectSameBits } from "../same-bits.ts";
import { moonsGolden } from "./golden.ts";

describe("makeMoons", () => {
  it.each(moonsGolden.cases.map((c) => [JSON.stringify(c.n_samples), c.seed, c.noise, c.shuffle, c] as const))(
    "samples %s, seed %d, noise %s, shuffle %s: as numpy replays sklearn",
    (_, seed, noise, shuffle, golden) => {
      const moons = makeMoons(new NumpyRandomState(seed), { samples: golden.n_samples, noise, shuffle });
      expect(moons.count).toBe(golden.labels.length);
      expect(Array.from(moons.labels)).toEqual(golden.labels);
      expectExact(moons.points, golden.points);
    },
  );

  it("shuffles as sklearn documents: shuffle([0, 1, 2], random_state=0) is [2, 1, 0]", () => {
    // one outer point (label 0) and two inner ones (label 1), rows taken in the order [2, 1, 0]
    const moons = makeMoons(new NumpyRandomState(0), { samples: [1, 2] });
    expect(Array.from(moons.labels)).toEqual([1, 1, 0]);
    expect(Array.from(moons.points.subarray(2, 6))).toEqual([0, 0.5, 1, 0]);
  });

  it("draws nothing without noise and shuffling", () => {
    const stream = new NumpyRandomState(5);
    makeMoons(stream, { samples: 9, shuffle: false });
    expect(stream.rand()).toBe(new NumpyRandomState(5).rand());
  });

  it.each([
    [{ samples: -1 }, "makeMoons: samples must be a non-negative integer, got -1"],
    [{ samples: 2.5 }, "makeMoons: samples must be a non-negative integer, got 2.5"],
    [{ samples: [3, -2] as [number, number] }, "makeMoons: samples[1] must be a non-negative integer, got -2"],
    [{ samples: [3] as unknown as [number, number] }, "makeMoons: samples must be a count or a pair [outer, inner]"],
    [{ samples: 10, noise: -0.1 }, "makeMoons: noise must be >= 0, got -0.1"],
    [{ samples: 10, noise: Number.NaN }, "makeMoons: noise must be a finite number, got NaN"],
  ])("refuses %j", (options, message) => {
    expect(() => makeMoons(new NumpyRandomState(0), options)).toThrow(EngineArgumentError);
    expect(() => makeMoons(new NumpyRandomState(0), options)).toThrow(message);
  });
});

describe("hw3bMoons", () => {
  const golden = moonsGolden.hw3b;
  const { train, validation } = hw3bMoons();

  it("is the documented spec", () => {
    expect(HW3B_MOONS).toEqual({ seed: golden.seed, noise: golden.noise, train: golden.train, validation: golden.validation });
  });

  it("has 1,000 training and 500 validation points, classes balanced", () => {
    expect([train.count, validation.count]).toEqual([1000, 500]);
    const counts = (labels: Int32Array) => [0, 1].map((label) => labels.filter((l) => l === label).length);
    expect(counts(train.labels)).toEqual(golden.train_class_counts);
    expect(counts(validation.labels)).toEqual(golden.validation_class_counts);
  });

  it("equals numpy's replay of make_moons(1000), then make_moons(500), on one stream", () => {
    expectExact(train.points.subarray(0, 10), golden.train_head);
    expectExact(validation.points.subarray(0, 10), golden.validation_head);
    expect(Array.from(train.labels.subarray(0, 20))).toEqual(golden.train_labels_head);
    expect(contentChecksum(train.points, train.labels)).toBe(golden.train_sha256);
    expect(contentChecksum(validation.points, validation.labels)).toBe(golden.validation_sha256);
  });

  it("is the same on every call", () => {
    expectSameBits(hw3bMoons().validation.points, validation.points);
  });
});
