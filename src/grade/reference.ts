import type { Value, ValueObject } from "../value.ts";
import type { Stream } from "../engine/random/stream.ts";
import type { ReferenceCache } from "./reference-cache.ts";
import type { Reading } from "./readings.ts";
import type { BandSamples } from "../compare/band.ts";
import type { Matrix } from "../engine/matrix.ts";
import type { PortableEvaluation } from "./evaluators.ts";
import { upstreamFrom } from "./upstream.ts";

/**
 * Values of other items a task's solution may start from. In a plain solve it
 * answers undefined for everything and the reference uses its own numbers; in
 * error-carried-forward it answers the student's values of the failed upstream
 * items, so the reference recomputes downstream answers from them.
 * Ids are full item ids: "q2.yhat", "q6.runs[1].final_w".
 */
export interface Upstream {
  /** the student's raw value of an item, as they wrote it (student data: read defensively), or undefined */
  get(itemId: string): Value | undefined;
  /** the item ids that have a student's value (a reference in another language is sent these); empty in a plain solve */
  ids(): string[];
  /** the student's value when it is a finite number; else `fallback` (the reference's own), or undefined without one */
  number(itemId: string): number | undefined;
  number(itemId: string, fallback: number): number;
  /** the student's value when it is a non-empty vector of finite numbers (of `length`, when given); else undefined */
  vector(itemId: string, length?: number): number[] | undefined;
  /** the student's value when it is a vector of finite numbers as long as `fallback`; else `fallback` */
  vector(itemId: string, fallback: readonly number[]): readonly number[];
  /** the student's value when it is a rows x cols matrix of finite numbers; else undefined */
  matrix(itemId: string, rows: number, cols: number): Matrix | undefined;
  /** the student's value when it is a matrix of finite numbers shaped like `fallback`; else `fallback` */
  matrix(itemId: string, fallback: Matrix): Matrix;
}

/** no student values: every solve uses the reference's own */
export const NO_UPSTREAM: Upstream = upstreamFrom(() => undefined);

/** which side of a trained result is the better one: an accuracy's "higher", a loss's "lower" */
export type Better = "higher" | "lower";

/** what a task's solve gives: the expected answers and what else grading may use (alternatives, bands, factors, evaluations) */
export interface TaskSolution {
  /** the expected answers, exactly in submission shape (answer keys of ASSIGNMENTS.md) */
  answers: ValueObject;
  /**
   * other accepted answers for items graded with the "oneof" comparator, by
   * answer path inside the task ("grad_z") then alternative id; the canonical
   * value in `answers` must be one of them
   */
  alternatives?: Record<string, Record<string, Value>>;
  /** named numbers a constant-factor diagnosis may use, e.g. { N: 2 } samples */
  factors?: Record<string, number>;
  /**
   * each answer's value one step earlier in the task's trace (a parameter
   * before this step's update), by path, so that a diagnosis can name an
   * answer reported before its update
   */
  before?: Record<string, Value>;
  /**
   * the answers that are fractions (accuracies), as paths inside the task
   * with [*] for any index ("val_accuracy[*][*]", "trials[*].val_accuracy"):
   * a percentage there is diagnosed as one
   */
  fractions?: string[];
  /**
   * the reference's seeds' values of a trained result, by answer path, for
   * items graded with the "band" comparator (the canonical answer in
   * `answers` is their mean); `better` says which side of the band no
   * honest run passes unnoticed (an accuracy's "higher", a loss's "lower"):
   * a result past every seed there is flagged (integrity.ts); `pool` adds
   * the runs of sibling configurations the band is widened to (BandPool)
   */
  bands?: Record<string, BandSamples & { better?: Better }>;
  /**
   * other readings of the handout for this task (readings.ts): bands by
   * answer path for answers that fit another honest reading as a whole
   */
  readings?: Reading[];
  /**
   * for items graded with the "engine" comparator: runs the student's own
   * model or predictions through the engine and says what passes, by path
   */
  evaluations?: Record<string, (received: Value) => Evaluation>;
  /**
   * engine evaluations written as data for one of the grading core's
   * evaluators (grade/evaluators.ts: an accuracy against the seeds' band,
   * predictions scored against the true labels, a reported accuracy that must
   * be the predictions' own), by path. The grader runs them with the
   * student's answers the item depends on; a student bundle carries them, so
   * a self-check grades these items as the TA's grading does. Where a path has
   * both, this one is used
   */
  portableEvaluations?: Record<string, PortableEvaluation>;
  /**
   * values the reference computes for known mistakes of this task (the
   * penalty without its 2 in the gradient), by path then diagnosis code; an
   * answer matching one, within the item's own tolerance, gets that diagnosis
   * before the generic diagnosers are asked
   */
  mistakes?: Record<string, Record<string, { value: Value; message: string }>>;
  /**
   * what the rows and columns of a matrix answer stand for, by path, so a
   * report can label its heatmap: { val_accuracy: { rows: { title: "lr",
   * labels: ["0.0001", ...] }, columns: ... } }
   */
  axes?: Record<string, { rows: { title: string; labels: string[] }; columns: { title: string; labels: string[] } }>;
  /**
   * the answers that are sequences over steps, by path (one entry per
   * answer, as graded: "runs[0].J"), and what their points are, so a report
   * draws them as curves with named axes: { J: { x: "epoch", y: "J", first:
   * 1 } } for J after every epoch, { J: { x: "w", y: "J", first: -2, step:
   * 0.1 } } for J over a grid of w. first is the x of the first point (0
   * when absent), step the x between points (1 when absent). A list of
   * numbers left out here is drawn as a curve only when its comparator
   * grades curves; a vector is drawn element by element
   */
  curves?: Record<string, { x: string; y: string; first?: number; step?: number }>;
}

