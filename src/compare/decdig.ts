import { compareScalar, scalarMessages } from "./scalar.ts";
import { insideOpenInterval, powerOfTen } from "./sigfig.ts";
import type { Comparator } from "./types.ts";

/** PrairieLearn's default for is_correct_scalar_dd */
export const DECDIG_DIGITS_DEFAULT = 2;

export type DecdigOptions = { digits: number };

/** Half-width of PrairieLearn's acceptance interval for `digits` decimal places (is_correct_scalar_dd). */
export function decdigAllowedError(_expected: number, options: DecdigOptions): number {
  return 0.51 * powerOfTen(-options.digits);
}

export const comparator: Comparator<DecdigOptions> = {
  meta: {
    id: "decdig",
    expects: "answer",
    diagnosable: true,
    identicalValues: true,
    description: "a number that agrees with the expected one to n decimal places (PrairieLearn is_correct_scalar_dd)",
    optionsSchema: {
      type: "object",
      properties: {
        digits: {
          type: "integer",
          minimum: 0,
          description: "decimal places: the answer passes strictly inside expected +- 0.51 * 10^-digits, whatever the size of expected",
        },
      },
      additionalProperties: false,
    },
    defaults: { digits: DECDIG_DIGITS_DEFAULT },
    messages: scalarMessages("to {{digits}} decimal places", "to {{digits}} decimal places"),
  },
  compare(received, expected, options) {
    return compareScalar(received, expected, options, {
      accepts: (a, b, o) => insideOpenInterval(a, b, decdigAllowedError(b, o)),
      toleranceData: ({ digits }) => ({ digits }),
    });
  },
};
