import { isValueObject } from "../value.ts";
import { NON_NEGATIVE_NUMBER } from "./schema.ts";
import { badReferenceOutcome, COMMON_MESSAGES, nullOutcome, typeOutcome } from "./scalar.ts";
import { toleranceFactor } from "./tolerance-factor.ts";
import type { Comparator, CompareOutcome } from "./types.ts";

/**
 * How a band is made from the reference's seeded runs.
 *
 * "tolerance" (the default): a two-sided normal tolerance interval, mean +-
 * k * s with k such that the band holds at least `coverage` of all honest
 * runs with probability `confidence` (tolerance-factor.ts). Why normal and
 * not distribution-free: the order-statistic interval [min, max] reaches 99%
 * coverage at 95% confidence only from 473 runs (99.5%: 947), and a 10-epoch MNIST net
 * costs seconds a run; a normal interval needs 20-30, and its k grows as
 * the runs get fewer (14.3 from 3, 3.65 from 30, at 99.5%), so a band from too few
 * seeds is wide, not falsely tight. A trained accuracy is a mean over many
 * samples, close to normal across seeds where training is stable; where it
 * is not (a cell that sometimes diverges), its s is large and its band
 * wide, and the rebuild gives such a task more seeds (docs/bands.md). The
 * band always holds every reference run ([min, max] of the samples), is
 * never narrower than mean +- floor (seeds of a deterministic run agree
 * exactly, and a student's float32 run or rounded answer may not), and is
 * clipped to the quantity's valid `range` ([0, 1] for an accuracy, [0,
 * null] for a loss).
 *
 * "sigmas": the former rule, mean +- max(sigmas * s, floor). Kept for
 * rubrics that name `sigmas`; it ignores how many seeds there are.
 */
export type BandMethod = "tolerance" | "sigmas";

/**
 * 99.5% of honest runs, at 95% confidence: an honest student fails an item
 * in at most 1 of 200 runs (the target bench/band_false_fails.py measures),
 * unless the reference's seeds happened to be among the 5% of draws that
 * understate the spread
 */
export const COVERAGE_DEFAULT = 0.995;
export const CONFIDENCE_DEFAULT = 0.95;
/** mean +- 3 standard deviations of the reference seeds (method "sigmas") */
export const SIGMAS_DEFAULT = 3;
/** method "sigmas": never narrower than +-0.01, a handful of seeds can agree by chance */
export const FLOOR_DEFAULT = 0.01;
/** method "tolerance": +-0.002, a sample or two of a 500-point validation set, and an answer rounded to 3 decimals */
export const TOLERANCE_FLOOR_DEFAULT = 0.002;

/** a quantity's valid range, inclusive; null: unbounded on that side */
export type BandRange = [number | null, number | null];

/**
 * Where the normal interval is taken. "linear": on the values. "log-error":
 * on -ln(1 - x + 0.001) of an accuracy x, the log of its error rate: runs
 * that sometimes stall (hw3b's lr 0.1 and lr 1 cells, a few runs in a
 * hundred 5-15 points below the rest) have a long lower tail that a normal
 * interval on the accuracies cuts off, while on the log of the error rate
 * the tail is close to symmetric (measured: docs/bands.md).
 */
export type BandScale = "linear" | "log-error";

/** method "tolerance": the interval is taken on the values themselves */
export const SCALE_DEFAULT: BandScale = "linear";

const LOG_ERROR_OFFSET = 0.001;
const SCALES: Record<BandScale, { to: (x: number) => number; from: (t: number) => number; note: string }> = {
  linear: { to: (x) => x, from: (t) => t, note: "" },
  "log-error": {
    to: (x) => -Math.log(Math.max(1 - x, 0) + LOG_ERROR_OFFSET),
    from: (t) => 1 + LOG_ERROR_OFFSET - Math.exp(-t),
    note: ", on the log of the error rate",
  },
};

/**
 * A band's options as a rubric gives them. `method` may be left out: a
 * rubric that names `sigmas` keeps the former rule, any other gets a
 * tolerance interval. `floor` defaults by method.
 */
