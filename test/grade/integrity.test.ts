/**
 * Results that cannot be honest (src/grade/integrity.ts and the judges that
 * use its helpers), each made from the reference's own answers (what
 * `nngrade reference <id> --json` prints) with one fabrication applied.
 * Thresholds are read from the assignments' bands, not written here: the
 * bands are rebuilt from more seeds from time to time.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { bandOf, type BandOptions } from "../../src/compare/band.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { PlannedItem } from "../../src/grade/plan.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { item } from "../helpers/results.ts";

const IDS = ["hw4-hyperparameters", "hw3b-hyperparameter-optimization", "cse343-nn-from-scratch", "hlcv-two-layer-net", "acml-autoencoder"] as const;
type Id = (typeof IDS)[number];
const assignments = new Map<Id, Assignment>();

beforeAll(async () => {
  for (const id of IDS) assignments.set(id, await loadAssignment(id));
}, 600_000);

const assignment = (id: Id) => assignments.get(id) as Assignment;

/** the reference's answers as a submission, a fresh copy each time */
// biome-ignore lint/suspicious/noExplicitAny: a submission is free-form JSON that each test edits in place
function referenceAnswers(id: Id): Record<string, any> {
  const answers: Record<string, unknown> = {};
  for (const [taskId, solution] of assignment(id).solutions) answers[taskId] = structuredClone(solution.answers);
  return answers;
}

function grade(id: Id, answers: Record<string, unknown>): GradeResult {
  return gradeSubmission(assignment(id), { student: { id: "t" }, answers });
}

const flagsOf = (result: GradeResult, code: string) => result.flags.filter((flag) => flag.code === code).map((flag) => flag.message);

function planned(id: Id, itemId: string): PlannedItem {
  const found = assignment(id).plan.tasks.flatMap((t) => t.items).find((i) => i.id === itemId);
  if (found === undefined) throw new Error(`no item ${itemId}`);
  return found;
}

/** the band an item is graded against, and its seeds */
function bandFor(id: Id, itemId: string) {
  const it = planned(id, itemId);
  const samples = assignment(id).solutions.get(it.taskId)!.bands![it.path]!.samples;
  return { ...bandOf(samples, it.options as unknown as BandOptions), samples };
}

describe("honest answers", () => {
  it.each(IDS)("the reference's own answers for %s raise no integrity flag", (id) => {
    const result = grade(id, referenceAnswers(id));
    const codes = result.flags.map((flag) => flag.code);
    for (const code of ["beyond-reference", "identical-values", "inconsistent-divergence"]) expect(codes, id).not.toContain(code);
  });
});

