/** Seed 003 (hlcv-two-layer-net): the handout's toy problem, its printed numbers and numpy's. */
import { describe, expect, it } from "vitest";
import { toyCs231n, toyData, twoLayerParams } from "../../../src/engine/data/toy-cs231n.ts";
import { checkGradient } from "../../../src/engine/gradcheck.ts";
import { Matrix } from "../../../src/engine/matrix.ts";
import { softmaxNetLoss, trainCs231n, twoLayerNet } from "../../../src/engine/nn/two-layer-net.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { expectAllClose, type GoldenArray, loadGolden } from "./golden.ts";

type Param = "W1" | "b1" | "W2" | "b2";

interface Cs231nGolden {
  seed_printed: { correct_scores: number[][]; rel_error: Record<Param, number>; final_training_loss: number };
  X: GoldenArray;
  y: number[];
  reg: number;
  scores: GoldenArray;
  loss: number;
  grads: Record<Param, GoldenArray>;
  rel_error: Record<Param, number>;
  train: {
    learning_rate: number;
    learning_rate_decay: number;
    reg: number;
    num_iters: number;
    batch_size: number;
    loss_history: number[];
    train_acc_history: number[];
    val_acc_history: number[];
    final_params: Record<Param, GoldenArray>;
  };
}

const golden = loadGolden<Cs231nGolden>("nn-cs231n.json");

function toyProblem() {
  const toy = toyCs231n();
  return { network: twoLayerNet(toy), x: new Matrix(toy.X.rows, toy.X.cols, toy.X.data), y: toy.y };
}

/** W1, b1, W2, b2 of the two-layer net, as the handout's params dict */
function paramBuffers(network: ReturnType<typeof twoLayerNet>): Record<Param, Float64Array> {
  const [first, second] = network.layers;
  return { W1: first!.weights.data, b1: first!.bias, W2: second!.weights.data, b2: second!.bias };
}

describe("hlcv two-layer net on the toy problem (seed 003)", () => {
  it("builds numpy's data from seed 1", () => {
    expect(Array.from(toyCs231n().X.data)).toEqual(golden.X.values);
  });

  it("gives the seed's printed correct scores to 1e-8 and numpy's to 1e-12", () => {
    const { network, x, y } = toyProblem();
    const { scores } = softmaxNetLoss(network, x, y, golden.reg);
    expectAllClose(scores.data, golden.seed_printed.correct_scores.flat(), 0, 1e-8);
    expectAllClose(scores.data, golden.scores.values, 1e-12);
  });

  it("gives numpy's loss at reg 0.05 to 1e-12 and its gradients to 1e-10", () => {
    const { network, x, y } = toyProblem();
    const { loss, grads } = softmaxNetLoss(network, x, y, golden.reg);
    expect(Math.abs(loss - golden.loss) / golden.loss).toBeLessThan(1e-12);
    const analytic: Record<Param, Float64Array> = { W1: grads.weights[0]!.data, b1: grads.bias[0]!, W2: grads.weights[1]!.data, b2: grads.bias[1]! };
    for (const name of ["W1", "b1", "W2", "b2"] as const) expectAllClose(analytic[name], golden.grads[name].values, 1e-10, 1e-15);
  });

  it("passes its gradient check: every relative error below 1e-7", () => {
    const { network, x, y } = toyProblem();
    const { grads } = softmaxNetLoss(network, x, y, golden.reg);
    const analytic: Record<Param, Float64Array> = { W1: grads.weights[0]!.data, b1: grads.bias[0]!, W2: grads.weights[1]!.data, b2: grads.bias[1]! };
    const params = paramBuffers(network);
    for (const name of ["W1", "b1", "W2", "b2"] as const) {
      const check = checkGradient(() => softmaxNetLoss(network, x, y, golden.reg).loss, params[name], analytic[name]);
      expect(check.relativeError, name).toBeLessThan(1e-7);
    }
  });

  it("trains to the seed's final loss 0.01714960793873205 within 1e-9, drawing batches after the model from seed 0", () => {
    const { x, y } = (() => {
      const data = toyData(new NumpyRandomState(1));
      return { x: new Matrix(data.X.rows, data.X.cols, data.X.data), y: data.y };
    })();
    // the notebook: model from seed 0, data from seed 1, model from seed 0 again, then train on that stream
    const rng = new NumpyRandomState(0);
    const network = twoLayerNet(twoLayerParams(rng));
    const { train } = golden;
    const stats = trainCs231n(network, { x, y }, { x, y }, rng, {
      learningRate: train.learning_rate,
      learningRateDecay: train.learning_rate_decay,
      reg: train.reg,
      numIters: train.num_iters,
      batchSize: train.batch_size,
    });
    const final = stats.lossHistory.at(-1)!;
    const seedFinal = golden.seed_printed.final_training_loss;
    expect(Math.abs(final - seedFinal) / seedFinal).toBeLessThan(1e-9);
    expectAllClose(stats.lossHistory, train.loss_history, 1e-9);
    expect(stats.trainAccHistory).toEqual(train.train_acc_history);
    expect(stats.valAccHistory).toEqual(train.val_acc_history);
    const params = paramBuffers(network);
    for (const name of ["W1", "b1", "W2", "b2"] as const) expectAllClose(params[name], train.final_params[name].values, 1e-9, 1e-14);
  });

  it("trains to another loss when the batches are drawn from a fresh stream instead", () => {
    const { network, x, y } = toyProblem();
    const stats = trainCs231n(network, { x, y }, { x, y }, new NumpyRandomState(0), { learningRate: 0.1, reg: 5e-6, numIters: 100 });
    expect(Math.abs(stats.lossHistory.at(-1)! - golden.seed_printed.final_training_loss)).toBeGreaterThan(1e-6);
  });
});
