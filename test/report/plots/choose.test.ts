import { bandOf, type BandOptions, type BandSamples } from "../../../src/compare/band.ts";
import { ACCURACY_BAND, ZERO_INIT_BAND } from "../../../reference/hw3b-hyperparameter-optimization.ts";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { item } from "../../helpers/results.ts";
import { type Assignment, loadAssignment } from "../../../src/grade/assignment.ts";
import { gradeSubmission } from "../../../src/grading.ts";
import type { PlannedItem } from "../../../src/grade/plan.ts";
import { itemPlotSvg } from "../../../src/report/plots.ts";
import type { GradeResult, ItemPlot } from "../../../src/result/types.ts";
import { parseSubmission } from "../../../src/rubric/submission.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURE = `${ROOT}fixtures/submissions/hw3b-hyperparameter-optimization/correct-numpy.json`;

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment("hw3b-hyperparameter-optimization");
});

// biome-ignore lint/suspicious/noExplicitAny: the fixture is free-form JSON that tests edit in place
function answers(): Record<string, any> {
  const submission = parseSubmission(readFileSync(FIXTURE, "utf8"), FIXTURE);
  return JSON.parse(JSON.stringify(submission.answers));
}

function grade(given: Record<string, unknown>, graded: Assignment = assignment, scope: "all" | "visible" = "all"): GradeResult {
  return gradeSubmission(graded, { student: { id: "s" }, answers: given }, { scope });
}

function plotOf<K extends ItemPlot["kind"]>(result: GradeResult, id: string, kind: K): Extract<ItemPlot, { kind: K }> {
  const plot = item(result, id).plot;
  if (plot?.kind !== kind) throw new Error(`${id}: expected a ${kind} plot, got ${plot?.kind}`);
  return plot as Extract<ItemPlot, { kind: K }>;
}

const withPlots = (result: GradeResult) => result.tasks.flatMap((t) => t.items).filter((i) => i.plot !== undefined);

/** the assignment with these items hidden, the plan's two lists kept pointing at the same items */
function hiding(ids: string[]): Assignment {
  const copies = new Map<PlannedItem, PlannedItem>();
  const copy = (planned: PlannedItem) => {
    if (!copies.has(planned)) copies.set(planned, ids.includes(planned.id) ? { ...planned, visibility: "hidden" } : planned);
    return copies.get(planned) as PlannedItem;
  };
  const plan = {
    tasks: assignment.plan.tasks.map((task) => ({ ...task, items: task.items.map(copy) })),
    gradingOrder: assignment.plan.gradingOrder.map(copy),
  };
  return { ...assignment, plan };
}

/** mean -+ max(3 sample standard deviations, floor), written out here rather than taken from band.ts */
/** the band as compare/band.ts makes it (tested against scipy there), with the given item's options */
function bandWith(samples: BandSamples | number[], options: BandOptions): [number, number] {
  const { low, high } = bandOf(samples, options);
  return [low, high];
}

