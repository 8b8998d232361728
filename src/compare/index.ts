import type { Value } from "../value.ts";
import { comparator as array } from "./array.ts";
import { comparator as band } from "./band.ts";
import { comparator as curve } from "./curve.ts";
import { comparator as decdig } from "./decdig.ts";
import { comparator as engine } from "./engine.ts";
import { comparator as exact } from "./exact.ts";
import { formatDistinct, formatNumber, revealsAnswer } from "./format.ts";
import { comparator as oneof } from "./oneof.ts";
import { comparator as range } from "./range.ts";
import { comparator as relabs } from "./relabs.ts";
import { comparator as set } from "./set.ts";
import { comparator as sigfig } from "./sigfig.ts";
import type { Comparator, CompareContext, CompareOutcome } from "./types.ts";

export { formatNumber, formatValue, redactExpected, revealsAnswer } from "./format.ts";
export type { Comparator, CompareContext, CompareOutcome } from "./types.ts";

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

// biome-ignore lint/suspicious/noExplicitAny: each comparator has its own options type; the registry holds them all
type AnyComparator = Comparator<any>;

/** Keyed by mode so that the compiler insists on one comparator for every mode of the union. */
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

/** A registry sorted by id; two comparators claiming one id is a programming error and throws. */
export function createRegistry(comparators: readonly AnyComparator[]): ReadonlyMap<string, AnyComparator> {
  const registry = new Map<string, AnyComparator>();
  for (const comparator of [...comparators].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0))) {
    if (registry.has(comparator.meta.id)) throw new Error(`comparator "${comparator.meta.id}" is registered twice`);
    registry.set(comparator.meta.id, comparator);
  }
  return registry;
}

for (const [mode, comparator] of Object.entries(COMPARATORS_BY_MODE)) {
  if (comparator.meta.id !== mode) throw new Error(`comparator "${comparator.meta.id}" is registered as "${mode}"`);
}

const REGISTRY = createRegistry(Object.values(COMPARATORS_BY_MODE));

export function isComparatorMode(mode: string): mode is ComparatorMode {
  return REGISTRY.has(mode);
}

export function getComparator(mode: string): AnyComparator {
  const comparator = REGISTRY.get(mode);
  if (comparator === undefined) throw new Error(`unknown comparison mode "${mode}"; known modes: ${comparatorIds().join(", ")}`);
  return comparator;
}

/** every mode, sorted */
export function comparatorIds(): ComparatorMode[] {
  return [...REGISTRY.keys()] as ComparatorMode[];
}

/** Options as the comparator sees them: its defaults under the rubric's options (undefined never hides a default). */
export function resolveOptions(mode: string, options: Record<string, unknown> = {}): Record<string, unknown> {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...getComparator(mode).meta.defaults, ...given };
}

const CONTEXT: CompareContext = { compareWith };

/** Runs one comparator with its defaults merged in; composite comparators call back through the context. */
export function compareWith(mode: string, received: Value, expected: Value, options: Record<string, unknown> = {}): CompareOutcome {
  return getComparator(mode).compare(received, expected, resolveOptions(mode, options), CONTEXT);
}

const PLACEHOLDER = /\{\{\s*([\w-]+)\s*\}\}/g;

/**
 * The outcome as a sentence. For a hidden item the `<messageId>-hidden` template
 * is used where there is one, and any value that would give the answer away is
 * blanked even if a template asks for it.
 */
export function renderMessage(mode: string, outcome: CompareOutcome, { hidden }: { hidden: boolean }): string {
  const { messages } = getComparator(mode).meta;
  const template = (hidden ? messages[`${outcome.messageId}-hidden`] : undefined) ?? messages[outcome.messageId];
  if (template === undefined) return outcome.messageId;
  return template.replace(PLACEHOLDER, (placeholder, key: string) => {
    const value = outcome.data?.[key];
    if (value === undefined) return placeholder;
    if (hidden && revealsAnswer(key)) return "(hidden)";
    if (typeof value !== "number") return value;
    // "got 20.6667, expected 20.6667" says nothing: print a received value and its expected one with the digits that tell them apart
    const partner = outcome.data?.[partnerKey(key)];
    return typeof partner === "number" ? formatDistinct(value, partner) : formatNumber(value);
  });
}

/** received <-> expected, worst_received <-> worst_expected */
function partnerKey(key: string): string {
  if (key.endsWith("received")) return `${key.slice(0, -"received".length)}expected`;
  if (key.endsWith("expected")) return `${key.slice(0, -"expected".length)}received`;
  return "";
}
