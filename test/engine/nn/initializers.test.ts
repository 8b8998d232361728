import { describe, expect, it } from "vitest";
import { drawValues, drawWeights, type Initializer } from "../../../src/engine/nn/initializers.ts";
import { createNetwork, type NetworkSpec } from "../../../src/engine/nn/network.ts";
import { NumpyRandomState } from "../../../src/engine/random/numpy-random-state.ts";
import { expectIdentical, type GoldenArray, loadGolden } from "./golden.ts";

interface InitCase {
  seed: number;
  sizes: number[];
  weights: Initializer | Initializer[];
  bias?: Initializer | Initializer[];
  drawShape?: NetworkSpec["drawShape"];
  drawOrder?: NetworkSpec["drawOrder"];
  layers: Array<{ W: GoldenArray; b: GoldenArray }>;
  /** rs.rand() right after the draws: the stream must stand where numpy's does */
  next_uniform: number;
}

const golden = loadGolden<{ cases: InitCase[] }>("nn-init.json");

describe("initialisers draw numpy's numbers", () => {
  for (const c of golden.cases) {
    const label = `${JSON.stringify(c.weights)} bias ${JSON.stringify(c.bias ?? "zeros")} ${c.drawShape ?? "in_out"} ${c.drawOrder ?? ""} seed ${c.seed}`;
    it(label, () => {
      const rng = new NumpyRandomState(c.seed);
      const network = createNetwork(
        { sizes: c.sizes, hidden: "relu", output: "softmax", weights: c.weights, bias: c.bias, drawShape: c.drawShape, drawOrder: c.drawOrder },
        rng,
      );
      c.layers.forEach((layer, l) => {
        const { weights, bias } = network.layers[l]!;
        expect([weights.rows, weights.cols]).toEqual(layer.W.shape);
        expectIdentical(weights.data, layer.W.values);
        expectIdentical(bias, layer.b.values);
      });
      expect(rng.rand()).toBe(c.next_uniform);
    });
  }
});

describe("initialisers", () => {
  it("reproduce the cs231n toy model: 0.1 * randn(4, 10), then 0.1 * randn(10, 3)", () => {
    const toy = golden.cases.find((c) => c.sizes.join() === "4,10,3")!;
    const rng = new NumpyRandomState(0);
    expectIdentical(drawWeights(rng, 4, 10, { kind: "scaled_randn", std: 0.1 }).data, toy.layers[0]!.W.values);
    expectIdentical(drawWeights(rng, 10, 3, { kind: "scaled_randn", std: 0.1 }).data, toy.layers[1]!.W.values);
  });

  it("give xavier a limit of sqrt(6 / (fan_in + fan_out)) and he a spread of sqrt(2 / fan_in)", () => {
    const uniform = drawValues(new NumpyRandomState(1), 4000, { kind: "xavier_uniform" }, 10, 14);
    const limit = Math.sqrt(6 / 24);
    expect(Math.max(...uniform)).toBeLessThanOrEqual(limit);
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(-limit);
    expect(Math.max(...uniform)).toBeGreaterThan(0.99 * limit);
    const he = drawValues(new NumpyRandomState(1), 20000, { kind: "he_normal" }, 50, 7);
    const std = Math.sqrt(he.reduce((s, v) => s + v * v, 0) / he.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / 50), 2);
  });

  it("draw nothing for zeros and constants", () => {
    const rng = new NumpyRandomState(5);
    expect(Array.from(drawValues(rng, 3, { kind: "constant", value: 0.5 }, 1, 3))).toEqual([0.5, 0.5, 0.5]);
    drawValues(rng, 3, { kind: "zeros" }, 1, 3);
    expect(rng.rand()).toBe(new NumpyRandomState(5).rand());
  });

  it("refuse a negative std and a wrong number of per-layer initialisers", () => {
    expect(() => drawValues(new NumpyRandomState(0), 2, { kind: "normal", std: -1 }, 1, 2)).toThrow(
      "drawValues: normal std must be a finite number >= 0, got -1",
    );
    expect(() =>
      createNetwork({ sizes: [2, 3, 1], hidden: "relu", output: "identity", weights: [{ kind: "he_normal" }] }, new NumpyRandomState(0)),
    ).toThrow("createNetwork: 1 weight initialisers for 2 layers");
  });
});
