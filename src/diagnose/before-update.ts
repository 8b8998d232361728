import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { isClose, numericPair } from "./close.ts";

/**
 * A parameter reported as it was before the step's update: the answer equals
 * the task's own previous value of it (the trace's previous step, or the
 * starting value), which the reference gives as `before`. Only where the
 * update moved the value: otherwise before and after are the same answer.
 */
export const beforeUpdate: Diagnoser = {
  meta: {
    id: "before-update",
    description: "the value from before the update: the previous step of the task's trace",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    if (input.before === undefined || numericPair(input.received, input.expected) === null) return null;
    if (isClose(input.received, input.expected, input.tolerance)) return null;
    if (isClose(input.before, input.expected, input.tolerance)) return null;
    if (!isClose(input.received, input.before, input.tolerance)) return null;
    return { code: "before-update", message: "this is the value from before the update: report it after this step's update" };
  },
};
