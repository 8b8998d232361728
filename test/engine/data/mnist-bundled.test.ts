import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DataFileError } from "../../../src/engine/data/errors.ts";
import {
  bundledDigitFile,
  imageSetChecksum,
  loadBundledMnist,
  MNIST_PIXELS,
  parseDigitJson,
} from "../../../src/engine/data/mnist-bundled.ts";
import { mnistGolden } from "./golden.ts";

const encode = (text: string) => new TextEncoder().encode(text);

describe("the bundled mnist digits", () => {
  it("holds 10,000 images in digit-major order", () => {
    const set = loadBundledMnist();
    expect(set.count).toBe(mnistGolden.count);
    expect(set.images.length).toBe(set.count * MNIST_PIXELS);
    expect(set.labels.length).toBe(set.count);
    const perDigit = Array.from({ length: 10 }, (_, digit) => set.labels.filter((label) => label === digit).length);
    expect(perDigit).toEqual(mnistGolden.per_digit);
    expect(set.labels.every((label, i) => i === 0 || label >= (set.labels[i - 1] as number))).toBe(true);
  });

  it("matches numpy's checksum of the canonical order", () => {
    expect(imageSetChecksum(loadBundledMnist())).toBe(mnistGolden.canonical_sha256);
  });

  it("keeps the package's pixel values in [0, 1]", () => {
    const { images } = loadBundledMnist();
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const value of images) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    expect([min, max]).toEqual([mnistGolden.min, mnistGolden.max]);
    const sum = (row: number) => images.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS).reduce((a, b) => a + b, 0);
    expect(sum(0)).toBeCloseTo(mnistGolden.sample_0_sum, 9);
    expect(sum(9999)).toBeCloseTo(mnistGolden.sample_9999_sum, 9);
  });

  it("loads once and hands out the same buffers", () => {
    expect(loadBundledMnist()).toBe(loadBundledMnist());
  });
});

describe("parseDigitJson", () => {
  it("reads every value of the package exactly as JSON.parse does", () => {
    for (let digit = 0; digit < 10; digit++) {
      const bytes = readFileSync(bundledDigitFile(digit));
      const fast = parseDigitJson(bytes, "digit");
      const reference = (JSON.parse(bytes.toString("utf8")) as { data: number[] }).data;
      expect(fast.length).toBe(reference.length);
      const mismatch = reference.findIndex((value, i) => !Object.is(value, fast[i]));
      expect(mismatch, `digit ${digit}`).toBe(-1);
    }
  });

  it.each([
    ['{ "data" : [ 0.25 , 1 ] }', [0.25, 1]],
    ['{"data":[1e-3,-0,0.5]}', [0.001, -0, 0.5]],
    ['{"data":[0.1234567890123456789]}', [Number("0.1234567890123456789")]],
    ['{"data":[]}', []],
    ['{"data":[0.992,0.5]}', [0.992, 0.5]],
  ])("reads %s like JSON.parse", (text, expected) => {
    expect(Array.from(parseDigitJson(encode(text), "x.json"))).toEqual(expected);
  });

  it.each([
    ['{"data":[01]}', "not valid json"],
    ['{"data":[0.5,]}', "not valid json"],
    ['{"pixels":[0.5]}', "expected an object with a 'data' array of numbers"],
    ['{"data":[0.5,"a"]}', "expected an object with a 'data' array of numbers"],
    ["null", "expected an object with a 'data' array of numbers"],
  ])("refuses %s, naming the file", (text, detail) => {
    const call = () => parseDigitJson(encode(text), "digits/3.json");
    expect(call).toThrow(DataFileError);
    expect(call).toThrow(`digits/3.json: ${detail}`);
  });
});
