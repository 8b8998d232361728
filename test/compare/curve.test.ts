import { runComparatorTests } from "./tester.ts";

const INF = Number.POSITIVE_INFINITY;
const NAN = Number.NaN;
/** a loss that halves every epoch */
const DECAY = Array.from({ length: 100 }, (_, i) => 4 * 0.5 ** i);
/** an unstable run that keeps jumping between two levels, as hw4 q7 with lr 1.0 */
const OSCILLATION = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 0.1 : 2.2));
const OSCILLATION_AFTER_10 = [...OSCILLATION.slice(0, 10), ...Array.from({ length: 90 }, (_, i) => (i % 3 === 0 ? 0.4 : 1.9))];
/** a run cut short by an overflow, as hw4 q7 with lr 5.0 */
const BLOWN_UP = [0.3, 12.6, 1.4e8, 2.6e28];
const DOES_NOT_SETTLE = { kind: "does-not-settle", window: 10, min_range: 1 };

runComparatorTests("curve", {
  pass: [
    { name: "accepts an exact copy of a 100-epoch curve", received: DECAY, expected: DECAY },
    { received: DECAY.map((v) => v * (1 + 1e-7)), expected: DECAY },
    {
      name: "grades a chaotic run on its first 10 epochs and its behaviour",
      received: OSCILLATION_AFTER_10,
      expected: OSCILLATION,
      options: { prefix: 10, properties: [DOES_NOT_SETTLE] },
    },
    {
      name: "accepts a run cut short by its divergence as the reference's is",
      received: [0.3, 12.6, 1.4e8],
      expected: BLOWN_UP,
      options: { prefix: 2, properties: [{ kind: "diverges", epochs: 100 }] },
    },
    { name: "accepts a run that ends in inf as diverged", received: [0.3, 12.6, INF], expected: BLOWN_UP, options: { prefix: 2, properties: [{ kind: "diverges" }] } },
    { name: "accepts a run that ends in NaN as diverged", received: [0.3, 12.6, NAN], expected: BLOWN_UP, options: { prefix: 2, properties: [{ kind: "diverges" }] } },
    { name: "compares only what the reference has when it is shorter than the prefix", received: [...BLOWN_UP, INF], expected: BLOWN_UP, options: { prefix: 10 } },
    { received: DECAY, expected: DECAY, options: { properties: [{ kind: "converges", to: 0, tol: 1e-3, window: 10 }] } },
    { name: "converges without a target when the last values agree", received: [5, 2, 2.0005, 1.9998], expected: [0, 0, 0, 0], options: { prefix: 0, properties: [{ kind: "converges", tol: 1e-3, window: 3 }] } },
    { name: "allows a rise within the slack", received: [3, 2, 2.05, 1], expected: [3, 2, 2.05, 1], options: { properties: [{ kind: "non-increasing", slack: 0.1 }] } },
    { name: "accepts a loss above 0 however close", received: [2.3, 0.5, 1e-9], expected: [2.3, 0.4, 0.3], options: { prefix: 0, properties: [{ kind: "above", value: 0 }] } },
    {
      name: "accepts a run of another length where the student chooses the epochs (a prefix, length any)",
      received: [...DECAY, 1e-30],
      expected: DECAY,
      options: { prefix: 0, length: "any" },
    },
    { received: [NAN, 1], expected: [NAN, 1] },
    { received: [INF, -INF], expected: [INF, -INF] },
    { received: [], expected: [] },
    { received: null, expected: null },
  ],
  fail: [
    { received: DECAY.slice(0, 99), expected: DECAY, messageId: "length", data: { expected_length: 100, received_length: 99 } },
    {
      name: "rejects a curve shifted by one epoch",
      received: [8, ...DECAY.slice(0, 99)],
      expected: DECAY,
      messageId: "epoch",
      // 8 * 0.5^i against 4 * 0.5^i is off while 4 * 0.5^i > atol 1e-8, for i = 0..28
      data: { epoch: 1, received: 8, expected: 4, bad: 29, compared: 100 },
      worst: ["[0]", "[1]", "[2]", "[3]", "[4]"],
    },
    { name: "names the first epoch that differs", received: [4, 2, 1.5, 0.5], expected: [4, 2, 1, 0.5], messageId: "epoch", data: { epoch: 3, bad: 1 } },
    { name: "rejects a chaotic run compared beyond its prefix", received: OSCILLATION_AFTER_10, expected: OSCILLATION, messageId: "epoch", data: { epoch: 11 } },
    { received: DECAY.slice(0, 5), expected: DECAY, options: { prefix: 10 }, messageId: "too-short", data: { expected_length: 10, received_length: 5 } },
    {
      name: "holds a prefix-graded run that never diverges to the asked epochs (length asked)",
      received: OSCILLATION.slice(0, 50),
      expected: OSCILLATION,
      options: { prefix: 10, length: "asked", properties: [DOES_NOT_SETTLE] },
      messageId: "length",
      data: { expected_length: 100, received_length: 50 },
    },
    {
      name: "rejects a loss that reaches 0 or below: no cross-entropy does (2000 values of -1e-300 passed the convergence checks)",
      received: Array(2000).fill(-1e-300),
      expected: [2.3, 0.4, 0.3],
      options: { prefix: 0, length: "any", properties: [{ kind: "above", value: 0 }, { kind: "converges", to: 0.35, tol: 0.35, window: 1 }] },
      messageId: "not-above",
      data: { value: -1e-300, epoch: 1, bound: 0, property: 1 },
    },
    {
      name: "rejects a NaN under an above check as not finite",
      received: [0.5, NAN],
      expected: [0.5, 0.4],
      options: { prefix: 0, properties: [{ kind: "above", value: 0 }] },
      messageId: "not-finite",
      data: { epoch: 2, kind: "above" },
    },
    {
      name: "rejects a run that settles where the reference keeps oscillating",
      received: [...OSCILLATION.slice(0, 10), ...Array(90).fill(1)],
      expected: OSCILLATION,
      options: { prefix: 10, properties: [DOES_NOT_SETTLE] },
      messageId: "settles",
      data: { window: 10, spread: 0, min_range: 1, property: 1 },
    },
    {
      name: "rejects a full run that stays finite where the reference diverges",
      received: [0.3, 12.6, ...Array(98).fill(40)],
      expected: BLOWN_UP,
      options: { prefix: 2, properties: [{ kind: "diverges", epochs: 100 }] },
      messageId: "not-diverged",
      data: { received_length: 100, bound: 1e12 },
    },
    {
      name: "rejects a run that comes back below the bound after passing it",
      received: [0.3, 12.6, 2.6e28, 1.7e89, ...Array(96).fill(0)],
      expected: BLOWN_UP,
      options: { prefix: 2, properties: [{ kind: "diverges", epochs: 100 }] },
      messageId: "not-diverged",
      data: { received_length: 100, bound: 1e12 },
    },
    { name: "does not count a short run as diverged when the reference ran in full", received: [1, 2, 3], expected: DECAY, options: { prefix: 0, properties: [{ kind: "diverges", epochs: 100 }] }, messageId: "not-diverged" },
    { received: DECAY.map((v) => v + 0.01), expected: DECAY, options: { prefix: 0, properties: [{ kind: "converges", to: 0, tol: 1e-3, window: 10 }] }, messageId: "not-converged-to", data: { to_expected: 0, tol: 0.001 } },
    { received: [1, 0.5, 0.1, 0.05], expected: [0, 0, 0, 0], options: { prefix: 0, properties: [{ kind: "converges", tol: 1e-3, window: 3 }] }, messageId: "not-converged", data: { window: 3 } },
    { received: [3, 2, 2.05, 1], expected: [3, 2, 2.05, 1], options: { properties: [{ kind: "non-increasing", slack: 0.01 }] }, messageId: "rises", data: { epoch: 3, previous: 2, value: 2.05 } },
    { name: "does not call a run of infinities non-increasing", received: [3, INF, INF], expected: [3, INF, INF], options: { properties: [{ kind: "non-increasing" }] }, messageId: "not-finite", data: { epoch: 2, value: "inf" } },
    { name: "does not call NaN converged", received: [1, NAN, NAN], expected: [0, 0, 0], options: { prefix: 0, properties: [{ kind: "converges", tol: 1, window: 2 }] }, messageId: "not-finite" },
    { received: [1, 2, 1], expected: [1, 2, 1], options: { properties: [DOES_NOT_SETTLE] }, messageId: "short-for-window", data: { received_length: 3, window: 10 } },
    {
      name: "names the first failing property",
      received: [3, 4, 5],
      expected: [3, 4, 5],
      options: { properties: [{ kind: "converges", tol: 10, window: 2 }, { kind: "non-increasing" }, { kind: "diverges" }] },
      messageId: "rises",
      data: { property: 2 },
    },
    { received: [NAN, 1], expected: [0, 1], messageId: "epoch", data: { received: "nan" } },
    { received: [0, 1], expected: [NAN, 1], messageId: "epoch" },
    { received: [-INF], expected: [INF], messageId: "epoch" },
    { received: [1e308], expected: [INF], messageId: "epoch" },
    { received: [1, "2"], expected: [1, 2], messageId: "type", data: { expected_type: "a list of numbers" } },
    { received: 3, expected: [1, 2], messageId: "type", data: { received_type: "a number" } },
    { received: [1], expected: null, messageId: "expected-null" },
    { received: [1], expected: [[1]], messageId: "bad-reference" },
  ],
});
