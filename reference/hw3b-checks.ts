/**
 * hw3b's readings of a student's own numbers (heatmap, chosen cells, trials,
 * curves) and the rules that judge a choice against them. Student data:
 * anything can arrive, and what cannot be read is undefined, never thrown.
 */
import type { Flag } from "nngrade/authoring";
import { ACTIVATIONS, type Activation, type MlpConfig } from "./hw3b-mlp.ts";

export const LEARNING_RATES = [1e-4, 1e-3, 1e-2, 1e-1, 1] as const;
export const SIGMA2S = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;

export type Cell = { row: number; col: number };
export type Diagnosis = "overfitting" | "underfitting" | "good fit";
export type Trial = Omit<MlpConfig, "epochs"> & { val_accuracy: number };

/** accuracies this close are one value (a float32 mean, a printed 4 digits) */
const TIE = 1e-9;
/** over the last epochs, validation loss this far above its minimum (relative, absolute) is rising */
const OVERFIT_RISE = { relative: 0.1, absolute: 0.02 };
/** a final training loss above this is underfitting: a linear boundary ends near 0.3 on these moons, the base model near 0.09 */
const UNDERFIT_LOSS = 0.2;
/** a quantity within this share of a threshold could be read either way: both labels are accepted */
const THRESHOLD_SLACK = 0.2;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function field(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** a 5x11 heatmap of finite numbers (rows lr, columns sigma^2), or undefined */
export function readHeatmap(value: unknown): number[][] | undefined {
  if (!Array.isArray(value) || value.length !== LEARNING_RATES.length) return undefined;
  const rows = value.map((row) => (Array.isArray(row) && row.length === SIGMA2S.length ? row.map(finite) : undefined));
  if (rows.some((row) => row === undefined || row.some((v) => v === undefined))) return undefined;
  return rows as number[][];
}

/** the heatmap cell of {lr, sigma2}: undefined when unreadable, "off-grid" when it is no cell of the heatmap */
export function readCell(value: unknown): Cell | "off-grid" | undefined {
  const lr = finite(field(value, "lr"));
  const sigma2 = finite(field(value, "sigma2"));
  if (lr === undefined || sigma2 === undefined) return undefined;
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b), 1e-12);
  const row = LEARNING_RATES.findIndex((candidate) => near(candidate, lr));
  const col = SIGMA2S.findIndex((candidate) => Math.abs(candidate - sigma2) <= 1e-9);
  return row < 0 || col < 0 ? "off-grid" : { row, col };
}

export function cellName(cell: Cell): string {
  return `lr ${LEARNING_RATES[cell.row]}, sigma^2 ${SIGMA2S[cell.col]}`;
}

/** sigma^2 = 0 cannot break the symmetry of the hidden units (t1): those cells do not train */
export function isTrainable(cell: Cell): boolean {
  return (SIGMA2S[cell.col] ?? 0) > 0;
}

export function allCells(): Cell[] {
  return LEARNING_RATES.flatMap((_, row) => SIGMA2S.map((__, col) => ({ row, col })));
}

/** every cell at the heatmap's maximum (best) or, among trainable cells, its minimum (worst) */
export function extremeCells(heatmap: number[][], which: "best" | "worst"): Cell[] {
  const cells = which === "best" ? allCells() : allCells().filter(isTrainable);
  const value = (cell: Cell) => heatmap[cell.row]![cell.col]!;
  const target = which === "best" ? Math.max(...cells.map(value)) : Math.min(...cells.map(value));
  return cells.filter((cell) => Math.abs(value(cell) - target) <= TIE);
}

/** a cell at the heatmap's minimum over every cell, sigma^2 = 0 included: the other reading of "worst" */
export function isLiteralWorst(heatmap: number[][], cell: Cell): boolean {
  const lowest = Math.min(...allCells().map((c) => heatmap[c.row]![c.col]!));
  return Math.abs(heatmap[cell.row]![cell.col]! - lowest) <= TIE;
}

export function sameCell(a: Cell, b: Cell): boolean {
  return a.row === b.row && a.col === b.col;
}

const ACTIVATION_ALIASES: Record<string, Activation> = { linear: "identity", logistic: "sigmoid", none: "identity" };

