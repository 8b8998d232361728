/**
 * Points are kept as integer micro-points so that sums are exact and a report
 * never shows 0.30000000000000004: 0.1 + 0.2 is 100000 + 200000 micro-points.
 */
const MICRO = 1_000_000;

export function toMicro(points: number): number {
  return Math.round(points * MICRO);
}

/** an integer divided by 1e6 is the double nearest the decimal, so it prints as that decimal */
export function fromMicro(micro: number): number {
  return micro / MICRO;
}

/** share of the points earned for a score in [0, 1] */
export function scaleMicro(micro: number, share: number): number {
  return Math.round(micro * share);
}
