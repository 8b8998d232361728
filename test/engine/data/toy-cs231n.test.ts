import { describe, expect, it } from "vitest";
import { toyCs231n, toyData, twoLayerParams } from "../../../src/engine/data/toy-cs231n.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { expectExactArray, golden } from "../random/golden.ts";

const asArray = (m: { rows: number; cols: number; data: Float64Array }) => ({ shape: [m.rows, m.cols], data: m.data });

describe("toyCs231n", () => {
  const toy = toyCs231n();

  it("draws W1 and W2 as numpy does after np.random.seed(0)", () => {
    expectExactArray(asArray(toy.W1), golden.cs231n.W1);
    expectExactArray(asArray(toy.W2), golden.cs231n.W2);
  });

  it("draws X = 10 * randn(5, 4) as numpy does after np.random.seed(1)", () => {
    expectExactArray(asArray(toy.X), golden.cs231n.seed1_X);
  });

  it("has zero biases and the handout's labels", () => {
    expect(Array.from(toy.b1)).toEqual(new Array(10).fill(0));
    expect(Array.from(toy.b2)).toEqual([0, 0, 0]);
    expect(Array.from(toy.y)).toEqual([0, 1, 2, 2, 1]);
  });
});

describe("the caller's stream", () => {
  it("twoLayerParams takes exactly 4*10 + 10*3 normals from it", () => {
    const stream = new NumpyRandomState(0);
    twoLayerParams(stream);
    const replay = new NumpyRandomState(0);
    replay.randn(70);
    expect(stream.randn()).toBe(replay.randn());
  });

  it("toyData reads the stream it is given", () => {
    const { X } = toyData(new NumpyRandomState(1));
    expectExactArray(asArray(X), golden.cs231n.seed1_X);
    expect(toyData(new NumpyRandomState(2)).X.data).not.toEqual(X.data);
  });
});
