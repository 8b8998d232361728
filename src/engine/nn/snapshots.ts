/**
 * How the hidden layers' activations are spread, to see saturation (sigmoid
 * or tanh units stuck near +-1) and dead units: per hidden layer the mean of
 * |a| and the share of units with |a| > 0.9 over a set of inputs.
 */
import type { Matrix } from "../matrix.ts";
import type { Network } from "./network.ts";
import { forEachChunk, WorkspacePool } from "./propagation.ts";

/** |a| above this counts as a saturated unit */
export const SATURATION_THRESHOLD = 0.9;

/** one hidden layer's mean |a| and share of |a| above SATURATION_THRESHOLD */
export interface LayerActivationStats {
  meanAbs: number;
  /** share of |a| > 0.9 */
  saturated: number;
}

/** the hidden layers' activation statistics after an epoch */
export interface ActivationSnapshot {
  /** 0 is before training, e after epoch e */
  epoch: number;
  /** one entry per hidden layer (the output layer is left out) */
  layers: LayerActivationStats[];
}

/** each hidden layer's mean |a| and share of saturated units over x */
export function activationStats(network: Network, x: Matrix, pool = new WorkspacePool(network)): LayerActivationStats[] {
  const hidden = network.layers.length - 1;
  const sums = new Float64Array(hidden);
  const saturated = new Float64Array(hidden);
  forEachChunk(network, x, pool, 1000, (_start, ws) => {
    for (let l = 0; l < hidden; l++) {
      const a = ws.a[l]!.data;
      // continued across chunks, so the order of the sum does not depend on the chunk size
      let sum = sums[l]!;
      let count = saturated[l]!;
      for (let i = 0; i < a.length; i++) {
        const v = Math.abs(a[i]!);
        sum += v;
        if (v > SATURATION_THRESHOLD) count++;
      }
      sums[l] = sum;
      saturated[l] = count;
    }
  });
  return Array.from({ length: hidden }, (_, l) => {
    const values = x.rows * network.layers[l]!.weights.cols;
    return { meanAbs: sums[l]! / values, saturated: saturated[l]! / values };
  });
}
