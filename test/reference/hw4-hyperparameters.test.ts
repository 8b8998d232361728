import { readFileSync } from "node:fs";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import reference, { hw4DefaultInputs, solveDefault } from "../../reference/hw4-hyperparameters.ts";
import type { Upstream } from "../../src/grade/reference.ts";
import { upstreamFrom } from "../../src/grade/upstream.ts";
import type { Value } from "../../src/value.ts";
import { expectClose } from "../golden/expect-close.ts";

// goldens written by test/golden/make_golden.py (numpy, independent of the engine); JSON5 reads Python's NaN
const golden = JSON5.parse(readFileSync(new URL("../golden/hw4-hyperparameters.json", import.meta.url), "utf8"));
const answers = golden.answers;

/** closed-form values: only a few roundings apart from numpy's */
const CLOSED_FORM = { rtol: 1e-12 };

function upstreamOf(values: Record<string, Value>): Upstream {
  return upstreamFrom((id) => values[id]);
}

type Run = { J: number[]; final_w: number | null; final_J: number | null; diverged?: boolean };

describe("hw4-hyperparameters reference", () => {
  it("has tasks q1..q9 and the handout's inputs, a fresh copy each time", () => {
    expect(reference.id).toBe("hw4-hyperparameters");
    expect(reference.tasks.map((t) => t.id)).toEqual(["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]);
    const inputs = hw4DefaultInputs();
    inputs.q1.labels.push(9);
    expect(hw4DefaultInputs().q1.labels).toEqual([0, 1, 1, 2, 3, 0]);
    expect(Object.keys(reference.defaultInputs())).toEqual(["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]);
  });
});

describe("against numpy goldens", () => {
  it("q1 one-hot, exactly", () => {
    expect(solveDefault("q1").answers).toEqual(answers.q1);
  });

  it("q2 z exactly, yhat to 1e-12", () => {
    const { z, yhat } = solveDefault("q2").answers;
    expect(z).toEqual(answers.q2.z);
    expectClose(yhat, answers.q2.yhat, CLOSED_FORM);
  });

  it("q3 gradients, the averaged alternative and the factor N", () => {
    const solution = solveDefault("q3");
    expectClose(solution.answers, answers.q3, CLOSED_FORM);
    expect(solution.alternatives?.grad_z?.["per-sample"]).toEqual(solution.answers.grad_z);
    expectClose(solution.alternatives?.grad_z?.averaged, golden.alternatives.q3.grad_z_averaged, CLOSED_FORM);
    expect(solution.factors).toEqual({ N: 2 });
  });

  it("q4 gradients, extrema, J and kinds", () => {
    const { grad_at, extrema, J_at_extrema, kinds } = solveDefault("q4").answers;
    expectClose(grad_at, answers.q4.grad_at, CLOSED_FORM);
    // np.roots takes eigenvalues of the companion matrix: accurate to about eps * |coefficients|, absolutely
    expectClose(extrema, answers.q4.extrema, { rtol: 1e-12, atol: 1e-12 });
    expectClose(J_at_extrema, answers.q4.J_at_extrema, { rtol: 1e-12, atol: 1e-15 });
    expect(kinds).toEqual(answers.q4.kinds);
  });

  it("q5 J on np.linspace(-2, 5, 71)", () => {
    expectClose(solveDefault("q5").answers, answers.q5, CLOSED_FORM);
  });

  // descent from these starts at lr 0.1 contracts towards a minimum, so rounding
  // differences do not grow: 1e-12 relative holds over all 100 epochs
  it("q6 every run, every epoch", () => {
    expectClose(solveDefault("q6").answers, answers.q6, CLOSED_FORM);
  });

  it("q7 lr 0.001 and 0.01 every epoch, lr 5.0 cut after 5 epochs", () => {
    const runs = solveDefault("q7").answers.runs as unknown as Run[];
    const goldenRuns = answers.q7.runs;
    for (const i of [0, 1, 3]) expectClose(runs[i], goldenRuns[i], CLOSED_FORM);
    expect(runs[3]).toMatchObject({ diverged: true, final_w: null, final_J: null });
    expect(runs[3]!.J).toHaveLength(5);
  });

  // lr 1.0 is unstable at both minima (|1 - J''| = 2 at w = 0, 5 at w = 3) and the
  // run wanders: test/golden/sensitivity_hw4.py shows a 1-ulp change of w0 grows to
  // 6e-12 relative by epoch 20 and past 1e-6 at epoch 42. So the first 20 epochs are
  // compared at 1e-9 (a thousandfold margin over rounding), the rest by the band
  // J in [0, 5/12] that every rounding variant stays in.
  it("q7 lr 1.0: first 20 epochs to 1e-9, then within the band", () => {
    const run = (solveDefault("q7").answers.runs as unknown as Run[])[2]!;
    const goldenRun = answers.q7.runs[2];
    expect(run.diverged).toBe(false);
    expect(run.J).toHaveLength(100);
    expectClose(run.J.slice(0, 20), goldenRun.J.slice(0, 20), { rtol: 1e-9 });
    for (const curve of [run.J, goldenRun.J as number[]]) {
      expect(Math.min(...curve)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...curve)).toBeLessThanOrEqual(5 / 12);
    }
    expect(run.final_J).toBe(run.J[99]);
  });

  // Adam's normalised step does not amplify rounding here: numpy and the engine agree
  // to about 4e-14 and a 1e-12 change of w0 moves the curve by 6e-11 at most
  it("q8 Adam curve and final values to 1e-10", () => {
    expectClose(solveDefault("q8").answers, answers.q8, { rtol: 1e-10 });
  });
});

describe("seed 002's printed values", () => {
  it("q2: z exactly and yhat to the 6 decimals printed", () => {
    const { z, yhat } = solveDefault("q2").answers as { z: number[][]; yhat: number[][] };
    expect(z).toEqual([
      [0, 6, 6],
      [-23, -4, 14],
    ]);
    expectClose(
      yhat,
      [
        [0.001238, 0.499381, 0.499381],
        [0, 0, 1],
      ],
      { rtol: 0, atol: 5e-7 },
    );
    // q3 (a) prints row 1's small probabilities to 9 significant digits
    expectClose(yhat[1]!.slice(0, 2), [8.5330475e-17, 1.52299795e-8], { rtol: 5e-9 });
  });

  it("q4: extrema 0, 1, 3 exactly; J 0, 5/12, -9/4; min, max, min", () => {
    const { extrema, J_at_extrema, kinds } = solveDefault("q4").answers as { extrema: number[]; J_at_extrema: number[]; kinds: string[] };
    expect(extrema).toEqual([0, 1, 3]);
    expectClose(J_at_extrema, [0, 5 / 12, -9 / 4], { rtol: 1e-15 });
    expect(kinds).toEqual(["min", "max", "min"]);
  });
});

describe("error carried forward", () => {
  it("q3 recomputes everything from the student's yhat", () => {
    const ecf = golden.ecf.q3_from_seed_yhat;
    const solution = solveDefault("q3", upstreamOf(ecf.upstream));
    expectClose(solution.answers, { grad_z: ecf.grad_z, grad_W: ecf.grad_W, grad_b: ecf.grad_b }, CLOSED_FORM);
    expectClose(solution.alternatives?.grad_z?.averaged, ecf.grad_z_averaged, CLOSED_FORM);
  });

  it("q3 takes grad_W and grad_b from the student's grad_z, read per sample", () => {
    const ecf = golden.ecf.q3_from_seed_grad_z;
    const { answers: q3 } = solveDefault("q3", upstreamOf(ecf.upstream));
    expectClose({ grad_W: q3.grad_W, grad_b: q3.grad_b }, { grad_W: ecf.grad_W, grad_b: ecf.grad_b }, CLOSED_FORM);
    // and these are the seed's own printed grad_W and grad_b, worked from its grad_z by hand
    expectClose(
      q3.grad_W,
      [
        [-0.4991925, 0.2493945, 0.2493945],
        [-0.998385, 2.498789, -1.501211],
        [0.4991925, 1.7506055, -2.2493945],
      ],
      { rtol: 1e-12 },
    );
    expectClose(q3.grad_b, [-0.4991925, -0.2506055, 0.7493945], { rtol: 1e-12 });
    expectClose(q3.grad_z, answers.q3.grad_z, CLOSED_FORM);
  });

  it("q4 gives J and kinds at the student's sorted extrema, keeps its own extrema", () => {
    const ecf = golden.ecf.q4_from_wrong_extrema;
    const { answers: q4 } = solveDefault("q4", upstreamOf(ecf.upstream));
    expectClose(q4.J_at_extrema, ecf.J_at_extrema, CLOSED_FORM);
    expect(q4.kinds).toEqual(ecf.kinds);
    expect(q4.extrema).toEqual([0, 1, 3]);
  });

  it("q6 gives final_J at the student's final_w for that run only", () => {
    const ecf = golden.ecf.q6_from_student_final_w;
    const runs = solveDefault("q6", upstreamOf(ecf.upstream)).answers.runs as unknown as Run[];
    expectClose(runs[2]!.final_J, ecf.final_J, CLOSED_FORM);
    expectClose(runs[1]!.final_J, answers.q6.runs[1].final_J, CLOSED_FORM);
  });

  it("q7 and q8 give final_J at the student's final_w", () => {
    const q7 = solveDefault("q7", upstreamOf({ "q7.runs[0].final_w": 2.5 })).answers.runs as unknown as Run[];
    expectClose(q7[0]!.final_J, golden.ecf.q6_from_student_final_w.final_J, CLOSED_FORM);
    const q8 = solveDefault("q8", upstreamOf({ "q8.final_w": 2.5 })).answers;
    expectClose(q8.final_J, golden.ecf.q6_from_student_final_w.final_J, CLOSED_FORM);
  });

  it.each([
    ["q3", "q2.yhat", [[1, 2], [3, 4]]],
    ["q3", "q2.yhat", [[0.1, 0.2, "0.7"], [0, 0, 1]]],
    ["q3", "q2.yhat", [[Number.NaN, 0.5, 0.5], [0, 0, 1]]],
    ["q3", "q2.yhat", [[0.1, 0.2, 0.7], [0, 0]]],
    ["q3", "q3.grad_z", { a: 1 }],
    ["q3", "q3.grad_z", null],
    ["q4", "q4.extrema", ["0", "1", "3"]],
    ["q4", "q4.extrema", []],
    ["q4", "q4.extrema", [0, Number.POSITIVE_INFINITY]],
    ["q6", "q6.runs[0].final_w", "2.5"],
    ["q7", "q7.runs[3].final_w", null],
    ["q8", "q8.final_w", Number.NaN],
  ] as const)("%s ignores an unusable %s (%j)", (task, id, value) => {
    const taskId = task as "q3" | "q4" | "q6" | "q7" | "q8";
    expect(solveDefault(taskId, upstreamOf({ [id]: value as unknown as Value }))).toEqual(solveDefault(taskId));
  });
});

describe("fixtures/submissions/hw4-hyperparameters/correct-numpy.json", () => {
  const submission = JSON5.parse(
    readFileSync(new URL("../../fixtures/submissions/hw4-hyperparameters/correct-numpy.json", import.meta.url), "utf8"),
  );

  it("answers every task q1..q9 with the reference's keys", () => {
    expect(submission.assignment).toBe("hw4-hyperparameters");
    expect(submission.student).toEqual({ id: "numpy-reference", name: "NumPy Reference" });
    for (const task of reference.tasks) {
      const expected = solveDefault(task.id as "q1").answers;
      expect(Object.keys(submission.answers[task.id]).sort(), task.id).toEqual(Object.keys(expected).sort());
    }
    for (const task of ["q6", "q7"] as const) {
      const expectedKeys = Object.keys((solveDefault(task).answers.runs as Record<string, Value>[])[0]!).sort();
      for (const run of submission.answers[task].runs) expect(Object.keys(run).sort()).toEqual(expectedKeys);
    }
  });

  it("holds the goldens' answers", () => {
    // q9 is a trained model of the fixture's own (fixtures/make_hw4_q9_fixtures.py), graded in test/grade/hw4-q9.test.ts
    const { q9: _trained, ...closedForm } = submission.answers;
    expect(closedForm).toEqual(answers);
  });
});
