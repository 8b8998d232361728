/**
 * A table-driven tester for comparators, in the manner of ESLint's
 * RuleTester: cases that must pass, cases that must fail with a message id
 * (and a score, data, worst elements). It checks each outcome against the
 * comparator's meta (a declared message id; both renderings whole
 * sentences; a hidden rendering that shows no "(hidden)" blank) and throws
 * an Error listing what is wrong, so it runs under any test framework.
 */
import { BUILTIN_REGISTRIES, createRegistries, type Registries } from "../compare/registries.ts";
import type { AnyComparator } from "../compare/registry.ts";
import type { CompareOutcome } from "../compare/types.ts";
import type { Value } from "../value.ts";

/** a case that must pass: the received and expected values and the item's options */
export interface PassCase {
  /** a test name; by default one is made from the values */
  name?: string;
  received: Value;
  expected: Value;
  options?: Record<string, unknown>;
}

/** a case that must fail: with the message id, and optionally the score, data and worst elements it must give */
export interface FailCase extends PassCase {
  messageId: string;
  /** the exact score; when left out the score must be false or 0 */
  score?: number | boolean;
  /** a subset of the outcome's data */
  data?: Record<string, string | number>;
  worst?: string[];
}

/** the cases of a comparator's table test: those that must pass and those that must fail */
export interface ComparatorCases {
  pass: PassCase[];
  fail: FailCase[];
}

/** One runnable case: `run` throws an Error that says what is wrong. */
export interface ComparatorTest {
  name: string;
  run(): void;
}

/** What runComparatorTests needs of a test framework: vitest's, jest's and mocha's describe and it fit. */
export interface TestFramework {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => void): void;
}

/** A value as a test name shows it, non-finite numbers included (JSON.stringify would print null). */
export function show(value: unknown): string {
  const text = JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? `__${String(v)}__` : v)).replace(/"__(NaN|-?Infinity)__"/g, "$1");
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function caseName(verb: string, c: PassCase): string {
  const options = c.options ? ` with ${show(c.options)}` : "";
  return c.name ?? `${verb} ${show(c.received)} for ${show(c.expected)}${options}`;
}

/** a built-in mode, or a comparator of one's own (registered beside the built-ins for the test) */
function registriesFor(comparator: string | AnyComparator): { mode: string; registries: Registries } {
  if (typeof comparator === "string") return { mode: comparator, registries: BUILTIN_REGISTRIES };
  if (BUILTIN_REGISTRIES.comparators.has(comparator.meta.id) && BUILTIN_REGISTRIES.comparators.get(comparator.meta.id) === comparator) {
    return { mode: comparator.meta.id, registries: BUILTIN_REGISTRIES };
  }
  return { mode: comparator.meta.id, registries: createRegistries({ comparators: [comparator] }) };
}

function renderingProblems(registries: Registries, mode: string, outcome: CompareOutcome): string[] {
  const problems: string[] = [];
  const messages = registries.comparators.get(mode).meta.messages as Record<string, string>;
  if (!(outcome.messageId in messages)) problems.push(`message id "${outcome.messageId}" is not one of the comparator's: ${Object.keys(messages).join(", ")}`);
  else {
    const visible = registries.comparators.renderMessage(mode, outcome, { hidden: false });
    const hidden = registries.comparators.renderMessage(mode, outcome, { hidden: true });
    if (/\{\{/.test(visible) || /\{\{/.test(hidden)) problems.push(`a message keeps a placeholder: "${visible}" / "${hidden}"`);
    // renderMessage blanks an answer-revealing value as "(hidden)" only when a template still asks for one
    if (hidden.includes("(hidden)")) problems.push(`the hidden message needs a value it may not show: "${hidden}"`);
  }
  return problems;
}

function failIf(problems: string[], outcome: CompareOutcome): void {
  if (problems.length > 0) throw new Error(`${problems.join("; ")} (outcome ${show(outcome)})`);
}

/** The cases as runnable tests, for a built-in mode or a comparator of one's own. */
export function comparatorTests(comparator: string | AnyComparator, cases: ComparatorCases): { pass: ComparatorTest[]; fail: ComparatorTest[] } {
  const { mode, registries } = registriesFor(comparator);
  const compare = (c: PassCase) => registries.comparators.compareWith(mode, c.received, c.expected, c.options);
  return {
    pass: cases.pass.map((c) => ({
      name: caseName("accepts", c),
      run() {
        const outcome = compare(c);
        const problems = outcome.score === true || outcome.score === 1 ? [] : ["expected a pass"];
        failIf([...problems, ...renderingProblems(registries, mode, outcome)], outcome);
      },
    })),
    fail: cases.fail.map((c) => ({
      name: `${caseName("rejects", c)} (${c.messageId})`,
      run() {
        const outcome = compare(c);
        const problems: string[] = [];
        if (outcome.messageId !== c.messageId) problems.push(`expected message id "${c.messageId}", got "${outcome.messageId}"`);
        if (c.score === undefined && outcome.score !== false && outcome.score !== 0) problems.push("expected a score of false or 0");
        if (typeof c.score === "number" && !(typeof outcome.score === "number" && Math.abs(outcome.score - c.score) < 5e-13)) problems.push(`expected the score ${c.score}`);
        if (typeof c.score === "boolean" && outcome.score !== c.score) problems.push(`expected the score ${c.score}`);
        for (const [key, value] of Object.entries(c.data ?? {})) {
          if (!Object.is(outcome.data?.[key], value)) problems.push(`expected data.${key} ${show(value)}, got ${show(outcome.data?.[key])}`);
        }
        if (c.worst !== undefined && show(outcome.worst) !== show(c.worst)) problems.push(`expected worst ${show(c.worst)}`);
        failIf([...problems, ...renderingProblems(registries, mode, outcome)], outcome);
      },
    })),
  };
}

/** Declares one test per case with the framework's describe and it. */
export function runComparatorTests(comparator: string | AnyComparator, cases: ComparatorCases, framework: TestFramework): void {
  const tests = comparatorTests(comparator, cases);
  const mode = typeof comparator === "string" ? comparator : comparator.meta.id;
  framework.describe(`${mode} comparator`, () => {
    framework.describe("passes", () => {
      for (const test of tests.pass) framework.it(test.name, () => test.run());
    });
    framework.describe("fails", () => {
      for (const test of tests.fail) framework.it(test.name, () => test.run());
    });
  });
}
