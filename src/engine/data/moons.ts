/**
 * Two interleaved half circles, as sklearn.datasets.make_moons draws them,
 * from a numpy RandomState the caller passes in:
 *
 *   n_out = n // 2, n_in = n - n_out                (or the pair given)
 *   outer: x = cos(linspace(0, pi, n_out)),     y = sin(...)            label 0
 *   inner: x = 1 - cos(linspace(0, pi, n_in)),  y = 1 - sin(...) - 0.5 label 1
 *   shuffle: order = arange(n); rng.shuffle(order); take rows in that order
 *   noise:   X += rng.normal(scale=noise, size=(n, 2))  (skipped when noise is None)
 *
 * The same calls on the same stream as sklearn. cos and sin are rounded
 * correctly and so is the log inside numpy's normals (see the random module),
 * where numpy calls the C library: on the hw3b set that changes 2 of the 3,000
 * coordinates by an ulp against numpy on Linux; labels and order never change.
 */
import { checkFinite, checkNonNegativeInteger, EngineArgumentError } from "../errors.ts";
import { NumpyRandomState } from "../random/numpy-random-state.ts";
import { correctlyRoundedCosSin } from "./correctly-rounded-trig.ts";
import type { PointSet } from "./types.ts";

/** sklearn's make_moons arguments */
export interface MoonsOptions {
  /** the total (the outer moon gets the smaller half) or [outer, inner] */
  samples: number | readonly [number, number];
  /** standard deviation of the Gaussian noise; none (and no draws) when absent, as sklearn's None */
  noise?: number | null;
  /** sklearn's default: true */
  shuffle?: boolean;
}

/** sklearn's make_moons, drawn from rng as sklearn draws it */
export function makeMoons(rng: NumpyRandomState, options: MoonsOptions): PointSet {
  const [outer, inner] = moonSizes(options.samples);
  const { noise = null, shuffle = true } = options;
  if (noise !== null) {
    checkFinite("makeMoons", "noise", noise);
    if (noise < 0) throw new EngineArgumentError("makeMoons", `noise must be >= 0, got ${noise}`);
  }
  const count = outer + inner;
  const ordered = new Float64Array(2 * count);
  const orderedLabels = new Int32Array(count);
  linspaceToPi(outer).forEach((t, i) => {
    const [cos, sin] = correctlyRoundedCosSin(t);
    ordered[2 * i] = cos;
    ordered[2 * i + 1] = sin;
  });
  linspaceToPi(inner).forEach((t, i) => {
    const [cos, sin] = correctlyRoundedCosSin(t);
    ordered[2 * (outer + i)] = 1 - cos;
    ordered[2 * (outer + i) + 1] = 1 - sin - 0.5;
    orderedLabels[outer + i] = 1;
  });

  const order = Array.from({ length: count }, (_, i) => i);
  if (shuffle) rng.shuffle(order);
  const points = new Float64Array(2 * count);
  const labels = new Int32Array(count);
  order.forEach((source, row) => {
    points[2 * row] = ordered[2 * source] as number;
    points[2 * row + 1] = ordered[2 * source + 1] as number;
    labels[row] = orderedLabels[source] as number;
  });

  if (noise !== null) {
    const draws = rng.normal(0, noise, [count, 2]).data;
    for (let i = 0; i < points.length; i++) points[i] = (points[i] as number) + (draws[i] as number);
  }
  return { points, labels, count };
}

/** The hw3b data set: its seed, noise and sizes. */
export const HW3B_MOONS = { seed: 0, noise: 0.2, train: 1000, validation: 500 } as const;

/**
 * hw3b's two-moons set: training then validation drawn from one stream, each
 * balanced (500/500 and 250/250). In Python, with sklearn:
 *   rs = np.random.RandomState(0)
 *   X_train, y_train = make_moons(1000, noise=0.2, random_state=rs)
 *   X_val, y_val = make_moons(500, noise=0.2, random_state=rs)
 */
export function hw3bMoons(): { train: PointSet; validation: PointSet } {
  const rng = new NumpyRandomState(HW3B_MOONS.seed);
  const train = makeMoons(rng, { samples: HW3B_MOONS.train, noise: HW3B_MOONS.noise });
  const validation = makeMoons(rng, { samples: HW3B_MOONS.validation, noise: HW3B_MOONS.noise });
  return { train, validation };
}

function moonSizes(samples: MoonsOptions["samples"]): [number, number] {
  if (typeof samples === "number") {
    checkNonNegativeInteger("makeMoons", "samples", samples);
    const outer = Math.floor(samples / 2);
    return [outer, samples - outer];
  }
  if (!Array.isArray(samples) || samples.length !== 2) {
    throw new EngineArgumentError("makeMoons", "samples must be a count or a pair [outer, inner]");
  }
  const [outer, inner] = samples;
  checkNonNegativeInteger("makeMoons", "samples[0]", outer);
  checkNonNegativeInteger("makeMoons", "samples[1]", inner);
  return [outer, inner];
}

/** numpy's linspace(0, pi, n): i * (pi / (n - 1)), with the last point exactly pi */
function linspaceToPi(n: number): number[] {
  if (n === 1) return [0];
  const step = Math.PI / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? Math.PI : i * step));
}