/** one trial object, normalised; a string says what is wrong with it */
export function readTrial(value: unknown): Trial | string {
  if (!isRecord(value)) return "not an object";
  const number = (key: string) => finite(value[key]);
  const integer = (key: string) => {
    const n = number(key);
    return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
  };
  const lr = number("lr");
  const sigma2 = number("sigma2");
  const accuracy = number("val_accuracy");
  const name = typeof value.activation === "string" ? value.activation.trim().toLowerCase() : "";
  const activation = (ACTIVATIONS as readonly string[]).includes(name) ? (name as Activation) : ACTIVATION_ALIASES[name];
  const layers = integer("layers");
  const units = integer("units");
  const batch = integer("batch_size");
  if (lr === undefined || lr <= 0) return "lr must be a positive number";
  if (layers === undefined || units === undefined || batch === undefined) return "layers, units and batch_size must be positive integers";
  if (sigma2 === undefined || sigma2 < 0) return "sigma2 must be a number >= 0";
  if (accuracy === undefined || accuracy < 0 || accuracy > 1) return "val_accuracy must be a share in [0, 1]";
  if (activation === undefined) return `activation must be one of ${ACTIVATIONS.join(", ")}`;
  return { lr, layers, units, activation, batch_size: batch, sigma2, val_accuracy: accuracy };
}

/** the trials that can be read, with the index each had in the list */
export function readTrials(value: unknown): { trials: { index: number; trial: Trial }[]; problems: string[] } {
  if (!Array.isArray(value)) return { trials: [], problems: ["trials is not a list"] };
  const trials: { index: number; trial: Trial }[] = [];
  const problems: string[] = [];
  value.forEach((raw, index) => {
    const trial = readTrial(raw);
    if (typeof trial === "string") problems.push(`trials[${index}]: ${trial}`);
    else trials.push({ index, trial });
  });
  return { trials, problems };
}

/** indices of the trials at the largest val_accuracy */
export function bestTrialIndices(value: unknown): number[] {
  const { trials } = readTrials(value);
  if (trials.length === 0) return [];
  const top = Math.max(...trials.map((t) => t.trial.val_accuracy));
  return trials.filter((t) => top - t.trial.val_accuracy <= TIE).map((t) => t.index);
}

export function readCurves(value: unknown): { train: number[]; val: number[] } | undefined {
  const read = (key: string) => {
    const list = field(value, key);
    if (!Array.isArray(list) || list.length < 3) return undefined;
    const values = list.map(finite);
    return values.every((v) => v !== undefined && v >= 0) ? (values as number[]) : undefined;
  };
  const train = read("train_loss");
  const val = read("val_loss");
  return train && val && train.length === val.length ? { train, val } : undefined;
}

/**
 * The rule the diagnosis is held to: overfitting when the validation loss
 * ends well above its minimum while the training loss kept falling after
 * that minimum; otherwise underfitting when the training loss ends high;
 * otherwise a good fit. Near a threshold both readings are accepted.
 */
export function acceptedDiagnoses(curves: { train: number[]; val: number[] }): Set<Diagnosis> {
  const accepted = new Set<Diagnosis>();
  for (const scale of [1 - THRESHOLD_SLACK, 1, 1 + THRESHOLD_SLACK]) accepted.add(diagnoseAt(curves, scale));
  return accepted;
}

/** the rule's own reading, at its thresholds */
export function diagnoseCurves(curves: { train: number[]; val: number[] }): Diagnosis {
  return diagnoseAt(curves, 1);
}

function diagnoseAt({ train, val }: { train: number[]; val: number[] }, scale: number): Diagnosis {
  const last = val.length - 1;
  const minimum = Math.min(...val);
  const at = val.indexOf(minimum);
  const rise = Math.max(OVERFIT_RISE.relative * minimum, OVERFIT_RISE.absolute) * scale;
  if (val[last]! > minimum + rise && train[last]! < train[at]!) return "overfitting";
  if (train[last]! > UNDERFIT_LOSS * scale) return "underfitting";
  return "good fit";
}

const DIAGNOSIS_ALIASES: Record<string, Diagnosis> = {
  overfitting: "overfitting",
  overfit: "overfitting",
  underfitting: "underfitting",
  underfit: "underfitting",
  "good fit": "good fit",
  goodfit: "good fit",
  "good-fit": "good fit",
  good: "good fit",
};

