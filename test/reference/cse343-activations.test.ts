/**
 * cse343 s4: the reference's grid read from the shipped cache (nothing here
 * trains the big net), the one-unit shortcut for zero initialisations held
 * to the full-width net, one cheap entry rebuilt bit for bit, and the
 * rubric's bands held to the checks' and to numpy's independent run.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  activationOf,
  S4_ACTIVATIONS,
  S4_INITS,
  type S4Activation,
  type S4Inputs,
  s4DefaultInputs,
  s4Grid,
  s4Run,
  trainedSizes,
} from "../../reference/cse343-activations.ts";
import { S4_BAND, s4BandOptions } from "../../reference/cse343-checks.ts";
import { bandOf } from "../../src/compare/band.ts";
import {
  createNetwork,
  evaluate,
  imageDataSet,
  mnistSplit,
  type Network,
  NumpyRandomState,
  predictClasses,
  trainNetwork,
} from "../../src/engine/index.ts";
import { ReferenceCache } from "../../src/grade/cache.ts";
import type { Value } from "../../src/value.ts";

const SHIPPED = fileURLToPath(new URL("../../reference/cache/cse343-nn-from-scratch.json", import.meta.url));
// numpy's twelve nets with seed 343 (test/golden/make_cse343_golden.py), a seed the reference does not use
const golden = JSON.parse(readFileSync(new URL("../golden/cse343-nn-from-scratch.json", import.meta.url), "utf8"));
const rubric = JSON.parse(readFileSync(new URL("../../rubrics/cse343-nn-from-scratch.json", import.meta.url), "utf8"));
const work = mkdtempSync(join(tmpdir(), "nngrade-cse343-s4-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** the shipped cache, and a test that would train fails instead */
class ShippedOnly extends ReferenceCache {
  override get<T extends Value>(key: Record<string, unknown>, _compute: () => T): T {
    return super.get(key, () => {
      throw new Error(`not in the shipped cache: ${JSON.stringify(key)}`);
    });
  }
}
const shipped = new ShippedOnly("cse343-nn-from-scratch", { userFolder: join(work, "user") });
const inputs = s4DefaultInputs();
const grid = s4Grid(shipped, inputs);

describe("cse343 s4 reference grid (shipped cache)", () => {
  it("has the twelve cells, activations outer, inits inner, K = 6 seeds each", () => {
    expect(grid.map((c) => `${c.activation} ${c.init}`)).toEqual(S4_ACTIVATIONS.flatMap((a) => S4_INITS.map((i) => `${a} ${i}`)));
    expect(inputs.seeds).toHaveLength(6);
    for (const cell of grid) expect(cell.runs).toHaveLength(6);
  });

  it("keeps zero initialisations of tanh, relu and leaky relu at the bias-only model: one digit for every image", () => {
    const { train, validation } = mnistSplit();
    const shareOf = (labels: Int32Array, digit: number) => labels.filter((l) => l === digit).length / labels.length;
    for (const cell of grid.filter((c) => c.init === "zero" && c.activation !== "sigmoid")) {
      for (const run of cell.runs) {
        // the output bias ends highest on some digit; the accuracy is that digit's share of each set
        const digit = [...Array(10).keys()].find((d) => shareOf(train.labels, d) === run.train_accuracy);
        expect(digit, `${cell.activation} ${run.train_accuracy}`).toBeDefined();
        expect(run.val_accuracy).toBe(shareOf(validation.labels, digit!));
      }
    }
  });

  it("trains every random initialisation of tanh, relu and leaky relu well above every zero one", () => {
    for (const activation of ["tanh", "relu", "leaky_relu"] as S4Activation[]) {
      const zero = grid.find((c) => c.activation === activation && c.init === "zero")!;
      for (const cell of grid.filter((c) => c.activation === activation && c.init !== "zero")) {
        expect(Math.min(...cell.runs.map((r) => r.val_accuracy))).toBeGreaterThan(0.85);
        expect(Math.min(...cell.runs.map((r) => r.val_accuracy))).toBeGreaterThan(Math.max(...zero.runs.map((r) => r.val_accuracy)) + 0.5);
      }
    }
  });

  it("puts numpy's independent run (another seed, full width everywhere) inside every band of the rubric", () => {
    const numpy = golden.answers.s4.results as { activation: string; init: string; train_accuracy: number; val_accuracy: number }[];
    expect(numpy.map((r) => `${r.activation} ${r.init}`)).toEqual(grid.map((c) => `${c.activation} ${c.init}`));
    grid.forEach((cell, i) => {
      for (const metric of ["train_accuracy", "val_accuracy"] as const) {
        const band = bandOf(
          cell.runs.map((r) => r[metric]),
          s4BandOptions(cell),
        );
        const value = numpy[i]![metric];
        expect(value, `${cell.activation} ${cell.init} ${metric} in [${band.low}, ${band.high}]`).toBeGreaterThanOrEqual(band.low);
        expect(value).toBeLessThanOrEqual(band.high);
      }
    });
  });
});

