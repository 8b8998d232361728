/** A minimal .npy reader for the tests: enough to check what our writer (and numpy) put in a file. */
export interface ParsedNpy {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** where the data starts */
  dataOffset: number;
  values: number[];
}

export function readNpy(bytes: Uint8Array): ParsedNpy {
  const magic = Array.from(bytes.subarray(0, 8));
  if (magic.join(",") !== [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0].join(",")) throw new Error(`not npy 1.0: ${magic}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint16(8, true);
  const dataOffset = 10 + headerLength;
  const header = new TextDecoder("latin1").decode(bytes.subarray(10, dataOffset));
  const match = /^\{'descr': '(<f8|<i8)', 'fortran_order': (True|False), 'shape': \(([\d, ]*)\), \} *\n$/.exec(header);
  if (match === null) throw new Error(`unexpected header ${JSON.stringify(header)}`);
  const [, descr = "", fortran, shapeText = ""] = match;
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== dataOffset + 8 * count) throw new Error(`${bytes.length} bytes for ${count} values after ${dataOffset}`);
  const values = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const at = dataOffset + 8 * i;
    values[i] = descr === "<f8" ? view.getFloat64(at, true) : Number(view.getBigInt64(at, true));
  }
  return { descr, fortranOrder: fortran === "True", shape, dataOffset, values };
}
