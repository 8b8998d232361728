import { dataNumber } from "./format.ts";
import { NON_NEGATIVE_NUMBER, taggedUnion } from "./schema.ts";
import type { CompareOutcome, JsonSchema } from "./types.ts";

export const WINDOW_DEFAULT = 10;
export const SLACK_DEFAULT = 0;
/** a loss past this magnitude has blown up, even before it overflows to inf */
export const DIVERGE_BOUND_DEFAULT = 1e12;

export type CurveProperty =
  /** the last `window` values lie within tol of `to`, or within tol of each other when `to` is absent */
  | { kind: "converges"; to?: number; tol: number; window?: number }
  /** no value rises more than `slack` above the one before it */
  | { kind: "non-increasing"; slack?: number }
  /** a value is non-finite or past `bound`, or the run stops before `epochs` values as the reference's does */
  | { kind: "diverges"; bound?: number; epochs?: number }
  /** the last `window` values still span at least `min_range`: an oscillation that never settles */
  | { kind: "does-not-settle"; window?: number; min_range: number }
  /** every value lies strictly above `value`: a cross-entropy is above 0, whatever the run */
  | { kind: "above"; value: number };

const WINDOW = {
  type: "integer",
  minimum: 1,
  default: WINDOW_DEFAULT,
  description: "how many of the curve's last values are checked; a curve shorter than that, or a non-finite value among them, fails",
} as const;

export const CURVE_PROPERTY_SCHEMA: JsonSchema = taggedUnion("kind", [
    {
      type: "object",
      properties: {
        kind: { const: "converges" },
        to: {
          type: "number",
          description: "the limit: the last `window` values must each lie within `tol` of it. Left out: they must lie within `tol` of each other (max - min)",
        },
        tol: { ...NON_NEGATIVE_NUMBER, description: "how far the last `window` values may stray from `to`, or spread (max - min) without it" },
        window: WINDOW,
      },
      required: ["kind", "tol"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "non-increasing" },
        slack: {
          ...NON_NEGATIVE_NUMBER,
          default: SLACK_DEFAULT,
          description: "how much a value may rise above the one before it; a non-finite value anywhere fails",
        },
      },
      required: ["kind"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "diverges" },
        bound: {
          type: "number",
          exclusiveMinimum: 0,
          default: DIVERGE_BOUND_DEFAULT,
          description: "a value non-finite or this large in magnitude has blown up; the curve diverges when one has and every later one has too",
        },
        epochs: {
          type: "integer",
          minimum: 1,
          description:
            "the epochs the run was asked for: a curve with fewer values also diverges (the run stopped) when the reference's has fewer too. Left out: stopping early is not diverging",
        },
      },
      required: ["kind"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "does-not-settle" },
        window: WINDOW,
        min_range: { ...NON_NEGATIVE_NUMBER, description: "the least spread (max - min) the last `window` values must still span" },
      },
      required: ["kind", "min_range"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "above" },
        value: { type: "number", description: "every value of the curve must lie strictly above it (a loss above 0); a non-finite value fails" },
      },
      required: ["kind", "value"],
      additionalProperties: false,
    },
]);

export const CURVE_PROPERTY_MESSAGES = {
  "not-converged": "does not converge: its last {{window}} values span {{spread}}, more than {{tol}}",
  "not-converged-to": "does not converge to {{to_expected}}: its last {{window}} values stray up to {{farthest}} from it, more than {{tol}}",
  "not-converged-to-hidden": "does not converge to the expected limit: its last {{window}} values stray more than {{tol}} from it",
  rises: "rises at epoch {{epoch}}, from {{previous}} to {{value}}, more than the slack of {{slack}}",
  "not-diverged": "does not diverge: all {{received_length}} values are finite and below {{bound}} in magnitude",
  settles: "settles: its last {{window}} values span only {{spread}}, less than {{min_range}}",
  "not-above": "is {{value}} at epoch {{epoch}}, but every value lies above {{bound}}",
  "not-finite": "is {{value}} at epoch {{epoch}}, but the {{kind}} check needs finite values",
  "short-for-window": "has only {{received_length}} values, fewer than the {{window}} the {{kind}} check needs",
} as const;

