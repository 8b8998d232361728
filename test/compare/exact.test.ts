import { runComparatorTests } from "./tester.ts";

const KINDS = { choices: ["min", "max"] };
const KINDS_WITH_ALIASES = { choices: ["min", "max"], aliases: { minimum: "min", "local minimum": "min", maximum: "max" } };

runComparatorTests("exact", {
  pass: [
    { received: true, expected: true },
    { name: "ignores case and surrounding spaces by default", received: " Max ", expected: "max" },
    { received: "min", expected: "min", options: KINDS },
    { received: ["min", "max", "min"], expected: ["min", "max", "min"], options: KINDS },
    { received: ["B", "C", "D", "F"], expected: ["B", "C", "D", "F"] },
    { received: 3, expected: 3 },
    { name: "accepts labels in any order when unordered", received: ["F", "b", "C", "D"], expected: ["B", "C", "D", "F"], options: { unordered: true } },
    {
      name: "accepts another spelling of a choice the rubric lists as an alias",
      received: ["Local Minimum", "maximum", "min"],
      expected: ["min", "max", "min"],
      options: KINDS_WITH_ALIASES,
    },
    { received: null, expected: null },
    { received: [[1, 2], [3]], expected: [[1, 2], [3]] },
    { name: "accepts NaN where the reference has NaN", received: Number.NaN, expected: Number.NaN },
    { received: Number.POSITIVE_INFINITY, expected: Number.POSITIVE_INFINITY },
  ],
  fail: [
    { received: false, expected: true, messageId: "mismatch", data: { received: "false", expected: "true" } },
    { received: "true", expected: true, messageId: "type", data: { expected_type: "a boolean", received_type: "a string" } },
    { received: "Max", expected: "max", options: { case_sensitive: true }, messageId: "mismatch" },
    { received: "max ", expected: "max", options: { trim: false }, messageId: "mismatch" },
    { name: "still wants every label when unordered", received: ["F", "B", "C", "C"], expected: ["B", "C", "D", "F"], options: { unordered: true }, messageId: "elements" },
    { name: "an alias of the wrong choice is still wrong", received: "minimum", expected: "max", options: KINDS_WITH_ALIASES, messageId: "mismatch" },
    { received: "mx", expected: "max", options: KINDS, messageId: "not-a-choice", data: { received: '"mx"', choices: '"min", "max"' } },
    { name: "rejects a wrong choice as wrong, not as unknown", received: "MIN", expected: "max", options: KINDS, messageId: "mismatch" },
    {
      received: ["min", "min", "min"],
      expected: ["min", "max", "min"],
      options: KINDS,
      messageId: "elements",
      data: { bad: 1, total: 3, first_at: "[1]", first_received: '"min"', first_expected: '"max"' },
      worst: ["[1]"],
    },
    { received: ["min", "mx"], expected: ["min", "max"], options: KINDS, messageId: "not-a-choice", worst: ["[1]"] },
    { received: ["min"], expected: ["min", "max"], messageId: "length", data: { expected_length: 2, received_length: 1 } },
    { received: "min", expected: ["min"], messageId: "type", data: { expected_type: "a list" } },
    { received: [[1, 2], [3, 4]], expected: [[1, 2], [3]], messageId: "elements", data: { first_at: "[1][0]", first_received: "nothing" } },
    { received: 3.5, expected: 3, messageId: "mismatch" },
    { received: Number.NaN, expected: 3, messageId: "mismatch" },
    { received: 3, expected: Number.NaN, messageId: "mismatch" },
    { received: Number.NEGATIVE_INFINITY, expected: Number.POSITIVE_INFINITY, messageId: "mismatch" },
    { received: 0, expected: null, messageId: "expected-null" },
    { received: null, expected: 0, messageId: "type", data: { received_type: "null" } },
    { received: { kind: "min" }, expected: "min", messageId: "type", data: { received_type: "an object" } },
    { received: "min", expected: { kind: "min" }, messageId: "bad-reference" },
  ],
});
