/**
 * `nngrade/engine`: the deterministic numeric reference engine, as the
 * built-in references (reference/*.ts) and instructors' own references use
 * it. One vocabulary of public ops, each with its backward beside it
 * (activations, losses, the dense layer), the numpy-compatible random
 * streams, matrices, the data sets, and training of dense networks.
 *
 * Every op checks its arguments and names them in its errors
 * (EngineArgumentError); the same inputs give the same bits on every
 * machine and kernel backend. Modules under src/engine/ that are not
 * exported here (kernels, workspaces) are internal and may change.
 *
 * @packageDocumentation
 */

// errors and the engine's version (part of every cached reference's key)
export { EngineArgumentError } from "./errors.ts";
export { ENGINE_VERSION } from "./version.ts";

// matrices: dense row-major float64 and the products and element-wise ops on them
export {
  add,
  addRowVector,
  map,
  Matrix,
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  meanRows,
  mul,
  scale,
  sub,
  sumRows,
  transpose,
} from "./matrix.ts";

// the ops, each forward with its backward
export {
  type ActivationName,
  type ActivationSpec,
  activate,
  activateValue,
  activationBackward,
  activationSlope,
  activationSpec,
  describeActivation,
  LEAKY_RELU_SLOPE_DEFAULT,
  softmax,
  softmaxBackward,
} from "./activations.ts";
export { type DenseGradients, denseBackward, denseForward } from "./dense.ts";
export {
  crossEntropyFromProbabilities,
  type MseConvention,
  meanSquaredError,
  type Reduction,
  softmaxCrossEntropy,
  softmaxCrossEntropyBackward,
  type Targets,
} from "./losses.ts";
export { oneHot } from "./onehot.ts";
export { checkGradient, GRADCHECK_STEP, type GradientCheck, numericalGradient, relativeError } from "./gradcheck.ts";

// scalar objectives and their descent (hw4's quartic)
export { type AdamOptions, adam, type DescentTrace, type GradientDescentOptions, gradientDescent } from "./descent.ts";
export {
  describePoints,
  type PolynomialObjective,
  polynomialObjective,
  type QuarticObjectiveParams,
  quarticObjective,
  type ScalarObjective,
  type StationaryPoint,
  stationaryPoints,
} from "./objective.ts";

// the hard-margin SVM of small point sets, solved exactly
export {
  classify,
  decisionValue,
  decisionValues,
  describeHyperplane,
  type Hyperplane,
  type HyperplaneDescription,
  type MarginConventions,
  type MaxMarginOptions,
  type MaxMarginSolution,
  marginOf,
  maxMarginHyperplane,
  SUPPORT_VECTOR_TOLERANCE_DEFAULT,
  type SupportVectorOptions,
} from "./svm.ts";

// randomness, always passed in: numpy's legacy RandomState, and nngrade's seeded streams
export {
  type FloatArray,
  type IntArray,
  NumpyRandomState,
  type NumpyRandomStateSnapshot,
  type Size,
} from "./random/numpy-random-state.ts";
export { createStream, forkSeed, type Stream, type StreamSeed } from "./random/stream.ts";

// data sets
export {
  AUTOENCODER_CLASSES,
  type DataMatrix,
  HW3B_MOONS,
  hw3bMoons,
  type ImageSet,
  type ImageSubset,
  MNIST_CLASSES,
  MNIST_SPLIT_SEED,
  MNIST_TRAIN_COUNT,
  MNIST_VALIDATION_COUNT,
  type MnistSplit,
  type MoonsOptions,
  makeMoons,
  mnistSplit,
  oneHot8,
  oneHot8KMinus1,
  type PointSet,
  type TwoLayerParams,
  toyData,
  twoLayerParams,
} from "./data/index.ts";
export { mnistSplitLabels } from "./data/mnist-split.ts";

// dense networks: building, training, evaluating
export { type DrawShape, type Initializer, ZEROS } from "./nn/initializers.ts";
export type { LossSpec } from "./nn/loss-head.ts";
export {
  accuracy,
  argmaxRows,
  confusionMatrix,
  type DataSet,
  type Evaluation,
  evaluate,
  imageDataSet,
  predictClasses,
} from "./nn/metrics.ts";
export {
  cloneNetwork,
  createNetwork,
  type DenseLayer,
  type LayerInput,
  layerFromColumnConvention,
  layerSizes,
  layerToColumnConvention,
  type Network,
  type NetworkGradients,
  type NetworkSpec,
  networkFromLayers,
  parameterCount,
} from "./nn/network.ts";
export { ADAM_DEFAULTS, type OptimizerSpec } from "./nn/optimizers.ts";
export { predictOutputs } from "./nn/propagation.ts";
export { addL2Gradient, type L2Spec, l2Penalty } from "./nn/regularization.ts";
export { type ActivationSnapshot, activationStats, type LayerActivationStats, SATURATION_THRESHOLD } from "./nn/snapshots.ts";
export { type ShuffleMode, type TrainHistory, type TrainOptions, type TrainResult, trainNetwork } from "./nn/training.ts";
export {
  CS231N_TRAIN_DEFAULTS,
  type Cs231nTrainOptions,
  type Cs231nTrainStats,
  type LossAndGradients,
  softmaxNetLoss,
  trainCs231n,
  twoLayerNet,
} from "./nn/two-layer-net.ts";
