/**
 * The tolerance an item was graded with, so that a diagnosis ("transposed",
 * "a factor of 2") holds to the same standard as the comparison that failed.
 */
const FALLBACK = { rtol: 1e-5, atol: 1e-8 };

export function itemTolerance(mode: string, options: Record<string, unknown>): { rtol: number; atol: number } {
  const source = pickTolerance(mode, options);
  const rtol = typeof source.rtol === "number" ? source.rtol : FALLBACK.rtol;
  const atol = typeof source.atol === "number" ? source.atol : FALLBACK.atol;
  return { rtol, atol };
}

function pickTolerance(mode: string, options: Record<string, unknown>): Record<string, unknown> {
  const nested = mode === "array" ? options.element : mode === "oneof" ? options.compare : undefined;
  if (nested && typeof nested === "object") {
    const inner = nested as Record<string, unknown>;
    if (typeof inner.mode === "string" && inner.mode !== "relabs") return pickTolerance(inner.mode, inner);
    return inner;
  }
  return options;
}
