import { runComparatorTests } from "./tester.ts";

const Z = [
  [0, 6, 6],
  [-23, -4, 14],
];
const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

runComparatorTests("array", {
  pass: [
    { name: "accepts an exact copy of a 2x3 matrix", received: Z, expected: Z },
    { received: [1.000001, 2, 3], expected: [1, 2, 3] },
    { received: [[3.14]], expected: [[3.14258]], options: { element: { mode: "sigfig", digits: 3 } } },
    { received: [0.12, -0.5], expected: [0.123, -0.5049], options: { element: { mode: "decdig", digits: 2 } } },
    { name: "accepts a 3-dimensional array", received: [[[1]], [[2]]], expected: [[[1]], [[2]]] },
    { received: [], expected: [] },
    { name: "accepts NaN where the reference has NaN", received: [NAN, 1], expected: [NAN, 1] },
    { received: [INF, -INF], expected: [INF, -INF] },
    { received: null, expected: null },
  ],
  fail: [
    {
      name: "rejects a transposed 2x3 matrix by its shape",
      received: [
        [0, -23],
        [6, -4],
        [6, 14],
      ],
      expected: Z,
      messageId: "shape",
      data: { expected_shape: "a 2x3 matrix", received_shape: "a 3x2 matrix" },
    },
    { received: [1, 2, 3], expected: [[1, 2, 3]], messageId: "shape", data: { expected_shape: "a 1x3 matrix", received_shape: "a vector of 3" } },
    { name: "rejects a ragged list by its shape", received: [[1, 2], [3]], expected: [[1, 2], [3, 4]], messageId: "shape", data: { received_shape: "a list that is not a numeric array" } },
    { received: [[1, "2"]], expected: [[1, 2]], messageId: "shape" },
    { received: "[[0, 6, 6]]", expected: [[0, 6, 6]], messageId: "type", data: { expected_type: "a 1x3 matrix", received_type: "a string" } },
    {
      name: "names the worst element first: 40 for 4 before 1.1 for 1",
      received: [
        [1.1, 2],
        [3, 40],
      ],
      expected: [
        [1, 2],
        [3, 4],
      ],
      messageId: "elements",
      data: { bad: 2, total: 4, worst_at: "[1][1]", worst_received: 40, worst_expected: 4 },
      worst: ["[1][1]", "[0][0]"],
    },
    {
      name: "ranks elements by tolerances off, not by absolute error",
      received: [100.5, 0.002],
      expected: [100, 0.001],
      options: { element: { mode: "relabs", rtol: 0.001, atol: 0 } },
      messageId: "elements",
      worst: ["[1]", "[0]"],
    },
    {
      name: "gives the share of matching elements as partial credit",
      received: [1, 2, 3, 5],
      expected: [1, 2, 3, 4],
      options: { partial: true },
      messageId: "elements",
      score: 0.75,
      data: { bad: 1, total: 4 },
    },
    { received: [[3.15]], expected: [[3.14258]], options: { element: { mode: "sigfig", digits: 3 } }, messageId: "elements" },
    { received: [0.13], expected: [0.123], options: { element: { mode: "decdig", digits: 2 } }, messageId: "elements" },
    { received: [[[1]], [[2]]], expected: [[[1]], [[3]]], messageId: "elements", worst: ["[1][0][0]"] },
    { name: "rejects NaN for a finite element", received: [NAN, 1], expected: [0, 1], messageId: "elements", data: { worst_received: "nan", worst_expected: 0 } },
    { name: "rejects a finite element where NaN is expected", received: [0, 1], expected: [NAN, 1], messageId: "elements" },
    { name: "rejects -inf for inf", received: [-INF], expected: [INF], messageId: "elements" },
    { name: "rejects inf for the largest finite number", received: [INF], expected: [1e308], messageId: "elements" },
    { name: "ranks a non-finite mismatch as the worst", received: [[1.5, NAN]], expected: [[1, 2]], messageId: "elements", worst: ["[0][1]", "[0][0]"] },
    { received: [1], expected: null, messageId: "expected-null" },
    { received: [1], expected: ["a"], messageId: "bad-reference" },
  ],
});
