/**
 * Bumped whenever a change to the engine can change a number it computes
 * (a kernel's summation order, an initialiser's draw order). Cached reference
 * results are keyed by it, so a new engine never reuses an old engine's numbers.
 */
export const ENGINE_VERSION = "1";
