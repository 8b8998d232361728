import { runComparatorTests } from "./tester.ts";

/** q3.grad_z: yhat - Y per sample, or averaged over the N = 2 samples */
const GRAD_Z = {
  per_sample: [
    [0.2, -0.4],
    [0.6, -0.8],
  ],
  averaged: [
    [0.1, -0.2],
    [0.3, -0.4],
  ],
};
const ARRAY = { compare: { mode: "array" } };
const HALF_FOR_AVERAGED = { ...ARRAY, alternatives: [{ id: "per_sample" }, { id: "averaged", credit: 0.5 }] };
const MARGIN = { half_width: 0.5, full_width: 1 };

runComparatorTests("oneof", {
  pass: [
    { received: GRAD_Z.per_sample, expected: GRAD_Z, options: ARRAY },
    { received: GRAD_Z.averaged, expected: GRAD_Z, options: ARRAY },
    { received: 0.5, expected: MARGIN },
    { received: 1.0000001, expected: MARGIN, options: { compare: { mode: "relabs", rtol: 1e-4 } } },
    { received: null, expected: null },
  ],
  fail: [
    {
      name: "gives an alternative's credit and names it",
      received: GRAD_Z.averaged,
      expected: GRAD_Z,
      options: HALF_FOR_AVERAGED,
      messageId: "matched",
      score: 0.5,
      data: { alternative: "averaged", credit: 0.5 },
    },
    {
      name: "prefers a full match at half credit to a partial match of the other",
      received: GRAD_Z.averaged,
      expected: { per_sample: [[0.1, -0.2], [9, 9]], averaged: GRAD_Z.averaged },
      options: { compare: { mode: "array", partial: true }, alternatives: [{ id: "per_sample" }, { id: "averaged", credit: 0.4 }] },
      messageId: "partial",
      score: 0.5,
      data: { alternative: "per_sample" },
    },
    {
      name: "keeps an inner comparator's partial credit",
      received: [[0.2, -0.4], [0.6, 9]],
      expected: GRAD_Z,
      options: { compare: { mode: "array", partial: true } },
      messageId: "partial",
      score: 0.75,
      data: { alternative: "per_sample" },
      worst: ["[1][1]"],
    },
    {
      name: "names a known mistake listed at no credit, so its feedback can be shown",
      received: 2,
      expected: { half_width: 0.5, full_width: 1, norm: 2 },
      options: { alternatives: [{ id: "half_width" }, { id: "full_width" }, { id: "norm", credit: 0 }] },
      messageId: "matched",
      score: 0,
      data: { alternative: "norm", credit: 0 },
    },
    {
      name: "prefers a full match to a partial one of equal credit",
      received: [1, 2],
      expected: { near: [1, 3], exact: [1, 2] },
      options: { compare: { mode: "array", partial: true }, alternatives: [{ id: "near" }, { id: "exact", credit: 0.5 }] },
      messageId: "matched",
      score: 0.5,
      data: { alternative: "exact" },
    },
    { received: [[9, 9], [9, 9]], expected: GRAD_Z, options: ARRAY, messageId: "none", data: { alternatives: 2 } },
    { name: "passes on a shape error every alternative shares", received: [[1, 2, 3]], expected: GRAD_Z, options: ARRAY, messageId: "shape", data: { expected_shape: "a 2x2 matrix", received_shape: "a 1x3 matrix" } },
    { received: "0.5", expected: MARGIN, messageId: "type", data: { received_type: "a string" } },
    { name: "matches NaN to no numeric alternative", received: Number.NaN, expected: MARGIN, messageId: "none" },
    { received: Number.POSITIVE_INFINITY, expected: MARGIN, messageId: "none" },
    { received: 0.5, expected: MARGIN, options: { alternatives: [{ id: "quarter" }] }, messageId: "missing-alternative", data: { alternative: "quarter" } },
    { received: 0.5, expected: [0.5, 1], messageId: "bad-reference" },
  ],
});
