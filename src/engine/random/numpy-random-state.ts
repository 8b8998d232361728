/**
 * numpy's legacy `np.random.RandomState`, stream for stream: after the same
 * seed and the same calls, every method returns the very numbers numpy does
 * (bit-identical doubles), so a graded run can replay a student's
 * `np.random.seed(0); W1 = 0.1 * np.random.randn(4, 10)`.
 *
 * Hand-written because no npm package reproduces numpy's legacy stream: the
 * Mersenne Twister packages stop at the raw generator and have none of the
 * legacy distributions. It follows numpy/random/mtrand.pyx,
 * src/legacy/legacy-distributions.c and src/distributions/distributions.c.
 *
 * One known gap, by choice: numpy's normals use the C library's `log`, which
 * glibc rounds one ulp off about once in 5000 calls; we round it correctly
 * (correctly-rounded-log.ts), so at those rare draws a normal pair differs from
 * numpy-on-Linux in the last bit. The tests pin where that happens.
 *
 * Results: a method called without a size returns a number, with a size it
 * returns `{ shape, data }` with a flat row-major buffer (see ndarray.ts).
 */
import { boundedUint } from "./bounded-integers.ts";
import { correctlyRoundedLog } from "./correctly-rounded-log.ts";
import { MT19937, type LegacySeed } from "./mt19937.ts";
import { type FloatArray, type IntArray, type Size, shapeSize, sizeToShape } from "./ndarray.ts";
import { choiceWeighted, choiceWeightedUnique, validateProbabilities } from "./weighted-choice.ts";

export type { FloatArray, IntArray, Size } from "./ndarray.ts";

/** `get_state()` of numpy: the twister's words and position, plus the cached second normal. */
export interface NumpyRandomStateSnapshot {
  key: Uint32Array;
  pos: number;
  hasGauss: boolean;
  gauss: number;
}

