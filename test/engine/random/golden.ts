/** The numpy oracle written by test/golden/make_random_golden.py, and an exact comparison. */
import { readFileSync } from "node:fs";
import { expect } from "vitest";

export interface GoldenArray {
  shape: number[];
  values: number[];
}

interface GoldenSeed {
  seed: number;
  raw_uint32: number[];
  state: { key_head: number[]; key_tail: number[]; pos: number };
  rand_5: GoldenArray;
  randn_7: GoldenArray;
}

export type DistributionArrayName =
  | "normal_2_3_5"
  | "uniform_m1_1_5"
  | "randint_0_10_20"
  | "randint_m5_5_10"
  | "randint_0_2p31_5"
  | "randint_0_2p32_5"
  | "randint_0_2p40_5"
  | "randint_3_4_size_4"
  | "choice_10_5_no_replace"
  | "choice_5_10_p"
  | "choice_5_3_no_replace_p"
  | "choice_values_6"
  | "permutation_10"
  | "permutation_values"
  | "permutation_rows"
  | "shuffle_arange_10"
  | "permutation_1000_seed_42";

export interface RandomGolden {
  seeds: GoldenSeed[];
  array_seeds: Array<{ seed: number[]; raw_uint32: number[] }>;
  cs231n: Record<
    "seed0_randn_4x10" | "seed0_then_randn_10x3" | "W1" | "W2" | "seed1_X" | "seed0_choice_5_200",
    GoldenArray
  >;
  distributions: Record<DistributionArrayName, GoldenArray> & { randint_7_scalar: number; choice_scalar: number };
  streams: {
    interleaved_seed0: { randn_3: GoldenArray; rand_2: GoldenArray; randn_1: GoldenArray; randn_scalar: number };
    cached_after_randn_3: { pos: number; has_gauss: boolean; gauss: number };
    reseed_drops_cache: GoldenArray;
    raw_uint32_seed5_1300: number[];
    rand_700_seed3: GoldenArray;
    randn_4000_seed42: { numpy: number[]; correctly_rounded_log: number[]; pairs_where_libm_log_misrounds: number[] };
  };
  log: { inputs: number[]; correctly_rounded: number[] };
}

export const golden: RandomGolden = JSON.parse(
  readFileSync(new URL("../../golden/numpy-random.json", import.meta.url), "utf8"),
);

/** Every value bit-identical (Object.is), reporting the first few that are not. */
export function expectExact(actual: ArrayLike<number>, expected: readonly number[]): void {
  const mismatches: string[] = [];
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (!Object.is(actual[i], expected[i])) mismatches.push(`[${i}] got ${actual[i]}, numpy ${expected[i]}`);
  }
  expect(actual.length, "length").toBe(expected.length);
  expect(mismatches.slice(0, 5)).toEqual([]);
}

export function expectExactArray(actual: { shape: number[]; data: ArrayLike<number> }, expected: GoldenArray): void {
  expect(actual.shape).toEqual(expected.shape);
  expectExact(actual.data, expected.values);
}
