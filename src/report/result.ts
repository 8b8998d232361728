import type { Value } from "../value.ts";

/**
 * The result of grading one submission: the versioned contract between the
 * grader, which builds it, and the reports, which only render it.
 * Field order here is the key order of the JSON result (see json.ts).
 */

export type ItemStatus = "pass" | "partial" | "fail" | "ecf" | "missing" | "invalid";

export interface ItemResult {
  /** answer path: "q3.grad_W", "q6.runs[2].final_w" (0-based) */
  id: string;
  status: ItemStatus;
  /** exact decimal (already rounded by the grader) */
  score: number;
  max_score: number;
  diagnosis: { code: string; message: string } | null;
  /** what the comparator found, one short sentence */
  message: string;
  /** the rubric's feedback text for this outcome (may be absent) */
  feedback?: string;
  visibility: "visible" | "hidden";
  /** only when visible */
  expected?: Value;
  /** what the student gave (parsed), absent when missing */
  received?: Value;
  /** for curve items */
  plot?: { kind: "curve"; expected: (number | null)[]; received: (number | null)[]; label?: string };
}

export interface TaskResult {
  id: string;
  title: string;
  score: number;
  max_score: number;
  items: ItemResult[];
}

export interface GradeResult {
  schema: "nngrade/result@1";
  assignment: string;
  assignment_title?: string;
  student: { id: string; name?: string };
  score: number;
  max_score: number;
  tasks: TaskResult[];
  flags: { code: string; message: string }[];
  /** the submission file */
  source?: string;
  /** ISO time (from SOURCE_DATE_EPOCH when set: the caller decides) */
  generated_at?: string;
  /** set when the submission could not be graded at all (unreadable file): score 0 */
  error?: { code: string; message: string };
  /**
   * what the grade was computed from, so a regrade can tell whether anything
   * changed: the rubric file's sha256, the engine's numeric version, and
   * whose inputs (the handout's, or the student's own per-student variant)
   */
  graded_with?: { rubric_sha256: string; engine_version: string; variant: "default" | "per-student" };
}

export const RESULT_SCHEMA = "nngrade/result@1";
