/**
 * The MLP of hw3b in tight Float64Array loops: dense hidden layers of one
 * activation, softmax + mean cross-entropy, plain SGD, numpy's
 * permutation for the batch order. The same computation as the engine's
 * createNetwork + trainNetwork (normal init, layer by layer, W then b; shuffle
 * "permutation"), without the engine's per-op overhead, which dominates on a
 * net this small. test/reference/hw3b-hyperparameter-optimization.test.ts
 * holds the two together.
 */
import { type FloatArray, NumpyRandomState } from "nngrade/engine";

export type Activation = "tanh" | "relu" | "sigmoid" | "identity";

export const ACTIVATIONS: readonly Activation[] = ["tanh", "relu", "sigmoid", "identity"];

export interface MlpConfig {
  lr: number;
  /** hidden layers */
  layers: number;
  /** units of every hidden layer */
  units: number;
  activation: Activation;
  batch_size: number;
  /** variance of the N(0, sigma^2) every weight and bias is drawn from; 0 is the zero initialisation */
  sigma2: number;
  epochs: number;
}

export interface MlpData {
  /** rows x 2, row-major */
  trainX: Float64Array;
  trainY: Int32Array;
  valX: Float64Array;
  valY: Int32Array;
  inputs: number;
  classes: number;
}

export interface LayerStats {
  mean_abs: number;
  saturated: number;
}

export interface MlpRun {
  /** after each epoch, on the whole sets (only when curves are recorded) */
  trainLoss: number[];
  valLoss: number[];
  finalValAccuracy: number;
  /** hidden-layer statistics on the validation set, by requested epoch */
  snapshots: Map<number, LayerStats[]>;
  /** predicted class of each validation sample at the end */
  valPredictions: Int32Array;
  /** per hidden layer: every unit has the same incoming weights and bias */
  hiddenIdentical: boolean[];
}

/** what a run keeps besides the final validation accuracy: per-epoch losses cost a pass over both sets each epoch */
export interface RunRecord {
  curves?: boolean;
  /** epochs after which to take hidden-layer statistics; 0 is before training */
  snapshotEpochs?: readonly number[];
}

const SATURATION = 0.9;

interface Layer {
  fanIn: number;
  fanOut: number;
  w: Float64Array;
  b: Float64Array;
}

/** a = f(z) over a whole buffer, in place */
function activateAll(kind: Activation, values: Float64Array, count: number): void {
  switch (kind) {
    case "tanh":
      for (let i = 0; i < count; i++) values[i] = Math.tanh(values[i]!);
      return;
    case "relu":
      for (let i = 0; i < count; i++) values[i] = values[i]! > 0 ? values[i]! : 0;
      return;
    case "sigmoid":
      for (let i = 0; i < count; i++) values[i] = 1 / (1 + Math.exp(-values[i]!));
      return;
    case "identity":
      return;
  }
}

/** f'(z) written from a = f(z), as numpy code does */
function derivative(kind: Activation, a: number): number {
  switch (kind) {
    case "tanh":
      return 1 - a * a;
    case "relu":
      return a > 0 ? 1 : 0;
    case "sigmoid":
      return a * (1 - a);
    case "identity":
      return 1;
  }
}

/** activations of every layer for `rows` samples of x; the last layer holds softmax probabilities */
function forward(layers: Layer[], kind: Activation, x: Float64Array, rows: number, acts: Float64Array[]): void {
  let input = x;
  for (let l = 0; l < layers.length; l++) {
    const out = acts[l]!;
    const { fanIn, fanOut, w, b } = layers[l]!;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < fanOut; j++) {
        let z = b[j]!;
        for (let k = 0; k < fanIn; k++) z += input[i * fanIn + k]! * w[k * fanOut + j]!;
        out[i * fanOut + j] = z;
      }
    }
    if (l < layers.length - 1) activateAll(kind, out, rows * fanOut);
    else for (let i = 0; i < rows; i++) softmaxRow(out, i * fanOut, fanOut);
    input = out;
  }
}

function softmaxRow(values: Float64Array, start: number, count: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < count; j++) max = Math.max(max, values[start + j]!);
  let sum = 0;
  for (let j = 0; j < count; j++) {
    const e = Math.exp(values[start + j]! - max);
    values[start + j] = e;
    sum += e;
  }
  for (let j = 0; j < count; j++) values[start + j] = values[start + j]! / sum;
}

function buffers(layers: Layer[], rows: number): Float64Array[] {
  return layers.map((layer) => new Float64Array(rows * layer.fanOut));
}

/** mean cross-entropy, accuracy and predictions of a whole set */
function evaluateSet(layers: Layer[], kind: Activation, x: Float64Array, y: Int32Array, acts: Float64Array[]) {
  const rows = y.length;
  forward(layers, kind, x, rows, acts);
  const probabilities = acts.at(-1)!;
  const classes = layers.at(-1)!.fanOut;
  const predictions = new Int32Array(rows);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    loss -= Math.log(probabilities[i * classes + y[i]!]!);
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[i * classes + c]! > probabilities[i * classes + best]!) best = c;
    predictions[i] = best;
    if (best === y[i]) correct++;
  }
  return { loss: loss / rows, accuracy: correct / rows, predictions };
}

