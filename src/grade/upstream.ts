/**
 * Readers of a student's upstream values for a reference's solve. Upstream
 * values are a student's answers, read as data: anything that is not
 * exactly a finite number (vector, matrix) of the expected shape is not
 * used, and the reader gives the reference's own value (`fallback`)
 * instead. Every reference used to write these checks itself
 * (`finiteNumber`, `finiteMatrix`), each a little differently.
 */
import { Matrix } from "../engine/matrix.ts";
import { numericShape, type Value } from "../value.ts";
import type { Upstream } from "./reference.ts";

function finiteNumber(value: Value | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function finiteVector(value: Value | undefined, length: number | undefined): number[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || (length !== undefined && value.length !== length)) return undefined;
  return value.every((v) => typeof v === "number" && Number.isFinite(v)) ? (value as number[]) : undefined;
}

function finiteMatrix(value: Value | undefined, rows: number, cols: number): Matrix | undefined {
  if (value === undefined) return undefined;
  const shape = numericShape(value);
  if (shape === null || shape.length !== 2 || shape[0] !== rows || shape[1] !== cols) return undefined;
  const matrix = Matrix.from(value as number[][]);
  return matrix.data.every(Number.isFinite) ? matrix : undefined;
}

/**
 * An Upstream over `get` (the student's raw value of an item id, or
 * undefined), with the typed readers. The grader builds one per solve with
 * error carried forward; NO_UPSTREAM answers undefined for every id.
 */
export function upstreamFrom(get: (itemId: string) => Value | undefined, ids: readonly string[] = []): Upstream {
  return {
    get,
    ids: () => ids.filter((id) => get(id) !== undefined),
    number(itemId: string, fallback?: number) {
      return finiteNumber(get(itemId)) ?? fallback;
    },
    vector(itemId: string, shape?: number | readonly number[]) {
      const length = typeof shape === "number" ? shape : shape?.length;
      return finiteVector(get(itemId), length) ?? (typeof shape === "object" ? shape : undefined);
    },
    matrix(itemId: string, shape: number | Matrix, cols?: number) {
      if (typeof shape === "number") return finiteMatrix(get(itemId), shape, cols ?? 0);
      return finiteMatrix(get(itemId), shape.rows, shape.cols) ?? shape;
    },
  } as Upstream;
}
