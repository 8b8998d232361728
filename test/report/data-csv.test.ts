import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvNumber, dataSetCsv } from "../../src/report/data-csv.ts";

describe("data set csv", () => {
  it("writes a header row, then features and the label per row, LF line ends", () => {
    const csv = dataSetCsv({ rows: 2, cols: 3, data: [0.1, -2.5, 1e-7, 3, -0, 5e-324], labels: [2, 0] });
    expect(csv).toBe("x0,x1,x2,label\n0.1,-2.5,1e-7,2\n3,-0,5e-324,0\n");
  });

  it("has no label column for a set without labels", () => {
    expect(dataSetCsv({ rows: 1, cols: 2, data: [1, 2] })).toBe("x0,x1\n1,2\n");
  });

  it("spells non-finite values as numpy and pandas read them", () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(csvNumber)).toEqual(["nan", "inf", "-inf"]);
  });

  it("writes every finite double in a form that parses back to the same double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(Number(csvNumber(x)), x)).toBe(true);
      }),
    );
  });

  it("refuses data that does not fill the shape", () => {
    expect(() => dataSetCsv({ rows: 2, cols: 2, data: [1, 2, 3] })).toThrow(/3 values do not fill a 2x2 matrix/);
    expect(() => dataSetCsv({ rows: 1, cols: 1, data: [1], labels: [0, 1] })).toThrow(/2 labels for 1 rows/);
  });
});