export interface BandOptions {
  method?: BandMethod;
  coverage?: number;
  confidence?: number;
  sigmas?: number;
  floor?: number;
  /** the quantity's valid range, inclusive; null: unbounded on that side */
  range?: BandRange;
  /** method "tolerance": where the normal interval is taken (BandScale) */
  scale?: BandScale;
}

/**
 * The reference's distribution of a stochastic result: one value per
 * reference seed, and optionally the runs of the configurations that share
 * this one's failure modes (BandPool).
 */
export type BandSamples = {
  samples: number[];
  pool?: BandPool;
};

/**
 * Runs of sibling configurations (the cells of one learning rate in a
 * heatmap, this one's included) that stall or escape the same way. A stall
 * that strikes 1-2% of runs is seen in a few cells' 30 seeds and missed in
 * the rest, and no interval fitted to one cell's runs reaches it (measured
 * on hw3b t2: docs/bands.md). With a pool, a cell's band reaches at least as
 * far below and above its median as the furthest run of any sibling did
 * from that sibling's median, measured on the band's scale. (Types, not
 * interfaces: a band is a JSON value the comparators are given.)
 */
export type BandPool = {
  runs: number[][];
  /** which configurations, for the report: "at lr 0.1" */
  label: string;
};

export function isBandSamples(value: unknown): value is BandSamples & { [key: string]: never } {
  return (
    isValueObject(value as never) &&
    Array.isArray((value as { samples?: unknown }).samples) &&
    (value as BandSamples).samples.length > 0 &&
    (value as BandSamples).samples.every((sample) => typeof sample === "number" && Number.isFinite(sample)) &&
    ((value as BandSamples).pool === undefined || isBandPool((value as BandSamples).pool))
  );
}

function isBandPool(value: unknown): value is BandPool {
  const pool = value as BandPool;
  return (
    typeof value === "object" &&
    value !== null &&
    typeof pool.label === "string" &&
    Array.isArray(pool.runs) &&
    pool.runs.length > 0 &&
    pool.runs.every((runs) => Array.isArray(runs) && runs.length > 0 && runs.every((run) => typeof run === "number" && Number.isFinite(run)))
  );
}

export function bandMethodOf(options: BandOptions): BandMethod {
  return options.method ?? (options.sigmas !== undefined ? "sigmas" : "tolerance");
}

/** a band made from a reference's runs: its bounds, the runs' mean and standard deviation, and how it was made */
export interface Band {
  low: number;
  high: number;
  mean: number;
  /** the sample standard deviation (ddof 1) */
  std: number;
  /** how the band was made, for a report: "99.5% of 30 seeded runs (95% confidence)" */
  basis: string;
}

/**
 * The band of the reference's runs under `options` (see BandMethod): the
 * seeds' values alone, or with the runs of their pool (BandPool), which
 * method "tolerance" widens the band to.
 */
export function bandOf(input: readonly number[] | BandSamples, options: BandOptions = {}): Band {
  // a graded heatmap asks for each cell's band several times (the comparator, the plot, the honesty checks): work each out once
  const key = JSON.stringify(options);
  const known = BANDS.get(input)?.get(key);
  if (known !== undefined) return known;
  const band = Object.freeze(computeBand(input, options));
  if (!BANDS.has(input)) BANDS.set(input, new Map());
  BANDS.get(input)!.set(key, band);
  return band;
}

/** bands by their runs and options; runs are values, never changed once a reference made them */
const BANDS = new WeakMap<object, Map<string, Band>>();

