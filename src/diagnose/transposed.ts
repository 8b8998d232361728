import { formatShape, isValueObject, type Value } from "../value.ts";
import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";
import { allClose, flattenNumeric, isClose, type NumericArray } from "./close.ts";

/** Row-major elements of the transpose of a rows x columns matrix. */
function transposeValues(matrix: NumericArray): number[] {
  const [rows, columns] = matrix.shape as [number, number];
  const out: number[] = [];
  for (let c = 0; c < columns; c++) {
    for (let r = 0; r < rows; r++) out.push(matrix.values[r * columns + c] as number);
  }
  return out;
}

function isMatrix(value: NumericArray | null): value is NumericArray {
  return value !== null && value.shape.length === 2 && value.shape.every((d) => d > 0);
}

/**
 * A table of records (trials: one object per row) handed in by column: one
 * object whose every field the records have is a list, all of one length.
 */
function tableByColumns(expected: Value, received: Value): boolean {
  if (!Array.isArray(expected) || expected.length === 0 || !expected.every(isValueObject)) return false;
  if (!isValueObject(received)) return false;
  const fields = Object.keys(expected[0] as object);
  const columns = Object.entries(received);
  if (columns.length === 0 || !columns.every(([field, column]) => fields.includes(field) && Array.isArray(column))) return false;
  const lengths = new Set(columns.map(([, column]) => (column as Value[]).length));
  return lengths.size === 1 && !lengths.has(0);
}

export const transposed: Diagnoser = {
  meta: {
    id: "transposed",
    description: "the received matrix is the transpose of the expected one",
  },
  diagnose(input: DiagnoseInput): Diagnosis | null {
    if (tableByColumns(input.expected, input.received)) {
      return { code: "transposed", message: "the table is transposed: give a list with one object per row, not one list per field" };
    }
    const expected = flattenNumeric(input.expected);
    const received = flattenNumeric(input.received);
    if (!isMatrix(expected) || !isMatrix(received)) return null;
    if (isClose(input.received, input.expected, input.tolerance)) return null;
    const [rows, columns] = expected.shape as [number, number];
    const [receivedRows, receivedColumns] = received.shape as [number, number];
    if (receivedRows !== columns || receivedColumns !== rows) return null;

    const expectedTransposed = transposeValues(expected);
    // a symmetric matrix is its own transpose: "transposed" would explain nothing
    const square = rows === columns;
    if (square && allClose(expectedTransposed, expected.values, input.tolerance)) return null;
    if (allClose(received.values, expectedTransposed, input.tolerance)) {
      return { code: "transposed", message: "the matrix is transposed: rows and columns are swapped" };
    }
    // only a non-square matrix can show the swap in its shape alone
    if (!square) {
      return {
        code: "transposed",
        message: `got ${formatShape(received.shape)} where ${formatShape(expected.shape)} is asked: rows and columns look swapped, and the values differ even after transposing`,
      };
    }
    return null;
  },
};
