/**
 * nngrade: grade one submission or a class folder against an assignment,
 * and render the results.
 *
 * ```ts
 * import { loadAssignment, loadSubmission, gradeSubmission, renderHtml } from "nngrade";
 * const assignment = await loadAssignment("hw4-hyperparameters");
 * const submission = await loadSubmission(process.cwd(), "answers.json");
 * const result = gradeSubmission(assignment, submission);
 * const html = renderHtml(result);
 * ```
 *
 * The result is the `nngrade/result@1` contract (GradeResult); writing an
 * assignment of one's own goes through `nngrade/authoring`, the numeric
 * engine through `nngrade/engine`, testing one's comparators and
 * assignments through `nngrade/testing`.
 *
 * @packageDocumentation
 */

// assignments and grading
export { type Assignment, type AssignmentInfo, assignmentFrom, listAssignments, loadAssignment, type LoadOptions } from "./grade/assignment.ts";
export type { AssignmentFromOptions } from "./grade/assignment-from.ts";
export type { GradeOptions } from "./grade/grade.ts";
export { gradeSubmission } from "./grading.ts";
export { type Owner, parseSubmission, type Submission, type SubmissionOptions } from "./rubric/submission.ts";
export { loadSubmission } from "./rubric/submission-file.ts";
export type { Rubric } from "./rubric/types.ts";

// a class at once
export {
  type BatchEvents,
  type BatchGradebook,
  type BatchMessage,
  type BatchOptions,
  type BatchOutcome,
  type BatchProgress,
  gradeBatch,
  inProcessRunner,
  type MergeOptions,
  type MergeOutcome,
  mergeBatches,
  pooledRunner,
  type PooledRunnerOptions,
  type Runner,
} from "./batch/index.ts";

// comparators and diagnosers of one's own
export {
  BUILTIN_REGISTRIES,
  type Comparator,
  type ComparatorMeta,
  type CompareOutcome,
  createRegistries,
  type Registries,
  type RegistryAdditions,
} from "./compare/index.ts";
export type { Diagnoser, DiagnoseInput, Diagnosis } from "./diagnose/types.ts";

// the result and its renderers
export {
  type GradeResult,
  type ItemPlot,
  type ItemResult,
  type ItemStatus,
  RESULT_SCHEMA,
  type TaskResult,
} from "./result/types.ts";
export { parseResultJson, renderJson } from "./result/json.ts";
export { renderHtml } from "./report/html.ts";
export { type PdfOptions, renderPdf } from "./report/pdf.ts";
export { renderText, type TextOptions } from "./report/text.ts";
export { renderJunit } from "./report/junit.ts";
export { renderAnnotations, renderStepSummary } from "./report/github.ts";
export { renderGradescope, toGradescope } from "./report/gradescope.ts";
export { type GradebookOptions, renderGradebook } from "./report/csv.ts";
export { type CanvasColumn, renderCanvasGradebook } from "./report/canvas.ts";
export type { RosterStudent } from "./report/roster.ts";
