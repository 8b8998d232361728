/** The comparators' table-driven tests, through nngrade/testing's tester with vitest's describe and it. */
import { describe, it } from "vitest";
import type { ComparatorMode } from "../../src/compare/index.ts";
import { type ComparatorCases, runComparatorTests as runWith } from "../../src/testing.ts";

export { type FailCase, type PassCase, show } from "../../src/testing.ts";

export function runComparatorTests(mode: ComparatorMode, cases: ComparatorCases): void {
  runWith(mode, cases, { describe, it });
}
