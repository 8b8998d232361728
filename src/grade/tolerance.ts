import { builtinComparators } from "../compare/builtins.ts";
import type { ComparatorRegistry } from "../compare/registry.ts";
import type { Tolerance } from "../compare/types.ts";

/**
 * The tolerance an item was graded with, so that a diagnosis ("transposed",
 * "a factor of 2") holds to the same standard as the comparison that failed.
 * Each comparator's meta says how its options state it (array's and oneof's
 * are those of the comparator they nest).
 */
export function itemTolerance(mode: string, options: Record<string, unknown>, comparators: ComparatorRegistry = builtinComparators): Tolerance {
  return comparators.tolerance(mode, options);
}
