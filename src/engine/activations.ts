import { EngineArgumentError } from "./errors.ts";
import { Matrix } from "./matrix.ts";

/** An element-wise activation and its derivative, side by side. */
export interface Activation {
  readonly name: string;
  /** a = f(z) */
  forward(z: number): number;
  /** f'(z); a = f(z) is passed too because sigmoid and tanh read their slope off it */
  derivative(z: number, a: number): number;
}

export const sigmoid: Activation = {
  name: "sigmoid",
  // two branches so that exp never overflows: exp(-z) for z >= 0, exp(z) below
  forward: (z) => {
    if (z >= 0) return 1 / (1 + Math.exp(-z));
    const e = Math.exp(z);
    return e / (1 + e);
  },
  derivative: (_z, a) => a * (1 - a),
};

export const tanh: Activation = {
  name: "tanh",
  forward: (z) => Math.tanh(z),
  derivative: (_z, a) => 1 - a * a,
};

export const relu: Activation = {
  name: "relu",
  // Math.max passes NaN through, as numpy.maximum does
  forward: (z) => Math.max(z, 0),
  // at z = 0 the slope is taken as 0, as numpy code (z > 0) and most frameworks do
  derivative: (z) => (z > 0 ? 1 : 0),
};

export const identity: Activation = {
  name: "identity",
  forward: (z) => z,
  derivative: () => 1,
};

export const ACTIVATIONS: Readonly<Record<string, Activation>> = { identity, relu, sigmoid, tanh };

export function activate(activation: Activation, z: Matrix): Matrix {
  const out = new Matrix(z.rows, z.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = activation.forward(z.data[i]!);
  return out;
}

/** dL/dz = dL/da * f'(z), element-wise */
export function activationBackward(activation: Activation, z: Matrix, a: Matrix, gradA: Matrix): Matrix {
  for (const [name, m] of [["a", a], ["gradA", gradA]] as const) {
    if (m.rows !== z.rows || m.cols !== z.cols) {
      throw new EngineArgumentError(`${activation.name} backward`, `${name} is ${m.shape}, z is ${z.shape}`);
    }
  }
  const out = new Matrix(z.rows, z.cols);
  for (let i = 0; i < out.data.length; i++) {
    out.data[i] = gradA.data[i]! * activation.derivative(z.data[i]!, a.data[i]!);
  }
  return out;
}

/** row-wise softmax; each row's max is subtracted first so that exp cannot overflow */
export function softmax(z: Matrix): Matrix {
  if (z.cols === 0) throw new EngineArgumentError("softmax", `a ${z.shape} matrix has empty rows`);
  const out = new Matrix(z.rows, z.cols);
  for (let i = 0; i < z.rows; i++) {
    const row = i * z.cols;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < z.cols; j++) max = Math.max(max, z.data[row + j]!);
    let sum = 0;
    for (let j = 0; j < z.cols; j++) {
      const e = Math.exp(z.data[row + j]! - max);
      out.data[row + j] = e;
      sum += e;
    }
    for (let j = 0; j < z.cols; j++) out.data[row + j]! /= sum;
  }
  return out;
}

/**
 * Backward of the row-wise softmax y = softmax(z): per row,
 * dL/dz = y * (dL/dy - sum_k dL/dy_k y_k), the product of dL/dy with the
 * Jacobian diag(y) - y^T y without forming it.
 */
export function softmaxBackward(y: Matrix, gradY: Matrix): Matrix {
  if (y.rows !== gradY.rows || y.cols !== gradY.cols) {
    throw new EngineArgumentError("softmax backward", `gradY is ${gradY.shape}, y is ${y.shape}`);
  }
  const out = new Matrix(y.rows, y.cols);
  for (let i = 0; i < y.rows; i++) {
    const row = i * y.cols;
    let dot = 0;
    for (let j = 0; j < y.cols; j++) dot += gradY.data[row + j]! * y.data[row + j]!;
    for (let j = 0; j < y.cols; j++) out.data[row + j] = y.data[row + j]! * (gradY.data[row + j]! - dot);
  }
  return out;
}
