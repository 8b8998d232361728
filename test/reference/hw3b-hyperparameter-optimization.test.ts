import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { acceptedDiagnoses, diagnoseCurves, hw3bFlags, readCell } from "../../reference/hw3b-checks.ts";
import reference, { ACCURACY_BAND, solveDefault, ZERO_INIT_BAND } from "../../reference/hw3b-hyperparameter-optimization.ts";
import { trainMlp } from "../../reference/hw3b-mlp.ts";
import { createNetwork, hw3bMoons, Matrix, NumpyRandomState, trainNetwork } from "../../src/engine/index.ts";
import { ReferenceCache } from "../../src/grade/cache.ts";
import { type Evaluation, NO_UPSTREAM, type Upstream } from "../../src/grade/reference.ts";
import { upstreamFrom } from "../../src/grade/upstream.ts";
import type { Value } from "../../src/value.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHIPPED = join(ROOT, "reference/cache/hw3b-hyperparameter-optimization.json");
const work = mkdtempSync(join(tmpdir(), "nngrade-hw3b-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const { train, validation } = hw3bMoons();
const data = { trainX: train.points, trainY: train.labels, valX: validation.points, valY: validation.labels, inputs: 2, classes: 2 };
const upstreamOf = (values: Record<string, Value>): Upstream => upstreamFrom((id) => values[id]);

describe("hw3b-mlp", () => {
  it.each([
    ["tanh", 2, 10, 0.1, 32, 0.5],
    ["relu", 3, 6, 0.05, 16, 1],
    ["sigmoid", 1, 4, 0.5, 100, 0.2],
  ] as const)("trains as the engine's createNetwork + trainNetwork on the same seed (%s, %i x %i)", (activation, layers, units, lr, batch, sigma2) => {
    const epochs = 3;
    const own = trainMlp({ lr, layers, units, activation, batch_size: batch, sigma2, epochs }, data, 7, { curves: true, snapshotEpochs: [0, 3] });
    const rng = new NumpyRandomState(7);
    const init = { kind: "normal", std: Math.sqrt(sigma2) } as const;
    const sizes = [2, ...Array.from({ length: layers }, () => units), 2];
    const network = createNetwork({ sizes, hidden: activation, output: "softmax", weights: init, bias: init }, rng);
    const sets = (x: Float64Array, y: Int32Array) => ({ x: new Matrix(y.length, 2, x), targets: y });
    const engine = trainNetwork(network, sets(data.trainX, data.trainY), sets(data.valX, data.valY), {
      epochs,
      batchSize: batch,
      learningRate: lr,
      loss: { kind: "cross_entropy" },
      rng,
      snapshotEpochs: [0, 3],
    });
    // the same float64 operations in another summation order: a few roundings apart
    own.trainLoss.forEach((v, i) => {
      expect(v).toBeCloseTo(engine.history.trainLoss[i]!, 12);
    });
    own.valLoss.forEach((v, i) => {
      expect(v).toBeCloseTo(engine.history.valLoss[i]!, 12);
    });
    expect(own.finalValAccuracy).toBe(engine.history.valAccuracy.at(-1));
    for (const [k, epoch] of [0, 3].entries()) {
      own.snapshots.get(epoch)!.forEach((layer, l) => {
        expect(layer.mean_abs).toBeCloseTo(engine.snapshots[k]!.layers[l]!.meanAbs, 12);
        expect(layer.saturated).toBe(engine.snapshots[k]!.layers[l]!.saturated);
      });
    }
  });
});

describe("hw3b-hyperparameter-optimization reference (from the shipped cache)", () => {
  it("t1: with every parameter 0 only the output bias moves; the loss stays at ln 2 and one class is predicted", () => {
    const { answers, alternatives } = solveDefault("t1");
    expect(answers.val_accuracy).toBe(0.5);
    expect(answers.hidden_identical).toBe(true);
    const loss = answers.train_loss as number[];
    expect(loss).toHaveLength(100);
    // balanced training set: -(ln p0 + ln p1)/2 >= ln 2, with equality at p0 = p1
    for (const v of loss) expect(v).toBeGreaterThanOrEqual(Math.LN2 - 1e-12);
    for (const v of loss) expect(v).toBeLessThan(Math.LN2 + 0.01);
    expect(Object.values(alternatives!.confusion!)).toContainEqual(answers.confusion);
    expect(alternatives!.confusion).toEqual({ "all-class-0": [[250, 0], [250, 0]], "all-class-1": [[0, 250], [0, 250]] });
  });

  it("t2: 100 seeds per cell at lr >= 1e-2, pooled, 30 at lr <= 1e-3, 10 in the sigma^2 = 0 column; the answer is their mean and the sigma^2 = 0 column is exactly at chance", () => {
    const { answers, bands } = solveDefault("t2");
    const heatmap = answers.val_accuracy as number[][];
    expect(heatmap.map((row) => row.length)).toEqual([11, 11, 11, 11, 11]);
    heatmap.forEach((row, r) => {
      row.forEach((value, c) => {
        const k = c === 0 ? 10 : r >= 2 ? 100 : 30;
        const band = bands![`val_accuracy[${r}][${c}]`]!;
        expect(band.samples).toHaveLength(k);
        expect(value).toBeCloseTo(band.samples.reduce((a, b) => a + b, 0) / k, 15);
        if (c === 0) {
          expect(band.samples).toEqual(Array(k).fill(0.5));
          expect(band.pool).toBeUndefined();
        } else {
          // the stalling rows pool their 30 trainable cells, lr 1e-3 and 1e-4 their own row's 10
          expect(band.pool?.runs).toHaveLength(r >= 2 ? 30 : 10);
          expect(band.pool?.runs).toContainEqual(band.samples);
        }
      });
    });
    // lr 0.1 with a random init trains to about 0.96 in every seed
    for (const value of heatmap[3]!.slice(1)) expect(value).toBeGreaterThan(0.9);
  });

  it("t3: the choice is held to the student's own heatmap when it can be read, else to the reference's plausible cells", () => {
    const own = Array.from({ length: 5 }, () => Array.from({ length: 11 }, () => 0.8));
    own[2]![4] = 0.97;
    own[0]![9] = 0.55;
    own[0]![0] = 0.5; // the untrainable column is left out of the worst
    own[1]![0] = 0.4;
    const cells: Record<string, Value> = {};
    own.forEach((row, r) => {
      row.forEach((v, c) => {
        cells[`t2.val_accuracy[${r}][${c}]`] = v;
      });
    });
    const evaluations = solveDefault("t3", upstreamOf(cells)).evaluations!;
    const best = evaluations.best!;
    const worst = evaluations.worst!;
    expect(best({ lr: 0.01, sigma2: 0.4 }).score).toBe(1);
    expect(best({ lr: 0.1, sigma2: 0.5 })).toEqual({ score: 0, message: "your own heatmap has its best cell at lr 0.01, sigma^2 0.4, not lr 0.1, sigma^2 0.5" });
    expect(worst({ lr: 1e-4, sigma2: 0.9 }).score).toBe(1);
    // "worst" read literally is the lowest cell of all, sigma^2 = 0 included (lr 1e-3 there at 0.4): accepted too
    expect(worst({ lr: 1e-3, sigma2: 0 })).toEqual({
      score: 1,
      message: "lr 0.001, sigma^2 0 is the literal worst cell (sigma^2 = 0 does not train); accepted, as is the worst cell with sigma^2 > 0",
    });
    // another sigma^2 = 0 cell is neither reading's worst
    expect(worst({ lr: 1e-4, sigma2: 0 })).toEqual({ score: 0, message: "lr 0.0001, sigma^2 0 is not the worst cell of your own heatmap, literally or among the cells with sigma^2 > 0" });
    expect(worst({ lr: 0.05, sigma2: 0.2 }).message).toBe("lr 0.05, sigma^2 0.2 is not a cell of the t2 heatmap");
    const plausible = solveDefault("t3").evaluations!;
    expect(plausible.best!({ lr: 0.1, sigma2: 0.6 }).score).toBe(1);
    // lr 1e-3 reaches at most about 0.9: not the best, whatever the seed
    expect(plausible.best!({ lr: 1e-3, sigma2: 0.1 }).score).toBe(0);
    expect(plausible.worst!({ lr: 0.1, sigma2: 0.6 }).score).toBe(0);
  });

  it("t3: snapshots are banded over the plausible cells, or over the student's own cell when it is carried forward", () => {
    const pooled = solveDefault("t3").bands!["snapshots.best.init[0].mean_abs"]!.samples;
    expect(pooled.length).toBeGreaterThan(3);
    const own = solveDefault("t3", upstreamOf({ "t3.best": { lr: 1e-4, sigma2: 0.1 } }));
    expect(own.bands!["snapshots.best.init[0].mean_abs"]!.samples).toHaveLength(30);
    expect(own.answers.snapshots).toHaveProperty("best.end.1.saturated");
  });

  it("t4: the reference's own search, with its worst trial read by the rule it grades with", () => {
    const { answers } = solveDefault("t4");
    const trials = answers.trials as { val_accuracy: number }[];
    expect(trials).toHaveLength(10);
    const scores = trials.map((t) => t.val_accuracy);
    expect(scores[answers.best_index as number]).toBe(Math.max(...scores));
    const worst = answers.worst_curves as { train_loss: number[]; val_loss: number[] };
    expect(answers.worst_diagnosis).toBe(diagnoseCurves({ train: worst.train_loss, val: worst.val_loss }));
  });

  it("t4: best_index and worst_diagnosis are judged against the student's own trials and curves", () => {
    const trials = Array.from({ length: 10 }, (_, i) => ({ lr: 0.1, layers: 2, units: 10, activation: "tanh", batch_size: 32, sigma2: 0.5, val_accuracy: 0.9 + i / 1000 }));
    const curves = { train_loss: [0.6, 0.5, 0.45, 0.44], val_loss: [0.6, 0.5, 0.46, 0.45] };
    const evaluations = solveDefault("t4", upstreamOf({ "t4.trials": trials, "t4.worst_curves": curves })).evaluations!;
    expect(evaluations.best_index!(9).score).toBe(1);
    expect(evaluations.best_index!(0)).toEqual({ score: 0, message: "your largest val_accuracy is trial 9, not 0" });
    expect(evaluations.worst_diagnosis!("Underfitting").score).toBe(1);
    expect(evaluations.worst_diagnosis!("overfitting")).toEqual({ score: 0, message: "your worst_curves read as underfitting, not overfitting" });
    expect(evaluations.worst_diagnosis!("a bit of both").score).toBe(0);
    expect(solveDefault("t4").evaluations!.worst_diagnosis!("good fit").message).toBe("no readable worst_curves to check the diagnosis against");
  });

  it("t4: the best trial's accuracy against the band of its configuration, retrained from the cache", () => {
    const judge = solveDefault("t4").evaluations!.trials! as (received: Value) => Evaluation;
    const { answers } = solveDefault("t4");
    const trials = structuredClone(answers.trials) as { val_accuracy: number; layers: number; units: number }[];
    expect(judge(trials).score).toBe(1);
    // lr 0.001 reaches about 0.82 in 100 epochs: 0.99 is no result of that configuration
    trials[7]!.val_accuracy = 0.99;
    expect(judge(trials)).toMatchObject({ score: 0.5, message: expect.stringMatching(/trial 7 .* reports 0\.99, outside the band of 3 reference seeds/) });
    expect(judge(trials.slice(0, 8)).message).toMatch(/^8 readable trials, at least 10 asked/);
    trials[7] = { ...trials[7]!, layers: 4, units: 64 };
    expect(judge(trials).message).toMatch(/: not retrained \(retraining it costs \d+(\.\d)? times the training the grader spends on one submission\)/);
    expect(judge("ten trials").score).toBe(0);
  });

  /** the reference's ten trials with the best one replaced by `best` */
  function searchWithBest(best: Record<string, unknown>, accuracy = 1): Value {
    const trials = structuredClone(solveDefault("t4").answers.trials) as Record<string, Value>[];
    for (const trial of trials) trial.val_accuracy = Math.min(trial.val_accuracy as number, accuracy - 0.01);
    trials[0] = { lr: 0.1, activation: "tanh", sigma2: 0.5, ...best, val_accuracy: accuracy } as Record<string, Value>;
    return trials;
  }

  it("t4: refuses to retrain 1997 layers of one unit at batch 1, and credits none of its claimed accuracy", () => {
    const judge = solveDefault("t4").evaluations!.trials!;
    const verdict = judge(searchWithBest({ layers: 1997, units: 1, batch_size: 1 }));
    // the form's half only: an accuracy nobody checked is no pass
    expect(verdict.score).toBe(0.5);
    expect(verdict.message).toMatch(/trial 0 \(lr 0\.1, 1997x1 tanh, batch 1, sigma\^2 0\.5\), reports 1: not retrained \(1997 hidden layers; the grader retrains at most 20\)/);
    expect(verdict.flag).toEqual({
      code: "unverified",
      message: "t4: trial 0 (lr 0.1, 1997x1 tanh, batch 1, sigma^2 0.5) claims val_accuracy 1, not checked: 1997 hidden layers; the grader retrains at most 20",
    });
  });

  it.each([
    ["too wide", { layers: 1, units: 4096, batch_size: 32 }, /4096 units per layer; the grader retrains at most 256/],
    ["over the budget", { layers: 3, units: 100, batch_size: 1 }, /retraining it costs \d+(\.\d)? times the training the grader spends on one submission/],
    ["deep and narrow at batch 1", { layers: 20, units: 12, batch_size: 1 }, /retraining it costs \d+(\.\d)? times/],
  ])("t4: a best trial %s claiming 1.0 is not retrained, earns only the form's half, and is flagged", (_, best, reason) => {
    const verdict = solveDefault("t4").evaluations!.trials!(searchWithBest(best));
    expect(verdict.score).toBe(0.5);
    expect(verdict.message).toMatch(reason);
    expect(verdict.flag?.code).toBe("unverified");
  });

  it("t4: retrains an ordinary best trial at check time and judges it against its band, unflagged", () => {
    const judge = solveDefault("t4").evaluations!.trials!;
    const ordinary = { lr: 0.1, layers: 1, units: 8, activation: "relu", batch_size: 64 };
    const inside = judge(searchWithBest(ordinary, 0.9));
    expect(inside).toEqual({ score: 1, message: expect.stringMatching(/1x8 relu, batch 64, sigma\^2 0\.5\), reports 0\.9, inside the band of 3 reference seeds \[/) });
    const outside = judge(searchWithBest(ordinary, 0.5));
    expect(outside).toEqual({ score: 0.5, message: expect.stringMatching(/reports 0\.5, outside the band of 3 reference seeds/) });
    // a batch larger than the training set is the whole set: the same run, and the same band
    const band = (verdict: Evaluation) => verdict.message.split("band of")[1];
    const whole = judge(searchWithBest({ ...ordinary, batch_size: 1000 }, 0.9));
    expect(band(judge(searchWithBest({ ...ordinary, batch_size: 4096 }, 0.9)))).toBe(band(whole));
  });

  it("t4: gives no credit, and flags, a claim that retrained seeds disagreeing wildly cannot check", () => {
    const judge = solveDefault("t4").evaluations!.trials!;
    // a step and an initialisation so large that each seed lands anywhere
    const diverging = { lr: 1e300, layers: 3, units: 25, activation: "sigmoid", batch_size: 32, sigma2: 1e300 };
    const verdict = judge(searchWithBest(diverging, 1));
    expect(verdict.score).toBe(0.5);
    expect(verdict.message).toMatch(/too wide to check any accuracy, so it earns nothing/);
    expect(verdict.flag?.code).toBe("unverified");
  });

  it("rebuilds t1's zero-initialisation run bit for bit as shipped", () => {
    const folder = join(work, "rebuilt");
    const rebuilt = new ReferenceCache(reference.id, { rebuild: true, shippedFolder: folder, userFolder: join(work, "user") });
    solveDefault("t1", NO_UPSTREAM, rebuilt);
    const entries = Object.entries(JSON.parse(readFileSync(join(folder, `${reference.id}.json`), "utf8")).entries);
    expect(entries).toHaveLength(1);
    const [hash, entry] = entries[0]!;
    expect(JSON.parse(readFileSync(SHIPPED, "utf8")).entries[hash]).toStrictEqual(entry);
  });

  it("grades t2 with the bands the reference judges plausibility by", () => {
    const rubric = JSON.parse(readFileSync(join(ROOT, "rubrics/hw3b-hyperparameter-optimization.json"), "utf8"));
    const items = rubric.tasks.find((t: { id: string }) => t.id === "t2").items;
    const byAnswer = (answer: string) => items.find((i: { answer: string }) => i.answer === answer).compare;
    expect(byAnswer("val_accuracy[*][*]")).toEqual({ mode: "band", ...ACCURACY_BAND });
    expect(byAnswer("val_accuracy[*][0]")).toEqual({ mode: "band", ...ZERO_INIT_BAND });
  });
});

describe("hw3b checks", () => {
  const ramp = (from: number, to: number, n = 30) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

  it.each([
    ["overfitting", ramp(0.5, 0.02), [...ramp(0.5, 0.2, 15), ...ramp(0.2, 0.4, 15)]],
    ["underfitting", ramp(0.69, 0.45), ramp(0.69, 0.46)],
    ["good fit", ramp(0.5, 0.08), ramp(0.5, 0.09)],
  ] as const)("reads %s from the curves", (label, trainLoss, valLoss) => {
    expect(diagnoseCurves({ train: [...trainLoss], val: [...valLoss] })).toBe(label);
    expect(acceptedDiagnoses({ train: [...trainLoss], val: [...valLoss] })).toEqual(new Set([label]));
  });

  it("accepts both readings of a training loss at the underfitting threshold", () => {
    expect(acceptedDiagnoses({ train: ramp(0.5, 0.2), val: ramp(0.5, 0.2) })).toEqual(new Set(["underfitting", "good fit"]));
  });

  it("reads heatmap cells by value, and refuses what is no cell", () => {
    expect(readCell({ lr: 0.1, sigma2: 0.30000000000000004 })).toEqual({ row: 3, col: 3 });
    expect(readCell({ lr: "0.1", sigma2: 0.3 })).toBeUndefined();
    expect(readCell({ lr: 0.05, sigma2: 0.3 })).toBe("off-grid");
  });

  it("reads hostile answers without throwing", () => {
    for (const answers of [{}, { t2: { val_accuracy: "x" } }, { t4: { trials: [null, 1, "a"], best_index: 0 } }, { t3: { best: [] } }]) {
      expect(hw3bFlags(answers as Record<string, unknown>)).toEqual([]);
    }
  });
});
