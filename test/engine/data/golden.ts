/** The oracle written by test/golden/make_data_golden.py (numpy and mpmath). */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export interface SplitGolden {
  seed: number;
  train_count: number;
  validation_count: number;
  train_per_digit: number[];
  validation_per_digit: number[];
  train_indices_head: number[];
  train_indices_tail: number[];
  validation_indices_head: number[];
  train_indices_sha256: string;
  validation_indices_sha256: string;
  train_sha256: string;
  validation_sha256: string;
}

export interface MnistGolden {
  count: number;
  per_digit: number[];
  canonical_sha256: string;
  min: number;
  max: number;
  sample_0_sum: number;
  sample_9999_sum: number;
  split_seed_0: SplitGolden;
  split_seed_7: SplitGolden;
}

export interface MoonsCase {
  n_samples: number | [number, number];
  seed: number;
  noise: number | null;
  shuffle: boolean;
  points: number[];
  labels: number[];
}

export interface MoonsGolden {
  cases: MoonsCase[];
  hw3b: {
    seed: number;
    noise: number;
    train: number;
    validation: number;
    train_head: number[];
    train_labels_head: number[];
    validation_head: number[];
    train_class_counts: number[];
    validation_class_counts: number[];
    train_sha256: string;
    validation_sha256: string;
    numpy_native_values_differing: number;
  };
  trig: {
    inputs: number[];
    cos: number[];
    sin: number[];
    libm_misrounded: number[];
    grid_1000_cos_sha256: string;
    grid_1000_sin_sha256: string;
  };
}

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../golden/${name}`, import.meta.url), "utf8")) as T;
}

export const mnistGolden = load<MnistGolden>("data-mnist.json");
export const moonsGolden = load<MoonsGolden>("data-moons.json");

/** sha256 of a typed array's bytes (little-endian on every platform node runs tests on) */
export function bytesSha256(values: Int32Array | Float64Array): string {
  return createHash("sha256").update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest("hex");
}
