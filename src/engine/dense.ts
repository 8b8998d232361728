import { EngineArgumentError } from "./errors.ts";
import { addRowVector, type Matrix, matmul, sumRows, transpose } from "./matrix.ts";

/** z = x W + b: one sample per row of x, W is (inputs x units), b one value per unit */
export function denseForward(x: Matrix, weights: Matrix, bias: ArrayLike<number>): Matrix {
  if (x.cols !== weights.rows) {
    throw new EngineArgumentError("denseForward", `x is ${x.shape} but W is ${weights.shape}: x's columns must equal W's rows`);
  }
  if (bias.length !== weights.cols) {
    throw new EngineArgumentError("denseForward", `b has ${bias.length} values but W has ${weights.cols} columns`);
  }
  return addRowVector(matmul(x, weights), bias);
}

/** what denseBackward gives: the gradients of W, b and the layer's input */
export interface DenseGradients {
  /** dL/dW = x^T dL/dz, the shape of W */
  gradWeights: Matrix;
  /** dL/db = column sums of dL/dz */
  gradBias: Float64Array;
  /** dL/dx = dL/dz W^T, passed on to the layer below */
  gradInput: Matrix;
}

/**
 * Backward of z = x W + b. gradZ must already hold any 1/N of an averaged
 * loss: this layer only sums over the samples.
 */
export function denseBackward(x: Matrix, weights: Matrix, gradZ: Matrix): DenseGradients {
  if (x.cols !== weights.rows) {
    throw new EngineArgumentError("denseBackward", `x is ${x.shape} but W is ${weights.shape}: x's columns must equal W's rows`);
  }
  if (gradZ.rows !== x.rows || gradZ.cols !== weights.cols) {
    throw new EngineArgumentError(
      "denseBackward",
      `gradZ is ${gradZ.shape}, expected ${x.rows}x${weights.cols} (samples of x by columns of W)`,
    );
  }
  return {
    gradWeights: matmul(transpose(x), gradZ),
    gradBias: sumRows(gradZ),
    gradInput: matmul(gradZ, transpose(weights)),
  };
}