describe("a trained result above what its configuration reaches", () => {
  it("fails a heatmap cell above every seed and its band, and flags it in neutral words (hw3b t2)", () => {
    // the trainable cell whose band ends lowest: room above it for a made-up accuracy
    const cells = assignment("hw3b-hyperparameter-optimization").plan.tasks.find((t) => t.id === "t2")!.items.filter((i) => i.mode === "band" && !i.path.endsWith("[0]"));
    const lowest = cells.map((i) => ({ id: i.id, band: bandFor("hw3b-hyperparameter-optimization", i.id) })).sort((a, b) => a.band.high - b.band.high)[0]!;
    expect(lowest.band.high).toBeLessThan(1);
    const fabricated = Number(((lowest.band.high + 1) / 2).toFixed(4));
    const answers = referenceAnswers("hw3b-hyperparameter-optimization");
    const [, row, col] = /\[(\d+)\]\[(\d+)\]/.exec(lowest.id)!.map(Number);
    answers.t2.val_accuracy[row!][col!] = fabricated;
    const result = grade("hw3b-hyperparameter-optimization", answers);
    expect(item(result, lowest.id).status).toBe("fail");
    expect(flagsOf(result, "beyond-reference")).toEqual([
      expect.stringMatching(
        new RegExp(`^${lowest.id.replace(/[[\].]/g, "\\$&")}: ${fabricated} is above what this configuration reaches in ${lowest.band.samples.length} seeded runs \\(at most `),
      ),
    ]);
  });

  it("takes the accuracy half of t4 from a best trial above its retrained configuration, and flags it (hw3b t4)", () => {
    // the band the judge retrains trial 0 (the base model) into, as its own message prints it
    const honest = referenceAnswers("hw3b-hyperparameter-optimization");
    honest.t4.trials[0].val_accuracy = Math.max(...honest.t4.trials.map((t: { val_accuracy: number }) => t.val_accuracy));
    honest.t4.best_index = 0;
    const judged = item(grade("hw3b-hyperparameter-optimization", honest), "t4.trials").message;
    const [, seeds, high] = /the band of (\d+) reference seeds \[[\d.]+, ([\d.]+)\]/.exec(judged)!;
    const answers = referenceAnswers("hw3b-hyperparameter-optimization");
    const claimed = Number(high) < 1 ? Number(((Number(high) + 1) / 2).toFixed(4)) : 1;
    answers.t4.trials[0].val_accuracy = claimed;
    answers.t4.best_index = 0;
    const result = grade("hw3b-hyperparameter-optimization", answers);
    if (Number(high) >= 1) {
      // a band that reaches 1 holds every accuracy: nothing is past it, and nothing is flagged
      expect(item(result, "t4.trials").status).toBe("pass");
      expect(flagsOf(result, "beyond-reference")).toEqual([]);
      return;
    }
    expect(item(result, "t4.trials")).toMatchObject({ status: "partial" });
    expect(flagsOf(result, "beyond-reference")).toEqual([
      expect.stringMatching(new RegExp(`^t4\\.trials\\[0\\] \\(lr 0\\.1, 2x10 tanh, batch 32, sigma\\^2 0\\.5\\): ${claimed} is above what this configuration reaches in ${seeds} seeded runs`)),
    ]);
  });

  it("fails and flags a q9 validation accuracy above every seed (hw4 q9)", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    answers.q9.val_accuracy = 0.995;
    const result = grade("hw4-hyperparameters", answers);
    expect(item(result, "q9.val_accuracy").status).toBe("fail");
    expect(flagsOf(result, "beyond-reference")).toEqual([expect.stringMatching(/^q9\.val_accuracy: 0\.995 is above what this configuration reaches in \d+ seeded runs/)]);
  });

  it("fails and flags an s4 cell above its band (cse343 s4), and an e4 accuracy (hlcv e4)", () => {
    const cse = referenceAnswers("cse343-nn-from-scratch");
    cse.s4.results[4].val_accuracy = 0.995;
    const s4 = grade("cse343-nn-from-scratch", cse);
    expect(item(s4, "s4.results[4].val_accuracy").status).toBe("fail");
    expect(flagsOf(s4, "beyond-reference")).toEqual([expect.stringMatching(/^s4\.results\[4\]\.val_accuracy: 0\.995 is above what this configuration reaches/)]);
    const hlcv = referenceAnswers("hlcv-two-layer-net");
    hlcv.e4.depth_sweep[1] = 0.999;
    const e4 = grade("hlcv-two-layer-net", hlcv);
    expect(item(e4, "e4.depth_sweep[1]").status).toBe("fail");
    expect(flagsOf(e4, "beyond-reference")).toEqual([expect.stringMatching(/^e4\.depth_sweep\[1\]: 0\.999 is above/)]);
  });

  it("flags a loss below every seed, the better side of a loss (acml a5)", () => {
    const { low, samples } = bandFor("acml-autoencoder", "a5.final_loss[3]");
    expect(low).toBeGreaterThan(0);
    const answers = referenceAnswers("acml-autoencoder");
    answers.a5.final_loss[3] = Number((low / 10).toPrecision(3));
    const result = grade("acml-autoencoder", answers);
    expect(item(result, "a5.final_loss[3]").status).toBe("fail");
    expect(flagsOf(result, "beyond-reference")).toEqual([
      expect.stringMatching(new RegExp(`^a5\\.final_loss\\[3\\]: .* is below what this configuration reaches in ${samples.length} seeded runs \\(at least `)),
    ]);
  });

  it("keeps a q9 training accuracy above its band passing: the epochs are the student's own, a longer fit gets there", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    answers.q9.train_accuracy = 0.999;
    const result = grade("hw4-hyperparameters", answers);
    expect(item(result, "q9.train_accuracy").status).toBe("pass");
    expect(flagsOf(result, "beyond-reference")).toEqual([]);
  });
});

