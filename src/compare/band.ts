import { isValueObject } from "../value.ts";
import { NON_NEGATIVE_NUMBER } from "./schema.ts";
import { badReferenceOutcome, COMMON_MESSAGES, nullOutcome, typeOutcome } from "./scalar.ts";
import type { Comparator, CompareOutcome } from "./types.ts";

/** mean +- 3 standard deviations of the reference seeds */
export const SIGMAS_DEFAULT = 3;
/** never narrower than +-0.01: a handful of seeds can agree by chance */
export const FLOOR_DEFAULT = 0.01;

export type BandOptions = { sigmas: number; floor: number };

/** The reference's distribution of a stochastic result: one value per reference seed. */
export interface BandSamples {
  samples: number[];
}

export function isBandSamples(value: unknown): value is BandSamples & { [key: string]: never } {
  return (
    isValueObject(value as never) &&
    Array.isArray((value as { samples?: unknown }).samples) &&
    (value as BandSamples).samples.length > 0 &&
    (value as BandSamples).samples.every((sample) => typeof sample === "number" && Number.isFinite(sample))
  );
}

/** [low, high] = mean -+ max(sigmas * sample standard deviation, floor) */
export function bandOf(samples: readonly number[], options: BandOptions): { low: number; high: number; mean: number; std: number } {
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  const variance =
    samples.length > 1 ? samples.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (samples.length - 1) : 0;
  const std = Math.sqrt(variance);
  const half = Math.max(options.sigmas * std, options.floor);
  return { low: mean - half, high: mean + half, mean, std };
}

/**
 * A result of training (an accuracy, a final loss) against the band the
 * reference's own seeds span: a student's run with another seed lands
 * somewhere in it, so one exact value would be unfair.
 */
export const comparator: Comparator<BandOptions> = {
  meta: {
    id: "band",
    description: "a trained result within the band of the reference's seeds: mean +- max(sigmas * std, floor)",
    optionsSchema: {
      type: "object",
      properties: { sigmas: NON_NEGATIVE_NUMBER, floor: NON_NEGATIVE_NUMBER },
      additionalProperties: false,
    },
    defaults: { sigmas: SIGMAS_DEFAULT, floor: FLOOR_DEFAULT },
    messages: {
      ok: "no value, as expected",
      inside: "{{received}} is within the reference band [{{low_expected}}, {{high_expected}}] ({{seeds}} seeds)",
      "inside-hidden": "{{received}} is within the reference band",
      below: "{{received}} is below the reference band [{{low_expected}}, {{high_expected}}] ({{seeds}} seeds)",
      "below-hidden": "{{received}} is below the reference band",
      above: "{{received}} is above the reference band [{{low_expected}}, {{high_expected}}] ({{seeds}} seeds)",
      "above-hidden": "{{received}} is above the reference band",
      "not-finite": "got {{received}}, expected a finite number",
      ...COMMON_MESSAGES,
    },
  },
  compare(received, expected, options): CompareOutcome {
    const nullCase = nullOutcome(received, expected);
    if (nullCase) return nullCase;
    if (!isBandSamples(expected)) return badReferenceOutcome(expected);
    if (typeof received !== "number") return typeOutcome("a number", received);
    if (!Number.isFinite(received)) return { score: false, messageId: "not-finite", data: { received: String(received) } };
    const { low, high } = bandOf(expected.samples, options);
    if (!Number.isFinite(low) || !Number.isFinite(high)) return badReferenceOutcome(expected);
    const data = { received, low_expected: low, high_expected: high, seeds: expected.samples.length };
    if (received < low) return { score: false, messageId: "below", data };
    if (received > high) return { score: false, messageId: "above", data };
    return { score: true, messageId: "inside", data };
  },
};
