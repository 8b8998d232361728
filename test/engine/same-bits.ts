/**
 * Bit-for-bit comparison of typed arrays for the engine's tests, fast when
 * they agree: the bytes are compared at once (Buffer.compare), and only on a
 * difference is a readable one worked out (the first differing element, its
 * two values and bit patterns, how many differ). `expect(...).toEqual` on
 * typed arrays walks them element by element through its generic equality,
 * about a second per 100k elements.
 */
import { assert } from "vitest";

type Numeric = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array | BigUint64Array;

function bytesOf(values: Numeric): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** the same element type, length and bytes (so -0 and +0 differ, and two NaNs agree only with the same bits) */
export function sameBytes(actual: Numeric, expected: Numeric): boolean {
  return actual.constructor === expected.constructor && actual.length === expected.length && bytesOf(actual).equals(bytesOf(expected));
}

function pattern(values: Numeric, i: number): string {
  if (!(values instanceof Float64Array)) return String(values[i]);
  const view = new DataView(values.buffer, values.byteOffset + i * 8, 8);
  return `${Object.is(values[i], -0) ? "-0" : String(values[i])} (0x${view.getBigUint64(0, true).toString(16).padStart(16, "0")})`;
}

function fail(actual: Numeric, expected: Numeric, differs: (i: number) => boolean, label: string | undefined): void {
  const where = label === undefined ? "" : `${label}: `;
  if (actual.constructor !== expected.constructor || actual.length !== expected.length) {
    assert.fail(`${where}got ${actual.constructor.name}(${actual.length}), expected ${expected.constructor.name}(${expected.length})`);
  }
  let first = -1;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!differs(i)) continue;
    if (first < 0) first = i;
    count++;
  }
  if (first < 0) return;
  assert.fail(
    `${where}element ${first} of ${actual.length} is ${pattern(actual, first)}, expected ${pattern(expected, first)}; ${count} differ in all`,
  );
}

/** every element bit for bit; on failure the message names the first differing element */
export function expectSameBits(actual: Numeric, expected: Numeric, label?: string): void {
  if (sameBytes(actual, expected)) return;
  const a = bytesOf(actual);
  const e = bytesOf(expected);
  const size = actual.BYTES_PER_ELEMENT;
  fail(actual, expected, (i) => a.compare(e, i * size, (i + 1) * size, i * size, (i + 1) * size) !== 0, label);
}

/**
 * NaN where the expected array has NaN, every other element bit for bit.
 * WebAssembly and native code leave the sign and payload of a computed NaN to
 * the machine, so only where the NaNs are is compared.
 */
export function expectSameBitsNanAware(actual: Float64Array, expected: Float64Array, label?: string): void {
  if (sameBytes(actual, expected)) return;
  const a = bytesOf(actual);
  const e = bytesOf(expected);
  fail(
    actual,
    expected,
    (i) => {
      const nan = Number.isNaN(actual[i]!);
      if (nan || Number.isNaN(expected[i]!)) return nan !== Number.isNaN(expected[i]!);
      return a.compare(e, i * 8, i * 8 + 8, i * 8, i * 8 + 8) !== 0;
    },
    label,
  );
}
