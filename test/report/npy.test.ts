import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { float64Npy, int64Npy, npyHeader } from "../../src/report/npy.ts";
import { readNpy } from "./npy-read.ts";

// written by numpy: python3 test/golden/make_npy_golden.py
const GOLDEN = fileURLToPath(new URL("../golden/", import.meta.url));
const golden = (name: string) => new Uint8Array(readFileSync(`${GOLDEN}npy/${name}`));
const headers = JSON.parse(readFileSync(`${GOLDEN}npy-headers.json`, "utf8")) as {
  headers: { descr: "<f8" | "<i8"; shape: number[]; header_hex: string }[];
};

// the arrays of make_npy_golden.py
const FLOAT64_2X3 = [0.1, -2.5, 1e300, 3.0, -0, 5e-324];
const INT64_4 = [0, 1, -7, 2 ** 40];

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
/** Object.is per element: -0 is not 0 */
const sameBits = (values: readonly number[], expected: readonly number[]) =>
  values.length === expected.length && values.every((value, i) => Object.is(value, expected[i]));

describe("npy writer", () => {
  it("writes a 2x3 float64 matrix byte for byte as np.save does", () => {
    expect(hex(float64Npy(2, 3, Float64Array.from(FLOAT64_2X3)))).toBe(hex(golden("float64_2x3.npy")));
  });

  it("writes a length-4 int64 vector byte for byte as np.save does", () => {
    expect(hex(int64Npy(INT64_4))).toBe(hex(golden("int64_4.npy")));
  });

  it.each(headers.headers.map((c) => [c.descr, c.shape.length > 2 ? `${c.shape.length} axes` : c.shape.join("x"), c] as const))(
    "writes numpy's header for %s %s",
    (_descr, _shape, { descr, shape, header_hex }) => {
      const header = npyHeader(descr, shape);
      expect(hex(header)).toBe(header_hex);
      expect(header.length % 64).toBe(0);
    },
  );

  it("reads back what it wrote, -0 and the smallest subnormal included", () => {
    const parsed = readNpy(float64Npy(2, 3, FLOAT64_2X3));
    expect(parsed).toMatchObject({ descr: "<f8", fortranOrder: false, shape: [2, 3], dataOffset: 128 });
    expect(sameBits(parsed.values, FLOAT64_2X3)).toBe(true);
    expect(readNpy(int64Npy(INT64_4))).toMatchObject({ descr: "<i8", shape: [4], values: INT64_4 });
  });

  it("reads numpy's own files as numpy wrote them (the test reader is right)", () => {
    expect(readNpy(golden("int64_4.npy")).values).toEqual(INT64_4);
    expect(sameBits(readNpy(golden("float64_2x3.npy")).values, FLOAT64_2X3)).toBe(true);
  });

  it("refuses values that do not fill the shape, and labels that are not integers", () => {
    expect(() => float64Npy(2, 3, [1, 2, 3])).toThrow(/3 values do not fill a 2x3 matrix/);
    expect(() => int64Npy([1, 2.5])).toThrow(/value 1 is 2.5, not an integer/);
    expect(() => npyHeader("<f8", [-1, 2])).toThrow(/not a shape/);
  });
});