function hiddenStats(layers: Layer[], acts: Float64Array[]): LayerStats[] {
  return acts.slice(0, layers.length - 1).map((a) => {
    let sum = 0;
    let saturated = 0;
    for (const v of a) {
      sum += Math.abs(v);
      if (Math.abs(v) > SATURATION) saturated++;
    }
    return { mean_abs: sum / a.length, saturated: saturated / a.length };
  });
}

function unitsIdentical(layer: Layer): boolean {
  const { fanIn, fanOut, w, b } = layer;
  for (let j = 1; j < fanOut; j++) {
    if (b[j] !== b[0]) return false;
    for (let k = 0; k < fanIn; k++) if (w[k * fanOut + j] !== w[k * fanOut]) return false;
  }
  return true;
}

/** one training run from RandomState(seed): the draws for the weights first, then one permutation per epoch */
export function trainMlp(config: MlpConfig, data: MlpData, seed: number, record: RunRecord = {}): MlpRun {
  const snapshotEpochs = record.snapshotEpochs ?? [];
  const rng = new NumpyRandomState(seed);
  const std = Math.sqrt(config.sigma2);
  const sizes = [data.inputs, ...Array.from({ length: config.layers }, () => config.units), data.classes];
  const layers: Layer[] = sizes.slice(1).map((fanOut, l) => {
    const fanIn = sizes[l]!;
    const w = Float64Array.from((rng.normal(0, std, fanIn * fanOut) as FloatArray).data);
    const b = Float64Array.from((rng.normal(0, std, fanOut) as FloatArray).data);
    return { fanIn, fanOut, w, b };
  });
  const kind = config.activation;
  const n = data.trainY.length;
  const batch = config.batch_size;
  const acts = buffers(layers, batch);
  const deltas = buffers(layers, batch);
  const batchX = new Float64Array(batch * data.inputs);
  const batchY = new Int32Array(batch);
  const trainActs = record.curves ? buffers(layers, n) : [];
  const valActs = buffers(layers, data.valY.length);
  const run: MlpRun = { trainLoss: [], valLoss: [], finalValAccuracy: Number.NaN, snapshots: new Map(), valPredictions: new Int32Array(0), hiddenIdentical: [] };
  const wanted = new Set(snapshotEpochs);
  if (wanted.has(0)) {
    evaluateSet(layers, kind, data.valX, data.valY, valActs);
    run.snapshots.set(0, hiddenStats(layers, valActs));
  }
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const order = rng.permutation(n);
    for (let start = 0; start < n; start += batch) {
      const rows = Math.min(batch, n - start);
      for (let i = 0; i < rows; i++) {
        for (let k = 0; k < data.inputs; k++) batchX[i * data.inputs + k] = data.trainX[order[start + i]! * data.inputs + k]!;
        batchY[i] = data.trainY[order[start + i]!]!;
      }
      sgdStep(layers, kind, batchX, batchY, rows, acts, deltas, config.lr);
    }
    const last = epoch === config.epochs;
    if (record.curves) run.trainLoss.push(evaluateSet(layers, kind, data.trainX, data.trainY, trainActs).loss);
    if (!(record.curves || last || wanted.has(epoch))) continue;
    const validation = evaluateSet(layers, kind, data.valX, data.valY, valActs);
    if (record.curves) run.valLoss.push(validation.loss);
    if (wanted.has(epoch)) run.snapshots.set(epoch, hiddenStats(layers, valActs));
    if (!last) continue;
    run.finalValAccuracy = validation.accuracy;
    run.valPredictions = validation.predictions;
  }
  run.hiddenIdentical = layers.slice(0, -1).map(unitsIdentical);
  return run;
}

/** one SGD step on the mean cross-entropy of `rows` samples: dL/dz of the output is (p - Y) / rows */
function sgdStep(
  layers: Layer[],
  kind: Activation,
  x: Float64Array,
  labels: Int32Array,
  rows: number,
  acts: Float64Array[],
  deltas: Float64Array[],
  lr: number,
): void {
  forward(layers, kind, x, rows, acts);
  const last = layers.length - 1;
  const classes = layers[last]!.fanOut;
  const out = deltas[last]!;
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < classes; c++) out[i * classes + c] = (acts[last]![i * classes + c]! - (labels[i] === c ? 1 : 0)) / rows;
  }
  for (let l = last; l >= 0; l--) {
    const { fanIn, fanOut, w, b } = layers[l]!;
    const delta = deltas[l]!;
    const input = l === 0 ? x : acts[l - 1]!;
    // the delta of the layer below uses this layer's weights before their update
    if (l > 0) {
      const below = deltas[l - 1]!;
      const a = acts[l - 1]!;
      for (let i = 0; i < rows; i++) {
        for (let k = 0; k < fanIn; k++) {
          let sum = 0;
          for (let j = 0; j < fanOut; j++) sum += delta[i * fanOut + j]! * w[k * fanOut + j]!;
          below[i * fanIn + k] = sum * derivative(kind, a[i * fanIn + k]!);
        }
      }
    }
    for (let k = 0; k < fanIn; k++) {
      for (let j = 0; j < fanOut; j++) {
        let grad = 0;
        for (let i = 0; i < rows; i++) grad += input[i * fanIn + k]! * delta[i * fanOut + j]!;
        w[k * fanOut + j] = w[k * fanOut + j]! - lr * grad;
      }
    }
    for (let j = 0; j < fanOut; j++) {
      let grad = 0;
      for (let i = 0; i < rows; i++) grad += delta[i * fanOut + j]!;
      b[j] = b[j]! - lr * grad;
    }
  }
}
