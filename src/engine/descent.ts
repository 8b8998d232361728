import { checkFinite, checkNonNegativeInteger, checkPositive, EngineArgumentError } from "./errors.ts";
import type { ScalarObjective } from "./objective.ts";

/**
 * One optimisation run, one entry per epoch after that epoch's update.
 * When w or J(w) stops being finite the run is cut there: w and J keep
 * only the finite values before it and final_w/final_J are null, which is
 * what a Python loop guarded by `except OverflowError: break` records.
 */
export interface DescentTrace {
  w: number[];
  J: number[];
  final_w: number | null;
  final_J: number | null;
  diverged: boolean;
}

/** plain gradient descent on a scalar objective: start w0, learning rate lr, number of steps */
export interface GradientDescentOptions {
  w0: number;
  lr: number;
  epochs: number;
}

/** w <- w - lr J'(w), `epochs` times from w0; the trace holds every w and J(w), and whether the run diverged */
export function gradientDescent(objective: ScalarObjective, options: GradientDescentOptions): DescentTrace {
  const { w0, lr, epochs } = options;
  checkFinite("gradientDescent", "w0", w0);
  checkPositive("gradientDescent", "lr", lr);
  checkNonNegativeInteger("gradientDescent", "epochs", epochs);
  return trace(objective, w0, epochs, (w) => w - lr * objective.gradient(w));
}

/** Adam on a scalar objective: start w0, step size, moment decays and epsilon, and the number of steps */
export interface AdamOptions {
  w0: number;
  /** step size */
  eta: number;
  /** decay of the first-moment (mean) estimate */
  rho1: number;
  /** decay of the second-moment estimate */
  rho2: number;
  /** added to sqrt(r_hat) so that a zero gradient does not divide by zero */
  delta: number;
  epochs: number;
}

/**
 * Adam as in Goodfellow, Bengio, Courville, Deep Learning, algorithm 8.7:
 * s = rho1 s + (1-rho1) g; r = rho2 r + (1-rho2) g^2; bias-corrected by
 * 1 - rho^t; w -= eta s_hat / (sqrt(r_hat) + delta). t counts from 1.
 */
export function adam(objective: ScalarObjective, options: AdamOptions): DescentTrace {
  const { w0, eta, rho1, rho2, delta, epochs } = options;
  checkFinite("adam", "w0", w0);
  checkPositive("adam", "eta", eta);
  for (const [name, rho] of [["rho1", rho1], ["rho2", rho2]] as const) {
    checkFinite("adam", name, rho);
    if (rho < 0 || rho >= 1) throw new EngineArgumentError("adam", `${name} must be in [0, 1), got ${rho}`);
  }
  checkFinite("adam", "delta", delta);
  if (delta < 0) throw new EngineArgumentError("adam", `delta must be >= 0, got ${delta}`);
  checkNonNegativeInteger("adam", "epochs", epochs);

  let s = 0;
  let r = 0;
  return trace(objective, w0, epochs, (w, t) => {
    const g = objective.gradient(w);
    s = rho1 * s + (1 - rho1) * g;
    r = rho2 * r + (1 - rho2) * g ** 2;
    const sHat = s / (1 - rho1 ** t);
    const rHat = r / (1 - rho2 ** t);
    return w - (eta * sHat) / (Math.sqrt(rHat) + delta);
  });
}

/** runs `step` for each epoch (t = 1, 2, ...) and records w and J until either stops being finite */
function trace(objective: ScalarObjective, w0: number, epochs: number, step: (w: number, t: number) => number): DescentTrace {
  const ws: number[] = [];
  const Js: number[] = [];
  let w = w0;
  for (let t = 1; t <= epochs; t++) {
    const next = step(w, t);
    const J = Number.isFinite(next) ? objective.value(next) : Number.NaN;
    if (!Number.isFinite(J)) return { w: ws, J: Js, final_w: null, final_J: null, diverged: true };
    w = next;
    ws.push(w);
    Js.push(J);
  }
  return { w: ws, J: Js, final_w: w, final_J: Js.at(-1) ?? objective.value(w0), diverged: false };
}
