/** The engine's neural-network library: dense layers, activations, losses, initialisers, optimisers, training. */
export {
  type ActivationKernel,
  type ActivationName,
  type ActivationSpec,
  activationKernel,
  activationSpec,
  describeActivation,
  LEAKY_RELU_SLOPE_DEFAULT,
  softmaxRows,
} from "./activation-functions.ts";
export {
  type DrawShape,
  drawBias,
  drawValues,
  drawWeights,
  type Initializer,
  initializerScale,
  ZEROS,
} from "./initializers.ts";
export { checkLossFits, type LossSpec, lossDivisor, lossSum, writeOutputGradient } from "./loss-head.ts";
export {
  crossEntropyFromProbabilities,
  type MseConvention,
  meanSquaredError,
  softmaxCrossEntropy,
  type Targets,
} from "./losses.ts";
export {
  accuracy,
  argmaxRows,
  confusionMatrix,
  type DataSet,
  type Evaluation,
  evaluate,
  imageDataSet,
  predictClasses,
  rowsView,
  targetClasses,
} from "./metrics.ts";
export {
  cloneNetwork,
  copyParameters,
  createGradients,
  createNetwork,
  type DenseLayer,
  gradientBuffers,
  type LayerInput,
  layerFromColumnConvention,
  layerSizes,
  layerToColumnConvention,
  type Network,
  type NetworkGradients,
  type NetworkSpec,
  networkFromLayers,
  parameterBuffers,
  parameterCount,
} from "./network.ts";
export { ADAM_DEFAULTS, createOptimizer, type Optimizer, type OptimizerSpec } from "./optimizers.ts";
export {
  backward,
  createWorkspace,
  type Dropout,
  forward,
  predictOutputs,
  type Workspace,
  WorkspacePool,
} from "./propagation.ts";
export { addL2Gradient, type L2Spec, l2Penalty } from "./regularization.ts";
export { type ActivationSnapshot, activationStats, type LayerActivationStats, SATURATION_THRESHOLD } from "./snapshots.ts";
export {
  type ShuffleMode,
  type TrainHistory,
  type TrainOptions,
  type TrainResult,
  trainNetwork,
} from "./training.ts";
export {
  CS231N_TRAIN_DEFAULTS,
  type Cs231nTrainOptions,
  type Cs231nTrainStats,
  type LossAndGradients,
  softmaxNetLoss,
  trainCs231n,
  twoLayerNet,
} from "./two-layer-net.ts";
