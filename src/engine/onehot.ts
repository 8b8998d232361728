import { checkPositiveInteger, EngineArgumentError } from "./errors.ts";
import { Matrix } from "./matrix.ts";

/** labels must be integers in [0, classes); the error names the first bad one */
export function checkLabels(op: string, labels: readonly number[], classes: number): void {
  if (!Array.isArray(labels)) throw new EngineArgumentError(op, "labels must be an array");
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new EngineArgumentError(op, `label ${i} is ${String(label)}, expected an integer in [0, ${classes})`);
    }
  });
}

/** labels (0-based) -> one row per label with a 1 in that label's column */
export function oneHot(labels: readonly number[], classes: number): Matrix {
  checkPositiveInteger("oneHot", "classes", classes);
  checkLabels("oneHot", labels, classes);
  const out = new Matrix(labels.length, classes);
  labels.forEach((label, i) => {
    out.data[i * classes + label] = 1;
  });
  return out;
}
