/**
 * How an item is compared, in a few words a student reads before answering
 * (`nngrade template`, `nngrade handout`): "each within 1e-6 relative".
 * It never states what would give the answer away: a range's limits, a
 * band's bounds, the values a curve's properties look for.
 */
import { isValueObject, type Value } from "../value.ts";
import { type BandOptions, bandOf, isBandSamples } from "./band.ts";
import { formatNumber } from "./format.ts";
import type { ComparatorRegistry } from "./registry.ts";

/**
 * `options` as the rubric gives them (its defaults are merged here);
 * `expected` what the comparator is given, where known: a band's runs say
 * how many seeds the band is made of, a oneof's how many answers it accepts.
 */
export function describeComparison(comparators: ComparatorRegistry, mode: string, options: Record<string, unknown>, expected?: Value): string {
  // a mode no registry knows has already failed planning; words for it would be a guess
  if (!comparators.has(mode)) return `compared by ${mode}`;
  const resolved = comparators.resolveOptions(mode, options);
  switch (mode) {
    case "relabs":
      return within(comparators, mode, resolved);
    case "sigfig":
      return `to ${resolved.digits} significant figures`;
    case "decdig":
      return `to ${resolved.digits} decimal places`;
    case "array": {
      const { mode: inner = "relabs", ...innerOptions } = (resolved.element ?? {}) as Record<string, unknown>;
      return `each ${describeComparison(comparators, String(inner), innerOptions)}${resolved.partial === true ? ", credit by element" : ""}`;
    }
    case "set":
      return `in any order, each ${within(comparators, mode, resolved)}${resolved.partial === true ? ", credit by value" : ""}`;
    case "exact":
      return describeExact(resolved, expected);
    case "oneof": {
      const { mode: inner = "relabs", ...innerOptions } = (resolved.compare ?? {}) as Record<string, unknown>;
      const count = Array.isArray(resolved.alternatives) ? resolved.alternatives.length : isValueObject(expected) ? Object.keys(expected).length : undefined;
      return `${count === undefined ? "one of the accepted answers" : `one of ${count} accepted answers`}: ${describeComparison(comparators, String(inner), innerOptions)}`;
    }
    case "range":
      // the limits are the answer's neighbourhood: a student who read them would not need to compute
      return "within the accepted range";
    case "curve":
      return describeCurve(comparators, resolved);
    case "band":
      // the basis says how the band is made (seeds, coverage), never where it lies
      return isBandSamples(expected) ? `within the reference's band: ${bandOf(expected, resolved as BandOptions).basis}` : "within the band of the reference's seeded runs";
    case "engine":
      return "run by the engine, which decides what passes";
    default:
      // a course's own comparator says in its meta what it does
      return comparators.get(mode).meta.description;
  }
}

/** relabs' test (numpy isclose: |a - b| <= atol + rtol * |b|), by the tolerance the registry reads from the options */
function within(comparators: ComparatorRegistry, mode: string, options: Record<string, unknown>): string {
  const { rtol, atol } = comparators.tolerance(mode, options);
  if (rtol === 0 && atol === 0) return "exactly";
  if (atol === 0) return `within ${formatTolerance(rtol)} relative`;
  if (rtol === 0) return `within ${formatTolerance(atol)} absolute`;
  return `within ${formatTolerance(rtol)} relative + ${formatTolerance(atol)} absolute`;
}

function describeExact(options: Record<string, unknown>, expected: Value | undefined): string {
  const parts = ["exactly"];
  if (options.unordered === true) parts.push("in any order");
  if (options.case_sensitive !== true && holdsString(expected)) parts.push("in any case");
  if (Array.isArray(options.choices)) parts.push(`one of ${options.choices.join(", ")}`);
  return parts.join(", ");
}

function describeCurve(comparators: ComparatorRegistry, options: Record<string, unknown>): string {
  const prefix = typeof options.prefix === "number" ? options.prefix : undefined;
  const checks = Array.isArray(options.properties) ? options.properties.length : 0;
  const parts: string[] = [];
  if (prefix !== 0) parts.push(`${prefix === undefined ? "value by value" : `the first ${prefix} values`}, each ${within(comparators, "curve", options)}`);
  // counted, not named: what a property looks for (converges to 0.3, diverges) is part of the answer
  if (checks > 0) parts.push(`${checks} check${checks === 1 ? "" : "s"} of its shape`);
  if ((options.length ?? (prefix === undefined ? "asked" : "any")) === "any") parts.push("any length");
  return parts.join("; ");
}

function holdsString(value: Value | undefined): boolean {
  return typeof value === "string" || (Array.isArray(value) && value.some(holdsString));
}

/** a tolerance as a rubric author writes it: 1e-6, 5e-5, 0.002 */
function formatTolerance(x: number): string {
  if (x !== 0 && Number.isFinite(x) && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)) return Number(x.toPrecision(6)).toExponential().replace("e+", "e");
  return formatNumber(x);
}
