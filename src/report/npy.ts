/**
 * numpy's .npy format, version 1.0, written by hand: the format is a short
 * header and the raw bytes, and no npm package writes it (the ones that
 * exist only read it, or pull in a whole ndarray library). The header is
 * byte for byte what np.save writes (test/golden/make_npy_golden.py):
 *
 *   \x93NUMPY  1 0  <uint16 LE header length>
 *   {'descr': '<f8', 'fortran_order': False, 'shape': (rows, cols), }
 *   then spaces and a final \n so the data starts at a multiple of 64 bytes,
 *   numpy's ARRAY_ALIGN, after the spare room numpy leaves to grow the first
 *   axis in place (GROWTH_AXIS_MAX_DIGITS = 21, minus the digits of shape[0])
 *
 * Readers never depend on the amount of padding, so older numpy reads these
 * files all the same.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]; // \x93NUMPY, version 1.0
const ARRAY_ALIGN = 64;
const GROWTH_AXIS_MAX_DIGITS = 21;
const HEADER_LENGTH_BYTES = 2;

export type NpyDescr = "<f8" | "<i8";

/** the header numpy writes for a C-order array of this type and shape */
export function npyHeader(descr: NpyDescr, shape: readonly number[]): Uint8Array {
  for (const size of shape) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`npyHeader: shape ${shape.join("x")} is not a shape`);
  }
  // python's repr of a tuple: "(4,)" for one axis, "(2, 3)" for more
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeRepr}, }`;
  if (shape.length > 0) dict += " ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length));
  const withNewline = dict.length + 1;
  // numpy pads a whole ARRAY_ALIGN when the header already ends on a boundary
  const padding = ARRAY_ALIGN - ((MAGIC.length + HEADER_LENGTH_BYTES + withNewline) % ARRAY_ALIGN);
  const headerLength = withNewline + padding;
  if (headerLength > 0xffff) throw new RangeError(`npyHeader: a header of ${headerLength} bytes needs format 2.0`);
  const bytes = new Uint8Array(MAGIC.length + HEADER_LENGTH_BYTES + headerLength);
  bytes.set(MAGIC);
  new DataView(bytes.buffer).setUint16(MAGIC.length, headerLength, true);
  const text = `${dict}${" ".repeat(padding)}\n`;
  // the dict is ASCII by construction, so one char is one byte
  for (let i = 0; i < text.length; i++) bytes[MAGIC.length + HEADER_LENGTH_BYTES + i] = text.charCodeAt(i);
  return bytes;
}

/** a rows x cols float64 matrix, row-major (element (i, j) at data[i * cols + j]), as np.save writes it */
export function float64Npy(rows: number, cols: number, data: ArrayLike<number>): Uint8Array {
  if (data.length !== rows * cols) {
    throw new RangeError(`float64Npy: ${data.length} values do not fill a ${rows}x${cols} matrix`);
  }
  const header = npyHeader("<f8", [rows, cols]);
  const bytes = new Uint8Array(header.length + 8 * data.length);
  bytes.set(header);
  // a DataView writes little-endian whatever the machine's byte order
  const view = new DataView(bytes.buffer, header.length);
  for (let i = 0; i < data.length; i++) view.setFloat64(8 * i, data[i] as number, true);
  return bytes;
}

/** a vector of integers as int64, numpy's default integer type on 64-bit Linux and macOS */
export function int64Npy(values: ArrayLike<number>): Uint8Array {
  const header = npyHeader("<i8", [values.length]);
  const bytes = new Uint8Array(header.length + 8 * values.length);
  bytes.set(header);
  const view = new DataView(bytes.buffer, header.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isSafeInteger(value)) throw new RangeError(`int64Npy: value ${i} is ${value}, not an integer`);
    view.setBigInt64(8 * i, BigInt(value), true);
  }
  return bytes;
}
