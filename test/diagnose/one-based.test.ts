import { describe, expect, it } from "vitest";
import { oneBased } from "../../src/diagnose/one-based.ts";
import type { DiagnoseInput } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";
import { expectNoExpectedValueIn } from "./hw4-cases.ts";
import { patterns } from "./pattern-cases.ts";

const ONE_BASED = "labels look 1-based: labels are 0-based here";
const ZERO_BASED = "numbered from 0: this question numbers from 1";

const plus = (labels: readonly number[], k: number) => labels.map((x) => x + k);

/** q9's predicted classes by default; labels are compared exactly, whatever the tolerance. */
function labelsInput(overrides: Partial<DiagnoseInput> = {}): DiagnoseInput {
  return {
    itemId: "q9.val_predictions",
    expected: patterns.predictions,
    received: patterns.predictions,
    siblings: [],
    tolerance: { rtol: 0, atol: 0 },
    ...overrides,
  };
}

const supportVectorsInput = (received: Value, factors?: Record<string, number>) =>
  labelsInput({
    itemId: "s2.support_vectors",
    expected: patterns.cse343_s2_support_vectors,
    received,
    ...(factors ? { factors } : {}),
  });

describe("one-based", () => {
  it.each([
    ["q9 predicted classes", patterns.predictions],
    ["q1 labels", patterns.hw4_q1_labels],
  ])("names %s numbered from 1", (_, labels) => {
    const diagnosis = oneBased.diagnose(labelsInput({ expected: labels, received: plus(labels, 1) }));
    expect(diagnosis).toEqual({ code: "one-based", message: ONE_BASED });
    expectNoExpectedValueIn(diagnosis!.message, labels);
  });

  it("names s2's support vectors numbered from 0 (the key numbers points from 1)", () => {
    const key = patterns.cse343_s2_support_vectors;
    expect(oneBased.diagnose(supportVectorsInput(plus(key, -1)))).toEqual({ code: "one-based", message: ZERO_BASED });
    expect(oneBased.diagnose(supportVectorsInput(plus(key, -1), { index_base: 1 }))?.message).toBe(ZERO_BASED);
  });

  it("reads +1 on a key without a 0 as 1-based labels, unless the rubric declares the key 1-based", () => {
    const received = plus(patterns.cse343_s2_support_vectors, 1);
    expect(oneBased.diagnose(supportVectorsInput(received))?.message).toBe(ONE_BASED);
    expect(oneBased.diagnose(supportVectorsInput(received, { index_base: 1 }))).toBeNull();
  });

  it("takes a declared 0-based key at its word", () => {
    const received = plus(patterns.cse343_s2_support_vectors, -1);
    expect(oneBased.diagnose(supportVectorsInput(received, { index_base: 0 }))).toBeNull();
  });

  it("says nothing about -1 on a key with a 0: no labelling gives a -1", () => {
    expect(oneBased.diagnose(labelsInput({ received: plus(patterns.predictions, -1) }))).toBeNull();
  });

  it("says nothing when one label is right", () => {
    const received = plus(patterns.predictions, 1);
    received[3] = patterns.predictions[3]!;
    expect(oneBased.diagnose(labelsInput({ received }))).toBeNull();
  });

  it.each<[string, Value, Value]>([
    ["the right labels", patterns.predictions, patterns.predictions],
    ["labels off by two", patterns.predictions, plus(patterns.predictions, 2)],
    ["a constant vector moved by one (another class)", [3, 3, 3], [4, 4, 4]],
    ["a single label", [0], [1]],
    ["non-integer values", [0.5, 1.5, 2.5], [1.5, 2.5, 3.5]],
    ["negative labels", [-1, 0, 1], [0, 1, 2]],
    ["a matrix of integers", [[0, 1], [1, 0]], [[1, 2], [2, 1]]],
    ["integers beyond 2^53, where x + 1 == x", [2 ** 53, 0], [2 ** 53, 1]],
    ["labels given as strings", [0, 1, 2], ["1", "2", "3"]],
    ["a NaN", [0, 1, 2], [1, Number.NaN, 3]],
    ["a shorter list", [0, 1, 2], [1, 2]],
  ])("says nothing about %s", (_, expected, received) => {
    expect(oneBased.diagnose(labelsInput({ expected, received }))).toBeNull();
  });
});
