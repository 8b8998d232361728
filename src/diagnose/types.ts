import type { Value } from "../value.ts";

/** a named mistake: its code ("transposed") and one sentence for the student */
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

/** what a diagnoser is given: the received and expected values, the item, its siblings and the reference's factors */
export interface DiagnoseInput {
  /** full item id of the failed item: "q3.grad_W" */
  itemId: string;
  expected: Value;
  received: Value;
  /** the other items of the same task */
  siblings: SiblingAnswer[];
  /** numbers that make a constant factor meaningful, e.g. { N: 2 } for the number of samples */
  factors?: Record<string, number>;
  /** the value this answer had one step earlier in the task's trace (a parameter before its update) */
  before?: Value;
  /**
   * whether a value would pass the item's own comparison (its band, range,
   * curve properties or engine check): a diagnosis that repairs the answer
   * (divides by N, by 100) may ask; absent where the grader cannot say
   */
  passes?: (value: Value) => boolean;
  /**
   * where the answer holds fractions (accuracies), as paths inside the
   * answer: "" for the answer itself, "[*].val_accuracy" for a list of trials
   */
  fractions?: string[];
  /** tolerance the item was graded with, so a diagnosis holds to the same standard */
  tolerance: { rtol: number; atol: number };
}

/** one mistake pattern (transposed, sign, missing 1/N...): looks at a failed answer and names the mistake, or stays silent when unsure */
export interface Diagnoser {
  meta: { id: string; description: string };
  /** null when this pattern does not explain the mistake */
  diagnose(input: DiagnoseInput): Diagnosis | null;
}
