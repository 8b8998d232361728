/**
 * The engine's own seeded random streams (for what no handout fixes in numpy,
 * e.g. per-student variants). Built on seedrandom's Alea: a 53-bit
 * multiply-with-carry generator that is fast, passes BigCrush, and seeds from
 * any string. Only `seedrandom.alea(seed)` is used, never the default
 * `seedrandom(seed, { global: true })` that replaces Math.random, and Alea's
 * seeding reads nothing but the seed (no entropy, no Math.random).
 *
 * Seeds: a number seeds as String(number), so 0 and "0" are the same stream
 * and 0 is a seed like any other (never "no seed").
 */
import seedrandom from "seedrandom";
import { EngineArgumentError } from "../errors.ts";
import { sha256Hex } from "../sha256.ts";
import { correctlyRoundedLog } from "./correctly-rounded-log.ts";

/** a stream's seed: a string, or a finite number read as its decimal string (String(seed)) */
export type StreamSeed = string | number;

/** Anything indexable and writable in place: arrays and typed arrays. */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

/** a seeded random stream nngrade draws variants and samples from; every draw is reproducible from its seed */
export interface Stream {
  /** The canonical seed: String(seed) for a created stream, a hash for a fork. */
  readonly seed: string;
  /** Uniform in [0, 1), a multiple of 2^-53 (53 random bits). */
  next(): number;
  /** Uniform integer in [lo, hi): hi excluded, as numpy's randint and Python's range. */
  int(lo: number, hi: number): number;
  /** Normal with the given mean and standard deviation (Marsaglia's polar method). */
  normal(mean?: number, std?: number): number;
  /** Fisher–Yates, in place; returns the same array. */
  shuffle<A extends MutableArrayLike<unknown>>(array: A): A;
  /**
   * An independent stream keyed by this stream's seed and the label. It does
   * not depend on how much of this stream was drawn, so `fork("q2")` is the
   * same stream whenever it is asked for.
   */
  fork(label: string): Stream;
}

const TWO_POW_53 = 2 ** 53;

function canonicalSeed(seed: StreamSeed): string {
  if (typeof seed === "string") return seed;
  if (typeof seed === "number" && Number.isFinite(seed)) return String(seed);
  throw new EngineArgumentError("createStream", `seed must be a string or a finite number, got ${String(seed)}`);
}

/** The child seed of a fork: JSON keeps ("a/b", "c") and ("a", "b/c") apart. */
export function forkSeed(parentSeed: string, label: string): string {
  return sha256Hex(JSON.stringify([parentSeed, label]));
}

/**
 * An unbiased index in [0, range) from uniform integers in [0, 2^53): draws
 * at or above the largest multiple of range below 2^53 are rejected, so every
 * residue is hit by the same number of draws (plain `k % range` favours the
 * small residues unless range divides 2^53).
 */
export function rejectionSampleIndex(drawUint53: () => number, range: number): number {
  const limit = TWO_POW_53 - (TWO_POW_53 % range); // fmod is exact in doubles
  for (;;) {
    const k = drawUint53();
    if (k < limit) return k % range;
  }
}

class AleaStream implements Stream {
  readonly seed: string;
  private readonly prng: seedrandom.PRNG;
  // the polar method makes normals in pairs; the second waits here
  private cachedNormal: number | null = null;

  constructor(seed: string) {
    this.seed = seed;
    this.prng = seedrandom.alea(seed);
  }

  next(): number {
    return this.prng.double();
  }

  int(lo: number, hi: number): number {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
      throw new EngineArgumentError("int", `bounds must be safe integers, got lo ${lo}, hi ${hi}`);
    }
    const range = hi - lo;
    if (range <= 0) throw new EngineArgumentError("int", `hi must be > lo, got lo ${lo}, hi ${hi}`);
    if (!Number.isSafeInteger(range)) throw new EngineArgumentError("int", `hi - lo must be < 2**53, got lo ${lo}, hi ${hi}`);
    // double() is a multiple of 2^-53, so this is an exact integer in [0, 2^53)
    return lo + rejectionSampleIndex(() => this.prng.double() * TWO_POW_53, range);
  }

  normal(mean = 0, std = 1): number {
    if (!Number.isFinite(mean)) throw new EngineArgumentError("normal", `mean must be a finite number, got ${mean}`);
    if (!Number.isFinite(std) || std < 0) throw new EngineArgumentError("normal", `std must be a finite number >= 0, got ${std}`);
    return mean + std * this.standardNormal();
  }

  shuffle<A extends MutableArrayLike<unknown>>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const held = array[i];
      array[i] = array[j];
      array[j] = held;
    }
    return array;
  }

  fork(label: string): Stream {
    if (typeof label !== "string") throw new EngineArgumentError("fork", `label must be a string, got ${String(label)}`);
    return new AleaStream(forkSeed(this.seed, label));
  }

  private standardNormal(): number {
    if (this.cachedNormal !== null) {
      const cached = this.cachedNormal;
      this.cachedNormal = null;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.next() - 1;
      x2 = 2 * this.next() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    // a correctly rounded log: Math.log may differ by an ulp between JS engines
    const factor = Math.sqrt((-2 * correctlyRoundedLog(r2)) / r2);
    this.cachedNormal = factor * x1;
    return factor * x2;
  }
}

/** a seeded stream (nngrade's own, for variants and grading): the same seed gives the same draws on every machine */
export function createStream(seed: StreamSeed): Stream {
  return new AleaStream(canonicalSeed(seed));
}
