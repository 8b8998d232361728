import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { CAPACITY_BAND, capacityFlags, capacityRun } from "../../reference/hlcv-capacity.ts";
import reference, { hlcvDefaultInputs, solveDefault } from "../../reference/hlcv-two-layer-net.ts";
import { disposeFastBackend, initFastBackend } from "../../src/engine/kernels/fastest.ts";
import { ReferenceCache } from "../../src/grade/cache.ts";
import type { Upstream } from "../../src/grade/reference.ts";
import { upstreamFrom } from "../../src/grade/upstream.ts";
import type { Value } from "../../src/value.ts";
import { expectClose } from "../golden/expect-close.ts";

// numpy's answers, written by fixtures/make_hlcv_fixtures.py independently of the engine
const FIXTURES = new URL("../../fixtures/submissions/hlcv-two-layer-net/", import.meta.url);
const answersOf = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")).answers;
const numpy = answersOf("correct-numpy.json");
// what seed 003 printed, and numpy's gradient check, by test/golden/make_nn_golden.py
const golden = JSON.parse(readFileSync(new URL("../golden/nn-cs231n.json", import.meta.url), "utf8"));

/** the same float64 computations in another order: a few roundings apart */
const SAME_MATH = { rtol: 1e-12, atol: 1e-15 };

function upstreamOf(values: Record<string, Value>): Upstream {
  return upstreamFrom((id) => values[id]);
}

describe("hlcv-two-layer-net reference", () => {
  it("has tasks e1..e4 and the handout's inputs, a fresh copy each time", () => {
    expect(reference.id).toBe("hlcv-two-layer-net");
    expect(reference.tasks.map((t) => t.id)).toEqual(["e1", "e2", "e3", "e4"]);
    const inputs = hlcvDefaultInputs();
    inputs.e1.toy.labels.push(0);
    expect(hlcvDefaultInputs().e1.toy.labels).toEqual([0, 1, 2, 2, 1]);
    expect(Object.keys(reference.defaultInputs())).toEqual(["e1", "e2", "e3", "e4"]);
  });

  it("e1: the seed's printed correct scores to 1e-8, numpy's scores and loss to 1e-12", () => {
    const { scores, loss } = solveDefault("e1").answers;
    expectClose(scores, golden.seed_printed.correct_scores, { rtol: 0, atol: 1e-8 });
    expectClose(scores, numpy.e1.scores, SAME_MATH);
    expectClose(loss, numpy.e1.loss, SAME_MATH);
  });

  it("e2: numpy's gradients, and a gradient check as small as numpy's", () => {
    const solution = solveDefault("e2");
    const { rel_error, ...grads } = solution.answers;
    const { rel_error: numpyRelError, ...numpyGrads } = numpy.e2;
    expectClose(grads, numpyGrads, SAME_MATH);
    // the same check with the same h: the same size of error, never a failing one
    for (const [name, value] of Object.entries(rel_error as Record<string, number>)) {
      expect(value, name).toBeLessThan(1e-7);
      expect(value / numpyRelError[name], name).toBeGreaterThan(0.5);
      expect(value / numpyRelError[name], name).toBeLessThan(2);
    }
    expect(solution.factors).toEqual({ N: 5 });
  });

  it("e3: numpy's 100 losses, and the seed's final training loss 0.01714960793873205 to 1e-12", () => {
    const { loss_history, final_loss } = solveDefault("e3").answers;
    expectClose(loss_history, numpy.e3.loss_history, { rtol: 1e-12 });
    expect(loss_history).toHaveLength(100);
    expect(final_loss).toBe((loss_history as number[])[99]);
    expectClose(final_loss, golden.seed_printed.final_training_loss, { rtol: 1e-12 });
  });
});

