import { comparator as array } from "./array.ts";
import { comparator as band } from "./band.ts";
import { comparator as curve } from "./curve.ts";
import { comparator as decdig } from "./decdig.ts";
import { comparator as engine } from "./engine.ts";
import { comparator as exact } from "./exact.ts";
import { comparator as oneof } from "./oneof.ts";
import { comparator as range } from "./range.ts";
import { comparator as relabs } from "./relabs.ts";
import { comparator as set } from "./set.ts";
import { comparator as sigfig } from "./sigfig.ts";
import { type AnyComparator, ComparatorRegistry } from "./registry.ts";

/** the built-in modes; a registry's key type is any string (a course may add its own) */
export type ComparatorMode =
  | "array"
  | "band"
  | "curve"
  | "decdig"
  | "engine"
  | "exact"
  | "oneof"
  | "range"
  | "relabs"
  | "set"
  | "sigfig";

/** Keyed by mode so that the compiler insists on one comparator for every built-in mode. */
const COMPARATORS_BY_MODE: Record<ComparatorMode, AnyComparator> = {
  array,
  band,
  curve,
  decdig,
  engine,
  exact,
  oneof,
  range,
  relabs,
  set,
  sigfig,
};

for (const [mode, comparator] of Object.entries(COMPARATORS_BY_MODE)) {
  if (comparator.meta.id !== mode) throw new Error(`comparator "${comparator.meta.id}" is registered as "${mode}"`);
}

/** The built-in comparators, the registry every grading starts from (createRegistries adds a course's own). */
export const BUILTIN_COMPARATORS: readonly AnyComparator[] = Object.values(COMPARATORS_BY_MODE);

/** The registry of the built-in comparators only; the functions of index.ts ask it. */
export const builtinComparators = new ComparatorRegistry(BUILTIN_COMPARATORS);
