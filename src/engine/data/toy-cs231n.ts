/**
 * The toy problem of the HLCV / cs231n two-layer-net handout, from numpy's
 * seeds exactly as the notebook builds it with the global np.random:
 *
 *   np.random.seed(0)                  # init_toy_model
 *   W1 = 0.1 * np.random.randn(4, 10); b1 = np.zeros(10)
 *   W2 = 0.1 * np.random.randn(10, 3); b2 = np.zeros(3)
 *   np.random.seed(1)                  # init_toy_data
 *   X = 10 * np.random.randn(5, 4); y = np.array([0, 1, 2, 2, 1])
 */
import { NumpyRandomState } from "../random/numpy-random-state.ts";
import type { DataMatrix } from "./types.ts";

export const TOY_SIZES = { inputs: 4, hidden: 10, classes: 3, samples: 5 } as const;
export const TOY_MODEL_SEED = 0;
export const TOY_DATA_SEED = 1;
export const TOY_LABELS: readonly number[] = [0, 1, 2, 2, 1];

/** the cs231n TwoLayerNet's params dict: W1, b1, W2, b2 */
export interface TwoLayerParams {
  W1: DataMatrix;
  b1: Float64Array;
  W2: DataMatrix;
  b2: Float64Array;
}

/**
 * TwoLayerNet.__init__: W1 = std * randn(inputs, hidden), b1 = 0,
 * W2 = std * randn(hidden, classes), b2 = 0, drawn from rng in that order.
 * The stream is the caller's: the training task reseeds with 0, builds the
 * model, and then draws its batches from the same stream.
 */
export function twoLayerParams(
  rng: NumpyRandomState,
  inputs: number = TOY_SIZES.inputs,
  hidden: number = TOY_SIZES.hidden,
  classes: number = TOY_SIZES.classes,
  std = 0.1,
): TwoLayerParams {
  const W1 = scaledNormal(rng, inputs, hidden, std);
  const W2 = scaledNormal(rng, hidden, classes, std);
  return { W1, b1: new Float64Array(hidden), W2, b2: new Float64Array(classes) };
}

/** init_toy_data on the caller's stream: X = 10 * randn(5, 4), y = [0, 1, 2, 2, 1] */
export function toyData(rng: NumpyRandomState): { X: DataMatrix; y: Int32Array } {
  return { X: scaledNormal(rng, TOY_SIZES.samples, TOY_SIZES.inputs, 10), y: Int32Array.from(TOY_LABELS) };
}

/** the handout's model (seed 0) and data (seed 1) */
export function toyCs231n(): TwoLayerParams & { X: DataMatrix; y: Int32Array } {
  const model = twoLayerParams(new NumpyRandomState(TOY_MODEL_SEED));
  return { ...model, ...toyData(new NumpyRandomState(TOY_DATA_SEED)) };
}

function scaledNormal(rng: NumpyRandomState, rows: number, cols: number, scale: number): DataMatrix {
  const data = rng.randn(rows, cols).data;
  for (let i = 0; i < data.length; i++) data[i] = scale * (data[i] as number);
  return { rows, cols, data };
}
