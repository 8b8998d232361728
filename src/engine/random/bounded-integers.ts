/**
 * Uniform integers in [0, max] by masked rejection, the method numpy's legacy
 * `randint` keeps (`use_masked=True` in `_bounded_integers`) and that
 * `shuffle` uses through `random_interval`: draw, keep the bits under the
 * smallest all-ones mask >= max, retry while above max. A range that fits in
 * 32 bits costs one 32-bit draw per try; a wider one costs two (high word first).
 */
import type { MT19937 } from "./mt19937.ts";

const UINT32_LIMIT = 2 ** 32;

function mask32(max: number): number {
  let mask = max >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

/** One draw in [0, max]; max must be a safe integer (numpy allows up to 2**64 - 1, we stop at 2**53 - 1). */
export function boundedUint(generator: MT19937, max: number): number {
  if (!Number.isSafeInteger(max) || max < 0) {
    throw new RangeError(`bounded integer: range must be an integer in [0, 2**53 - 1], got ${max}`);
  }
  if (max === 0) return 0;
  if (max < UINT32_LIMIT) {
    const mask = mask32(max);
    for (;;) {
      const value = (generator.nextUint32() & mask) >>> 0;
      if (value <= max) return value;
    }
  }
  const highMask = mask32(Math.floor(max / UINT32_LIMIT));
  for (;;) {
    const high = (generator.nextUint32() & highMask) >>> 0;
    const low = generator.nextUint32();
    // exact: max < 2**53 keeps highMask below 2**21
    const value = high * UINT32_LIMIT + low;
    if (value <= max) return value;
  }
}