describe("e4: capacity on MNIST", () => {
  const ROOT = fileURLToPath(new URL("../../", import.meta.url));
  const SHIPPED = join(ROOT, "reference/cache/hlcv-two-layer-net.json");
  // the same sweeps in numpy on the first reference seed, by fixtures/make_hlcv_fixtures.py
  const numpySeed0 = JSON.parse(readFileSync(new URL("../golden/hlcv-e4.json", import.meta.url), "utf8"));
  const work = mkdtempSync(join(tmpdir(), "nngrade-hlcv-e4-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("states the handout's choices: He initialisation, momentum 0.9, lr 0.01, batch 200, 10 epochs, 10 seeds", () => {
    const { e4 } = hlcvDefaultInputs();
    expect(e4).toMatchObject({ hiddenSizes: [10, 50, 100], depths: [2, 3, 4, 5], depthUnits: 50, weights: { kind: "he_normal" } });
    expect(e4).toMatchObject({ optimizer: { kind: "momentum", mu: 0.9 }, learningRate: 0.01, batchSize: 200, epochs: 10, reg: 0 });
    expect(e4.weightsRecipe).toMatch(/sqrt\(2 \/ fan_in\)/);
    // as many seeds as the rubric's task names: the handout prints the seeds the bands are built from
    const rubric = JSON.parse(readFileSync(join(ROOT, "rubrics/hlcv-two-layer-net.json"), "utf8"));
    expect(e4.seeds).toEqual(rubric.tasks.find((t: { id: string }) => t.id === "e4").seeds);
  });

  it("answers the mean of each band, read from the shipped cache, with classes for the chance diagnosis", () => {
    const solution = solveDefault("e4");
    const { hidden_sweep, depth_sweep } = solution.answers as { hidden_sweep: number[]; depth_sweep: number[] };
    expect(hidden_sweep).toHaveLength(3);
    expect(depth_sweep).toHaveLength(4);
    const means = [...hidden_sweep, ...depth_sweep];
    const paths = [0, 1, 2].map((i) => `hidden_sweep[${i}]`).concat([0, 1, 2, 3].map((i) => `depth_sweep[${i}]`));
    paths.forEach((path, i) => {
      const samples = solution.bands![path]!.samples;
      expect(samples, path).toHaveLength(hlcvDefaultInputs().e4.seeds.length);
      expect(means[i], path).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / samples.length, 12);
    });
    expect(solution.factors).toEqual({ classes: 10 });
  });

  it("offers the other reading of depth (counted with the output layer) from runs it has: 1 hidden layer of 50 is the width sweep's", () => {
    const solution = solveDefault("e4");
    const reading = solution.readings?.[0];
    expect(reading?.note).toBe("the depths counted with the output layer (1, 2, 3, 4 hidden layers)");
    expect(reading?.bands["depth_sweep[0]"]).toEqual(solution.bands?.["hidden_sweep[1]"]);
    for (const i of [1, 2, 3]) expect(reading?.bands[`depth_sweep[${i}]`]).toEqual(solution.bands?.[`depth_sweep[${i - 1}]`]);
  });

  it("trains as numpy does: seed 0's seven accuracies within one or two of the 2,000 validation digits", () => {
    const solution = solveDefault("e4");
    const seed0 = (path: string) => solution.bands![path]!.samples[0]!;
    for (const name of ["hidden_sweep", "depth_sweep"]) {
      (numpySeed0[name] as number[]).forEach((value, i) => {
        expect(Math.abs(seed0(`${name}[${i}]`) - value), `${name}[${i}]`).toBeLessThanOrEqual(1.5e-3);
      });
    }
    // every net learns: far above the majority digit's 11.25%
    expect(Math.min(...numpySeed0.depth_sweep)).toBeGreaterThan(0.85);
  });

  it("grades with the band the rubric has", () => {
    const rubric = JSON.parse(readFileSync(join(ROOT, "rubrics/hlcv-two-layer-net.json"), "utf8"));
    const items = rubric.tasks.find((t: { id: string }) => t.id === "e4").items;
    expect(items.map((i: { answer: string }) => i.answer)).toEqual(["hidden_sweep[*]", "depth_sweep[*]"]);
    for (const i of items) expect(i.compare).toEqual({ mode: "band", ...CAPACITY_BAND });
  });

  it("rebuilds the 10-unit net's seed-0 run bit for bit as shipped", { timeout: 600_000 }, async () => {
    // one thread: vitest runs other test files on the second core
    await initFastBackend({ threads: 1 });
    try {
      const folder = join(work, "rebuilt");
      const rebuilt = new ReferenceCache(reference.id, { rebuild: true, shippedFolder: folder, userFolder: join(work, "user") });
      capacityRun(rebuilt, hlcvDefaultInputs().e4, [10], 0);
      const entries = Object.entries(JSON.parse(readFileSync(join(folder, `${reference.id}.json`), "utf8")).entries);
      expect(entries).toHaveLength(1);
      const [hash, entry] = entries[0]!;
      expect(JSON.parse(readFileSync(SHIPPED, "utf8")).entries[hash]).toStrictEqual(entry);
    } finally {
      await disposeFastBackend();
    }
  });

  it("flags accuracies at or below chance, as fractions or percentages, and reads anything else as nothing", () => {
    expect(capacityFlags({ e4: { hidden_sweep: [0.89, 0.91, 0.91], depth_sweep: [0.92, 0.93, 0.078, 0.078] } })).toEqual([
      { code: "below-chance", message: expect.stringMatching(/^e4: depth_sweep\[2\] = 0\.078, depth_sweep\[3\] = 0\.078 at or below chance/) },
    ]);
    expect(capacityFlags({ e4: { hidden_sweep: [89, 91, 11.25], depth_sweep: "none" } })[0]?.message).toMatch(/hidden_sweep\[2\] = 11\.25/);
    // 0.13 is above any one digit's share of the validation set: a weak model, not a broken one
    expect(capacityFlags({ e4: { hidden_sweep: [0.13, 0.5], depth_sweep: [null, "0.05", -1, 101] } })).toEqual([]);
    for (const answers of [{}, { e4: null }, { e4: [0.05] }, { e4: { depth_sweep: { 0: 0.05 } } }]) expect(capacityFlags(answers)).toEqual([]);
  });
});

