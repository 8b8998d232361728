/**
 * nngrade/authoring: what a reference (an assignment's solution) is written
 * with. A reference module's default export is `defineAssignment<Inputs>({
 * id, title, defaultInputs, tasks })`; each task's `solve(inputs, upstream,
 * context)` returns the expected answers and what else grading may use
 * (alternatives, bands, factors for diagnoses). `upstream` holds a
 * student's own earlier values when an item is graded with error carried
 * forward; its readers fall back to the reference's own values. Expensive
 * runs go through `context.cache`, keyed by everything that decides them.
 *
 * @packageDocumentation
 */

export { type AssignmentDefinition, type DefinedAssignment, defineAssignment, type TaskDefinitions } from "./authoring/define.ts";
// a reference without code: the expected answers as JSON answer keys (docs/authoring.md)
export { type KeyReferenceOptions, referenceFromKey } from "./authoring/key.ts";
export {
  type Better,
  type CachedRun,
  type DataSet,
  type Evaluation,
  type Flag,
  NO_UPSTREAM,
  type Reference,
  type ReferenceTask,
  type SolveContext,
  type TaskSolution,
  unverifiedFlag,
  type Upstream,
} from "./grade/reference.ts";
export { upstreamFrom } from "./grade/upstream.ts";
export type { Reading } from "./grade/readings.ts";

// expensive runs, cached by their key
export { cacheKey, ReferenceCache } from "./grade/cache.ts";

// data sets students train on
export { mnistSplitDataSets } from "./grade/datasets.ts";

// bands of trained results, and checks of results that cannot be honest
export { type Band, type BandMethod, type BandOptions, bandOf, type BandPool, type BandRange, type BandSamples, type BandScale } from "./compare/band.ts";
export { beyondReference, divergenceFlags, epochsProblem } from "./grade/integrity.ts";
// engine evaluations as data: graded alike by check, a student bundle and the self-check page
export {
  type AccuracyData,
  accuracyOf,
  accuracyVerdict,
  asFraction,
  type EvaluatorId,
  type PortableEvaluation,
  type PredictionsData,
  readLabels,
  type ReportedAccuracyData,
} from "./grade/evaluators.ts";
export { type DenseTraining, retrainingRefusal } from "./grade/training-budget.ts";

// the JSON values answers are made of
export { isValueObject, numericShape, type Value, type ValueObject } from "./value.ts";
