import { afterEach, describe, expect, it, vi } from "vitest";
import { createStream, forkSeed, rejectionSampleIndex } from "../../../src/engine/random/stream.ts";

/*
 * Goldens produced once, from the repository root, by this standalone script
 * that uses the seedrandom package directly (not our wrapper):
 *
 *   node --input-type=module -e '
 *   import seedrandom from "seedrandom";
 *   import { createHash } from "node:crypto";
 *   const alea = seedrandom.alea;
 *   const take = (g, n) => Array.from({ length: n }, () => g.double());
 *   console.log("42", take(alea("42"), 4));
 *   console.log("0", take(alea("0"), 3));
 *   console.log("fork 42 q2", take(alea(createHash("sha256").update(JSON.stringify(["42", "q2"])).digest("hex")), 3));
 *   console.log("ints 0..10 seed 7", Array.from({ length: 8 }, ((g) => () => Math.floor(g.double() * 2 ** 53) % 10)(alea("7"))));
 *   '
 */
const ALEA_42 = [0.6848634964661496, 0.8455933186223463, 0.563738122108285, 0.044950066283721446];
const ALEA_0 = [0.5945264335737063, 0.12979769093792703, 0.479257016189522];
const ALEA_FORK_42_Q2 = [0.3713779140816138, 0.43109888595734003, 0.6834344934305828];
const INTS_0_10_SEED_7 = [1, 7, 4, 7, 0, 9, 1, 4];

function draws(count: number, draw: () => number): number[] {
  return Array.from({ length: count }, draw);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createStream", () => {
  it("gives seedrandom's alea doubles for the seed", () => {
    const stream = createStream(42);
    expect(draws(4, () => stream.next())).toEqual(ALEA_42);
  });

  it("treats seed 0 as a seed, the same as the string '0'", () => {
    const numeric = createStream(0);
    const text = createStream("0");
    expect(numeric.seed).toBe("0");
    expect(draws(3, () => numeric.next())).toEqual(ALEA_0);
    expect(draws(3, () => text.next())).toEqual(ALEA_0);
  });

  it("repeats itself for the same seed and differs for another", () => {
    const a = createStream("variant-1");
    const b = createStream("variant-1");
    const c = createStream("variant-2");
    const first = draws(50, () => a.next());
    expect(draws(50, () => b.next())).toEqual(first);
    expect(draws(50, () => c.next())).not.toEqual(first);
  });

  it("draws in [0, 1) on a 2^-53 grid", () => {
    const stream = createStream(3);
    for (const x of draws(10_000, () => stream.next())) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      expect(Number.isInteger(x * 2 ** 53)).toBe(true);
    }
  });

  it("refuses a seed that is not a string or a finite number", () => {
    expect(() => createStream(Number.NaN)).toThrow("createStream: seed must be a string or a finite number, got NaN");
    expect(() => createStream(Number.POSITIVE_INFINITY)).toThrow("createStream: seed must be");
    expect(() => createStream(undefined as unknown as string)).toThrow("createStream: seed must be");
  });

  it("never calls Math.random and leaves it in place", () => {
    const original = Math.random;
    const spy = vi.spyOn(Math, "random");
    const stream = createStream(0);
    stream.next();
    stream.int(0, 7);
    stream.normal();
    stream.normal(1, 2);
    stream.shuffle([1, 2, 3, 4]);
    stream.fork("q2").next();
    expect(spy).toHaveBeenCalledTimes(0);
    vi.restoreAllMocks();
    expect(Math.random).toBe(original);
  });
});

