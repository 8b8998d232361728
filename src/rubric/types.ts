/** The rubric file as written (format nngrade/rubric@1); see rubrics/rubric.schema.json. */
/** an assignment id, as the rubric schema's `id` pattern has it: lowercase letters, digits and dashes */
export const ASSIGNMENT_ID = /^[a-z0-9][a-z0-9-]*$/;

export type Visibility = "visible" | "hidden";

export interface RubricFeedback {
  pass?: string;
  partial?: string;
  fail?: string;
  ecf?: string;
  missing?: string;
  invalid?: string;
  diagnosis?: Record<string, string>;
  alternatives?: Record<string, string>;
}

export interface RubricItem {
  answer: string;
  points: number;
  compare: { mode: string; [option: string]: unknown };
  visibility?: Visibility;
  depends_on?: string[];
  ecf_credit?: number;
  diagnosis_credit?: Record<string, number>;
  feedback?: RubricFeedback;
  /** the TA's hint on how to give the answer, shown by template and handout after the derived one */
  hint?: string;
}

export interface RubricTask {
  id: string;
  title: string;
  points: number;
  /** K: the reference seeds the task's bands are built from (tasks whose reference trains) */
  seeds?: number[];
  /**
   * how nngrade reads the handout where it can be read two ways (which
   * readings are accepted, and why): printed by handout and template, and
   * in the assignment's documentation
   */
  conventions?: string[];
  items: RubricItem[];
}

/** a rubric as rubrics/rubric.schema.json describes it: tasks of items, each an answer path, its points and how it is compared */
export interface Rubric {
  $schema?: string;
  format: "nngrade/rubric@1";
  id: string;
  title: string;
  reference?: string;
  /** instead of a reference module: the JSON answer key file, or one per seed, relative to the rubric file (docs/authoring.md) */
  key?: string | string[];
  variants?: "default" | "per-student";
  tasks: RubricTask[];
}
