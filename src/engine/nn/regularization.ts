/**
 * L2 weight decay in the two conventions handouts use:
 *   half: lambda/2 * sum W^2, gradient lambda W   (Goodfellow; the acml autoencoder)
 *   full: lambda * sum W^2,   gradient 2 lambda W (cs231n / HLCV: reg * (sum W1^2 + sum W2^2))
 * over the weights only, or the biases too. The penalty is added to the
 * data loss as it is: a handout that divides lambda by the number of samples
 * passes lambda / m.
 */
import { checkFinite, EngineArgumentError } from "../errors.ts";
import type { Network, NetworkGradients } from "./network.ts";

/** L2 weight decay: lambda, and whether the penalty is lambda/2 ||W||^2 (half) or lambda ||W||^2 (full) */
export interface L2Spec {
  lambda: number;
  convention: "half" | "full";
  /** also decay the biases; most handouts do not */
  includeBiases?: boolean;
}

export function checkL2(op: string, spec: L2Spec): void {
  checkFinite(op, "l2 lambda", spec.lambda);
  if (spec.lambda < 0) throw new EngineArgumentError(op, `l2 lambda must be >= 0, got ${spec.lambda}`);
  if (spec.convention !== "half" && spec.convention !== "full") {
    throw new EngineArgumentError(op, `l2 convention must be "half" or "full", got ${String(spec.convention)}`);
  }
}

function sumOfSquares(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return sum;
}

/** lambda/2 * S (half) or lambda * S (full), S the sum of squares over every decayed parameter, layer by layer */
export function l2Penalty(network: Network, spec: L2Spec): number {
  checkL2("l2Penalty", spec);
  let total = 0;
  for (const layer of network.layers) {
    total += sumOfSquares(layer.weights.data);
    if (spec.includeBiases) total += sumOfSquares(layer.bias);
  }
  return spec.convention === "half" ? (spec.lambda / 2) * total : spec.lambda * total;
}

/** adds the penalty's gradient, lambda W (half) or 2 lambda W (full), to `grads` in place */
export function addL2Gradient(network: Network, spec: L2Spec, grads: NetworkGradients): void {
  // (2 * reg) * W as numpy evaluates `2 * reg * W`
  const coefficient = spec.convention === "half" ? spec.lambda : 2 * spec.lambda;
  if (coefficient === 0) return;
  network.layers.forEach((layer, l) => {
    addScaled(grads.weights[l]!.data, layer.weights.data, coefficient);
    if (spec.includeBiases) addScaled(grads.bias[l]!, layer.bias, coefficient);
  });
}

function addScaled(target: Float64Array, values: Float64Array, coefficient: number): void {
  for (let i = 0; i < target.length; i++) target[i] = target[i]! + coefficient * values[i]!;
}