describe("int", () => {
  it("maps the alea doubles to [lo, hi) as the golden script does", () => {
    const stream = createStream(7);
    expect(draws(8, () => stream.int(0, 10))).toEqual(INTS_0_10_SEED_7);
    const shifted = createStream(7);
    expect(draws(8, () => shifted.int(-5, 5))).toEqual(INTS_0_10_SEED_7.map((k) => k - 5));
  });

  it("reaches both bounds and never hi", () => {
    const stream = createStream("bounds");
    const seen = new Set(draws(2_000, () => stream.int(-3, 4)));
    expect([...seen].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(draws(100, () => stream.int(5, 6))).toEqual(new Array(100).fill(5));
  });

  it("is uniform over a range that is not a power of two", () => {
    const stream = createStream("counts");
    const n = 60_000;
    const counts = new Array(6).fill(0);
    for (let i = 0; i < n; i++) counts[stream.int(0, 6)]++;
    // chi-square with 5 degrees of freedom; 20.5 is its 0.999 quantile
    const expected = n / 6;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(20.5);
  });

  it("has no modulo bias where 2^53 is not a multiple of the range", () => {
    // range 3 * 2^51: k % range would put half the draws below 2^51 instead of a third
    const stream = createStream("bias");
    const n = 30_000;
    let low = 0;
    for (let i = 0; i < n; i++) if (stream.int(0, 3 * 2 ** 51) < 2 ** 51) low++;
    expect(Math.abs(low / n - 1 / 3)).toBeLessThan(0.015);
  });

  it("refuses bounds that are not safe integers or not increasing", () => {
    const stream = createStream(1);
    expect(() => stream.int(0, 2.5)).toThrow("int: bounds must be safe integers, got lo 0, hi 2.5");
    expect(() => stream.int(3, 3)).toThrow("int: hi must be > lo, got lo 3, hi 3");
    expect(() => stream.int(-(2 ** 52), 2 ** 52)).toThrow("int: hi - lo must be < 2**53");
  });
});

describe("rejectionSampleIndex", () => {
  it("rejects draws at or above the last whole multiple of the range", () => {
    const range = 3 * 2 ** 51; // 2^53 = range + 2^51, so draws from range up are rejected
    const queue = [range, 2 ** 53 - 1, range - 1];
    const drawn: number[] = [];
    const index = rejectionSampleIndex(() => {
      const k = queue.shift();
      if (k === undefined) throw new Error("drew more than the three queued values");
      drawn.push(k);
      return k;
    }, range);
    expect(drawn).toHaveLength(3);
    expect(index).toBe(range - 1);
  });

  it("accepts every draw when the range divides 2^53", () => {
    let calls = 0;
    const index = rejectionSampleIndex(() => {
      calls++;
      return 2 ** 53 - 1;
    }, 8);
    expect(calls).toBe(1);
    expect(index).toBe(7);
  });
});

describe("normal", () => {
  it("repeats for the same seed", () => {
    const a = createStream(11);
    const b = createStream(11);
    expect(draws(101, () => a.normal())).toEqual(draws(101, () => b.normal()));
  });

  it("uses two uniforms per accepted pair and returns the pair's second value first", () => {
    const stream = createStream(5);
    const uniforms = createStream(5);
    const z1 = stream.normal();
    const z2 = stream.normal();
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * uniforms.next() - 1;
      x2 = 2 * uniforms.next() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const factor = Math.sqrt((-2 * Math.log(r2)) / r2);
    expect(z1).toBeCloseTo(factor * x2, 14);
    expect(z2).toBeCloseTo(factor * x1, 14);
    expect(stream.next()).toBe(uniforms.next());
  });

  it("has the mean and standard deviation asked for", () => {
    const stream = createStream("moments");
    const n = 40_000;
    const xs = draws(n, () => stream.normal(3, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    // standard errors: 2/sqrt(n) = 0.01 for the mean, about 0.03 for the variance
    expect(Math.abs(mean - 3)).toBeLessThan(0.05);
    expect(Math.abs(variance - 4)).toBeLessThan(0.15);
  });

  it("refuses a negative or non-finite std", () => {
    expect(() => createStream(1).normal(0, -1)).toThrow("normal: std must be a finite number >= 0, got -1");
    expect(() => createStream(1).normal(Number.NaN)).toThrow("normal: mean must be a finite number, got NaN");
  });
});

describe("shuffle", () => {
  it("permutes in place, returns the same array and repeats for the same seed", () => {
    const a = Array.from({ length: 20 }, (_, i) => i);
    const result = createStream(9).shuffle(a);
    expect(result).toBe(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(createStream(9).shuffle(Array.from({ length: 20 }, (_, i) => i))).toEqual(a);
  });

  it("shuffles typed arrays", () => {
    const values = Float64Array.from([0.5, 1.5, 2.5, 3.5]);
    createStream(2).shuffle(values);
    expect([...values].sort()).toEqual([0.5, 1.5, 2.5, 3.5]);
  });

  it("makes the six orders of three items equally often", () => {
    const stream = createStream("orders");
    const n = 30_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = stream.shuffle(["a", "b", "c"]).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const expected = n / 6;
    const chiSquare = [...counts.values()].reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(20.5);
  });
});

describe("fork", () => {
  it("seeds alea with the hash of the parent seed and the label", () => {
    const child = createStream(42).fork("q2");
    expect(child.seed).toBe(forkSeed("42", "q2"));
    expect(draws(3, () => child.next())).toEqual(ALEA_FORK_42_Q2);
  });

  it("does not depend on how much of the parent was drawn", () => {
    const parent = createStream(42);
    const early = draws(5, () => parent.fork("q2").next());
    draws(100, () => parent.next());
    expect(draws(5, () => parent.fork("q2").next())).toEqual(early);
  });

  it("leaves the parent's own numbers unchanged", () => {
    const parent = createStream(42);
    parent.fork("q2").next();
    expect(draws(4, () => parent.next())).toEqual(ALEA_42);
  });

  it("gives different streams for different labels and parents", () => {
    const first = (label: string, seed: string | number = 42) => createStream(seed).fork(label).next();
    const values = [first("q1"), first("q2"), first(""), first("q1", 43), createStream(42).next()];
    expect(new Set(values).size).toBe(values.length);
    // the encoding keeps a separator in a seed or label from colliding
    expect(forkSeed("a/b", "c")).not.toBe(forkSeed("a", "b/c"));
  });

  it("is uncorrelated with its parent and its siblings", () => {
    const parent = createStream("independence");
    const streams = [parent, parent.fork("a"), parent.fork("b")];
    const n = 20_000;
    const series = streams.map((s) => draws(n, () => s.next() - 0.5));
    const correlation = (x: number[], y: number[]) => {
      const dot = (u: number[], v: number[]) => u.reduce((sum, ui, i) => sum + ui * v[i]!, 0);
      return dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
    };
    // the standard error of a correlation of n independent pairs is 1/sqrt(n) = 0.007
    expect(Math.abs(correlation(series[0]!, series[1]!))).toBeLessThan(0.03);
    expect(Math.abs(correlation(series[0]!, series[2]!))).toBeLessThan(0.03);
    expect(Math.abs(correlation(series[1]!, series[2]!))).toBeLessThan(0.03);
  });

  it("forks of forks are deterministic", () => {
    const a = createStream(1).fork("student-7").fork("q3");
    const b = createStream(1).fork("student-7").fork("q3");
    expect(draws(10, () => a.int(0, 1000))).toEqual(draws(10, () => b.int(0, 1000)));
  });
});
