import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { DataFileError } from "../../../src/engine/data/errors.ts";
import { readIdx, readIdxImages, readIdxLabels, readIdxPair } from "../../../src/engine/data/idx.ts";

const directory = mkdtempSync(join(tmpdir(), "nngrade-idx-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** an IDX file: the magic (0, 0, type, rank), big-endian dims, then the payload as given */
function idx(type: number, dims: number[], payload: number[] | Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header.set([0, 0, type, dims.length]);
  dims.forEach((dim, axis) => {
    view.setUint32(4 + 4 * axis, dim);
  });
  return Uint8Array.from([...header, ...payload]);
}

/** big-endian element bytes through a DataView setter */
function bigEndian(width: number, set: (view: DataView, at: number, value: number) => void, values: number[]): number[] {
  const view = new DataView(new ArrayBuffer(width * values.length));
  values.forEach((value, i) => {
    set(view, i * width, value);
  });
  return [...new Uint8Array(view.buffer)];
}

let files = 0;
function write(bytes: Uint8Array, options: { gzip?: boolean; name?: string } = {}): string {
  const file = join(directory, options.name ?? `file-${files++}${options.gzip ? ".gz" : ""}`);
  writeFileSync(file, options.gzip ? gzipSync(bytes) : bytes);
  return file;
}

const PIXELS = [0, 255, 51, 102, 1, 254, 17, 34, 68, 136, 200, 100];
const imagesFile = idx(0x08, [2, 2, 3], PIXELS);
const labelsFile = idx(0x08, [2], [7, 3]);

describe("readIdxImages", () => {
  it.each([false, true])("reads count, rows, cols and pixels scaled to [0, 1] (gzip: %s)", (gzip) => {
    const images = readIdxImages(write(imagesFile, { gzip }));
    expect([images.count, images.rows, images.cols]).toEqual([2, 2, 3]);
    expect(Array.from(images.data)).toEqual(PIXELS.map((pixel) => pixel / 255));
  });

  it("detects gzip by its magic, not by the file name", () => {
    const images = readIdxImages(write(gzipSync(imagesFile), { name: "train-images-idx3-ubyte" }));
    expect(images.count).toBe(2);
  });
});

describe("readIdxLabels", () => {
  it.each([false, true])("reads unsigned byte labels (gzip: %s)", (gzip) => {
    const labels = readIdxLabels(write(labelsFile, { gzip }));
    expect(labels.count).toBe(2);
    expect(Array.from(labels.labels)).toEqual([7, 3]);
    expect(labels.labels).toBeInstanceOf(Int32Array);
  });
});

describe("readIdx", () => {
  it.each([
    ["sbyte", 0x09, [-128, -1, 0, 127], (values: number[]) => bigEndian(1, (v, at, x) => v.setInt8(at, x), values)],
    ["int16", 0x0b, [-32768, -2, 513, 32767], (values: number[]) => bigEndian(2, (v, at, x) => v.setInt16(at, x), values)],
    ["int32", 0x0c, [-(2 ** 31), -5, 66051, 2 ** 31 - 1], (values: number[]) => bigEndian(4, (v, at, x) => v.setInt32(at, x), values)],
    ["float32", 0x0d, [0.5, -1.25, 3e38, 0], (values: number[]) => bigEndian(4, (v, at, x) => v.setFloat32(at, x), values)],
    ["float64", 0x0e, [0.1, -1e300, 5e-324, Math.PI], (values: number[]) => bigEndian(8, (v, at, x) => v.setFloat64(at, x), values)],
  ])("reads %s elements big-endian", (type, code, values, encode) => {
    const array = readIdx(write(idx(code, [2, 2], encode(values))));
    expect(array.type).toBe(type);
    expect(array.dims).toEqual([2, 2]);
    expect(Array.from(array.data)).toEqual(type === "float32" ? values.map(Math.fround) : values);
  });
});

describe("readIdxPair", () => {
  it("reads matching images and labels", () => {
    const { images, labels } = readIdxPair(write(imagesFile, { gzip: true }), write(labelsFile));
    expect([images.count, labels.count]).toEqual([2, 2]);
  });

  it("refuses images and labels of different counts, naming both files", () => {
    const images = write(imagesFile);
    const labels = write(idx(0x08, [3], [1, 2, 3]));
    expect(() => readIdxPair(images, labels)).toThrow(`${images}: holds 2 images but ${labels} holds 3 labels`);
  });
});

describe("idx errors name the file and the problem", () => {
  const cases: Array<[string, Uint8Array | null, (file: string) => unknown, string]> = [
    ["a missing file", null, readIdx, "file not found"],
    ["corrupt gzip", Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), readIdx, "gzip data is corrupt"],
    ["a 3-byte file", Uint8Array.from([0, 0, 8]), readIdx, "truncated header: 3 bytes, an idx file needs at least 4"],
    ["a png", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), readIdx, "bad magic 0x8950, an idx file starts with 0x0000"],
    ["an unknown type", idx(0x07, [1], [5]), readIdx, "unknown element type 0x07 in the magic number"],
    ["zero dimensions", Uint8Array.from([0, 0, 8, 0]), readIdx, "the header declares 0 dimensions"],
    ["a cut header", idx(0x08, [2, 2, 3], []).subarray(0, 10), readIdx, "truncated header: 3 dimensions need 16 bytes, the file has 10"],
    ["cut data", idx(0x08, [2, 2, 3], PIXELS.slice(0, 7)), readIdx, "truncated data: dims 2x2x3 of ubyte need 12 data bytes, the file has 7"],
    ["extra data", idx(0x08, [2, 2, 3], [...PIXELS, 1, 2]), readIdx, "dims product mismatch: dims 2x2x3 of ubyte need 12 data bytes, the file has 14"],
    ["cut int32 data", idx(0x0c, [3], [0, 0, 0, 1, 0, 0, 0, 2]), readIdx, "truncated data: dims 3 of int32 need 12 data bytes, the file has 8"],
    ["labels read as images", labelsFile, readIdxImages, "expected 3 dimensions (count x rows x cols) for images, got 1 (2)"],
    ["float images", idx(0x0d, [1, 1, 1], [0, 0, 0, 0]), readIdxImages, "expected unsigned byte pixels (type 0x08) for images, got float32"],
    ["images read as labels", imagesFile, readIdxLabels, "expected 1 dimension for labels, got 3 (2x2x3)"],
    ["float labels", idx(0x0e, [1], [0, 0, 0, 0, 0, 0, 0, 0]), readIdxLabels, "expected integer labels, got float64"],
  ];

  it.each(cases)("%s", (_, bytes, read, detail) => {
    const file = bytes === null ? join(directory, "no-such-file") : write(bytes);
    let caught: unknown;
    try {
      read(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DataFileError);
    const error = caught as DataFileError;
    expect(error.code).toBe("data-file");
    expect(error.file).toBe(file);
    expect(error.message.startsWith(`${file}: ${detail}`), error.message).toBe(true);
  });

  it("names the gzipped file when its content is not idx", () => {
    const file = write(Uint8Array.from([1, 2, 3, 4, 5]), { gzip: true });
    expect(() => readIdx(file)).toThrow(`${file}: bad magic 0x0102`);
  });
});
