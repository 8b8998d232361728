import { describe, expect, it } from "vitest";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { toNested } from "../../../src/engine/random/ndarray.ts";
import { expectExact, expectExactArray, golden } from "./golden.ts";

const fresh = (seed: number | number[]) => new NumpyRandomState(seed);
const d = golden.distributions;
const P = [0.1, 0.2, 0.3, 0.2, 0.2];

describe("NumpyRandomState per seed", () => {
  it.each(golden.seeds.map((entry) => [entry.seed, entry] as const))("seed %d: rand(5) and randn(7)", (seed, entry) => {
    expectExactArray(fresh(seed).rand(5), entry.rand_5);
    expectExactArray(fresh(seed).randn(7), entry.randn_7);
  });

  it("returns plain numbers without a size", () => {
    const expected = golden.seeds[0]?.rand_5.values[0];
    expect(fresh(0).rand()).toBe(expected);
    expect(fresh(0).randomSample()).toBe(expected);
    expect(fresh(0).randn()).toBe(golden.seeds[0]?.randn_7.values[0]);
  });
});

describe("the cs231n handout draws", () => {
  it("seed 0: W1 = 0.1 * randn(4, 10), then W2 = 0.1 * randn(10, 3)", () => {
    const rs = fresh(0);
    const first = rs.randn(4, 10);
    const second = rs.randn(10, 3);
    expectExactArray(first, golden.cs231n.seed0_randn_4x10);
    expectExactArray(second, golden.cs231n.seed0_then_randn_10x3);
    expectExact(first.data.map((v) => 0.1 * v), golden.cs231n.W1.values);
    expectExact(second.data.map((v) => 0.1 * v), golden.cs231n.W2.values);
  });

  it("lays randn(4, 10) out row-major, as numpy's tolist()", () => {
    const nested = toNested(fresh(0).randn(4, 10)) as number[][];
    const values = golden.cs231n.seed0_randn_4x10.values;
    expect(nested).toHaveLength(4);
    expect(nested[1]).toHaveLength(10);
    expect(nested[1]?.[2]).toBe(values[12]);
    expect(nested[3]?.[9]).toBe(values[39]);
  });

  it("seed 1: X = 10 * randn(5, 4)", () => {
    expectExact(fresh(1).randn(5, 4).data.map((v) => 10 * v), golden.cs231n.seed1_X.values);
  });

  it("seed 0: the training batches choice(5, 200)", () => {
    expectExactArray(fresh(0).choice(5, 200), golden.cs231n.seed0_choice_5_200);
  });
});

describe("distributions", () => {
  it("normal(2, 3, 5) and uniform(-1, 1, 5)", () => {
    expectExactArray(fresh(0).normal(2, 3, 5), d.normal_2_3_5);
    expectExactArray(fresh(0).uniform(-1, 1, 5), d.uniform_m1_1_5);
  });

  it.each([
    ["randint_0_10_20", 0, 10, 20],
    ["randint_m5_5_10", -5, 5, 10],
    ["randint_0_2p31_5", 0, 2 ** 31, 5],
    ["randint_0_2p32_5", 0, 2 ** 32, 5],
    ["randint_0_2p40_5", 0, 2 ** 40, 5],
    ["randint_3_4_size_4", 3, 4, 4],
  ] as const)("%s uses numpy's masked rejection", (name, low, high, size) => {
    expectExactArray(fresh(0).randint(low, high, size), d[name]);
  });

  it("randint(7) draws from [0, 7) as a number", () => {
    expect(fresh(0).randint(7)).toBe(d.randint_7_scalar);
  });

  it("choice without replacement, with p, with values, and as a scalar", () => {
    expectExactArray(fresh(0).choice(10, 5, false), d.choice_10_5_no_replace);
    expectExactArray(fresh(0).choice(5, 10, true, P), d.choice_5_10_p);
    expectExactArray(fresh(0).choice(5, 3, false, P), d.choice_5_3_no_replace_p);
    expectExactArray(fresh(0).choice([10, 20, 30, 40], 6), d.choice_values_6);
    expect(fresh(0).choice(5)).toBe(d.choice_scalar);
  });

  it("permutation of a count, of values and of rows; shuffle in place", () => {
    expectExact(fresh(0).permutation(10), d.permutation_10.values);
    expectExact(fresh(0).permutation([10, 20, 30, 40, 50]), d.permutation_values.values);
    const rows = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]];
    expectExact(fresh(0).permutation(rows).flat(), d.permutation_rows.values);
    expect(rows[0]).toEqual([1, 2]);
    const items = Array.from({ length: 10 }, (_, i) => i);
    fresh(0).shuffle(items);
    expectExact(items, d.shuffle_arange_10.values);
    expectExact(fresh(42).permutation(1000), d.permutation_1000_seed_42.values);
  });
});

