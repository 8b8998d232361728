import { compareScalar, scalarMessages } from "./scalar.ts";
import type { Comparator } from "./types.ts";

/** PrairieLearn's pl-number-input default */
export const SIGFIG_DIGITS_DEFAULT = 2;

export type SigfigOptions = { digits: number };

/**
 * 10^-n correctly rounded: V8's `10 ** -4` is 0.00009999999999999999, while
 * numpy (and so PrairieLearn) gets 0.0001; parsing the literal always rounds correctly.
 */
export function powerOfTen(exponent: number): number {
  return Number(`1e${exponent}`);
}

/** Half-width of PrairieLearn's acceptance interval for `digits` significant figures (is_correct_scalar_sf). */
export function sigfigAllowedError(expected: number, options: SigfigOptions): number {
  const decimals =
    expected === 0 ? options.digits - 1 : -Math.floor(Math.log10(Math.abs(expected))) + (options.digits - 1);
  return 0.51 * powerOfTen(-decimals);
}

/** PrairieLearn's open interval: b - eps < a < b + eps, with the bounds rounded as numpy rounds them. */
export function insideOpenInterval(received: number, expected: number, halfWidth: number): boolean {
  return expected - halfWidth < received && received < expected + halfWidth;
}

export const comparator: Comparator<SigfigOptions> = {
  meta: {
    id: "sigfig",
    expects: "answer",
    diagnosable: true,
    identicalValues: true,
    description: "a number that agrees with the expected one to n significant figures (PrairieLearn is_correct_scalar_sf)",
    optionsSchema: {
      type: "object",
      properties: {
        digits: {
          type: "integer",
          minimum: 1,
          description:
            "significant figures: the answer passes strictly inside expected +- 0.51 * 10^(e - digits + 1), e the decimal exponent of expected (10^(1 - digits) for expected 0)",
        },
      },
      additionalProperties: false,
    },
    defaults: { digits: SIGFIG_DIGITS_DEFAULT },
    messages: scalarMessages("to {{digits}} significant figures", "to {{digits}} significant figures"),
  },
  compare(received, expected, options) {
    return compareScalar(received, expected, options, {
      accepts: (a, b, o) => insideOpenInterval(a, b, sigfigAllowedError(b, o)),
      toleranceData: ({ digits }) => ({ digits }),
    });
  },
};
