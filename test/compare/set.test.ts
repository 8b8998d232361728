import { runComparatorTests } from "./tester.ts";

const EXTREMA = [0, 1, 3];

runComparatorTests("set", {
  pass: [
    { name: "accepts the extrema in any order", received: [3, 0, 1], expected: EXTREMA },
    { received: [0, 1, 3], expected: EXTREMA },
    { received: [3.000001, 0, 1], expected: EXTREMA },
    { name: "counts a value given twice once", received: [0, 0, 1, 3], expected: EXTREMA },
    { name: "counts a value the reference lists twice once", received: [0, 1], expected: [0, 0, 1] },
    {
      name: "finds the matching a greedy pass would miss",
      received: [0.5, -0.4],
      expected: [0, 1],
      options: { rtol: 0, atol: 0.6 },
    },
    { received: [], expected: [] },
    { name: "accepts NaN where the reference has NaN", received: [Number.NaN, 1], expected: [1, Number.NaN] },
    { received: [Number.NEGATIVE_INFINITY], expected: [Number.NEGATIVE_INFINITY] },
  ],
  fail: [
    { received: [0, 1], expected: EXTREMA, messageId: "missing", score: 2 / 3, data: { matched: 2, missing: 1, extra: 0 } },
    { received: [0, 1, 3, 2], expected: EXTREMA, messageId: "extra", score: 3 / 4, data: { extra: 1, extra_values: "2" } },
    { received: [0, 1, 2], expected: EXTREMA, messageId: "missing-and-extra", score: 2 / 3, data: { missing: 1, extra: 1 } },
    { name: "gives no partial credit when partial is off", received: [0, 1], expected: EXTREMA, options: { partial: false }, messageId: "missing", score: false },
    { received: [], expected: EXTREMA, messageId: "missing", score: 0 },
    { name: "never matches NaN to a finite value", received: [Number.NaN, 0], expected: [0, 1], messageId: "missing-and-extra", score: 0.5, data: { extra_values: "nan" } },
    { name: "never matches inf to the largest finite number", received: [Number.POSITIVE_INFINITY], expected: [1e308], messageId: "missing-and-extra", score: 0 },
    { received: "0, 1, 3", expected: EXTREMA, messageId: "type", data: { expected_type: "a list of numbers", received_type: "a string" } },
    { received: [0, "1", 3], expected: EXTREMA, messageId: "type" },
    { received: [0], expected: null, messageId: "expected-null" },
    { received: [0], expected: [[0]], messageId: "bad-reference" },
  ],
});
