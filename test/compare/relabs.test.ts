import { describe, expect, it } from "vitest";
import { ATOL_DEFAULT, comparator, RTOL_DEFAULT } from "../../src/compare/relabs.ts";
import { goldenDisagreements } from "./golden.ts";
import { runComparatorTests } from "./tester.ts";

const TENTH = { rtol: 0.1, atol: 0 };

runComparatorTests("relabs", {
  pass: [
    { received: 0.4999, expected: 0.4999 },
    { name: "accepts an error of 1e-6 at 1 under the numpy defaults", received: 1.000001, expected: 1 },
    { name: "accepts an error exactly at rtol * |b| (11 for 10, rtol 0.1)", received: 11, expected: 10, options: TENTH },
    { name: "accepts an error exactly at rtol * |b| from below", received: 9, expected: 10, options: TENTH },
    { name: "accepts an error exactly at atol around 0", received: 0.25, expected: 0, options: { rtol: 0, atol: 0.25 } },
    { received: -2.00001, expected: -2 },
    { name: "accepts a tiny number for a zero expected within atol", received: 1e-9, expected: 0 },
    { received: -0, expected: 0, options: { rtol: 0, atol: 0 } },
    { name: "scales the tolerance by the expected value: 0.9 for 1 with rtol 0.1", received: 0.9, expected: 1, options: TENTH },
    { name: "accepts NaN where the rubric expects NaN", received: Number.NaN, expected: Number.NaN },
    { received: Number.POSITIVE_INFINITY, expected: Number.POSITIVE_INFINITY },
    { received: Number.NEGATIVE_INFINITY, expected: Number.NEGATIVE_INFINITY },
    { name: "accepts null where the reference has no value", received: null, expected: null },
  ],
  fail: [
    { received: 11.5, expected: 10, options: TENTH, messageId: "far", data: { received: 11.5, expected: 10, rtol: 0.1, atol: 0 } },
    { name: "rejects one ulp past rtol * |b|", received: 11.000000000000002, expected: 10, options: TENTH, messageId: "far" },
    { name: "rejects 1 for 0.9 with rtol 0.1 (b is the expected value)", received: 1, expected: 0.9, options: TENTH, messageId: "far" },
    { name: "rejects 1e-7 for a zero expected under the numpy defaults", received: 1e-7, expected: 0, messageId: "far" },
    { name: "rejects a flipped sign", received: -1, expected: 1, messageId: "far" },
    { name: "rejects a difference that overflows", received: 1e308, expected: -1e308, messageId: "far" },
    { name: "rejects NaN for a finite expected", received: Number.NaN, expected: 1, messageId: "mismatch", data: { received: "nan", expected: 1 } },
    { name: "rejects a number where the rubric expects NaN", received: 1, expected: Number.NaN, messageId: "mismatch" },
    { received: Number.NaN, expected: Number.POSITIVE_INFINITY, messageId: "mismatch" },
    { received: Number.POSITIVE_INFINITY, expected: Number.NaN, messageId: "mismatch" },
    { name: "rejects inf for the largest finite number", received: Number.POSITIVE_INFINITY, expected: 1e308, messageId: "mismatch" },
    { name: "rejects the largest finite number for inf", received: 1e308, expected: Number.POSITIVE_INFINITY, messageId: "mismatch" },
    { name: "never treats two infinities as close", received: Number.NEGATIVE_INFINITY, expected: Number.POSITIVE_INFINITY, messageId: "mismatch", data: { received: "-inf", expected: "inf" } },
    { received: "0.5", expected: 0.5, messageId: "type", data: { expected_type: "a number", received_type: "a string" } },
    { received: [0.5], expected: 0.5, messageId: "type", data: { received_type: "a vector of 1" } },
    { received: true, expected: 1, messageId: "type", data: { received_type: "a boolean" } },
    { received: null, expected: 0.5, messageId: "type", data: { received_type: "null" } },
    { received: { a: 1 }, expected: 0.5, messageId: "type", data: { received_type: "an object" } },
    { received: 0.5, expected: null, messageId: "expected-null", data: { received: "0.5" } },
    { received: 1, expected: "one", messageId: "bad-reference", data: { reference_type: "a string" } },
  ],
});

describe("relabs against numpy", () => {
  it("uses numpy's isclose defaults", () => {
    expect(comparator.meta.defaults).toEqual({ rtol: RTOL_DEFAULT, atol: ATOL_DEFAULT });
    expect([RTOL_DEFAULT, ATOL_DEFAULT]).toEqual([1e-5, 1e-8]);
  });

  it("agrees with numpy.isclose(equal_nan=True) on every golden case, boundaries included", () => {
    const { count, disagreements } = goldenDisagreements("relabs");
    expect(count).toBeGreaterThan(1000);
    expect(disagreements).toEqual([]);
  });
});
