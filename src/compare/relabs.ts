import { NON_NEGATIVE_NUMBER } from "./schema.ts";
import { compareScalar, nonFiniteVerdict, scalarMessages } from "./scalar.ts";
import type { Comparator } from "./types.ts";

/** numpy's isclose defaults */
export const RTOL_DEFAULT = 1e-5;
export const ATOL_DEFAULT = 1e-8;

export type RelabsOptions = { rtol: number; atol: number };

/** The largest |received - expected| accepted: numpy isclose, with b the expected value. */
export function relabsAllowedError(expected: number, options: RelabsOptions): number {
  return options.atol + options.rtol * Math.abs(expected);
}

/** numpy isclose(received, expected, rtol, atol, equal_nan=True) on one pair. */
export function isClose(received: number, expected: number, options: RelabsOptions): boolean {
  return nonFiniteVerdict(received, expected) ?? Math.abs(received - expected) <= relabsAllowedError(expected, options);
}

export const comparator: Comparator<RelabsOptions> = {
  meta: {
    id: "relabs",
    expects: "answer",
    diagnosable: true,
    identicalValues: true,
    description: "a number within atol + rtol * |expected| of the expected one (numpy isclose)",
    optionsSchema: {
      type: "object",
      properties: {
        rtol: { ...NON_NEGATIVE_NUMBER, description: "relative tolerance: the answer passes when |received - expected| <= atol + rtol * |expected|" },
        atol: { ...NON_NEGATIVE_NUMBER, description: "absolute tolerance, added to rtol * |expected|; what lets an answer near 0 pass" },
      },
      additionalProperties: false,
    },
    defaults: { rtol: RTOL_DEFAULT, atol: ATOL_DEFAULT },
    messages: scalarMessages("(rtol {{rtol}}, atol {{atol}})", "within rtol {{rtol}}, atol {{atol}}"),
  },
  compare(received, expected, options) {
    return compareScalar(received, expected, options, {
      accepts: isClose,
      toleranceData: ({ rtol, atol }) => ({ rtol, atol }),
    });
  },
};