function fail(messageId: keyof typeof CURVE_PROPERTY_MESSAGES, data: Record<string, string | number>): CompareOutcome {
  return { score: false, messageId, data };
}

/** The last `window` values, or a failure when the curve is too short or one of them is not finite. */
function lastWindow(curve: number[], window: number, kind: string): number[] | CompareOutcome {
  if (curve.length < window) return fail("short-for-window", { received_length: curve.length, window, kind });
  const start = curve.length - window;
  const values = curve.slice(start);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad !== -1) return fail("not-finite", { value: dataNumber(values[bad] as number), epoch: start + bad + 1, kind });
  return values;
}

function spreadOf(values: number[]): number {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return high - low;
}

/** undefined when the property holds, else the failure; `expected` is the reference curve. */
export function checkProperty(property: CurveProperty, curve: number[], expected: number[]): CompareOutcome | undefined {
  switch (property.kind) {
    case "converges": {
      const window = property.window ?? WINDOW_DEFAULT;
      const values = lastWindow(curve, window, property.kind);
      if (!Array.isArray(values)) return values;
      const { to, tol } = property;
      if (to === undefined) {
        const spread = spreadOf(values);
        return spread > tol ? fail("not-converged", { window, spread, tol }) : undefined;
      }
      const farthest = values.reduce((far, v) => Math.max(far, Math.abs(v - to)), 0);
      return farthest > tol ? fail("not-converged-to", { window, to_expected: to, farthest, tol }) : undefined;
    }
    case "non-increasing": {
      const slack = property.slack ?? SLACK_DEFAULT;
      for (let i = 0; i < curve.length; i++) {
        const value = curve[i] as number;
        // an infinite loss is not "non-increasing" just because inf <= inf
        if (!Number.isFinite(value)) return fail("not-finite", { value: dataNumber(value), epoch: i + 1, kind: property.kind });
        const previous = curve[i - 1];
        if (previous !== undefined && value > previous + slack) return fail("rises", { epoch: i + 1, previous, value, slack });
      }
      return undefined;
    }
    case "diverges": {
      const bound = property.bound ?? DIVERGE_BOUND_DEFAULT;
      const blownUp = (v: number) => !Number.isFinite(v) || Math.abs(v) >= bound;
      // once past the bound a diverged run never comes back: 1e89 followed by zeros is not a divergence
      const first = curve.findIndex(blownUp);
      if (first >= 0) {
        const back = curve.findIndex((v, i) => i > first && !blownUp(v));
        return back < 0 ? undefined : fail("not-diverged", { received_length: curve.length, bound });
      }
      const { epochs } = property;
      const cutShort = epochs !== undefined && curve.length < epochs && expected.length < epochs;
      return cutShort ? undefined : fail("not-diverged", { received_length: curve.length, bound });
    }
    case "does-not-settle": {
      const window = property.window ?? WINDOW_DEFAULT;
      const values = lastWindow(curve, window, property.kind);
      if (!Array.isArray(values)) return values;
      const spread = spreadOf(values);
      return spread < property.min_range ? fail("settles", { window, spread, min_range: property.min_range }) : undefined;
    }
    case "above": {
      const at = curve.findIndex((v) => !(v > property.value));
      if (at < 0) return undefined;
      const value = curve[at] as number;
      if (!Number.isFinite(value)) return fail("not-finite", { value: dataNumber(value), epoch: at + 1, kind: property.kind });
      return fail("not-above", { value: dataNumber(value), epoch: at + 1, bound: property.value });
    }
    default: {
      const unknown: never = property;
      throw new Error(`unknown curve property ${JSON.stringify(unknown)}`);
    }
  }
}