/** A result that cannot be right on its own (identical accuracies, a model at chance), for the result's flags. */
export interface Flag {
  code: string;
  message: string;
}

/**
 * What an engine item's evaluation decides: the share of the points and one
 * sentence; and when the student claims a figure the engine could not check
 * (a trial too costly to retrain, a loss without the weights it is the loss
 * of), a flag for the result, so that the TA sees what earned no credit.
 */
export interface Evaluation {
  score: number;
  message: string;
  flag?: Flag;
}

/** the flag of a claimed figure the engine could not check: it earned no pass, and the TA may look at it */
export function unverifiedFlag(message: string): Flag {
  return { code: "unverified", message };
}

/**
 * What a solve throws when it cannot work from a student's own upstream
 * values here, but the TA's grading will (a student bundle holds answers,
 * not the computation): the item's message then says that error carried
 * forward is decided at grading, instead of failing it without a word.
 */
export class CarryForwardDeferred extends Error {
  constructor() {
    super("error carried forward is decided when the TA grades");
    this.name = "CarryForwardDeferred";
  }
}

export function deferredCarryForward(): CarryForwardDeferred {
  return new CarryForwardDeferred();
}

/** What a solve may use besides its inputs: the store for expensive results. */
export interface SolveContext {
  cache: ReferenceCache;
}

/** one task of a reference: solve(inputs, upstream, context) gives the expected answers and what grading may use */
export interface ReferenceTask<Inputs = unknown> {
  id: string;
  /** solves the task; must be pure and deterministic (training runs go through context.cache) */
  solve(inputs: Inputs, upstream: Upstream, context: SolveContext): TaskSolution;
}

/** an assignment's reference (its solution): inputs, tasks that solve them, and optional cross-checks, data sets and cached runs */
export interface Reference {
  id: string;
  title: string;
  /** the handout's inputs, by task id (the default variant) */
  defaultInputs(): Record<string, unknown>;
  /**
   * one student's inputs, drawn from a stream keyed by (assignment, student
   * id); tasks whose inputs do not vary keep the handout's. The answers'
   * shapes must not change: the rubric is planned on the default variant.
   */
  variantInputs?(stream: Stream): Record<string, unknown>;
  tasks: ReferenceTask[];
  /**
   * checks across items that no single comparison sees: reported vs computed
   * figures, identical results for configurations that should differ. Gets
   * the submission's raw answers (student data: read defensively) and the
   * inputs the student was graded on.
   */
  crossChecks?(answers: Record<string, unknown>, inputs: Record<string, unknown>): Flag[];
  /** the data sets students train on, exactly as the grader evaluates them (`nngrade data export`) */
  datasets?(): DataSet[];
  /**
   * every run the solves of these inputs ask the cache for, in a fixed
   * order: `reference --rebuild` computes them on worker threads first
   * (rebuild.ts), then solves from them. Without it, or for a run it leaves
   * out, a rebuild trains on one thread as the solve asks.
   */
  cachedRuns?(inputs: Record<string, unknown>): CachedRun[];
  /**
   * rubric lint may solve the tasks again on inputs nudged by one ulp,
   * through the assignment's run cache (so once per version of the
   * reference): a reference whose solves are calls to another process, kept
   * by content hash (a Python module's). Without it, lint solves only what
   * starts no training run.
   */
  lintSolves?: boolean;
}

/** One cached run: its cache key (ReferenceCache.get's) and how to compute its value; the same on every thread. */
export interface CachedRun {
  key: Record<string, unknown>;
  compute(): Value;
}

/** One data set of an assignment: a feature matrix, and labels where it has them. */
export interface DataSet {
  /** file-name stem: "mnist_train", "moons_validation" */
  name: string;
  /** one line: what it is and how it was made */
  description: string;
  features: { rows: number; cols: number; data: Float64Array };
  /** 0-based class labels, one per row */
  labels?: ArrayLike<number>;
}
