/**
 * Double-double arithmetic (about 106 bits): enough headroom to round a
 * transcendental function once, correctly, to the nearest double.
 * Error-free transformations (Dekker, Knuth) shared by the correctly
 * rounded log of the random streams and the correctly rounded cos/sin of the data sets.
 */

/** The value is hi + lo with |lo| <= ulp(hi) / 2. */
export type DoubleDouble = readonly [number, number];

const SPLITTER = 134217729; // 2**27 + 1, Dekker's split

export function twoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  const bVirtual = sum - a;
  return [sum, a - (sum - bVirtual) + (b - bVirtual)];
}

export function quickTwoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  return [sum, b - (sum - a)];
}

function split(a: number): DoubleDouble {
  const scaled = SPLITTER * a;
  const high = scaled - (scaled - a);
  return [high, a - high];
}

export function twoProduct(a: number, b: number): DoubleDouble {
  const product = a * b;
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  return [product, aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow];
}

export function add(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [sum, sumError] = twoSum(a[0], b[0]);
  const [tail, tailError] = twoSum(a[1], b[1]);
  const [high, low] = quickTwoSum(sum, sumError + tail);
  return quickTwoSum(high, low + tailError);
}

export function multiply(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [product, error] = twoProduct(a[0], b[0]);
  return quickTwoSum(product, error + a[0] * b[1] + a[1] * b[0]);
}

export function divide(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const first = a[0] / b[0];
  let remainder = add(a, multiply(b, [-first, 0]));
  const second = remainder[0] / b[0];
  remainder = add(remainder, multiply(b, [-second, 0]));
  const third = remainder[0] / b[0];
  return add(quickTwoSum(first, second), [third, 0]);
}

export function negate(a: DoubleDouble): DoubleDouble {
  return [-a[0], -a[1]];
}
