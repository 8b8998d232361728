/** The shapes the data modules hand out: flat row-major buffers, as the engine's kernels take them. */

/** rows x cols, element (i, j) at data[i * cols + j] */
export interface DataMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** count images of 784 pixels each, row-major (count x 784), with their labels */
export interface ImageSet {
  images: Float64Array;
  labels: Int32Array;
  count: number;
}

/** count points of 2 coordinates each (count x 2), with their labels */
export interface PointSet {
  points: Float64Array;
  labels: Int32Array;
  count: number;
}
