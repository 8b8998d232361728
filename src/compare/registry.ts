import type { Value } from "../value.ts";
import { formatDistinct, formatNumber, revealsAnswer } from "./format.ts";
import { statedTolerance } from "./stated-tolerance.ts";
import type { Comparator, CompareContext, CompareOutcome, Expects, Tolerance } from "./types.ts";

// biome-ignore lint/suspicious/noExplicitAny: each comparator has its own options type; the registry holds them all
export type AnyComparator = Comparator<any>;

const PLACEHOLDER = /\{\{\s*([\w-]+)\s*\}\}/g;

/**
 * The comparators one grading may use, keyed by mode id and sorted: the
 * built-ins, and a course's own (createRegistries). Everything the grader
 * knows about a mode it asks here; two comparators claiming one id throw.
 */
export class ComparatorRegistry {
  readonly #byId = new Map<string, AnyComparator>();
  /** composite comparators (array, oneof) call their inner mode through the registry they were called from */
  readonly #context: CompareContext = { compareWith: (mode, received, expected, options) => this.compareWith(mode, received, expected, options) };

  constructor(comparators: readonly AnyComparator[]) {
    for (const comparator of [...comparators].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0))) {
      if (this.#byId.has(comparator.meta.id)) throw new Error(`comparator "${comparator.meta.id}" is registered twice`);
      this.#byId.set(comparator.meta.id, comparator);
    }
  }

  /** every mode, sorted */
  ids(): string[] {
    return [...this.#byId.keys()];
  }

  /** every comparator, sorted by mode */
  all(): AnyComparator[] {
    return [...this.#byId.values()];
  }

  has(mode: string): boolean {
    return this.#byId.has(mode);
  }

  get(mode: string): AnyComparator {
    const comparator = this.#byId.get(mode);
    if (comparator === undefined) throw new Error(`unknown comparison mode "${mode}"; known modes: ${this.ids().join(", ")}`);
    return comparator;
  }

  /** what the mode's comparator is given as "expected" */
  expects(mode: string): Expects {
    return this.get(mode).meta.expects;
  }

  /** Options as the comparator sees them: its defaults under the rubric's options (undefined never hides a default). */
  resolveOptions(mode: string, options: Record<string, unknown> = {}): Record<string, unknown> {
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    return { ...this.get(mode).meta.defaults, ...given };
  }

  /** Runs one comparator with its defaults merged in; composite comparators call back through this registry. */
  compareWith(mode: string, received: Value, expected: Value, options: Record<string, unknown> = {}): CompareOutcome {
    return this.get(mode).compare(received, expected, this.resolveOptions(mode, options), this.#context);
  }

  /** The tolerance of an item's options as the rubric gives them; an unknown mode's options are read as relabs'. */
  tolerance(mode: string, options: Record<string, unknown>): Tolerance {
    const comparator = this.#byId.get(mode);
    const own = comparator?.meta.tolerance;
    return own === undefined ? statedTolerance(options) : own(options, (inner, innerOptions) => this.tolerance(inner, innerOptions));
  }

  /**
   * The outcome as a sentence. For a hidden item the `<messageId>-hidden` template
   * is used where there is one, and any value that would give the answer away is
   * blanked even if a template asks for it.
   */
  renderMessage(mode: string, outcome: CompareOutcome, { hidden }: { hidden: boolean }): string {
    const template = this.#template(mode, outcome, hidden);
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

  /**
   * The data a result may carry beside the rendered message, for a report to
   * word it anew: all of it for a visible item; for a hidden one only what
   * its message shows (a hidden band's bounds, a range's limits stay out).
   */
  messageData(mode: string, outcome: CompareOutcome, { hidden }: { hidden: boolean }): Record<string, string | number> | undefined {
    if (outcome.data === undefined) return undefined;
    if (!hidden) return { ...outcome.data };
    const shown = new Set([...(this.#template(mode, outcome, true) ?? "").matchAll(PLACEHOLDER)].map((match) => match[1] as string));
    return Object.fromEntries(Object.entries(outcome.data).filter(([key]) => shown.has(key) && !revealsAnswer(key)));
  }

  /** a hidden item's own template where there is one */
  #template(mode: string, outcome: CompareOutcome, hidden: boolean): string | undefined {
    const { messages } = this.get(mode).meta;
    return (hidden ? messages[`${outcome.messageId}-hidden`] : undefined) ?? messages[outcome.messageId];
  }
}

/** received <-> expected, worst_received <-> worst_expected */
function partnerKey(key: string): string {
  if (key.endsWith("received")) return `${key.slice(0, -"received".length)}expected`;
  if (key.endsWith("expected")) return `${key.slice(0, -"expected".length)}received`;
  return "";
}
