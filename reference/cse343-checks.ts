/**
 * Checks across the cells of cse343 s4 that no single band sees, against
 * the reference's own bands: twelve configurations that all end the same,
 * and a zero initialisation that learns as much as a random one.
 */
import { bandOf, type BandOptions, type Flag } from "nngrade/authoring";
import { S4_ACTIVATIONS, S4_INITS, type S4Activation, type S4Cell, type S4Init } from "./cse343-activations.ts";

/**
 * The band of an s4 accuracy, as the rubric's items have it (a test holds
 * the two together): a normal tolerance interval of the 6 reference seeds
 * for 99.5% of honest runs at 95% confidence (k = 6.3), within [0, 1], never
 * narrower than +-0.02 (the zero-initialised tanh, relu and leaky relu cells
 * agree exactly across seeds; a float32 run may not).
 */
export const S4_BAND = { method: "tolerance", coverage: 0.995, confidence: 0.95, floor: 0.02, range: [0, 1] } satisfies BandOptions;
/**
 * Sigmoid with the normal (He) initialisation sits where 10 epochs at lr
 * 0.05 just start to move the net off chance: 13 numpy seeds (10-22, once)
 * ended anywhere from 0.099 to 0.199. Its floor keeps the band that wide
 * should the reference's seeds happen to agree.
 */
export const S4_SIGMOID_NORMAL_BAND = { ...S4_BAND, floor: 0.1 } satisfies BandOptions;

export function s4BandOptions(cell: { activation: S4Activation; init: S4Init }): BandOptions {
  return cell.activation === "sigmoid" && cell.init === "normal" ? S4_SIGMOID_NORMAL_BAND : S4_BAND;
}

const METRICS = ["train_accuracy", "val_accuracy"] as const;
type Metric = (typeof METRICS)[number];

const ACTIVATION_ALIASES: Record<string, S4Activation> = { logistic: "sigmoid", leakyrelu: "leaky_relu", lrelu: "leaky_relu" };
const INIT_ALIASES: Record<string, S4Init> = {
  zeros: "zero",
  random: "uniform",
  xavier: "uniform",
  xavier_uniform: "uniform",
  glorot: "uniform",
  glorot_uniform: "uniform",
  he: "normal",
  he_normal: "normal",
  gaussian: "normal",
};

function label<T extends string>(value: unknown, known: readonly T[], aliases: Record<string, T>): T | undefined {
  if (typeof value !== "string") return undefined;
  const spelled = value.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return known.find((k) => k === spelled) ?? aliases[spelled];
}

/** an accuracy as a fraction: 0..1 as it is, 1..100 read as a percentage; undefined for anything else */
function asFraction(value: unknown): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) return undefined;
  return value <= 1 ? value : value / 100;
}

type Reported = { cell: number; values: Partial<Record<Metric, number>> };

/**
 * The student's cells, each matched to a reference cell by its labels when
 * they name one, else by its position (activations outer, inits inner).
 */
function reportedCells(answers: Record<string, unknown>, grid: readonly S4Cell[]): Reported[] {
  const task = answers.s4;
  const results = task !== null && typeof task === "object" && !Array.isArray(task) ? (task as Record<string, unknown>).results : undefined;
  if (!Array.isArray(results)) return [];
  const out: Reported[] = [];
  results.forEach((entry: unknown, position) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return;
    const fields = entry as Record<string, unknown>;
    const activation = label(fields.activation, S4_ACTIVATIONS, ACTIVATION_ALIASES);
    const init = label(fields.init, S4_INITS, INIT_ALIASES);
    const named = grid.findIndex((c) => c.activation === activation && c.init === init);
    const cell = named >= 0 ? named : position < grid.length ? position : -1;
    if (cell < 0) return;
    const values: Partial<Record<Metric, number>> = {};
    for (const metric of METRICS) {
      const fraction = asFraction(fields[metric]);
      if (fraction !== undefined) values[metric] = fraction;
    }
    out.push({ cell, values });
  });
  return out;
}

const name = (cell: S4Cell) => `${cell.activation} ${cell.init}`;
const band = (cell: S4Cell, metric: Metric) => bandOf(cell.runs.map((r) => r[metric]), s4BandOptions(cell));

/** one flag per metric whose every reported value is the same, where the reference tells two of those cells apart */
function identicalFlags(reported: readonly Reported[], grid: readonly S4Cell[]): Flag[] {
  const flags: Flag[] = [];
  for (const metric of METRICS) {
    const cells = reported.filter((r) => r.values[metric] !== undefined);
    if (cells.length < 2 || new Set(cells.map((r) => r.values[metric])).size !== 1) continue;
    const bands = cells.map((r) => ({ cell: grid[r.cell]!, band: band(grid[r.cell]!, metric) }));
    const top = bands.reduce((a, b) => (b.band.low > a.band.low ? b : a));
    const bottom = bands.reduce((a, b) => (b.band.high < a.band.high ? b : a));
    if (top.band.low <= bottom.band.high) continue;
    flags.push({
      code: "identical-accuracies",
      message: `s4: all ${cells.length} cells report ${metric} ${Number(cells[0]!.values[metric]!.toPrecision(6))}, but ${name(top.cell)} (about ${top.band.mean.toFixed(3)}) and ${name(bottom.cell)} (about ${bottom.band.mean.toFixed(3)}) cannot end the same`,
    });
  }
  return flags;
}

/**
 * A zero-initialised cell that reaches the band of a random initialisation
 * of the same activation, where the reference's bands of the two do not
 * overlap (sigmoid's random inits barely leave the bias-only model in 10
 * epochs at lr 0.05: there the check has nothing to go on).
 */
function zeroInitFlags(reported: readonly Reported[], grid: readonly S4Cell[]): Flag[] {
  const flags: Flag[] = [];
  for (const r of reported) {
    const zero = grid[r.cell]!;
    if (zero.init !== "zero") continue;
    const reached: string[] = [];
    for (const metric of METRICS) {
      const value = r.values[metric];
      if (value === undefined) continue;
      const own = band(zero, metric);
      const randoms = grid.filter((c) => c.activation === zero.activation && c.init !== "zero").map((c) => ({ cell: c, band: band(c, metric) }));
      const apart = randoms.filter((c) => c.band.low > own.high);
      const lowest = apart.reduce<(typeof apart)[number] | undefined>((a, b) => (a === undefined || b.band.low < a.band.low ? b : a), undefined);
      if (lowest !== undefined && value >= lowest.band.low) {
        reached.push(`${metric} ${value} (${name(lowest.cell)} from ${lowest.band.low.toFixed(3)}, zero at about ${own.mean.toFixed(3)})`);
      }
    }
    if (reached.length > 0) {
      flags.push({
        code: "zero-init-trains",
        message: `s4: ${name(zero)} reaches ${reached.join(" and ")}; with every weight 0 the units of a layer stay equal and cannot learn what a random initialisation learns`,
      });
    }
  }
  return flags;
}

/** s4's cross-cell flags; `grid` is the reference's runs, the answers are raw student data */
export function s4Flags(answers: Record<string, unknown>, grid: readonly S4Cell[]): Flag[] {
  const reported = reportedCells(answers, grid);
  return [...identicalFlags(reported, grid), ...zeroInitFlags(reported, grid)];
}
