/**
 * A student's typical slips applied to a value, for property tests that
 * want received values close to the expected ones (so that every diagnoser
 * gets past its guards): the unit tests and the fuzz runs draw from here.
 */
import type { Value } from "../../src/value.ts";

export function mapNumbers(value: Value, f: (x: number) => number): Value {
  return typeof value === "number" ? f(value) : Array.isArray(value) ? value.map((x) => mapNumbers(x, f)) : value;
}

/** `how`: negate, double, round, plus-one, chance, percent, shift, reverse, softmax, transpose; anything else a copy */
export function slip(expected: Value, how: string): Value {
  switch (how) {
    case "negate":
      return mapNumbers(expected, (x) => -x);
    case "double":
      return mapNumbers(expected, (x) => 2 * x);
    case "round":
      return mapNumbers(expected, (x) => Math.round(x * 10) / 10);
    case "plus-one":
      return mapNumbers(expected, (x) => x + 1);
    case "chance":
      return mapNumbers(expected, (x) => x / 20);
    case "percent":
      return mapNumbers(expected, (x) => 100 * x);
    case "shift":
      return Array.isArray(expected) ? [0, ...expected.slice(0, -1)] : expected;
    case "reverse":
      return Array.isArray(expected) ? [...expected].reverse() : expected;
    case "softmax":
      return Array.isArray(expected) && expected.every(Array.isArray)
        ? (expected as Value[][]).map((row) => {
            const exps = row.map((x) => (typeof x === "number" ? Math.exp(x) : x));
            const sum = exps.reduce<number>((a, b) => a + (typeof b === "number" ? b : 0), 0);
            return exps.map((x) => (typeof x === "number" ? x / sum : x));
          })
        : expected;
    case "transpose":
      return Array.isArray(expected) && expected.every(Array.isArray)
        ? ((expected[0] as Value[] | undefined)?.map((_, c) => (expected as Value[][]).map((row) => row[c] ?? null)) ?? [])
        : expected;
    default:
      return structuredClone(expected);
  }
}
