/**
 * The assignments' MNIST split of the bundled digits: 8,000 training and
 * 2,000 validation images, stratified by digit (80/20 of each digit, since
 * the package's digits are not balanced) and shuffled, drawn from numpy's
 * legacy RandomState so that a Python student can rebuild it exactly from the
 * canonical order (mnist-bundled.ts):
 *
 *   rs = np.random.RandomState(0)              # MNIST_SPLIT_SEED
 *   train, val = [], []
 *   for d in range(10):
 *       members = np.flatnonzero(y == d)       # canonical positions, ascending
 *       order = rs.permutation(len(members))
 *       n_train = (8 * len(members) + 5) // 10 # 0.8 n, rounded half up
 *       train.append(members[order[:n_train]]); val.append(members[order[n_train:]])
 *   train, val = np.concatenate(train), np.concatenate(val)
 *   train = train[rs.permutation(len(train))]
 *   val = val[rs.permutation(len(val))]
 *
 * Training images per digit 801, 902, 793, 826, 784, 690, 811, 856, 755, 782;
 * validation 200, 225, 198, 206, 196, 173, 203, 214, 189, 196.
 */
import { EngineArgumentError } from "../errors.ts";
import { NumpyRandomState } from "../random/numpy-random-state.ts";
import { loadBundledMnist, loadBundledMnistLabels, MNIST_CLASSES, MNIST_PIXELS } from "./mnist-bundled.ts";
import type { ImageSet } from "./types.ts";

/** the seed of the canonical train/validation split of the bundled digits */
export const MNIST_SPLIT_SEED = 0;
/** images in the canonical split's training part */
export const MNIST_TRAIN_COUNT = 8000;
/** images in the canonical split's validation part */
export const MNIST_VALIDATION_COUNT = 2000;

/** a part of the split, with the canonical position of each of its images */
export interface ImageSubset extends ImageSet {
  indices: Int32Array;
}

/** the bundled digits split into a training and a validation part */
export interface MnistSplit {
  train: ImageSubset;
  validation: ImageSubset;
}

/**
 * The split drawn from `source`: a seed (a fresh RandomState) or a stream the
 * caller owns, which is advanced by exactly the recipe's draws.
 */
export function mnistSplit(source: number | NumpyRandomState = MNIST_SPLIT_SEED): MnistSplit {
  const rng = typeof source === "number" ? new NumpyRandomState(source) : source;
  const data = loadBundledMnist();
  const { train, validation } = stratifiedSplitIndices(data.labels, MNIST_CLASSES, rng);
  if (train.length !== MNIST_TRAIN_COUNT || validation.length !== MNIST_VALIDATION_COUNT) {
    throw new EngineArgumentError(
      "mnistSplit",
      `the bundled digits split into ${train.length} / ${validation.length}, expected ${MNIST_TRAIN_COUNT} / ${MNIST_VALIDATION_COUNT} (has the mnist package changed?)`,
    );
  }
  return { train: gather(data, train), validation: gather(data, validation) };
}

/**
 * The labels of the split's two parts, in the split's order, without loading
 * a pixel: what scoring submitted predictions needs. The same draws as
 * mnistSplit(source), so the same labels.
 */
export function mnistSplitLabels(source: number | NumpyRandomState = MNIST_SPLIT_SEED): { train: Int32Array; validation: Int32Array } {
  const rng = typeof source === "number" ? new NumpyRandomState(source) : source;
  const labels = loadBundledMnistLabels();
  const { train, validation } = stratifiedSplitIndices(labels, MNIST_CLASSES, rng);
  const pick = (indices: Int32Array) => Int32Array.from(indices, (position) => labels[position] as number);
  return { train: pick(train), validation: pick(validation) };
}

/** the recipe above on any labels in [0, classes): canonical positions of each part, shuffled */
export function stratifiedSplitIndices(
  labels: Int32Array,
  classes: number,
  rng: NumpyRandomState,
): { train: Int32Array; validation: Int32Array } {
  const members: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((label, position) => {
    const bucket = members[label];
    if (bucket === undefined) {
      throw new EngineArgumentError("stratifiedSplitIndices", `label ${position} is ${label}, expected [0, ${classes})`);
    }
    bucket.push(position);
  });
  const train: number[] = [];
  const validation: number[] = [];
  for (const positions of members) {
    const order = rng.permutation(positions.length);
    const trainCount = Math.floor((8 * positions.length + 5) / 10);
    order.forEach((pick, rank) => {
      (rank < trainCount ? train : validation).push(positions[pick] as number);
    });
  }
  const shuffled = (positions: number[]) =>
    Int32Array.from(rng.permutation(positions.length), (pick) => positions[pick] as number);
  const shuffledTrain = shuffled(train);
  return { train: shuffledTrain, validation: shuffled(validation) };
}

function gather(data: ImageSet, indices: Int32Array): ImageSubset {
  const images = new Float64Array(indices.length * MNIST_PIXELS);
  const labels = new Int32Array(indices.length);
  indices.forEach((position, row) => {
    images.set(data.images.subarray(position * MNIST_PIXELS, (position + 1) * MNIST_PIXELS), row * MNIST_PIXELS);
    labels[row] = data.labels[position] as number;
  });
  return { images, labels, count: indices.length, indices };
}
