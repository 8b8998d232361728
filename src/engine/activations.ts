/**
 * The activations, one vocabulary for every caller: a name or spec picks
 * the kernel (kernels/activations.ts, forward beside backward), and the
 * public ops here check their arguments, name them in errors, and run it on
 * a matrix, or on one value for the hand-worked single samples.
 */
import { EngineArgumentError } from "./errors.ts";
import { type ActivationKernel, type ActivationName, type ActivationSpec, kernelOf } from "./kernels/activations.ts";
import { Matrix } from "./matrix.ts";

export type { ActivationKernel, ActivationName, ActivationSpec } from "./kernels/activations.ts";

/** PyTorch's default and the cse343 assignment's; Keras uses 0.3, so say it when it matters */
export const LEAKY_RELU_SLOPE_DEFAULT = 0.01;

/** "relu", "leaky_relu" (slope 0.01) or a full spec -> a checked spec */
export function activationSpec(input: ActivationName | ActivationSpec): ActivationSpec {
  const spec: ActivationSpec =
    typeof input === "string"
      ? input === "leaky_relu"
        ? { kind: "leaky_relu", slope: LEAKY_RELU_SLOPE_DEFAULT }
        : ({ kind: input } as ActivationSpec)
      : input;
  if (typeof spec !== "object" || spec === null) throw new EngineArgumentError("activation", `expected a name or a spec, got ${String(input)}`);
  switch (spec.kind) {
    case "identity":
    case "sigmoid":
    case "tanh":
    case "relu":
    case "softmax":
      return spec;
    case "leaky_relu":
      if (typeof spec.slope !== "number" || !Number.isFinite(spec.slope)) {
        throw new EngineArgumentError("activation", `leaky_relu slope must be a finite number, got ${String(spec.slope)}`);
      }
      return spec;
    default: {
      const unknown: never = spec;
      throw new EngineArgumentError("activation", `unknown activation ${JSON.stringify(unknown)}`);
    }
  }
}

/** The buffer kernel of an activation, for loops that reuse their buffers (a training step); checks the spec. */
export function activationKernel(input: ActivationName | ActivationSpec): ActivationKernel {
  return kernelOf(activationSpec(input));
}

/** "relu", "leaky_relu(0.2)": an activation as messages and cache keys print it */
export function describeActivation(spec: ActivationSpec): string {
  return spec.kind === "leaky_relu" ? `leaky_relu(${spec.slope})` : spec.kind;
}

/** a = f(z), element-wise (softmax: row by row), into a new matrix */
export function activate(activation: ActivationName | ActivationSpec, z: Matrix): Matrix {
  const kernel = activationKernel(activation);
  if (kernel.spec.kind === "softmax") return softmax(z);
  const out = new Matrix(z.rows, z.cols);
  kernel.forward(z.data, out.data, z.cols);
  return out;
}

/** dL/dz = dL/da * f'(z) (softmax: the row's Jacobian applied), given z, a = f(z) and dL/da */
export function activationBackward(activation: ActivationName | ActivationSpec, z: Matrix, a: Matrix, gradA: Matrix): Matrix {
  const kernel = activationKernel(activation);
  const op = `${describeActivation(kernel.spec)} backward`;
  for (const [name, m] of [["a", a], ["gradA", gradA]] as const) {
    if (m.rows !== z.rows || m.cols !== z.cols) throw new EngineArgumentError(op, `${name} is ${m.shape}, z is ${z.shape}`);
  }
  const out = new Matrix(z.rows, z.cols);
  kernel.backward(z.data, a.data, gradA.data, out.data, z.cols);
  return out;
}

/** row-wise softmax; each row's max is subtracted first so that exp cannot overflow */
export function softmax(z: Matrix): Matrix {
  if (z.cols === 0) throw new EngineArgumentError("softmax", `a ${z.shape} matrix has empty rows`);
  const out = new Matrix(z.rows, z.cols);
  kernelOf({ kind: "softmax" }).forward(z.data, out.data, z.cols);
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
  // softmax's backward reads only y: z is not needed
  kernelOf({ kind: "softmax" }).backward(y.data, y.data, gradY.data, out.data, y.cols);
  return out;
}

function elementWiseKernel(op: string, activation: ActivationName | ActivationSpec): ActivationKernel {
  const kernel = activationKernel(activation);
  if (kernel.spec.kind === "softmax") throw new EngineArgumentError(op, "softmax works on rows, not on single values");
  return kernel;
}

/** f(z) of a single value, by the same kernel as a matrix: a hand-worked sample's numbers */
export function activateValue(activation: ActivationName | ActivationSpec, z: number): number {
  const kernel = elementWiseKernel("activateValue", activation);
  const a = new Float64Array(1);
  kernel.forward(Float64Array.of(z), a, 1);
  return a[0]!;
}

/**
 * f'(z) of a single value, given a = f(z) (sigmoid and tanh read their slope
 * off a): the backward kernel with dL/da = 1. relu's slope at 0 is 0.
 */
export function activationSlope(activation: ActivationName | ActivationSpec, z: number, a: number): number {
  const kernel = elementWiseKernel("activationSlope", activation);
  const gradZ = new Float64Array(1);
  kernel.backward(Float64Array.of(z), Float64Array.of(a), Float64Array.of(1), gradZ, 1);
  return gradZ[0]!;
}
