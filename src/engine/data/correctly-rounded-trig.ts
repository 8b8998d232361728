/**
 * cos and sin on [0, pi], rounded to the nearest double.
 *
 * make_moons places its points at cos/sin of numpy's linspace(0, pi, n).
 * numpy calls the C library (glibc rounds these correctly but for rare
 * inputs); V8's Math.cos and Math.sin are only faithful and miss the nearest
 * double for about 1 input in 30 on such a grid. Rounding correctly gives an
 * answer that does not depend on either library, and that a test can check
 * exactly against mpmath.
 *
 * x = k pi/2 + r with pi/2 held as three doubles, |r| <= pi/4 as a
 * double-double; then Taylor series of sin r and cos r in double-double.
 */
import { EngineArgumentError } from "../errors.ts";
import { add, type DoubleDouble, divide, multiply, negate, twoSum } from "../double-double.ts";

// pi/2 = HALF_PI_1 + HALF_PI_2 + HALF_PI_3 to about 160 bits (from mpmath)
const HALF_PI_1 = 1.5707963267948966;
const HALF_PI_2 = 6.123233995736766e-17;
const HALF_PI_3 = -1.4973849048591698e-33;

// |r| <= 0.79, so r^34 / 34! is far below 2^-106
const HIGHEST_POWER = 33;

/** (-1)^n / m! for m = 0 .. HIGHEST_POWER, n = floor(m / 2): the signs of both series */
const SIGNED_RECIPROCAL_FACTORIALS: DoubleDouble[] = (() => {
  const out: DoubleDouble[] = [[1, 0]];
  let reciprocal: DoubleDouble = [1, 0];
  for (let m = 1; m <= HIGHEST_POWER; m++) {
    reciprocal = divide(reciprocal, [m, 0]);
    out.push(Math.floor(m / 2) % 2 === 0 ? reciprocal : negate(reciprocal));
  }
  return out;
})();

function coefficient(m: number): DoubleDouble {
  return SIGNED_RECIPROCAL_FACTORIALS[m] as DoubleDouble;
}

/** sum of coefficient(first + 2i) * r2^i, by Horner */
function evenSeries(first: number, r2: DoubleDouble): DoubleDouble {
  let top = first;
  while (top + 2 <= HIGHEST_POWER) top += 2;
  let sum = coefficient(top);
  for (let m = top - 2; m >= first; m -= 2) sum = add(multiply(sum, r2), coefficient(m));
  return sum;
}

function round(value: DoubleDouble): number {
  return value[0] + value[1];
}

/** [cos x, sin x], each the double nearest to the exact value; x in [0, pi] */
export function correctlyRoundedCosSin(x: number): [number, number] {
  if (!(x >= 0 && x <= Math.PI)) {
    throw new EngineArgumentError("correctlyRoundedCosSin", `x must lie in [0, pi], got ${x}`);
  }
  const k = Math.round(x / HALF_PI_1);
  let r = twoSum(x, -k * HALF_PI_1);
  r = add(add(r, [-k * HALF_PI_2, 0]), [-k * HALF_PI_3, 0]);
  const r2 = multiply(r, r);
  const sinR = multiply(r, evenSeries(1, r2));
  const cosR = evenSeries(0, r2);
  if (k === 0) return [round(cosR), round(sinR)];
  if (k === 1) return [-round(sinR), round(cosR)];
  return [-round(cosR), -round(sinR)];
}
