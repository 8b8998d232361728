import { describe, expect, it } from "vitest";
import { oneHot } from "../../src/engine/onehot.ts";

describe("oneHot", () => {
  it("puts a 1 in each label's column", () => {
    expect(oneHot([2, 0, 1], 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  it("gives an empty matrix for no labels", () => {
    expect(oneHot([], 4).shape).toBe("0x4");
  });

  it.each([
    [[0, 4], 4, "oneHot: label 1 is 4, expected an integer in [0, 4)"],
    [[-1], 4, "oneHot: label 0 is -1, expected an integer in [0, 4)"],
    [[1.5], 4, "oneHot: label 0 is 1.5, expected an integer in [0, 4)"],
    [[Number.NaN], 4, "oneHot: label 0 is NaN, expected an integer in [0, 4)"],
    [[0], 0, "oneHot: classes must be a positive integer, got 0"],
    [[0], 2.5, "oneHot: classes must be a positive integer, got 2.5"],
  ])("refuses labels %j with %d classes", (labels, classes, message) => {
    expect(() => oneHot(labels, classes)).toThrow(message);
  });
});