/** numpy's legacy `np.random.RandomState`: after the same seed and calls, the same doubles as numpy (see the file's header for the one known gap) */
export class NumpyRandomState {
  private readonly generator: MT19937;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: LegacySeed) {
    this.generator = new MT19937(seed);
  }

  /** Reseeds as `np.random.seed(seed)`, which also drops a cached normal. */
  seed(seed: LegacySeed): void {
    this.generator.seed(seed);
    this.hasGauss = false;
    this.gauss = 0;
  }

  getState(): NumpyRandomStateSnapshot {
    const { key, pos } = this.generator.getState();
    return { key, pos, hasGauss: this.hasGauss, gauss: this.gauss };
  }

  setState(state: NumpyRandomStateSnapshot): void {
    this.generator.setState(state);
    this.hasGauss = state.hasGauss;
    this.gauss = state.hasGauss ? state.gauss : 0;
  }

  /** The raw tempered 32-bit output, as `MT19937.random_raw`. */
  nextUint32(): number {
    return this.generator.nextUint32();
  }

  randomSample(): number;
  randomSample(size: Size): FloatArray;
  randomSample(size?: Size): number | FloatArray {
    return this.fillFloats(size, "random_sample", () => this.generator.nextDouble());
  }

  rand(): number;
  rand(...shape: number[]): FloatArray;
  rand(...shape: number[]): number | FloatArray {
    return shape.length === 0 ? this.randomSample() : this.randomSample(shape);
  }

  standardNormal(): number;
  standardNormal(size: Size): FloatArray;
  standardNormal(size?: Size): number | FloatArray {
    return this.fillFloats(size, "standard_normal", () => this.nextGauss());
  }

  randn(): number;
  randn(...shape: number[]): FloatArray;
  randn(...shape: number[]): number | FloatArray {
    return shape.length === 0 ? this.standardNormal() : this.standardNormal(shape);
  }

  normal(loc?: number, scale?: number): number;
  normal(loc: number, scale: number, size: Size): FloatArray;
  normal(loc = 0, scale = 1, size?: Size): number | FloatArray {
    if (!(scale >= 0)) throw new RangeError(`normal: scale must be >= 0, got ${scale}`);
    return this.fillFloats(size, "normal", () => loc + scale * this.nextGauss());
  }

  uniform(low?: number, high?: number): number;
  uniform(low: number, high: number, size: Size): FloatArray;
  uniform(low = 0, high = 1, size?: Size): number | FloatArray {
    const range = high - low;
    if (!Number.isFinite(range)) throw new RangeError(`uniform: range ${low} to ${high} is not finite`);
    return this.fillFloats(size, "uniform", () => low + range * this.generator.nextDouble());
  }

  /** Integers in [low, high) (or [0, low) without high), numpy's default int64 path. */
  randint(low: number, high?: number): number;
  randint(low: number, high: number | undefined, size: Size): IntArray;
  randint(low: number, high?: number, size?: Size): number | IntArray {
    const [lowest, above] = high === undefined ? [0, low] : [low, high];
    if (!Number.isSafeInteger(lowest) || !Number.isSafeInteger(above)) {
      throw new RangeError(`randint: bounds must be safe integers, got low ${lowest} and high ${above}`);
    }
    if (lowest >= above) throw new RangeError(`randint: low >= high (${lowest} >= ${above})`);
    const max = above - 1 - lowest;
    if (!Number.isSafeInteger(max)) {
      throw new RangeError(`randint: range ${lowest} to ${above} is wider than 2**53 - 1`);
    }
    return this.fillInts(size, "randint", () => lowest + boundedUint(this.generator, max));
  }

  /**
   * A sample of `arange(a)` (a number) or of the values of `a`: with
   * replacement a uniform draw is `randint(0, n)`, with `p` it is a search in
   * the cumulative sums; without replacement it is the head of a permutation.
   */
  choice(a: number | readonly number[], size?: undefined, replace?: boolean, p?: readonly number[]): number;
  choice(a: number | readonly number[], size: Size, replace?: boolean, p?: readonly number[]): IntArray;
  choice(a: number | readonly number[], size?: Size, replace = true, p?: readonly number[]): number | IntArray {
    const populationSize = typeof a === "number" ? a : a.length;
    if (!Number.isSafeInteger(populationSize) || populationSize < 0) {
      throw new RangeError(`choice: a must be a non-negative integer or a 1-D array, got ${a}`);
    }
    const shape = size === undefined ? [] : sizeToShape(size, "choice");
    const count = shapeSize(shape);
    if (populationSize === 0 && count !== 0) throw new RangeError("choice: a cannot be empty unless no samples are taken");
    if (p !== undefined) validateProbabilities(p, populationSize);

    let indices: number[];
    if (replace) {
      indices =
        p === undefined
          ? Array.from({ length: count }, () => boundedUint(this.generator, populationSize - 1))
          : choiceWeighted(p, Array.from(this.randomSample(count).data));
    } else {
      if (count > populationSize) {
        throw new RangeError(`choice: cannot take ${count} samples from ${populationSize} without replacement`);
      }
      indices =
        p === undefined
          ? this.permutation(populationSize).slice(0, count)
          : choiceWeightedUnique(p, count, (n) => Array.from(this.randomSample(n).data));
    }
    const data = typeof a === "number" ? indices : indices.map((index) => a[index] as number);
    return size === undefined ? (data[0] as number) : { shape, data };
  }

  /** A shuffled `arange(n)`, or a shuffled copy of `x` along its first axis. */
  permutation(n: number): number[];
  permutation<T>(x: readonly T[]): T[];
  permutation<T>(x: number | readonly T[]): Array<number | T> {
    if (typeof x === "number") {
      if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`permutation: n must be a non-negative integer, got ${x}`);
      const range = Array.from({ length: x }, (_, i) => i);
      this.shuffle(range);
      return range;
    }
    const copy = [...x];
    this.shuffle(copy);
    return copy;
  }

  /** Shuffles in place along the first axis: Fisher-Yates from the end, j drawn in [0, i]. */
  shuffle<T>(x: T[]): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = boundedUint(this.generator, i);
      const held = x[i] as T;
      x[i] = x[j] as T;
      x[j] = held;
    }
  }

  /** Polar Box-Muller; the second value of each pair is kept for the next call, as numpy's `legacy_gauss`. */
  private nextGauss(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gauss;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.generator.nextDouble() - 1;
      x2 = 2 * this.generator.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const factor = Math.sqrt((-2 * correctlyRoundedLog(r2)) / r2);
    this.gauss = factor * x1;
    this.hasGauss = true;
    return factor * x2;
  }

  private fillFloats(size: Size | undefined, where: string, draw: () => number): number | FloatArray {
    if (size === undefined) return draw();
    const shape = sizeToShape(size, where);
    const data = new Float64Array(shapeSize(shape));
    for (let i = 0; i < data.length; i++) data[i] = draw();
    return { shape, data };
  }

  private fillInts(size: Size | undefined, where: string, draw: () => number): number | IntArray {
    if (size === undefined) return draw();
    const shape = sizeToShape(size, where);
    const data = Array.from({ length: shapeSize(shape) }, draw);
    return { shape, data };
  }
}
