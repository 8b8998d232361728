import type { Value } from "../value.ts";
import { builtinComparators, type ComparatorMode } from "./builtins.ts";
import { type AnyComparator, ComparatorRegistry } from "./registry.ts";
import type { CompareOutcome } from "./types.ts";

export { formatNumber, formatValue, redactExpected, revealsAnswer } from "./format.ts";
export { BUILTIN_COMPARATORS, builtinComparators, type ComparatorMode } from "./builtins.ts";
export { type AnyComparator, ComparatorRegistry } from "./registry.ts";
export { BUILTIN_REGISTRIES, comparatorProblems, createRegistries, diagnoserProblems, type Registries, type RegistryAdditions } from "./registries.ts";
export { nestedTolerance, statedTolerance } from "./stated-tolerance.ts";
export type { Comparator, ComparatorMeta, CompareContext, CompareOutcome, Expects, PlotHint, Tolerance, ToleranceOf } from "./types.ts";

/** A registry sorted by id; two comparators claiming one id is a programming error and throws. */
export function createRegistry(comparators: readonly AnyComparator[]): ReadonlyMap<string, AnyComparator> {
  const registry = new ComparatorRegistry(comparators);
  return new Map(registry.all().map((comparator) => [comparator.meta.id, comparator]));
}

/** whether `mode` is a built-in mode (a course's own mode is known to its registry only) */
export function isComparatorMode(mode: string): mode is ComparatorMode {
  return builtinComparators.has(mode);
}

/** a built-in comparator by mode; throws, naming the known modes, for any other */
export function getComparator(mode: string): AnyComparator {
  return builtinComparators.get(mode);
}

/** every built-in mode, sorted */
export function comparatorIds(): ComparatorMode[] {
  return builtinComparators.ids() as ComparatorMode[];
}

/** Options as the comparator sees them: its defaults under the rubric's options (undefined never hides a default). */
export function resolveOptions(mode: string, options: Record<string, unknown> = {}): Record<string, unknown> {
  return builtinComparators.resolveOptions(mode, options);
}

/** Runs one built-in comparator with its defaults merged in; composite comparators call back through the context. */
export function compareWith(mode: string, received: Value, expected: Value, options: Record<string, unknown> = {}): CompareOutcome {
  return builtinComparators.compareWith(mode, received, expected, options);
}

/** The outcome of a built-in comparator as a sentence (ComparatorRegistry.renderMessage). */
export function renderMessage(mode: string, outcome: CompareOutcome, options: { hidden: boolean }): string {
  return builtinComparators.renderMessage(mode, outcome, options);
}
