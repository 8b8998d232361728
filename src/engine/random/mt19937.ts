/**
 * The 32-bit Mersenne Twister as numpy's legacy `RandomState` drives it.
 *
 * Hand-written: no npm package reproduces numpy's legacy stream. The npm
 * Mersenne Twisters (mersenne-twister, @stdlib/random-base-mt19937) could
 * give this core but none of the legacy layer on top (numpy-random-state.ts),
 * and they are not dependencies here. Behaviour follows
 * numpy/random/src/mt19937/mt19937.c and `MT19937._legacy_seeding` in
 * numpy/random/_mt19937.pyx.
 */

export const MT_STATE_LENGTH = 624;
const SHIFT_SIZE = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const UINT32_LIMIT = 2 ** 32;

/** A seed numpy's `RandomState.seed` accepts: one integer or a non-empty 1-D list of them, each in [0, 2**32 - 1]. */
export type LegacySeed = number | readonly number[];

export interface MT19937State {
  key: Uint32Array;
  pos: number;
}

function assertUint32Seed(value: number, where: string): void {
  if (!Number.isInteger(value) || value < 0 || value >= UINT32_LIMIT) {
    throw new RangeError(`${where}: seed must be an integer between 0 and 2**32 - 1, got ${value}`);
  }
}

export class MT19937 {
  private readonly key = new Uint32Array(MT_STATE_LENGTH);
  private pos = MT_STATE_LENGTH;

  constructor(seed: LegacySeed) {
    this.seed(seed);
  }

  /**
   * numpy's legacy seeding: an integer goes through Knuth's init_genrand
   * directly (not init_by_array, unlike Python's `random`); a list goes
   * through init_by_array.
   */
  seed(seed: LegacySeed): void {
    if (typeof seed === "number") {
      assertUint32Seed(seed, "mt19937");
      this.initGenrand(seed);
      return;
    }
    if (seed.length === 0) throw new RangeError("mt19937: seed must be non-empty");
    for (const word of seed) assertUint32Seed(word, "mt19937");
    this.initByArray(seed);
  }

  private initGenrand(seed: number): void {
    const key = this.key;
    key[0] = seed >>> 0;
    for (let i = 1; i < MT_STATE_LENGTH; i++) {
      const prev = key[i - 1] as number;
      key[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.pos = MT_STATE_LENGTH;
  }

  private initByArray(initKey: readonly number[]): void {
    const key = this.key;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(MT_STATE_LENGTH, initKey.length); k > 0; k--) {
      const prev = key[i - 1] as number;
      const mixed = ((key[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) >>> 0;
      key[i] = (mixed + (initKey[j] as number) + j) >>> 0;
      i++;
      j++;
      if (i >= MT_STATE_LENGTH) {
        key[0] = key[MT_STATE_LENGTH - 1] as number;
        i = 1;
      }
      if (j >= initKey.length) j = 0;
    }
    for (let k = MT_STATE_LENGTH - 1; k > 0; k--) {
      const prev = key[i - 1] as number;
      const mixed = ((key[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) >>> 0;
      key[i] = (mixed - i) >>> 0;
      i++;
      if (i >= MT_STATE_LENGTH) {
        key[0] = key[MT_STATE_LENGTH - 1] as number;
        i = 1;
      }
    }
    // the reference code forces the top bit so the state is never all zero
    key[0] = 0x80000000;
    this.pos = MT_STATE_LENGTH;
  }

  private twist(): void {
    const key = this.key;
    const mix = (i: number, next: number, far: number): void => {
      const y = ((key[i] as number) & UPPER_MASK) | ((key[next] as number) & LOWER_MASK);
      key[i] = ((key[far] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)) >>> 0;
    };
    let i = 0;
    for (; i < MT_STATE_LENGTH - SHIFT_SIZE; i++) mix(i, i + 1, i + SHIFT_SIZE);
    for (; i < MT_STATE_LENGTH - 1; i++) mix(i, i + 1, i + SHIFT_SIZE - MT_STATE_LENGTH);
    mix(MT_STATE_LENGTH - 1, 0, SHIFT_SIZE - 1);
    this.pos = 0;
  }

  nextUint32(): number {
    if (this.pos >= MT_STATE_LENGTH) this.twist();
    let y = this.key[this.pos++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** numpy's 53-bit double in [0, 1): 27 high bits of one draw, 26 of the next. */
  nextDouble(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  getState(): MT19937State {
    return { key: this.key.slice(), pos: this.pos };
  }

  setState(state: MT19937State): void {
    if (state.key.length !== MT_STATE_LENGTH) {
      throw new RangeError(`mt19937: state key must hold ${MT_STATE_LENGTH} words, got ${state.key.length}`);
    }
    if (!Number.isInteger(state.pos) || state.pos < 0 || state.pos > MT_STATE_LENGTH) {
      throw new RangeError(`mt19937: state pos must be an integer in [0, ${MT_STATE_LENGTH}], got ${state.pos}`);
    }
    this.key.set(state.key);
    this.pos = state.pos;
  }
}
