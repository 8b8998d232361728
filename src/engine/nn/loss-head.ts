/**
 * The loss a network is trained on, read off a filled workspace: its value
 * and dL/dz of the last layer.
 *
 *   cross_entropy  softmax output; -1/N sum_i log p[i][y_i]. Without epsilon
 *                  from the logits (stable); with epsilon as students write
 *                  it, -mean(sum(Y * log(p + eps), axis=1)). The gradient is
 *                  (p - Y) / N either way, as students backpropagate it: the
 *                  epsilon only moves the reported loss.
 *   mse            any output activation; the convention's squared error of
 *                  a = f(z), then dL/dz = dL/da * f'(z).
 */
import { describeActivation } from "../activations.ts";
import { EngineArgumentError } from "../errors.ts";
import {
  crossEntropyFromProbabilitiesSum,
  type MseConvention,
  mseDivisor,
  softmaxCrossEntropyGradient,
  softmaxCrossEntropySum,
  squaredErrorGradient,
  squaredErrorSum,
  type Targets,
} from "../kernels/losses.ts";
import { checkTargets } from "../losses.ts";
import type { Matrix } from "../matrix.ts";
import type { Network } from "./network.ts";
import type { Workspace } from "./propagation.ts";

/** the loss a network is trained on: softmax cross-entropy (epsilon as students add it), or a squared error in one of its conventions */
export type LossSpec = { kind: "cross_entropy"; epsilon?: number } | { kind: "mse"; convention: MseConvention };

export function checkLossFits(op: string, network: Network, loss: LossSpec): void {
  const output = network.layers.at(-1)!.activation;
  switch (loss.kind) {
    case "cross_entropy":
      if (output.kind !== "softmax") {
        throw new EngineArgumentError(op, `cross_entropy needs a softmax output layer, this network ends in ${describeActivation(output)}`);
      }
      if (loss.epsilon !== undefined && !(loss.epsilon >= 0 && Number.isFinite(loss.epsilon))) {
        throw new EngineArgumentError(op, `cross_entropy epsilon must be a finite number >= 0, got ${loss.epsilon}`);
      }
      return;
    case "mse":
      mseDivisor(loss.convention, 1, 1);
      return;
    default: {
      const unknown: never = loss;
      throw new EngineArgumentError(op, `unknown loss ${JSON.stringify(unknown)}`);
    }
  }
}

/** the batch's summed per-sample loss, continued from `initial` (divide by lossDivisor for the loss) */
export function lossSum(loss: LossSpec, ws: Workspace, targets: Targets, initial = 0): number {
  const last = ws.z.length - 1;
  const output = ws.a[last]!;
  checkTargets("loss", output, targets);
  if (loss.kind === "cross_entropy") {
    return loss.epsilon === undefined
      ? softmaxCrossEntropySum(ws.z[last]!, targets, initial)
      : crossEntropyFromProbabilitiesSum(output, targets, loss.epsilon, initial);
  }
  return squaredErrorSum(output, targetMatrix(targets), initial);
}

export function lossDivisor(loss: LossSpec, rows: number, cols: number): number {
  return loss.kind === "cross_entropy" ? rows : mseDivisor(loss.convention, rows, cols);
}

/** writes dL/dz of the last layer, for the loss averaged over this batch, into ws.grad[last] */
export function writeOutputGradient(loss: LossSpec, ws: Workspace, targets: Targets): void {
  const last = ws.z.length - 1;
  const gradZ = ws.grad[last]!;
  const output = ws.a[last]!;
  if (loss.kind === "cross_entropy") {
    softmaxCrossEntropyGradient(output, targets, gradZ);
    return;
  }
  squaredErrorGradient(output, targetMatrix(targets), loss.convention, gradZ);
  ws.kernels[last]!.backward(ws.z[last]!.data, output.data, gradZ.data, gradZ.data, gradZ.cols);
}

function targetMatrix(targets: Targets): Matrix {
  if (targets instanceof Int32Array) throw new EngineArgumentError("loss", "mse needs target values, not labels");
  return targets;
}
