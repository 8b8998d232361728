/** The engine's data sets. */
export { contentChecksum } from "./checksum.ts";
export { DataFileError } from "./errors.ts";
export {
  type IdxArray,
  type IdxImages,
  type IdxLabels,
  type IdxType,
  parseIdx,
  readIdx,
  readIdxImages,
  readIdxLabels,
  readIdxPair,
} from "./idx.ts";
export { imageSetChecksum, loadBundledMnist, MNIST_CLASSES, MNIST_PIXELS, MNIST_SIDE } from "./mnist-bundled.ts";
export {
  type ImageSubset,
  MNIST_SPLIT_SEED,
  MNIST_TRAIN_COUNT,
  MNIST_VALIDATION_COUNT,
  type MnistSplit,
  mnistSplit,
  stratifiedSplitIndices,
} from "./mnist-split.ts";
export { HW3B_MOONS, hw3bMoons, type MoonsOptions, makeMoons } from "./moons.ts";
export { AUTOENCODER_CLASSES, oneHot8, oneHot8KMinus1 } from "./onehot8.ts";
export {
  TOY_DATA_SEED,
  TOY_LABELS,
  TOY_MODEL_SEED,
  TOY_SIZES,
  type TwoLayerParams,
  toyCs231n,
  toyData,
  twoLayerParams,
} from "./toy-cs231n.ts";
export type { DataMatrix, ImageSet, PointSet } from "./types.ts";
