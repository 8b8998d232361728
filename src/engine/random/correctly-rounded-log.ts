/**
 * Natural log rounded to the nearest double.
 *
 * numpy's normals call the C library's `log`, which on Linux (glibc) is
 * rounded to nearest in practice; V8's `Math.log` is only within 1 ulp and
 * differs from it for about 1 value in 60, which would shift a normal draw
 * by an ulp. So the log is computed here in double-double arithmetic
 * (about 100 bits) and rounded once.
 *
 * log(x) = k ln 2 + 2 atanh(s), x = m 2^k, m in [sqrt(1/2), sqrt(2)),
 * s = (m - 1) / (m + 1), |s| < 0.172, atanh by its odd power series.
 */
import { add, type DoubleDouble, divide, multiply, twoProduct, twoSum } from "../double-double.ts";

const LN2: DoubleDouble = [Math.LN2, 2.3190468138462996e-17];
const SERIES_TERMS = 24; // s^2 < 0.0295, so 0.0295^24 is far below 2^-106

// 1 / (2n + 1) for the atanh series, each to double-double precision
const ODD_RECIPROCALS: DoubleDouble[] = Array.from({ length: SERIES_TERMS + 1 }, (_, n) =>
  divide([1, 0], [2 * n + 1, 0]),
);

/** x = m * 2^k with m in [sqrt(1/2), sqrt(2)); exact, since only powers of two are applied. */
function splitExponent(x: number): [number, number] {
  let k = 0;
  let m = x;
  if (m < 2 ** -1000) {
    m *= 2 ** 64; // lift subnormals so 2^k below stays a normal double
    k -= 64;
  }
  const guess = Math.floor(Math.log2(m));
  m /= 2 ** guess;
  k += guess;
  while (m < Math.SQRT1_2) {
    m *= 2;
    k -= 1;
  }
  while (m >= Math.SQRT2) {
    m /= 2;
    k += 1;
  }
  return [m, k];
}

export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return Math.log(x);
  if (x === 1) return 0;
  const [m, k] = splitExponent(x);
  // m - 1 is exact here (Sterbenz); m + 1 is kept as a double-double
  const s = divide([m - 1, 0], twoSum(m, 1));
  const s2 = multiply(s, s);
  let series = ODD_RECIPROCALS[SERIES_TERMS] as DoubleDouble;
  for (let n = SERIES_TERMS - 1; n >= 0; n--) {
    series = add(multiply(series, s2), ODD_RECIPROCALS[n] as DoubleDouble);
  }
  const logM = multiply([2 * s[0], 2 * s[1]], series);
  const kLn2 = add(twoProduct(k, LN2[0]), [k * LN2[1], 0]);
  const [high, low] = add(kLn2, logM);
  return high + low;
}
