/**
 * Parameter updates, in place, element by element in the order numpy
 * evaluates the handouts' lines:
 *
 *   sgd       w -= lr * g
 *   momentum  v = mu * v - lr * g; w += v          (classical momentum, v starts at 0)
 *   adam      s = rho1 s + (1 - rho1) g; r = rho2 r + (1 - rho2) g * g;
 *             s_hat = s / (1 - rho1^t); r_hat = r / (1 - rho2^t);
 *             w -= lr * s_hat / (sqrt(r_hat) + delta)
 *             (Goodfellow et al., algorithm 8.7: delta is added to sqrt(r_hat);
 *             t counts the updates from 1, shared by all parameters)
 *
 * The learning rate is passed to every step, so a decay schedule stays the
 * trainer's business.
 */
import { checkFinite, EngineArgumentError } from "../errors.ts";
import { elementwise } from "../kernels/index.ts";

/** the update rule of a training run: plain SGD, momentum or Adam */
export type OptimizerSpec =
  | { kind: "sgd" }
  | { kind: "momentum"; mu: number }
  | { kind: "adam"; rho1?: number; rho2?: number; delta?: number };

/** Adam's decays and epsilon where a spec leaves them out (Kingma and Ba's) */
export const ADAM_DEFAULTS = { rho1: 0.9, rho2: 0.999, delta: 1e-8 } as const;

export interface Optimizer {
  readonly spec: OptimizerSpec;
  /** updates every params[i] with grads[i] (same lengths, same order on every call) */
  step(params: readonly Float64Array[], grads: readonly Float64Array[], lr: number): void;
}

function checkRate(op: string, name: string, value: number): void {
  checkFinite(op, name, value);
  if (value < 0 || value >= 1) throw new EngineArgumentError(op, `${name} must be in [0, 1), got ${value}`);
}

function checkStep(op: string, params: readonly Float64Array[], grads: readonly Float64Array[], state: Float64Array[][]): void {
  if (params.length !== grads.length) throw new EngineArgumentError(op, `${params.length} parameters but ${grads.length} gradients`);
  params.forEach((p, i) => {
    if (grads[i]!.length !== p.length) throw new EngineArgumentError(op, `parameter ${i} has ${p.length} values, its gradient ${grads[i]!.length}`);
    for (const buffers of state) {
      if (buffers.length !== params.length || buffers[i]!.length !== p.length) {
        throw new EngineArgumentError(op, "parameters changed shape between steps");
      }
    }
  });
}

/** state buffers made on the first step, shaped as the parameters */
function lazyState(count: number): { buffers: Float64Array[][]; ensure(params: readonly Float64Array[]): void } {
  const buffers: Float64Array[][] = Array.from({ length: count }, () => []);
  return {
    buffers,
    ensure(params) {
      if (buffers[0]!.length > 0) return;
      for (const list of buffers) for (const p of params) list.push(new Float64Array(p.length));
    },
  };
}

// the update loops (sgd's is in kernels/index.ts, native where built), kept monomorphic and closure-free: they touch every parameter on every batch

function momentumKernel(w: Float64Array, g: Float64Array, v: Float64Array, mu: number, lr: number): void {
  for (let k = 0; k < w.length; k++) {
    const next = mu * v[k]! - lr * g[k]!;
    v[k] = next;
    w[k] = w[k]! + next;
  }
}

interface AdamMoments {
  rho1: number;
  rho2: number;
  delta: number;
  /** 1 - rho1^t and 1 - rho2^t */
  correction1: number;
  correction2: number;
}

function adamKernel(w: Float64Array, g: Float64Array, s: Float64Array, r: Float64Array, m: AdamMoments, lr: number): void {
  const { rho1, rho2, delta, correction1, correction2 } = m;
  for (let k = 0; k < w.length; k++) {
    const gk = g[k]!;
    const sk = rho1 * s[k]! + (1 - rho1) * gk;
    const rk = rho2 * r[k]! + (1 - rho2) * (gk * gk);
    s[k] = sk;
    r[k] = rk;
    w[k] = w[k]! - (lr * (sk / correction1)) / (Math.sqrt(rk / correction2) + delta);
  }
}

export function createOptimizer(spec: OptimizerSpec): Optimizer {
  switch (spec.kind) {
    case "sgd":
      return {
        spec,
        step(params, grads, lr) {
          checkStep("sgd", params, grads, []);
          const kernels = elementwise();
          for (let i = 0; i < params.length; i++) kernels.sgd(params[i]!, grads[i]!, lr);
        },
      };
    case "momentum": {
      checkRate("momentum", "mu", spec.mu);
      const { mu } = spec;
      const state = lazyState(1);
      return {
        spec,
        step(params, grads, lr) {
          state.ensure(params);
          checkStep("momentum", params, grads, state.buffers);
          for (let i = 0; i < params.length; i++) momentumKernel(params[i]!, grads[i]!, state.buffers[0]![i]!, mu, lr);
        },
      };
    }
    case "adam": {
      const rho1 = spec.rho1 ?? ADAM_DEFAULTS.rho1;
      const rho2 = spec.rho2 ?? ADAM_DEFAULTS.rho2;
      const delta = spec.delta ?? ADAM_DEFAULTS.delta;
      checkRate("adam", "rho1", rho1);
      checkRate("adam", "rho2", rho2);
      checkFinite("adam", "delta", delta);
      if (delta < 0) throw new EngineArgumentError("adam", `delta must be >= 0, got ${delta}`);
      const state = lazyState(2);
      let t = 0;
      return {
        spec: { kind: "adam", rho1, rho2, delta },
        step(params, grads, lr) {
          state.ensure(params);
          checkStep("adam", params, grads, state.buffers);
          t += 1;
          const correction1 = 1 - rho1 ** t;
          const correction2 = 1 - rho2 ** t;
          const moments = { rho1, rho2, delta, correction1, correction2 };
          for (let i = 0; i < params.length; i++) {
            adamKernel(params[i]!, grads[i]!, state.buffers[0]![i]!, state.buffers[1]![i]!, moments, lr);
          }
        },
      };
    }
    default: {
      const unknown: never = spec;
      throw new EngineArgumentError("optimizer", `unknown optimizer ${JSON.stringify(unknown)}`);
    }
  }
}