describe("identical values across configurations the reference tells apart", () => {
  it("flags a heatmap with every cell the same, all 55 cells whichever items grade them, saying each is graded against its own band (hw3b t2)", () => {
    const answers = referenceAnswers("hw3b-hyperparameter-optimization");
    answers.t2.val_accuracy = answers.t2.val_accuracy.map((row: number[]) => row.map(() => 0.956));
    const result = grade("hw3b-hyperparameter-optimization", answers);
    expect(flagsOf(result, "identical-values")).toEqual([
      expect.stringMatching(/^t2: 55 of the 55 cells of val_accuracy report 0\.956, but the reference's .* differ clearly; each is graded against its own band, and \d+ of them passed$/),
    ]);
  });

  it("gives cells that coincide where their bands overlap no flag (hw3b t2)", () => {
    const answers = referenceAnswers("hw3b-hyperparameter-optimization");
    const cells = ["t2.val_accuracy[3][5]", "t2.val_accuracy[3][6]", "t2.val_accuracy[3][7]"];
    const bands = cells.map((id) => bandFor("hw3b-hyperparameter-optimization", id));
    const shared = Number(((Math.max(...bands.map((b) => b.low)) + Math.min(...bands.map((b) => b.high))) / 2).toFixed(3));
    for (const c of [5, 6, 7]) answers.t2.val_accuracy[3][c] = shared;
    const result = grade("hw3b-hyperparameter-optimization", answers);
    for (const id of cells) expect(item(result, id).status, id).toBe("pass");
    expect(flagsOf(result, "identical-values")).toEqual([]);
  });

  it("gives one cell at chance beside the zero-initialised cells at chance no identical flag: one mistake, not a copy (hw3b t2)", () => {
    const answers = referenceAnswers("hw3b-hyperparameter-optimization");
    for (const row of answers.t2.val_accuracy) row[0] = 0.5;
    answers.t2.val_accuracy[3][5] = 0.5;
    const result = grade("hw3b-hyperparameter-optimization", answers);
    expect(item(result, "t2.val_accuracy[3][5]").status).toBe("fail");
    expect(flagsOf(result, "identical-values")).toEqual([]);
  });

  it("flags two runs with one curve where the reference's differ (hw4 q6)", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    answers.q6.runs[3].J = [...answers.q6.runs[0].J];
    const result = grade("hw4-hyperparameters", answers);
    expect(flagsOf(result, "identical-values")).toEqual([expect.stringMatching(/^q6: 2 of the 4 runs\[\*\]\.J report one curve of 100 values, but the reference's runs\[0\]\.J .* and runs\[3\]\.J .* differ clearly/)]);
  });

  it("flags t4 trials that all report one accuracy (hw3b t4, the reference's own check)", () => {
    const answers = referenceAnswers("hw3b-hyperparameter-optimization");
    for (const trial of answers.t4.trials) trial.val_accuracy = 0.97;
    expect(flagsOf(grade("hw3b-hyperparameter-optimization", answers), "identical-accuracies")).toEqual([expect.stringMatching(/^t4: all 10 trials report 0\.97/)]);
  });

  it("leaves twelve identical s4 cells to cse343's own check, which matches cells by their labels: one finding, not two", () => {
    const answers = referenceAnswers("cse343-nn-from-scratch");
    for (const cell of answers.s4.results) Object.assign(cell, { train_accuracy: 0.95, val_accuracy: 0.93 });
    const result = grade("cse343-nn-from-scratch", answers);
    expect(flagsOf(result, "identical-accuracies")).toHaveLength(2);
    expect(flagsOf(result, "identical-values")).toEqual([]);
  });
});

describe("a curve of the wrong length", () => {
  it("fails a q6 run of 10 epochs where 100 are asked (hw4 q6)", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    answers.q6.runs[0].J = answers.q6.runs[0].J.slice(0, 10);
    expect(item(grade("hw4-hyperparameters", answers), "q6.runs[0].J")).toMatchObject({ status: "fail", message: "10 epochs, 100 asked" });
  });

  it("fails q7's lr 1.0 run cut at 50 epochs: graded on its first 10, but it never diverges (hw4 q7)", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    answers.q7.runs[2].J = answers.q7.runs[2].J.slice(0, 50);
    expect(item(grade("hw4-hyperparameters", answers), "q7.runs[2].J")).toMatchObject({ status: "fail", message: "50 epochs, 100 asked" });
  });

  it("accepts q7's lr 5.0 run stopped at another epoch of its divergence (hw4 q7)", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    answers.q7.runs[3].J = [...answers.q7.runs[3].J, Number.POSITIVE_INFINITY];
    expect(item(grade("hw4-hyperparameters", answers), "q7.runs[3].J").status).toBe("pass");
  });

  it("accepts q9 curves of the student's own number of epochs (hw4 q9)", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    for (const key of ["train_loss", "val_loss"]) answers.q9[key] = [...answers.q9[key], ...Array(10).fill(answers.q9[key].at(-1))];
    const result = grade("hw4-hyperparameters", answers);
    for (const id of ["q9.train_loss", "q9.val_loss"]) expect(item(result, id).status, id).toBe("pass");
  });

  it("fails t4 curves of 10 epochs where a trial trains for 100 (hw3b t4)", () => {
    const answers = referenceAnswers("hw3b-hyperparameter-optimization");
    const curves = answers.t4.best_curves;
    answers.t4.best_curves = { train_loss: curves.train_loss.slice(0, 10), val_loss: curves.val_loss.slice(0, 10) };
    expect(item(grade("hw3b-hyperparameter-optimization", answers), "t4.best_curves")).toMatchObject({
      status: "fail",
      message: "training and validation loss over 10 epochs, 100 asked: a trial trains for 100 epochs",
    });
  });

  it("fails a loss history of 50 iterations where 100 are asked (hlcv e3)", () => {
    const answers = referenceAnswers("hlcv-two-layer-net");
    answers.e3.loss_history = answers.e3.loss_history.slice(0, 50);
    expect(item(grade("hlcv-two-layer-net", answers), "e3.loss_history")).toMatchObject({ status: "fail", message: "50 epochs, 100 asked" });
  });
});

