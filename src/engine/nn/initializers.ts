/**
 * Weight initialisers, each the numpy call a handout makes, drawn from the
 * caller's NumpyRandomState so that the handout's weights come out bit for bit:
 *
 *   zeros            np.zeros((fan_in, fan_out))                      no draw
 *   constant         np.full((fan_in, fan_out), value)                no draw
 *   uniform          rng.uniform(-limit, limit, (fan_in, fan_out))
 *   normal           rng.normal(0, std, (fan_in, fan_out))            N(0, std^2)
 *   scaled_randn     std * rng.randn(fan_in, fan_out)                 the same numbers as normal
 *   xavier_uniform   limit = np.sqrt(6 / (fan_in + fan_out)), then uniform
 *   xavier_normal    std = np.sqrt(2 / (fan_in + fan_out)), then normal
 *   he_normal        rng.randn(fan_in, fan_out) * np.sqrt(2 / fan_in)  N(0, 2/fan_in)
 *
 * Draws are row-major in the drawn shape. A handout in the column convention
 * (z = W x + b) draws W as (fan_out, fan_in): drawShape "out_in" draws that
 * shape and transposes it into the engine's (fan_in, fan_out).
 */
import { checkFinite, checkPositiveInteger, EngineArgumentError } from "../errors.ts";
import { Matrix, transpose } from "../matrix.ts";
import type { NumpyRandomState } from "../random/numpy-random-state.ts";

/** a weight initialiser, one of the numpy calls handouts make (see the table above) */
export type Initializer =
  | { kind: "zeros" }
  | { kind: "constant"; value: number }
  | { kind: "uniform"; limit: number }
  | { kind: "normal"; std: number }
  | { kind: "scaled_randn"; std: number }
  | { kind: "xavier_uniform" }
  | { kind: "xavier_normal" }
  | { kind: "he_normal" };

/** "in_out": drawn as (fan_in, fan_out), the row convention; "out_in": drawn as (fan_out, fan_in), the column convention */
export type DrawShape = "in_out" | "out_in";

/** np.zeros: the initialiser of biases unless a spec says otherwise */
export const ZEROS: Initializer = { kind: "zeros" };

/** the scale an initialiser uses for a layer: a uniform limit or a normal std (0 for the constant ones) */
export function initializerScale(init: Initializer, fanIn: number, fanOut: number): number {
  switch (init.kind) {
    case "zeros":
    case "constant":
      return 0;
    case "uniform":
      return init.limit;
    case "normal":
    case "scaled_randn":
      return init.std;
    case "xavier_uniform":
      return Math.sqrt(6 / (fanIn + fanOut));
    case "xavier_normal":
      return Math.sqrt(2 / (fanIn + fanOut));
    case "he_normal":
      return Math.sqrt(2 / fanIn);
    default: {
      const unknown: never = init;
      throw new EngineArgumentError("initializer", `unknown initializer ${JSON.stringify(unknown)}`);
    }
  }
}

function checkInitializer(op: string, init: Initializer): void {
  if (typeof init !== "object" || init === null) throw new EngineArgumentError(op, `expected an initializer, got ${String(init)}`);
  if (init.kind === "constant") checkFinite(op, "constant value", init.value);
  if (init.kind === "uniform") checkFinite(op, "uniform limit", init.limit);
  if ((init.kind === "normal" || init.kind === "scaled_randn") && !(init.std >= 0 && Number.isFinite(init.std))) {
    throw new EngineArgumentError(op, `${init.kind} std must be a finite number >= 0, got ${String(init.std)}`);
  }
}

/** `count` values drawn (or filled) in numpy's order */
export function drawValues(rng: NumpyRandomState, count: number, init: Initializer, fanIn: number, fanOut: number): Float64Array {
  checkInitializer("drawValues", init);
  const scale = initializerScale(init, fanIn, fanOut);
  const out = new Float64Array(count);
  switch (init.kind) {
    case "zeros":
      return out;
    case "constant":
      return out.fill(init.value);
    case "uniform":
    case "xavier_uniform":
      // numpy's uniform: low + (high - low) * random_sample()
      out.set(rng.uniform(-scale, scale, count).data);
      return out;
    case "normal":
    case "xavier_normal":
      out.set(rng.normal(0, scale, count).data);
      return out;
    case "scaled_randn":
    case "he_normal": {
      const g = rng.standardNormal(count).data;
      for (let i = 0; i < count; i++) out[i] = g[i]! * scale;
      return out;
    }
    default: {
      const unknown: never = init;
      throw new EngineArgumentError("drawValues", `unknown initializer ${JSON.stringify(unknown)}`);
    }
  }
}

/** a (fan_in x fan_out) weight matrix, drawn in `drawShape` */
export function drawWeights(
  rng: NumpyRandomState,
  fanIn: number,
  fanOut: number,
  init: Initializer,
  drawShape: DrawShape = "in_out",
): Matrix {
  checkPositiveInteger("drawWeights", "fanIn", fanIn);
  checkPositiveInteger("drawWeights", "fanOut", fanOut);
  const values = drawValues(rng, fanIn * fanOut, init, fanIn, fanOut);
  if (drawShape === "in_out") return new Matrix(fanIn, fanOut, values);
  if (drawShape === "out_in") return transpose(new Matrix(fanOut, fanIn, values));
  throw new EngineArgumentError("drawWeights", `drawShape must be "in_out" or "out_in", got ${String(drawShape)}`);
}

/** a bias of fan_out values; zeros draw nothing */
export function drawBias(rng: NumpyRandomState, fanIn: number, fanOut: number, init: Initializer): Float64Array {
  checkPositiveInteger("drawBias", "fanOut", fanOut);
  return drawValues(rng, fanOut, init, fanIn, fanOut);
}