describe("plots on a graded hw3b submission", () => {
  it("gives the visible matrix, confusion and trials items their plots, and no other item one but the curve", () => {
    const result = grade(answers());
    expect(withPlots(result).map((i) => `${i.id} ${i.plot?.kind}`)).toEqual([
      "t1.train_loss curve",
      "t1.confusion confusion",
      "t2.val_accuracy[0][0] heatmap",
      "t4.trials parallel",
    ]);
    for (const graded of withPlots(result)) expect(itemPlotSvg(graded)).toMatch(/^<svg [\s\S]*<\/svg>$/);
  });

  it("draws the student's t2 matrix with lr and sigma^2 labels and the reference bands", () => {
    const given = answers();
    const heatmap = plotOf(grade(given), "t2.val_accuracy[0][0]", "heatmap");
    expect(heatmap.label).toBe("t2.val_accuracy");
    expect(heatmap.values).toEqual(given.t2.val_accuracy);
    expect(heatmap.rows).toEqual({ title: "lr", labels: ["0.0001", "0.001", "0.01", "0.1", "1"] });
    expect(heatmap.columns?.labels).toEqual(["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"]);
    expect(heatmap.outside.flat()).toEqual(Array(55).fill(false));
    // the lr = 1e-4 row is graded by range, not by band: no band there but in the sigma^2 = 0 column;
    // each band is built with its own item's options (ZERO_INIT_BAND in that column, ACCURACY_BAND elsewhere)
    const band = heatmap.band as NonNullable<typeof heatmap.band>;
    expect(band.low[0]?.slice(1)).toEqual(Array(10).fill(null));
    const samplesAt = (cell: string) => assignment.solutions.get("t2")?.bands?.[`val_accuracy${cell}`] as BandSamples;
    const [low, high] = bandWith(samplesAt("[2][5]"), ACCURACY_BAND);
    expect(band.low[2]?.[5]).toBeCloseTo(low, 12);
    expect(band.high[2]?.[5]).toBeCloseTo(high, 12);
    const [zeroLow, zeroHigh] = bandWith(samplesAt("[0][0]"), ZERO_INIT_BAND);
    expect(band.low[0]?.[0]).toBeCloseTo(zeroLow, 12);
    expect(band.high[0]?.[0]).toBeCloseTo(zeroHigh, 12);
    for (let r = 1; r < 5; r++) {
      for (let c = 0; c < 11; c++) {
        const value = given.t2.val_accuracy[r][c] as number;
        expect(value).toBeGreaterThanOrEqual(band.low[r]?.[c] as number);
        expect(value).toBeLessThanOrEqual(band.high[r]?.[c] as number);
      }
    }
  });

  it("marks the cells outside their band, and shows an unreadable cell as missing", () => {
    const given = answers();
    given.t2.val_accuracy[2][3] = 0.1;
    given.t2.val_accuracy[4][7] = "NaN";
    const heatmap = plotOf(grade(given), "t2.val_accuracy[0][0]", "heatmap");
    const marked = heatmap.outside.flatMap((row, r) => row.flatMap((off, c) => (off ? [`${r},${c}`] : [])));
    expect(marked).toEqual(["2,3", "4,7"]);
    expect(heatmap.values[2]?.[3]).toBe(0.1);
    expect(heatmap.values[4]?.[7]).toBeNull();
    expect(0.1).toBeLessThan(heatmap.band?.low[2]?.[3] as number);
  });

  it("draws the student's confusion counts and trials, the best trial being the largest accuracy", () => {
    const given = answers();
    const result = grade(given);
    expect(plotOf(result, "t1.confusion", "confusion").counts).toEqual(given.t1.confusion);
    const parallel = plotOf(result, "t4.trials", "parallel");
    const trials = given.t4.trials as Record<string, number | string>[];
    expect(parallel.count).toBe(trials.length);
    expect(parallel.axes.map((a) => a.name)).toEqual(Object.keys(trials[0] as object));
    expect(Object.fromEntries(parallel.axes.map((a) => [a.name, a.scale]))).toMatchObject({ lr: "log", activation: "categorical", val_accuracy: "linear" });
    expect(parallel.axes.find((a) => a.name === "activation")?.values).toEqual(trials.map((t) => t.activation));
    const accuracies = trials.map((t) => t.val_accuracy as number);
    expect(parallel.best).toBe(accuracies.indexOf(Math.max(...accuracies)));
  });

  it("highlights the largest accuracy wherever it is", () => {
    const given = answers();
    given.t4.trials[6].val_accuracy = 0.999;
    expect(plotOf(grade(given), "t4.trials", "parallel").best).toBe(6);
  });

  it("gives hidden items no plot", () => {
    const hidden = hiding(["t1.train_loss", "t1.confusion", "t2.val_accuracy[0][0]", "t4.trials"]);
    const result = grade(answers(), hidden);
    expect(withPlots(result)).toEqual([]);
    // the heatmap does not move to another cell when its first is hidden
    expect(item(result, "t2.val_accuracy[0][1]").plot).toBeUndefined();
    expect(item(result, "t1.confusion").visibility).toBe("hidden");
  });

  it("leaves the band and the verdict of a hidden cell out of a visible heatmap", () => {
    const given = answers();
    given.t2.val_accuracy[2][3] = 0.1;
    const heatmap = plotOf(grade(given, hiding(["t2.val_accuracy[2][3]"])), "t2.val_accuracy[0][0]", "heatmap");
    expect(heatmap.values[2]?.[3]).toBe(0.1);
    expect(heatmap.outside[2]?.[3]).toBe(false);
    expect(heatmap.band?.low[2]?.[3]).toBeNull();
    expect(heatmap.band?.high[2]?.[3]).toBeNull();
    expect(heatmap.band?.low[2]?.[4]).not.toBeNull();
  });

  it("draws nothing for a student's self-check of hidden items, which are not graded", () => {
    const result = grade(answers(), hiding(["t1.confusion"]), "visible");
    expect(() => item(result, "t1.confusion")).toThrow();
    expect(withPlots(result).map((i) => i.id)).toEqual(["t1.train_loss", "t2.val_accuracy[0][0]", "t4.trials"]);
  });

  it("draws no confusion matrix or trials from answers of the wrong shape", () => {
    const given = answers();
    given.t1.confusion = [[1, 2], [3]];
    given.t4.trials = "ten trials";
    const result = grade(given);
    expect(item(result, "t1.confusion").plot).toBeUndefined();
    expect(item(result, "t4.trials").plot).toBeUndefined();
  });

  it("puts the reference's per-point bands under a curve", () => {
    const t1 = assignment.solutions.get("t1");
    if (t1 === undefined) throw new Error("no t1");
    const curve = t1.answers.train_loss as number[];
    const bands: Record<string, { samples: number[] }> = {};
    // bands at every other point only: the others have none
    curve.forEach((v, i) => {
      if (i % 2 === 0) bands[`train_loss[${i}]`] = { samples: [v - 0.01, v, v + 0.02] };
    });
    const solutions = new Map(assignment.solutions);
    solutions.set("t1", { ...t1, bands: { ...t1.bands, ...bands } });
    const plot = plotOf(grade(answers(), { ...assignment, solutions }), "t1.train_loss", "curve");
    const band = plot.band as NonNullable<typeof plot.band>;
    expect(band.low).toHaveLength(curve.length);
    // no band item grades t1.train_loss: the comparator's defaults
    const [low, high] = bandWith([(curve[4] as number) - 0.01, curve[4] as number, (curve[4] as number) + 0.02], {});
    expect(band.low[4]).toBeCloseTo(low, 12);
    expect(band.high[4]).toBeCloseTo(high, 12);
    expect(band.low[5]).toBeNull();
    expect(band.low.filter((v) => v !== null)).toHaveLength(Math.ceil(curve.length / 2));
    // without bands, no band
    expect(plotOf(grade(answers()), "t1.train_loss", "curve").band).toBeUndefined();
  });
});
