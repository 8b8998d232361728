/**
 * The small array shape the numpy-compatible generator returns: a flat,
 * row-major buffer plus numpy's shape, so `randn(4, 10)` is read as
 * `data[row * 10 + col]`, exactly as numpy lays it out.
 */
import type { Value } from "../../value.ts";

/** a float array as numpy returns one: its shape and a flat row-major buffer */
export interface FloatArray {
  shape: number[];
  data: Float64Array;
}

/** an integer array as numpy returns one: its shape and a flat row-major list */
export interface IntArray {
  shape: number[];
  data: number[];
}

/** numpy's `size` argument: a count for a 1-D result, or a shape. */
export type Size = number | readonly number[];

export function sizeToShape(size: Size, where: string): number[] {
  const shape = typeof size === "number" ? [size] : [...size];
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) {
      throw new RangeError(`${where}: dimensions must be non-negative integers, got [${shape.join(", ")}]`);
    }
  }
  return shape;
}

export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** Nested row-major arrays, as numpy's `tolist()` gives: a number for shape []. */
export function toNested(array: FloatArray | IntArray): Value {
  const { shape, data } = array;
  const build = (axis: number, offset: number): Value => {
    if (axis === shape.length) return data[offset] as number;
    const stride = shapeSize(shape.slice(axis + 1));
    const out: Value[] = [];
    for (let i = 0; i < (shape[axis] as number); i++) out.push(build(axis + 1, offset + i * stride));
    return out;
  };
  return build(0, 0);
}
