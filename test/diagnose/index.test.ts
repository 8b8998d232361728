import { describe, expect, it } from "vitest";
import { createRegistry, DIAGNOSIS_ORDER, diagnose, diagnosers } from "../../src/diagnose/index.ts";
import type { DiagnoseInput } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";
import { gradWInput, hw4 } from "./hw4-cases.ts";
import { patterns } from "./pattern-cases.ts";

function everyDiagnosis(input: DiagnoseInput): Record<string, string | null> {
  return Object.fromEntries([...diagnosers].map(([id, d]) => [id, d.diagnose(input)?.code ?? null]));
}

describe("diagnoser registry", () => {
  it("is sorted by id", () => {
    const ids = [...diagnosers.keys()];
    expect(ids).toEqual([
      "before-update",
      "below-chance",
      "one-based",
      "order",
      "percentage",
      "probabilities",
      "rounded",
      "scale",
      "shifted",
      "sign",
      "summed",
      "swapped",
      "transposed",
    ]);
    for (const [id, diagnoser] of diagnosers) expect(diagnoser.meta.id).toBe(id);
  });

  it("refuses a duplicate id", () => {
    const sign = diagnosers.get("sign")!;
    expect(() => createRegistry([sign, { ...sign }])).toThrow(/duplicate diagnoser id "sign"/);
  });

  it("gives every diagnoser a place in the priority order, once", () => {
    expect([...DIAGNOSIS_ORDER].sort()).toEqual([...diagnosers.keys()]);
  });
});

