/**
 * The `p=` paths of numpy's legacy `RandomState.choice`: normalised
 * cumulative sums searched on the right with uniform draws. Kept apart from
 * the generator because it is pure arithmetic on draws handed in.
 */

// numpy accepts probabilities whose sum is within sqrt(machine epsilon) of 1
const SUM_TOLERANCE = Math.sqrt(Number.EPSILON);

/** Compensated sum, the one numpy uses to check that p sums to 1. */
function kahanSum(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = values[0] as number;
  let carry = 0;
  for (let i = 1; i < values.length; i++) {
    const term = (values[i] as number) - carry;
    const next = sum + term;
    carry = next - sum - term;
    sum = next;
  }
  return sum;
}

export function validateProbabilities(p: readonly number[], populationSize: number): void {
  if (p.length !== populationSize) {
    throw new RangeError(`choice: a has ${populationSize} entries but p has ${p.length}`);
  }
  const sum = kahanSum(p);
  if (Number.isNaN(sum)) throw new RangeError("choice: probabilities contain NaN");
  if (p.some((probability) => probability < 0)) throw new RangeError("choice: probabilities are not non-negative");
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new RangeError(`choice: probabilities sum to ${sum}, not 1`);
}

/** Running sums left to right (as `np.cumsum`), divided by the last one. */
function normalisedCdf(p: readonly number[]): number[] {
  const cdf: number[] = [];
  let running = 0;
  for (const probability of p) {
    running += probability;
    cdf.push(running);
  }
  const total = cdf[cdf.length - 1] as number;
  return cdf.map((value) => value / total);
}

/** `searchsorted(side="right")`: how many entries of the sorted cdf are <= u. */
function searchRight(cdf: readonly number[], u: number): number {
  let low = 0;
  let high = cdf.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cdf[middle] as number) <= u) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Indices drawn with replacement, one per uniform. */
export function choiceWeighted(p: readonly number[], uniforms: readonly number[]): number[] {
  const cdf = normalisedCdf(p);
  return uniforms.map((u) => searchRight(cdf, u));
}

/**
 * Indices drawn without replacement: numpy draws as many uniforms as are
 * still missing, keeps the first occurrence of each new index in draw order,
 * zeroes the chosen weights and repeats.
 */
export function choiceWeightedUnique(
  p: readonly number[],
  count: number,
  drawUniforms: (n: number) => number[],
): number[] {
  if (p.filter((probability) => probability > 0).length < count) {
    throw new RangeError(`choice: fewer non-zero entries in p than the ${count} samples asked for`);
  }
  const weights = [...p];
  const found: number[] = [];
  while (found.length < count) {
    const uniforms = drawUniforms(count - found.length);
    for (const index of found) weights[index] = 0;
    const seen = new Set<number>();
    for (const index of choiceWeighted(weights, uniforms)) {
      if (!seen.has(index)) {
        seen.add(index);
        found.push(index);
      }
    }
  }
  return found;
}