function computeBand(input: readonly number[] | BandSamples, options: BandOptions): Band {
  const samples = "samples" in input ? input.samples : (input as readonly number[]);
  const pool = "samples" in input ? input.pool : undefined;
  const n = samples.length;
  const mean = samples.reduce((sum, value) => sum + value, 0) / n;
  const variance = n > 1 ? samples.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1) : 0;
  const std = Math.sqrt(variance);
  const runs = `${n} seeded run${n === 1 ? "" : "s"}`;
  if (bandMethodOf(options) === "sigmas") {
    const sigmas = options.sigmas ?? SIGMAS_DEFAULT;
    const half = Math.max(sigmas * std, options.floor ?? FLOOR_DEFAULT);
    return { ...clip(mean - half, mean + half, options.range), mean, std, basis: `mean +- ${sigmas} standard deviations of ${runs}` };
  }
  const coverage = options.coverage ?? COVERAGE_DEFAULT;
  const confidence = options.confidence ?? CONFIDENCE_DEFAULT;
  const floor = options.floor ?? TOLERANCE_FLOOR_DEFAULT;
  const scale = SCALES[options.scale ?? SCALE_DEFAULT];
  const values = samples.map(scale.to);
  const center = values.reduce((sum, value) => sum + value, 0) / n;
  const spread = n > 1 ? Math.sqrt(values.reduce((sum, value) => sum + (value - center) ** 2, 0) / (n - 1)) : 0;
  // one run, or runs that agree exactly: a deterministic result, known to within the floor
  const half = n > 1 && spread > 0 ? toleranceFactor(n, coverage, confidence) * spread : 0;
  let low = Math.min(scale.from(center - half), mean - floor, ...samples);
  let high = Math.max(scale.from(center + half), mean + floor, ...samples);
  let basis = `${percent(coverage)} of ${runs} (${percent(confidence)} confidence${scale.note})`;
  if (pool !== undefined) {
    const reach = poolReach(pool, options.scale ?? SCALE_DEFAULT);
    const middle = median(values);
    low = Math.min(low, scale.from(middle - reach.below));
    high = Math.max(high, scale.from(middle + reach.above));
    basis += `, widened to the furthest of ${pool.runs.reduce((sum, runs) => sum + runs.length, 0)} runs ${pool.label}`;
  }
  return { ...clip(low, high, options.range), mean, std, basis };
}

/** how far below and above its own median any configuration of the pool has run, on the band's scale */
function poolReach(pool: BandPool, scaleName: BandScale): { below: number; above: number } {
  const known = REACHES.get(pool)?.get(scaleName);
  if (known !== undefined) return known;
  const to = SCALES[scaleName].to;
  let below = 0;
  let above = 0;
  for (const runs of pool.runs) {
    const values = runs.map(to);
    const middle = median(values);
    below = Math.max(below, middle - Math.min(...values));
    above = Math.max(above, Math.max(...values) - middle);
  }
  if (!REACHES.has(pool)) REACHES.set(pool, new Map());
  REACHES.get(pool)!.set(scaleName, { below, above });
  return { below, above };
}

/** a pool is shared by all its cells: its reach is worked out once per scale */
const REACHES = new WeakMap<BandPool, Map<BandScale, { below: number; above: number }>>();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

function clip(low: number, high: number, range: BandRange | undefined): { low: number; high: number } {
  const [min, max] = range ?? [null, null];
  return { low: min === null ? low : Math.max(low, min), high: max === null ? high : Math.min(high, max) };
}

const percent = (share: number) => `${Number((share * 100).toPrecision(6))}%`;

const SHARE = { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 } as const;
const BOUND = { type: ["number", "null"] } as const;

/**
 * A result of training (an accuracy, a final loss) against the band the
 * reference's own seeds span: a student's run with another seed lands
 * somewhere in it, so one exact value would be unfair.
 */