describe("the one-unit shortcut for zero initialisations", () => {
  it("trains full width unless the weights are zero and f(0) = 0", () => {
    const full = [784, ...inputs.hidden, 10];
    for (const activation of S4_ACTIVATIONS) {
      const spec = activationOf(activation, inputs.leakySlope);
      expect(trainedSizes(inputs.hidden, spec, "uniform")).toEqual(full);
      expect(trainedSizes(inputs.hidden, spec, "normal")).toEqual(full);
      expect(trainedSizes(inputs.hidden, spec, "zero")).toEqual(activation === "sigmoid" ? full : [784, 1, 1, 1, 1, 10]);
    }
  });

  // 2 epochs of 3 batches of 128 (the last one smaller) on 320 digits: six steps that move the output bias a lot, in the JS gemm
  const { train, validation } = mnistSplit();
  const firstOf = (set: typeof train, rows: number) =>
    imageDataSet({ count: rows, images: set.images.subarray(0, rows * 784), labels: set.labels.subarray(0, rows) });
  const subset = firstOf(train, 320);
  const check = firstOf(validation, 500);
  function trainZero(activation: S4Activation, hidden: number[]): Network {
    const rng = new NumpyRandomState(7);
    const network = createNetwork({ sizes: [784, ...hidden, 10], hidden: activationOf(activation, 0.01), output: "softmax", weights: { kind: "zeros" } }, rng);
    trainNetwork(network, subset, undefined, { epochs: 2, batchSize: 128, learningRate: 0.05, loss: { kind: "cross_entropy" }, rng, evaluateTrain: false });
    return network;
  }

  it.each(["tanh", "relu", "leaky_relu"] as const)("gives %s the same bits as 256-128-64-32: every weight stays 0, the output bias the same", (activation) => {
    const wide = trainZero(activation, inputs.hidden);
    const narrow = trainZero(activation, [1, 1, 1, 1]);
    for (const layer of wide.layers) expect(layer.weights.data.every((w) => Object.is(w, 0))).toBe(true);
    for (const layer of wide.layers.slice(0, -1)) expect(layer.bias.every((b) => Object.is(b, 0))).toBe(true);
    expect(Array.from(narrow.layers.at(-1)!.bias)).toEqual(Array.from(wide.layers.at(-1)!.bias));
    expect(wide.layers.at(-1)!.bias.some((b) => b !== 0)).toBe(true);
    expect(Array.from(predictClasses(narrow, check.x))).toEqual(Array.from(predictClasses(wide, check.x)));
    expect(evaluate(narrow, check, { kind: "cross_entropy" })).toEqual(evaluate(wide, check, { kind: "cross_entropy" }));
  });

  it("would not hold for sigmoid: sigmoid(0) = 1/2 feeds the output layer, and its weights move", () => {
    const wide = trainZero("sigmoid", inputs.hidden);
    expect(wide.layers.at(-1)!.weights.data.some((w) => w !== 0)).toBe(true);
    expect(Array.from(trainZero("sigmoid", [1, 1, 1, 1]).layers.at(-1)!.bias)).not.toEqual(Array.from(wide.layers.at(-1)!.bias));
  });

  it("rebuilds relu zero-init seed 0 bit for bit as shipped", () => {
    const folder = join(work, "rebuilt");
    const rebuilt = new ReferenceCache("cse343-nn-from-scratch", { rebuild: true, shippedFolder: folder, userFolder: join(work, "user") });
    s4Run(rebuilt, inputs, "relu", "zero", 0);
    const entries = Object.entries(JSON.parse(readFileSync(join(folder, "cse343-nn-from-scratch.json"), "utf8")).entries);
    expect(entries).toHaveLength(1);
    const [hash, entry] = entries[0]!;
    expect(JSON.parse(readFileSync(SHIPPED, "utf8")).entries[hash]).toStrictEqual(entry);
  });
});

describe("s4 rubric and checks", () => {
  const items = rubric.tasks.find((t: { id: string }) => t.id === "s4").items as { answer: string; points: number; compare: Record<string, unknown> }[];
  const itemFor = (i: number, metric: string) =>
    items.find((item) => item.answer === `results[${i}].${metric}`) ?? items.find((item) => item.answer === `results[*].${metric}`)!;

  it("grades every cell with the band the checks use", () => {
    grid.forEach((cell, i) => {
      for (const metric of ["train_accuracy", "val_accuracy"]) {
        const { mode, ...options } = itemFor(i, metric).compare;
        expect(mode).toBe("band");
        expect(options, `${cell.activation} ${cell.init}`).toEqual(s4BandOptions(cell));
      }
    });
    expect(s4BandOptions(grid[4]!)).toEqual(S4_BAND);
  });

  it("is worth 20 points: 5 an activation, a zero cell half a random one", () => {
    const cellPoints = grid.map((_, i) => itemFor(i, "train_accuracy").points + itemFor(i, "val_accuracy").points);
    expect(cellPoints).toEqual(S4_ACTIVATIONS.flatMap(() => [1, 2, 2]));
    expect(cellPoints.reduce((a, b) => a + b, 0)).toBe(20);
  });

  it("has inputs that say the order and the recipes, a fresh copy each time", () => {
    const mine: S4Inputs = s4DefaultInputs();
    mine.seeds.push(9);
    mine.activations.pop();
    expect(s4DefaultInputs().seeds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s4DefaultInputs().activations).toEqual([...S4_ACTIVATIONS]);
    expect(s4DefaultInputs().order).toMatch(/activations outer, initialisations inner/);
    expect(s4DefaultInputs().initRecipes.uniform).toMatch(/np\.sqrt\(6 \/ \(fan_in \+ fan_out\)\)/);
  });
});
