/**
 * nngrade's grading core: from a rubric, a reference and a submission held
 * in memory to a result and its HTML report, with no file, process, thread
 * or Node built-in (test/architecture/browser-core.test.ts bundles it for a
 * browser and checks). What a browser page imports; Node programs import
 * `nngrade`, which adds the edges: rubric files and reference modules
 * (loadAssignment), submissions on disk, the reference cache on disk, a
 * class on worker threads.
 *
 * ```ts
 * import { assignmentFrom, gradeSubmission, parseSubmissionText, renderHtml } from "./core.ts";
 * const assignment = assignmentFrom(rubric, reference);
 * const result = gradeSubmission(assignment, submission);
 * const html = renderHtml(result);
 * ```
 */
import * as mathjs from "mathjs/number";
import { provideMathjs } from "./rubric/expression.ts";

// a page has no require to load the expression parser's mathjs with when a student first writes "e^6/(1+2*e^6)"
provideMathjs(mathjs);

// assignments and grading
export type { Assignment } from "./grade/assignment.ts";
export { assignmentFrom, type AssignmentFromOptions } from "./grade/assignment-from.ts";
export type { GradeOptions } from "./grade/grade.ts";
export { gradeSubmission } from "./grading.ts";
export { parseSubmissionText, type SubmissionLimits } from "./rubric/json.ts";
export { parseSubmission, type Submission, submissionFromBytes, type SubmissionOptions } from "./rubric/submission.ts";
export type { Rubric } from "./rubric/types.ts";
export { NO_UPSTREAM, type Reference, type ReferenceTask, type SolveContext, type TaskSolution } from "./grade/reference.ts";
export { type CacheEntries, type CacheEntry, type CacheStore, type CacheTier, cacheKey, MemoryCacheStore, ReferenceCache } from "./grade/reference-cache.ts";

// a student bundle (nngrade build --student): the self-check page grades from one
export { bundleAssignment, bundleVariantFor, STUDENT_BUNDLE_FORMAT, type StudentBundle } from "./bundle/student-bundle.ts";

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
export { renderText, type TextOptions } from "./report/text.ts";
