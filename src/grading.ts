/**
 * Grading one submission as nngrade's commands do (`check`, each student of
 * a batch) and as the package gives it: the grader's verdicts (grade/) with
 * the plots a report draws, chosen on the report side (report/plots/). Here,
 * above both, so that grade/ never imports from report/ beyond the result
 * types.
 */
import type { Assignment } from "./grade/assignment.ts";
import { type GradeOptions, gradeVerdicts } from "./grade/grade.ts";
import { plotSource } from "./grade/plot-source.ts";
import { addPlots } from "./report/plots/choose.ts";
import type { GradeResult } from "./result/types.ts";
import type { Submission } from "./rubric/submission.ts";

/**
 * Grades one submission against an assignment: every answer read, compared,
 * given error carried forward where an upstream answer was wrong, diagnosed
 * where it still fails, and each visible item given the plot that suits it.
 */
export function gradeSubmission(assignment: Assignment, submission: Submission, options: GradeOptions = {}): GradeResult {
  return addPlots(gradeVerdicts(assignment, submission, options), plotSource(assignment));
}
