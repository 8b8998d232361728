import { describe, expect, it } from "vitest";
import { probabilities } from "../../src/diagnose/probabilities.ts";
import type { DiagnoseInput } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";
import { expectNoExpectedValueIn } from "./hw4-cases.ts";
import { patterns } from "./pattern-cases.ts";

const SOFTMAX_GIVEN = "these look like softmax probabilities; the question asks for the scores before the softmax";
const SOFTMAX_MISSING = "these look like raw scores (logits); apply the softmax";
const SIGMOID_GIVEN = "these look like sigmoid outputs; the question asks for the values before the sigmoid";
const SIGMOID_MISSING = "these look like values before the sigmoid; apply the sigmoid";

/** q2.z as the hw4 rubric grades it. */
const Z_TOLERANCE = { rtol: 1e-6, atol: 1e-9 };

function scoresInput(overrides: Partial<DiagnoseInput> = {}): DiagnoseInput {
  return {
    itemId: "q2.z",
    expected: patterns.hw4_z,
    received: patterns.hw4_z,
    siblings: [],
    tolerance: Z_TOLERANCE,
    ...overrides,
  };
}

const yhatInput = (received: Value) =>
  scoresInput({ itemId: "q2.yhat", expected: patterns.hw4_yhat, received, tolerance: patterns.tolerance_yhat });
const e1Input = (expected: Value, received: Value) =>
  scoresInput({ itemId: "e1.scores", expected, received, tolerance: patterns.tolerance_scores });
const codesInput = (expected: Value, received: Value) =>
  scoresInput({ itemId: "a6.hidden_codes", expected, received, tolerance: patterns.tolerance_scores });

describe("probabilities", () => {
  it("names q2's softmax output given for z", () => {
    const diagnosis = probabilities.diagnose(scoresInput({ received: patterns.hw4_yhat }));
    expect(diagnosis).toEqual({ code: "probabilities", message: SOFTMAX_GIVEN });
    expectNoExpectedValueIn(diagnosis!.message, patterns.hw4_z);
  });

  it.each([
    ["z itself", patterns.hw4_z],
    ["z with a constant added to each row (the same softmax)", patterns.hw4_z_plus_row_constants],
  ])("names q2's scores given for yhat: %s", (_, received) => {
    const diagnosis = probabilities.diagnose(yhatInput(received));
    expect(diagnosis).toEqual({ code: "probabilities", message: SOFTMAX_MISSING });
    expectNoExpectedValueIn(diagnosis!.message, patterns.hw4_yhat);
  });

  it("names the hlcv toy network's logits given for the seed's correct scores, and the reverse", () => {
    const { hlcv_e1_logits: logits, hlcv_e1_scores: scores } = patterns;
    expect(probabilities.diagnose(e1Input(scores, logits))?.message).toBe(SOFTMAX_MISSING);
    expect(probabilities.diagnose(e1Input(logits, scores))?.message).toBe(SOFTMAX_GIVEN);
  });

  it("names pre-activations given for sigmoid hidden codes, and the reverse", () => {
    const { acml_preactivations: before, acml_hidden_codes: codes } = patterns;
    const missing = probabilities.diagnose(codesInput(codes, before));
    expect(missing).toEqual({ code: "probabilities", message: SIGMOID_MISSING });
    expectNoExpectedValueIn(missing!.message, codes);
    expect(probabilities.diagnose(codesInput(before, codes))?.message).toBe(SIGMOID_GIVEN);
  });

  it("applies the sigmoid to a vector, which the row softmax never takes", () => {
    const before = patterns.acml_preactivations[0]!;
    const codes = patterns.acml_hidden_codes[0]!;
    expect(probabilities.diagnose(codesInput(codes, before))?.message).toBe(SIGMOID_MISSING);
  });

  it("holds the probabilities to the item's tolerance", () => {
    const near = patterns.hlcv_e1_scores.map((row) => row.map((p) => p * (1 + 5e-8)));
    expect(probabilities.diagnose(e1Input(patterns.hlcv_e1_logits, near))?.message).toBe(SOFTMAX_GIVEN);
    const far = patterns.hlcv_e1_scores.map((row) => row.map((p) => p * (1 + 1e-5)));
    expect(probabilities.diagnose(e1Input(patterns.hlcv_e1_logits, far))).toBeNull();
  });

  it("says nothing about probabilities rounded to 2 decimals given for z", () => {
    const rounded = patterns.hw4_yhat.map((row) => row.map((p) => Math.round(p * 100) / 100));
    expect(probabilities.diagnose(scoresInput({ received: rounded }))).toBeNull();
  });

  it("says nothing when the probabilities are uniform: any constant scores give them", () => {
    const third = 1 / 3;
    const uniform = [[third, third, third], [third, third, third]];
    expect(probabilities.diagnose(scoresInput({ expected: uniform, received: [[0, 0, 0], [0, 0, 0]] }))).toBeNull();
    expect(probabilities.diagnose(scoresInput({ expected: [[0, 0, 0], [2, 2, 2]], received: uniform }))).toBeNull();
    expect(probabilities.diagnose(scoresInput({ expected: [0.5, 0.5], received: [0, 0] }))).toBeNull();
  });

  it.each<[string, Value, Value]>([
    ["the right answer", patterns.hw4_z, patterns.hw4_z],
    ["a transposed z", patterns.hw4_z, patterns.hw4_z.map((_, c) => patterns.hw4_z.map((row) => row[c]!))],
    ["a negated z", patterns.hw4_z, patterns.hw4_z.map((row) => row.map((x) => -x))],
    ["a single number and its sigmoid", 0, 0.5],
    ["a matrix of NaN", [[1, 2], [3, 4]], [[Number.NaN, Number.NaN], [Number.NaN, Number.NaN]]],
    ["infinite scores", [[0.5, 0.5], [1, 0]], [[0, 0], [Number.POSITIVE_INFINITY, 0]]],
    ["infinite expected scores", [[Number.POSITIVE_INFINITY, 0], [0, 0]], [[1, 0], [0.5, 0.5]]],
    ["a string", patterns.hw4_z, "softmax(z)"],
    ["an empty matrix", [[]], [[]]],
  ])("says nothing about %s", (_, expected, received) => {
    expect(probabilities.diagnose(scoresInput({ expected, received }))).toBeNull();
  });
});