describe("stream state", () => {
  it("keeps the cached normal across rand(), as numpy does", () => {
    const rs = fresh(0);
    const expected = golden.streams.interleaved_seed0;
    expectExactArray(rs.randn(3), expected.randn_3);
    expectExactArray(rs.rand(2), expected.rand_2);
    expectExactArray(rs.randn(1), expected.randn_1);
    expect(rs.randn()).toBe(expected.randn_scalar);
  });

  it("reports the cached normal in its state", () => {
    const rs = fresh(0);
    rs.randn(3);
    const state = rs.getState();
    const expected = golden.streams.cached_after_randn_3;
    expect({ pos: state.pos, hasGauss: state.hasGauss, gauss: state.gauss }).toEqual({
      pos: expected.pos,
      hasGauss: expected.has_gauss,
      gauss: expected.gauss,
    });
  });

  it("setState replays the same draws, cached normal included", () => {
    const rs = fresh(2);
    rs.randn(5);
    const saved = rs.getState();
    const ahead = [rs.randn(), rs.rand(), rs.randn()];
    rs.setState(saved);
    expect([rs.randn(), rs.rand(), rs.randn()]).toEqual(ahead);
  });

  it("seed() drops the cached normal", () => {
    const rs = fresh(0);
    rs.randn(1);
    rs.seed(0);
    expectExactArray(rs.randn(2), golden.streams.reseed_drops_cache);
  });

  it("rand(700) crosses a twist of the state", () => {
    expectExactArray(fresh(3).rand(700), golden.streams.rand_700_seed3);
  });

  it("a long normal run matches numpy wherever the C library's log rounds correctly", () => {
    const run = golden.streams.randn_4000_seed42;
    const ours = Array.from(fresh(42).randn(4000).data);
    expectExact(ours, run.correctly_rounded_log);
    const misrounded = new Set(run.pairs_where_libm_log_misrounds.flatMap((pair) => [2 * pair, 2 * pair + 1]));
    expect(misrounded.size).toBeGreaterThan(0);
    const keep = (_: number, i: number) => !misrounded.has(i);
    expectExact(ours.filter(keep), run.numpy.filter(keep));
  });
});

describe("argument errors", () => {
  it.each([
    ["randint with low >= high", () => fresh(0).randint(5, 5), /low >= high/],
    ["randint beyond 2**53", () => fresh(0).randint(0, 2 ** 60), /safe integers/],
    ["normal with a negative scale", () => fresh(0).normal(0, -1, 2), /scale must be >= 0/],
    ["uniform over an infinite range", () => fresh(0).uniform(-Infinity, 0, 2), /not finite/],
    ["a negative dimension", () => fresh(0).randn(2, -1), /non-negative integers/],
    ["choice with p of another length", () => fresh(0).choice(3, 2, true, P), /3 entries but p has 5/],
    ["choice with p not summing to 1", () => fresh(0).choice(2, 2, true, [0.5, 0.6]), /not 1/],
    ["choice with a negative p", () => fresh(0).choice(2, 2, true, [1.5, -0.5]), /non-negative/],
    ["choice of more than the population without replacement", () => fresh(0).choice(3, 4, false), /4 samples from 3/],
    ["choice from nothing", () => fresh(0).choice(0, 1), /cannot be empty/],
  ] as const)("rejects %s", (_, call, message) => {
    expect(call).toThrow(message);
  });
});