describe("error carried forward", () => {
  it("e1: the loss of the student's own scores, as probabilities or read as logits", () => {
    const noRelu = answersOf("mistake-no-relu.json").e1;
    const fromProbabilities = solveDefault("e1", upstreamOf({ "e1.scores": noRelu.scores })).answers.loss;
    expectClose(fromProbabilities, noRelu.loss, SAME_MATH);
    const logits = (noRelu.scores as number[][]).map((row) => row.map(Math.log));
    const fromLogits = solveDefault("e1", upstreamOf({ "e1.scores": logits })).answers.loss;
    expectClose(fromLogits, noRelu.loss, SAME_MATH);
  });

  it("e2 and e3 in the 0.5 reg convention when the student's e1 loss is in it", () => {
    const half = answersOf("mistake-half-reg.json");
    const upstream = upstreamOf({ "e1.loss": half.e1.loss });
    const e2 = solveDefault("e2", upstream).answers;
    expectClose(e2.grad_W1, half.e2.grad_W1, SAME_MATH);
    expectClose(e2.grad_W2, half.e2.grad_W2, SAME_MATH);
    // the biases and the check do not depend on the convention the student used
    expect(e2.grad_b1).toEqual(solveDefault("e2").answers.grad_b1);
    expect(e2.rel_error).toEqual(solveDefault("e2").answers.rel_error);
    expectClose(solveDefault("e3", upstream).answers, half.e3, { rtol: 1e-12 });
  });

  it("e2 without the penalty's gradient when the student's e1 loss has no penalty", () => {
    const half = answersOf("mistake-half-reg.json");
    // numpy's losses with the penalty P and with P/2 give the cross-entropy alone: L - 2 (L - L_half)
    const crossEntropy = numpy.e1.loss - 2 * (numpy.e1.loss - half.e1.loss);
    const noReg = solveDefault("e2", upstreamOf({ "e1.loss": crossEntropy })).answers;
    // likewise dW without its 2 reg W: 2 dW_half - dW
    const twice = (a: number[][], b: number[][]) => a.map((row, i) => row.map((v, j) => 2 * v - b[i]![j]!));
    expectClose(noReg.grad_W1, twice(half.e2.grad_W1, numpy.e2.grad_W1), SAME_MATH);
    expectClose(noReg.grad_W2, twice(half.e2.grad_W2, numpy.e2.grad_W2), SAME_MATH);
  });

  it("keeps its own answers for a loss that fits no convention, or is not a number", () => {
    const own = solveDefault("e2").answers;
    for (const loss of [1.4, "1.3", null, Number.NaN]) {
      expect(solveDefault("e2", upstreamOf({ "e1.loss": loss as Value })).answers).toEqual(own);
    }
    expect(solveDefault("e1", upstreamOf({ "e1.scores": [[1, 2]] })).answers).toEqual(solveDefault("e1").answers);
  });
});

describe("nngrade reference hlcv-two-layer-net", () => {
  const work = mkdtempSync(join(tmpdir(), "nngrade-hlcv-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (args: string[]) => runCli(args);

  it("prints answers that `nngrade check` gives full marks", async () => {
    const printed = await run(["reference", "hlcv-two-layer-net", "--json"]);
    expect(printed.code).toBe(0);
    const file = join(work, "reference.json");
    writeFileSync(file, printed.stdout);
    const { code, stdout } = await run(["check", file, "--all", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.assignment).toBe("hlcv-two-layer-net");
    expect(result.max_score).toBe(40);
    expect(result.score).toBe(40);
  });

  it("prints e4's initialisation in the handout", async () => {
    const { code, stdout } = await run(["handout", "hlcv-two-layer-net"]);
    expect(code).toBe(0);
    const e4 = stdout.slice(stdout.indexOf("e4  "));
    expect(e4).toMatch(/weights: \{\s+kind: "he_normal"/);
    expect(e4).toMatch(/weightsRecipe: "W = np\.random\.randn\(fan_in, fan_out\) \* np\.sqrt\(2 \/ fan_in\), b = 0 \(He\)/);
  });
});