describe("diagnose", () => {
  it.each<[string, Partial<DiagnoseInput>, string]>([
    ["transposed grad_W", { received: hw4.grad_W_transposed }, "transposed"],
    ["negated grad_W", { received: hw4.grad_W_negated }, "sign"],
    ["grad_z exchanged with grad_W", {
      received: hw4.grad_z,
      siblings: [{ id: "q3.grad_z", expected: hw4.grad_z, received: hw4.grad_W }],
    }, "swapped"],
    ["yhat rounded to 1 decimal", {
      itemId: "q2.yhat", expected: hw4.yhat, received: hw4.yhat_rounded_1_decimal, tolerance: hw4.tolerance_yhat,
    }, "rounded"],
    ["a q6 curve recorded before each update", {
      itemId: "q6.runs[1].J", expected: patterns.hw4_q6_runs[1]!.J, received: patterns.hw4_q6_runs[1]!.J_before_update,
      tolerance: patterns.tolerance_curve,
    }, "shifted"],
    ["the q5 grid one step late", {
      itemId: "q5.J", expected: patterns.hw4_q5.J, received: patterns.hw4_q5.J_grid_from_minus_1_9,
      tolerance: patterns.tolerance_curve,
    }, "shifted"],
    ["yhat given for z", {
      itemId: "q2.z", expected: hw4.z, received: hw4.yhat, siblings: [], tolerance: { rtol: 1e-6, atol: 1e-9 },
    }, "probabilities"],
    ["the hlcv logits given for the scores", {
      itemId: "e1.scores", expected: patterns.hlcv_e1_scores, received: patterns.hlcv_e1_logits,
      tolerance: patterns.tolerance_scores,
    }, "probabilities"],
    ["1-based predicted classes", {
      itemId: "q9.val_predictions", expected: patterns.predictions, received: patterns.predictions.map((x) => x + 1),
      tolerance: { rtol: 0, atol: 0 },
    }, "one-based"],
    ["the seed's 7.8% from a 4-layer net", {
      itemId: "e4.depth_sweep[2]", expected: 0.5, received: 0.078, factors: { classes: 10 },
      tolerance: { rtol: 0, atol: 0.05 },
    }, "below-chance"],
  ])("names %s", (_, overrides, code) => {
    const input = gradWInput(overrides);
    expect(diagnose(input)?.code).toBe(code);
    // the hw4 mistakes are unambiguous: exactly one pattern fits each
    expect(Object.values(everyDiagnosis(input)).filter((c) => c !== null)).toEqual([code]);
  });

  it("gets null from every diagnoser for a random wrong matrix", () => {
    const input = gradWInput({ received: hw4.grad_W_random_wrong });
    expect(everyDiagnosis(input)).toEqual({
      "before-update": null,
      "below-chance": null,
      "one-based": null,
      order: null,
      percentage: null,
      probabilities: null,
      rounded: null,
      scale: null,
      shifted: null,
      sign: null,
      summed: null,
      swapped: null,
      transposed: null,
    });
    expect(diagnose(input)).toBeNull();
  });

  it("says nothing about a right answer", () => {
    expect(diagnose(gradWInput())).toBeNull();
  });

  it.each<[string, Partial<DiagnoseInput>, string[], string]>([
    // an antisymmetric matrix transposed is also its negation
    ["transposed before sign", { expected: [[0, 1], [-1, 0]], received: [[0, -1], [1, 0]] }, ["sign", "transposed"], "transposed"],
    // run 3's final_J is -2.25; -2.25 for an expected 2.25 is the answer's own sign flip before it is a copy
    // of another value (a one-way match yields to a slip of the answer's own value; the corpus measured it)
    ["sign before a one-way copy", {
      itemId: "q4.J_at_extrema[2]", expected: 2.25, received: -2.25,
      siblings: [{ id: "q6.runs[3].final_J", expected: -2.25, received: -2.25 }],
    }, ["sign"], "sign"],
    // but an exchange both ways is the stronger evidence
    ["swapped both ways before sign", {
      itemId: "q4.J_at_extrema[2]", expected: 2.25, received: -2.25,
      siblings: [{ id: "q4.J_at_extrema[0]", expected: -2.25, received: 2.25 }],
    }, ["sign", "swapped"], "swapped"],
    // 1 is 0.5 doubled; a single number cut to one digit is no evidence of rounding (an accuracy of 1.0)
    ["scale, not rounded, for 1 where 0.5 is expected", { expected: 0.5, received: 1, factors: {} }, ["scale"], "scale"],
    // grad_W without its 1/N is N times too large: the named count says why
    ["summed before scale", { received: hw4.grad_W_times_N }, ["scale", "summed"], "summed"],
    // labels in order, moved up by one, are also the sequence moved one place
    ["one-based before shifted", { expected: [0, 1, 2, 3, 4], received: [1, 2, 3, 4, 5], tolerance: { rtol: 0, atol: 0 } },
      ["one-based", "shifted"], "one-based"],
    // the student's z holds q2's yhat: the sibling's value names the mix-up
    ["swapped before probabilities", {
      itemId: "q2.z", expected: hw4.z, received: hw4.yhat, tolerance: { rtol: 1e-6, atol: 1e-9 },
      siblings: [{ id: "q2.yhat", expected: hw4.yhat, received: hw4.yhat }],
    }, ["probabilities", "swapped"], "swapped"],
    // 0.079 is also 0.79 divided by the number of classes, or a decimal point moved
    ["below-chance before scale", {
      expected: 0.79, received: 0.079, factors: { classes: 10 }, tolerance: { rtol: 1e-3, atol: 1e-6 },
    }, ["below-chance", "scale"], "below-chance"],
  ])("puts %s", (_, overrides, applicable, first) => {
    const input = gradWInput({ siblings: [], ...overrides });
    const codes = Object.values(everyDiagnosis(input)).filter((c) => c !== null);
    expect(codes.sort()).toEqual(applicable);
    expect(diagnose(input)?.code).toBe(first);
  });
});

describe("diagnose on what students really hand in", () => {
  it.each<[string, Value]>([
    ["a string", "see attached"],
    ["null", null],
    ["an object", { W: [[1]] }],
    ["a ragged array", [[1, 2, 3], [4]]],
    ["NaN", Number.NaN],
    ["a matrix of NaN", [[Number.NaN, Number.NaN, Number.NaN], [0, 0, 0], [1, 1, 1]]],
    ["a matrix with infinities", [[Number.POSITIVE_INFINITY, 0, 0], [0, Number.NEGATIVE_INFINITY, 0], [0, 0, 1]]],
    ["an empty array", []],
  ])("returns null for %s", (_, received) => {
    expect(diagnose(gradWInput({ received }))).toBeNull();
  });
});
