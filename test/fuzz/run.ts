/**
 * How the fuzz suite runs its properties: many cases (NNGRADE_FUZZ_RUNS,
 * 100,000 by default) from a fixed seed, so that a failure in CI happens
 * again on a laptop; NNGRADE_FUZZ_SEED=random explores new cases. A failure
 * names the seed and the path of the counterexample to replay it with.
 */
import fc from "fast-check";
import { expect } from "vitest";

export const FUZZ_RUNS_DEFAULT = 100_000;
export const FUZZ_SEED_DEFAULT = 20_240_917;

export const FUZZ_RUNS = readRuns(process.env.NNGRADE_FUZZ_RUNS);
export const FUZZ_SEED = readSeed(process.env.NNGRADE_FUZZ_SEED);
/** with the seed, replays one counterexample of one property (select it with -t) */
const FUZZ_PATH = process.env.NNGRADE_FUZZ_PATH || undefined;

/** Runs a property FUZZ_RUNS times and throws fast-check's report, shrunk, with the line that replays it. */
export function fuzz<Ts>(property: fc.IProperty<Ts>): void {
  const parameters: fc.Parameters<Ts> = { numRuns: FUZZ_RUNS, seed: FUZZ_SEED };
  if (FUZZ_PATH !== undefined) parameters.path = FUZZ_PATH;
  const details = fc.check(property, parameters);
  if (!details.failed) return;
  const name = expect.getState().currentTestName ?? "";
  const replay = `NNGRADE_FUZZ_SEED=${details.seed} NNGRADE_FUZZ_PATH=${details.counterexamplePath ?? ""} npm run fuzz -- -t ${JSON.stringify(name)}`;
  throw new Error(`${fc.defaultReportMessage(details) ?? "property failed"}\n\nreplay: ${replay}`);
}

/** A check whose message is only built when it fails: the properties run it millions of times. */
export function must(condition: boolean, explain: () => string): asserts condition {
  if (!condition) throw new Error(explain());
}

/** JSON.stringify that shows NaN, the infinities, -0 and undefined, for messages */
export function show(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_, inner: unknown) => {
      if (typeof inner === "number" && (!Number.isFinite(inner) || Object.is(inner, -0))) return `<${Object.is(inner, -0) ? "-0" : inner}>`;
      if (inner === undefined) return "<undefined>";
      if (typeof inner === "bigint") return `<${inner}n>`;
      return inner;
    });
    return text === undefined ? String(value) : text.length > 2000 ? `${text.slice(0, 2000)}...` : text;
  } catch {
    return String(value);
  }
}

/** Nothing the code under test did may leave a key on Object.prototype (a "__proto__" read as a key, not a prototype). */
export function mustNotPollute(): void {
  const keys = Object.getOwnPropertyNames(Object.prototype).filter((key) => !PROTOTYPE_KEYS.has(key));
  must(keys.length === 0, () => `Object.prototype gained ${show(keys)}`);
}

const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

function readRuns(text: string | undefined): number {
  if (text === undefined || text === "") return FUZZ_RUNS_DEFAULT;
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`NNGRADE_FUZZ_RUNS must be a positive integer, got '${text}'`);
  return runs;
}

function readSeed(text: string | undefined): number {
  if (text === undefined || text === "") return FUZZ_SEED_DEFAULT;
  // fast-check's seeds are 32-bit integers
  if (text === "random") return (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new Error(`NNGRADE_FUZZ_SEED must be an integer or 'random', got '${text}'`);
  return seed | 0;
}
