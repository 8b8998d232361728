import { runComparatorTests } from "./tester.ts";

const UNIT = { min: 0, max: 1 };

runComparatorTests("range", {
  pass: [
    { received: 0.5, expected: 0.7, options: UNIT },
    { name: "includes the lower bound", received: 0, expected: 0.7, options: UNIT },
    { name: "includes the upper bound", received: 1, expected: 0.7, options: UNIT },
    { received: 1e300, expected: 2, options: { min: 0 } },
    { received: -1e300, expected: 2, options: { max: 0 } },
    { name: "ignores the expected value itself", received: 0.5, expected: 99, options: UNIT },
    { received: null, expected: null, options: UNIT },
  ],
  fail: [
    { received: -0.1, expected: 0.7, options: UNIT, messageId: "below", data: { received: -0.1, min_expected: 0 } },
    { received: 1.1, expected: 0.7, options: UNIT, messageId: "above", data: { max_expected: 1 } },
    { name: "rejects NaN", received: Number.NaN, expected: 0.7, options: UNIT, messageId: "not-finite", data: { received: "nan" } },
    { name: "rejects inf even with no upper bound", received: Number.POSITIVE_INFINITY, expected: 2, options: { min: 0 }, messageId: "not-finite" },
    { name: "rejects -inf even with no lower bound", received: Number.NEGATIVE_INFINITY, expected: 2, options: { max: 0 }, messageId: "not-finite" },
    { received: "0.5", expected: 0.7, options: UNIT, messageId: "type" },
    { name: "rejects a number where the reference has no value", received: 0.5, expected: null, options: UNIT, messageId: "expected-null" },
    { received: null, expected: 0.7, options: UNIT, messageId: "type" },
  ],
});