describe("diverged against the run's own numbers (hw4 q7)", () => {
  it("flags NaN finals reported as not diverged, and fails the flag", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    Object.assign(answers.q7.runs[3], { diverged: false, final_w: Number.NaN, final_J: Number.NaN });
    const result = grade("hw4-hyperparameters", answers);
    expect(item(result, "q7.runs[3].diverged").status).toBe("fail");
    expect(flagsOf(result, "inconsistent-divergence")).toEqual([
      "q7.runs[3]: diverged is false, but final_w is nan and final_J is nan: a run without a finite end has diverged",
    ]);
  });

  it("flags a null final of a run that says it converged; its final fails", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    answers.q7.runs[0].final_w = null;
    const result = grade("hw4-hyperparameters", answers);
    expect(item(result, "q7.runs[0].final_w").status).not.toBe("pass");
    expect(flagsOf(result, "inconsistent-divergence")).toEqual(["q7.runs[0]: diverged is false, but final_w is null: a run without a finite end has diverged"]);
  });

  it("flags a run said to diverge whose finals and whole curve are finite", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    answers.q7.runs[1].diverged = true;
    const result = grade("hw4-hyperparameters", answers);
    expect(item(result, "q7.runs[1].diverged").status).toBe("fail");
    expect(flagsOf(result, "inconsistent-divergence")).toEqual([expect.stringMatching(/^q7\.runs\[1\]: diverged is true, but final_w .* and final_J .* and all 100 values of J are finite$/)]);
  });
});

describe("a heatmap handed in transposed or left null (hw3b t2)", () => {
  it("reads each cell where the student put it: the report shows their value, and no honesty flag comes from misread cells", () => {
    const answers = referenceAnswers("hw3b-hyperparameter-optimization");
    const heatmap = answers.t2.val_accuracy as number[][];
    answers.t2.val_accuracy = heatmap[0]!.map((_, column) => heatmap.map((row) => row[column]));
    const result = grade("hw3b-hyperparameter-optimization", answers);
    // cell [0][1] of the 5x11 matrix is row 1, column 0 of the 11x5 one handed in
    expect(item(result, "t2.val_accuracy[0][1]")).toMatchObject({ status: "fail", received: heatmap[0]![1] });
    expect(item(result, "t2.val_accuracy[4][10]").received).toBe(heatmap[4]![10]);
    expect(item(result, "t2.val_accuracy[0][0]").diagnosis?.code).toBe("transposed");
    // the reference's own values, transposed: nothing beyond a seed, nothing identical
    expect(result.flags.map((flag) => flag.code)).toEqual([]);
  });

  it("counts a heatmap left null, as nngrade template writes it, as unanswered, not 55 unreadable cells", () => {
    const answers = referenceAnswers("hw3b-hyperparameter-optimization");
    answers.t2.val_accuracy = null;
    const cells = grade("hw3b-hyperparameter-optimization", answers).tasks.find((task) => task.id === "t2")!.items;
    expect(new Set(cells.map((cell) => cell.status))).toEqual(new Set(["missing"]));
    expect(cells).toHaveLength(55);
    // a container of the wrong kind is still unreadable
    answers.t2.val_accuracy = "0.9";
    const text = grade("hw3b-hyperparameter-optimization", answers).tasks.find((task) => task.id === "t2")!.items;
    expect(new Set(text.map((cell) => cell.status))).toEqual(new Set(["invalid"]));
  });
});

describe("an answer of the wrong shape", () => {
  it("is unreadable and graded as nothing, yet shown to the student beside the expected value (hw4 q2.z as 2x40)", () => {
    const answers = referenceAnswers("hw4-hyperparameters");
    const wide = [Array(40).fill(1), Array(40).fill(2)];
    answers.q2.z = wide;
    const z = item(grade("hw4-hyperparameters", answers), "q2.z");
    expect(z).toMatchObject({ status: "invalid", score: 0, received: wide });
    expect(z.message).toMatch(/expected a 2x3 matrix, got 2x40/);
    // text where numbers were asked is not shown: only numbers of another shape are
    answers.q2.z = "see my notebook";
    expect(item(grade("hw4-hyperparameters", answers), "q2.z").received).toBeUndefined();
  });
});