export function readDiagnosis(value: unknown): Diagnosis | undefined {
  return typeof value === "string" ? DIAGNOSIS_ALIASES[value.trim().toLowerCase().replace(/_/g, " ")] : undefined;
}

/** lr >= 0.1 with sigma^2 >= 0.1 trains to about 0.96 in every reference seed: at or below chance there is a bug */
const SURELY_TRAINS = (cell: Cell) => (LEARNING_RATES[cell.row] ?? 0) >= 0.1 && isTrainable(cell);
const CHANCE = 0.5;
/** a zero initialisation this far above chance has learnt something it cannot learn */
const ZERO_INIT_CEILING = 0.6;

/** checks across items: each reads the raw submission and says nothing about what it cannot read */
export function hw3bFlags(answers: Record<string, unknown>): Flag[] {
  const flags: Flag[] = [];
  const heatmap = readHeatmap(field(answers, "t2", "val_accuracy"));
  if (heatmap) {
    // every cell the same is the generic identical-values check's (src/grade/integrity.ts), against the reference's bands
    const low = allCells().filter((c) => SURELY_TRAINS(c) && heatmap[c.row]![c.col]! <= CHANCE);
    if (low.length > 0) flags.push({ code: "below-chance", message: `t2: ${low.map(cellName).join("; ")} at or below chance, where the reference reaches about 0.96` });
    const zeroColumn = heatmap.map((row) => row[0]!);
    if (Math.max(...zeroColumn) >= ZERO_INIT_CEILING) {
      flags.push({ code: "zero-init-trains", message: `t2: sigma^2 = 0 reaches ${Math.max(...zeroColumn)}; with every parameter 0 the hidden units stay equal and the model stays at chance` });
    }
    for (const which of ["best", "worst"] as const) {
      const chosen = readCell(field(answers, "t3", which));
      if (chosen === undefined || chosen === "off-grid") continue;
      const own = extremeCells(heatmap, which);
      if (which === "worst" && !isTrainable(chosen) && isLiteralWorst(heatmap, chosen)) continue;
      if (!own.some((cell) => sameCell(cell, chosen))) {
        flags.push({ code: "inconsistent-choice", message: `t3.${which} is ${cellName(chosen)}, but your own t2 heatmap has its ${which} at ${cellName(own[0]!)}` });
      }
    }
  }
  const zero = finite(field(answers, "t1", "val_accuracy"));
  if (zero !== undefined && zero >= ZERO_INIT_CEILING) {
    flags.push({ code: "zero-init-trains", message: `t1: zero initialisation reaches ${zero}, as a random one would; with every parameter 0 the hidden units cannot differ` });
  }
  const trialsValue = field(answers, "t4", "trials");
  const { trials } = readTrials(trialsValue);
  if (trials.length >= 3 && new Set(trials.map((t) => t.trial.val_accuracy)).size === 1) {
    flags.push({ code: "identical-accuracies", message: `t4: all ${trials.length} trials report ${trials[0]!.trial.val_accuracy}` });
  }
  const best = bestTrialIndices(trialsValue);
  const topTrial = trials.find((t) => t.index === best[0]);
  if (topTrial !== undefined && topTrial.trial.val_accuracy <= CHANCE) {
    flags.push({ code: "below-chance", message: `t4: the best trial reaches ${topTrial.trial.val_accuracy}, no better than chance` });
  }
  const index = field(answers, "t4", "best_index");
  if (best.length > 0 && typeof index === "number" && !best.includes(index)) {
    flags.push({ code: "best-index-not-max", message: `t4.best_index is ${index}, but the largest val_accuracy is trial ${best[0]}` });
  }
  const diagnosis = readDiagnosis(field(answers, "t4", "worst_diagnosis"));
  const curves = readCurves(field(answers, "t4", "worst_curves"));
  if (diagnosis !== undefined && curves !== undefined && !acceptedDiagnoses(curves).has(diagnosis)) {
    flags.push({ code: "diagnosis-contradicts-curves", message: `t4: "${diagnosis}" does not fit your own worst_curves, which read as ${[...acceptedDiagnoses(curves)].join(" or ")}` });
  }
  return flags;
}
