/**
 * The IDX format of the full MNIST and Fashion-MNIST files
 * (train-images-idx3-ubyte and friends), plain or gzip-compressed:
 *
 *   bytes 0-1  zero
 *   byte  2    element type: 0x08 ubyte, 0x09 sbyte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64
 *   byte  3    number of dimensions
 *   then one big-endian uint32 per dimension, then the elements, big-endian, row-major
 *
 * A file that starts with the gzip magic (1f 8b) is gunzipped first, whatever its name.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DataFileError } from "./errors.ts";

export type IdxType = "ubyte" | "sbyte" | "int16" | "int32" | "float32" | "float64";

const TYPES: ReadonlyMap<number, { type: IdxType; width: number; read: (view: DataView, at: number) => number }> =
  new Map([
    [0x08, { type: "ubyte", width: 1, read: (view, at) => view.getUint8(at) }],
    [0x09, { type: "sbyte", width: 1, read: (view, at) => view.getInt8(at) }],
    [0x0b, { type: "int16", width: 2, read: (view, at) => view.getInt16(at) }],
    [0x0c, { type: "int32", width: 4, read: (view, at) => view.getInt32(at) }],
    [0x0d, { type: "float32", width: 4, read: (view, at) => view.getFloat32(at) }],
    [0x0e, { type: "float64", width: 8, read: (view, at) => view.getFloat64(at) }],
  ] as const);

export interface IdxArray {
  type: IdxType;
  dims: number[];
  /** the elements as numbers, row-major */
  data: Float64Array;
}

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count x rows x cols pixels, row-major, scaled from 0..255 to [0, 1] */
  data: Float64Array;
}

export interface IdxLabels {
  count: number;
  labels: Int32Array;
}

/** The file's bytes, gunzipped when they start with the gzip magic. */
export function readIdxBytes(file: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : "cannot read the file";
    throw new DataFileError(file, reason, { cause: error });
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new DataFileError(file, `gzip data is corrupt (${(error as Error).message.toLowerCase()})`, { cause: error });
  }
}

/** Parses IDX bytes; `file` only names the source in errors. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4) throw new DataFileError(file, `truncated header: ${bytes.length} bytes, an idx file needs at least 4`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataFileError(file, `bad magic ${hex(view.getUint16(0), 4)}, an idx file starts with 0x0000 (not an idx file?)`);
  }
  const code = bytes[2] as number;
  const element = TYPES.get(code);
  if (element === undefined) throw new DataFileError(file, `unknown element type ${hex(code, 2)} in the magic number`);
  const rank = bytes[3] as number;
  if (rank === 0) throw new DataFileError(file, "the header declares 0 dimensions");
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw new DataFileError(file, `truncated header: ${rank} dimensions need ${headerLength} bytes, the file has ${bytes.length}`);
  }
  const dims = Array.from({ length: rank }, (_, axis) => view.getUint32(4 + 4 * axis));
  const count = dims.reduce((product, dim) => product * dim, 1);
  const needed = count * element.width;
  const found = bytes.length - headerLength;
  if (found !== needed) {
    const what = found < needed ? "truncated data" : "dims product mismatch";
    throw new DataFileError(
      file,
      `${what}: dims ${dims.join("x")} of ${element.type} need ${needed} data bytes, the file has ${found}`,
    );
  }
  const data = new Float64Array(count);
  if (element.type === "ubyte") {
    data.set(bytes.subarray(headerLength));
  } else {
    for (let i = 0; i < count; i++) data[i] = element.read(view, headerLength + i * element.width);
  }
  return { type: element.type, dims, data };
}

export function readIdx(file: string): IdxArray {
  return parseIdx(readIdxBytes(file), file);
}

/** An images file: 3 dimensions (count, rows, cols) of unsigned bytes, scaled to [0, 1]. */
export function readIdxImages(file: string): IdxImages {
  const { type, dims, data } = readIdx(file);
  if (dims.length !== 3) {
    throw new DataFileError(file, `expected 3 dimensions (count x rows x cols) for images, got ${dims.length} (${dims.join("x")})`);
  }
  if (type !== "ubyte") throw new DataFileError(file, `expected unsigned byte pixels (type 0x08) for images, got ${type}`);
  for (let i = 0; i < data.length; i++) data[i] = (data[i] as number) / 255;
  const [count, rows, cols] = dims as [number, number, number];
  return { count, rows, cols, data };
}

/** A labels file: 1 dimension of integers (unsigned bytes in MNIST). */
export function readIdxLabels(file: string): IdxLabels {
  const { type, dims, data } = readIdx(file);
  if (dims.length !== 1) {
    throw new DataFileError(file, `expected 1 dimension for labels, got ${dims.length} (${dims.join("x")})`);
  }
  if (type === "float32" || type === "float64") {
    throw new DataFileError(file, `expected integer labels, got ${type}`);
  }
  return { count: dims[0] as number, labels: Int32Array.from(data) };
}

/** An images file and its labels file, which must hold the same number of samples. */
export function readIdxPair(imagesFile: string, labelsFile: string): { images: IdxImages; labels: IdxLabels } {
  const images = readIdxImages(imagesFile);
  const labels = readIdxLabels(labelsFile);
  if (images.count !== labels.count) {
    throw new DataFileError(
      imagesFile,
      `holds ${images.count} images but ${labelsFile} holds ${labels.count} labels`,
    );
  }
  return { images, labels };
}

function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, "0")}`;
}
