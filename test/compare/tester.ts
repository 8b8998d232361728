import { describe, expect, it } from "vitest";
import { type ComparatorMode, compareWith, getComparator, renderMessage } from "../../src/compare/index.ts";
import type { CompareOutcome } from "../../src/compare/types.ts";
import type { Value } from "../../src/value.ts";

export interface PassCase {
  /** a test name; by default one is made from the values */
  name?: string;
  received: Value;
  expected: Value;
  options?: Record<string, unknown>;
}

export interface FailCase extends PassCase {
  messageId: string;
  /** the exact score; when left out the score must be false or 0 */
  score?: number | boolean;
  /** a subset of the outcome's data */
  data?: Record<string, string | number>;
  worst?: string[];
}

/** A value as a test name shows it, non-finite numbers included (JSON.stringify would print null). */
export function show(value: unknown): string {
  const text = JSON.stringify(value, (_key, v) =>
    typeof v === "number" && !Number.isFinite(v) ? `__${String(v)}__` : v,
  ).replace(/"__(NaN|-?Infinity)__"/g, "$1");
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function caseName(verb: string, c: PassCase): string {
  const options = c.options ? ` with ${show(c.options)}` : "";
  return c.name ?? `${verb} ${show(c.received)} for ${show(c.expected)}${options}`;
}

/** Both renderings are whole sentences, and the hidden one gives nothing away. */
function expectRenders(mode: ComparatorMode, outcome: CompareOutcome): void {
  const visible = renderMessage(mode, outcome, { hidden: false });
  const hidden = renderMessage(mode, outcome, { hidden: true });
  expect(visible).not.toMatch(/\{\{/);
  expect(hidden).not.toMatch(/\{\{/);
  // renderMessage blanks an answer-revealing value as "(hidden)" only when a template still asks for one
  expect(hidden).not.toContain("(hidden)");
}

/** Table-driven tests for one comparator, in the manner of ESLint's RuleTester. */
export function runComparatorTests(mode: ComparatorMode, cases: { pass: PassCase[]; fail: FailCase[] }): void {
  const { messages } = getComparator(mode).meta;
  describe(`${mode} comparator`, () => {
    describe("passes", () => {
      for (const c of cases.pass) {
        it(caseName("accepts", c), () => {
          const outcome = compareWith(mode, c.received, c.expected, c.options);
          expect(outcome.score === true || outcome.score === 1, `outcome ${show(outcome)}`).toBe(true);
          expect(Object.keys(messages)).toContain(outcome.messageId);
          expectRenders(mode, outcome);
        });
      }
    });
    describe("fails", () => {
      for (const c of cases.fail) {
        it(`${caseName("rejects", c)} (${c.messageId})`, () => {
          const outcome = compareWith(mode, c.received, c.expected, c.options);
          expect(outcome.messageId, `outcome ${show(outcome)}`).toBe(c.messageId);
          expect(Object.keys(messages)).toContain(outcome.messageId);
          if (c.score === undefined) expect([false, 0]).toContain(outcome.score);
          else if (typeof c.score === "number") expect(outcome.score).toBeCloseTo(c.score, 12);
          else expect(outcome.score).toBe(c.score);
          if (c.data) expect(outcome.data).toMatchObject(c.data);
          if (c.worst) expect(outcome.worst).toEqual(c.worst);
          expectRenders(mode, outcome);
        });
      }
    });
  });
}