export const comparator: Comparator<BandOptions> = {
  meta: {
    id: "band",
    expects: "bands",
    diagnosable: true,
    identicalValues: true,
    description:
      "a trained result within the band of the reference's seeds: by default a normal tolerance interval holding `coverage` of honest runs at `confidence`, clipped to `range`; or mean +- max(sigmas * std, floor)",
    optionsSchema: {
      type: "object",
      properties: {
        method: {
          enum: ["tolerance", "sigmas"],
          description:
            "tolerance: a normal tolerance interval of the runs (coverage, confidence, scale); sigmas: mean +- max(sigmas * std, floor). Left out: sigmas when `sigmas` is given, else tolerance",
        },
        coverage: {
          ...SHARE,
          default: COVERAGE_DEFAULT,
          description: "method tolerance: the share of all honest runs the band holds",
        },
        confidence: {
          ...SHARE,
          default: CONFIDENCE_DEFAULT,
          description: "method tolerance: the probability that the band holds at least `coverage` of honest runs",
        },
        // no "default": a rubric that leaves sigmas out gets method tolerance, one that gives it (even 3) method sigmas
        sigmas: {
          ...NON_NEGATIVE_NUMBER,
          description: `method sigmas: the band's half-width in sample standard deviations of the reference's runs; given without method, it picks method sigmas. Left out: ${SIGMAS_DEFAULT}`,
        },
        floor: {
          ...NON_NEGATIVE_NUMBER,
          description: `the least half-width around the runs' mean, in the answer's units; left out: ${TOLERANCE_FLOOR_DEFAULT} for method tolerance, ${FLOOR_DEFAULT} for method sigmas`,
        },
        range: {
          type: "array",
          prefixItems: [BOUND, BOUND],
          items: false,
          minItems: 2,
          description: "the quantity's valid [min, max], inclusive, null for no bound on that side ([0, 1] an accuracy, [0, null] a loss): the band is clipped to it; left out: unbounded",
        },
        scale: {
          enum: ["linear", "log-error"],
          default: SCALE_DEFAULT,
          description: `method tolerance: where the interval is taken: linear, on the values; log-error, on -ln(1 - x + ${LOG_ERROR_OFFSET}) of an accuracy x, for runs that sometimes stall (needs range [.., 1])`,
        },
      },
      additionalProperties: false,
    },
    defaults: {},
    messages: {
      ok: "no value, as expected",
      inside: "{{received}} is within the reference band {{low_expected}}–{{high_expected}}: {{basis}}",
      "inside-hidden": "{{received}} is within the reference band ({{basis}})",
      below: "{{received}} is below the reference band {{low_expected}}–{{high_expected}}: {{basis}}",
      "below-hidden": "{{received}} is below the reference band ({{basis}})",
      above: "{{received}} is above the reference band {{low_expected}}–{{high_expected}}: {{basis}}",
      "above-hidden": "{{received}} is above the reference band ({{basis}})",
      "not-finite": "got {{received}}, expected a finite number",
      ...COMMON_MESSAGES,
    },
    checkOptions: (options) => {
      const problems: string[] = [];
      const [min, max] = options.range ?? [null, null];
      if (min !== null && max !== null && min > max) problems.push(`range [${min}, ${max}] is empty`);
      const method = bandMethodOf(options);
      const foreign = method === "sigmas" ? ["coverage", "confidence", "scale"] : ["sigmas"];
      if (options.scale === "log-error" && (options.range?.[1] ?? Number.POSITIVE_INFINITY) > 1) problems.push('scale "log-error" is for a share: it needs range [.., 1]');
      for (const name of foreign) if (options[name as keyof BandOptions] !== undefined) problems.push(`${name} does not apply to method "${method}"`);
      return problems;
    },
  },
  compare(received, expected, options): CompareOutcome {
    const nullCase = nullOutcome(received, expected);
    if (nullCase) return nullCase;
    if (!isBandSamples(expected)) return badReferenceOutcome(expected);
    if (typeof received !== "number") return typeOutcome("a number", received);
    if (!Number.isFinite(received)) return { score: false, messageId: "not-finite", data: { received: String(received) } };
    const { low, high, basis } = bandOf(expected, options);
    if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) return badReferenceOutcome(expected);
    const data = { received, low_expected: low, high_expected: high, seeds: expected.samples.length, basis };
    if (received < low) return { score: false, messageId: "below", data };
    if (received > high) return { score: false, messageId: "above", data };
    return { score: true, messageId: "inside", data };
  },
};
