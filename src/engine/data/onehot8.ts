/**
 * The inputs of the 8-3-8 autoencoder (acml-autoencoder): one sample per row,
 * the target is the input. In the assignment's column convention (z = W x + b)
 * the samples are the columns: the transpose, which for the 8x8 identity is
 * the same matrix.
 */
import type { DataMatrix } from "./types.ts";

/** the acml autoencoder's 8 one-hot classes */
export const AUTOENCODER_CLASSES = 8;

/** 8 samples x 8 features: sample k is the one-hot vector of class k (the identity) */
export function oneHot8(): DataMatrix {
  return oneHotRows(AUTOENCODER_CLASSES, 0);
}

/**
 * The k-1 encoding of seed 001 (section 7): the first class's 1 is dropped, so
 * class 0 is all zeros and class k >= 1 has its 1 in column k - 1 of 7.
 * 8 samples x 7 features; the 7-3-7 network has 52 parameters instead of 59.
 */
export function oneHot8KMinus1(): DataMatrix {
  return oneHotRows(AUTOENCODER_CLASSES, 1);
}

function oneHotRows(classes: number, dropped: number): DataMatrix {
  const cols = classes - dropped;
  const data = new Float64Array(classes * cols);
  for (let k = dropped; k < classes; k++) data[k * cols + (k - dropped)] = 1;
  return { rows: classes, cols, data };
}
