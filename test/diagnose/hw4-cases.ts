import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { DiagnoseInput } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";

type Matrix = number[][];
interface Tolerance {
  rtol: number;
  atol: number;
}

/** Written by make_hw4_cases.py (numpy): reference values and typical wrong answers. */
export interface Hw4Cases {
  tolerance_grad: Tolerance;
  tolerance_yhat: Tolerance;
  z: Matrix;
  z_transposed: Matrix;
  yhat: Matrix;
  yhat_rounded_1_decimal: Matrix;
  yhat_rounded_1_decimal_needs_significant_digits: number;
  yhat_rounded_3_significant: Matrix;
  grad_z: Matrix;
  grad_W: Matrix;
  grad_W_needs_significant_digits: number;
  grad_W_transposed: Matrix;
  grad_W_times_N: Matrix;
  grad_W_over_N: Matrix;
  grad_W_negated: Matrix;
  grad_W_random_wrong: Matrix;
  grad_b: number[];
  N: number;
  q6_runs: { w0: number; final_w: number; final_J: number }[];
}

export const hw4: Hw4Cases = JSON.parse(readFileSync(new URL("./hw4-cases.json", import.meta.url), "utf8"));

/** A q3.grad_W input by default; each test overrides what it is about. */
export function gradWInput(overrides: Partial<DiagnoseInput> = {}): DiagnoseInput {
  return {
    itemId: "q3.grad_W",
    expected: hw4.grad_W,
    received: hw4.grad_W,
    siblings: [
      { id: "q3.grad_z", expected: hw4.grad_z, received: hw4.grad_z },
      { id: "q3.grad_b", expected: hw4.grad_b, received: hw4.grad_b },
    ],
    factors: { N: hw4.N },
    tolerance: hw4.tolerance_grad,
    ...overrides,
  };
}

function numbersIn(value: Value): number[] {
  if (typeof value === "number") return [value];
  return Array.isArray(value) ? value.flatMap(numbersIn) : [];
}

/**
 * The ways a student could read an expected element in a message: in full and
 * cut to 2-6 significant digits. Small integers are left out: "2" or "0"
 * turn up in shapes, ids and digit counts without telling anything.
 */
function writtenForms(x: number): string[] {
  if (!Number.isFinite(x) || x === 0) return [];
  if (Number.isInteger(x)) return Math.abs(x) < 100 ? [] : [String(x)];
  const forms = [String(x)];
  for (let digits = 2; digits <= 6; digits++) {
    const form = String(Number(x.toPrecision(digits)));
    forms.push(form, form.replace(/^(-?)0\./, "$1."));
  }
  return forms;
}

export function expectNoExpectedValueIn(message: string, expected: Value): void {
  for (const x of numbersIn(expected)) {
    for (const form of writtenForms(x)) expect(message, `message shows ${form}`).not.toContain(form);
  }
}
