import type { Value } from "../value.ts";

export interface Diagnosis {
  /** stable code: "transposed", "sign", "scale", "swapped", "rounded", ... */
  code: string;
  /** a short lowercase sentence that says what is wrong without giving the answer away */
  message: string;
}

/** A sibling item of the same task, for diagnosers that look across answers (swapped fields). */
export interface SiblingAnswer {
  /** full item id: "q2.yhat" */
  id: string;
  expected: Value;
  /** undefined when the student left it out or it could not be read */
  received: Value | undefined;
}

export interface DiagnoseInput {
  /** full item id of the failed item: "q3.grad_W" */
  itemId: string;
  expected: Value;
  received: Value;
  /** the other items of the same task */
  siblings: SiblingAnswer[];
  /** numbers that make a constant factor meaningful, e.g. { N: 2 } for the number of samples */
  factors?: Record<string, number>;
  /** tolerance the item was graded with, so a diagnosis holds to the same standard */
  tolerance: { rtol: number; atol: number };
}

export interface Diagnoser {
  meta: { id: string; description: string };
  /** null when this pattern does not explain the mistake */
  diagnose(input: DiagnoseInput): Diagnosis | null;
}
