/**
 * A content checksum for exported data sets, so a student (or a TA) can check
 * that a file holds exactly the data the grader uses:
 * sha256 over the values as float64 little-endian, then the labels as int32
 * little-endian. In numpy:
 *   hashlib.sha256(X.astype("<f8").tobytes() + y.astype("<i4").tobytes()).hexdigest()
 */
import { createHash } from "node:crypto";
import { endianness } from "node:os";

function littleEndianBytes(values: Float64Array | Int32Array): Uint8Array {
  const view = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (endianness() === "LE") return view;
  const swapped = new Uint8Array(view.length);
  const width = values.BYTES_PER_ELEMENT;
  for (let i = 0; i < view.length; i += width) {
    for (let b = 0; b < width; b++) swapped[i + b] = view[i + width - 1 - b] as number;
  }
  return swapped;
}

/** lowercase hex sha256 of values (float64 LE) followed by labels (int32 LE) */
export function contentChecksum(values: Float64Array, labels: Int32Array): string {
  return createHash("sha256").update(littleEndianBytes(values)).update(littleEndianBytes(labels)).digest("hex");
}
