/**
 * Gradient checking as cs231n does it: centred differences, one parameter
 * at a time, and the relative error
 *   max over elements of |a - n| / max(1e-8, |a| + |n|)    (rel_error)
 * which is about 1e-7 or less for a correct gradient in float64.
 */
import { checkPositive, EngineArgumentError } from "./errors.ts";

/** cs231n's eval_numerical_gradient step */
export const GRADCHECK_STEP = 1e-5;

/**
 * dL/dx by centred differences: for each i, x[i] = old + h, f, x[i] = old - h,
 * f, x[i] = old; (f(x + h) - f(x - h)) / (2h). `x` is perturbed in place
 * (f reads it) and restored exactly.
 */
export function numericalGradient(f: () => number, x: Float64Array, h = GRADCHECK_STEP): Float64Array {
  checkPositive("numericalGradient", "h", h);
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i]!;
    x[i] = old + h;
    const plus = f();
    x[i] = old - h;
    const minus = f();
    x[i] = old;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

/** np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))); NaN if either holds a NaN */
export function relativeError(analytic: ArrayLike<number>, numerical: ArrayLike<number>): number {
  if (analytic.length !== numerical.length) {
    throw new EngineArgumentError("relativeError", `${analytic.length} analytic values but ${numerical.length} numerical ones`);
  }
  if (analytic.length === 0) throw new EngineArgumentError("relativeError", "no values to compare");
  let max = 0;
  for (let i = 0; i < analytic.length; i++) {
    const a = analytic[i]!;
    const n = numerical[i]!;
    const error = Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));
    if (Number.isNaN(error)) return Number.NaN;
    if (error > max) max = error;
  }
  return max;
}

/** checkGradient's result: the centred differences and their relative error against the analytic gradient */
export interface GradientCheck {
  numerical: Float64Array;
  relativeError: number;
}

/** the numerical gradient of f with respect to x and its relative error against `analytic` */
export function checkGradient(f: () => number, x: Float64Array, analytic: ArrayLike<number>, h = GRADCHECK_STEP): GradientCheck {
  const numerical = numericalGradient(f, x, h);
  return { numerical, relativeError: relativeError(analytic, numerical) };
}
