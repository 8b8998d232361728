import type { Tolerance, ToleranceOf } from "./types.ts";

/** numpy isclose's defaults, for options that state no tolerance (sigfig, exact, a band) */
const FALLBACK: Tolerance = { rtol: 1e-5, atol: 1e-8 };

/** The rtol and atol an options object states, each falling back to numpy's default. */
export function statedTolerance(options: Record<string, unknown>): Tolerance {
  const rtol = typeof options.rtol === "number" ? options.rtol : FALLBACK.rtol;
  const atol = typeof options.atol === "number" ? options.atol : FALLBACK.atol;
  return { rtol, atol };
}

/**
 * The tolerance of a comparator that nests another's options (array's
 * `element`, oneof's `compare`): the inner comparator's, where there is one;
 * an inner block without a mode is relabs, whose options state it directly.
 */
export function nestedTolerance(nested: unknown, options: Record<string, unknown>, toleranceOf: ToleranceOf): Tolerance {
  if (!nested || typeof nested !== "object") return statedTolerance(options);
  const inner = nested as Record<string, unknown>;
  return typeof inner.mode === "string" && inner.mode !== "relabs" ? toleranceOf(inner.mode, inner) : statedTolerance(inner);
}
