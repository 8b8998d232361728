/**
 * A dense feed-forward network in the row convention: one sample per row,
 * z = x W + b with W (fan_in x fan_out), then a = f(z). The last layer's
 * activation is the output's (softmax, sigmoid, identity, ...).
 *
 * A handout in the column convention (z = W x + b, W fan_out x fan_in, as
 * the acml autoencoder) is the same network with W transposed:
 * `layerFromColumnConvention` and `layerToColumnConvention` convert.
 */
import { checkPositiveInteger, EngineArgumentError } from "../errors.ts";
import { Matrix, transpose } from "../matrix.ts";
import type { NumpyRandomState } from "../random/numpy-random-state.ts";
import { type ActivationName, type ActivationSpec, activationSpec } from "../activations.ts";
import { type DrawShape, drawBias, drawWeights, type Initializer, ZEROS } from "./initializers.ts";

/** one layer: z = x W + b, then a = f(z) */
export interface DenseLayer {
  /** fan_in x fan_out */
  weights: Matrix;
  /** fan_out values */
  bias: Float64Array;
  activation: ActivationSpec;
}

/** a dense feed-forward network, its layers in forward order */
export interface Network {
  layers: DenseLayer[];
}

/** the parameter gradients of a network, shaped as its layers */
export interface NetworkGradients {
  weights: Matrix[];
  bias: Float64Array[];
}

export function createGradients(network: Network): NetworkGradients {
  return {
    weights: network.layers.map((layer) => new Matrix(layer.weights.rows, layer.weights.cols)),
    bias: network.layers.map((layer) => new Float64Array(layer.bias.length)),
  };
}

/** W1, b1, W2, b2, ...: the order optimisers and gradient checks walk the parameters in */
export function parameterBuffers(network: Network): Float64Array[] {
  return network.layers.flatMap((layer) => [layer.weights.data, layer.bias]);
}

export function gradientBuffers(grads: NetworkGradients): Float64Array[] {
  return grads.weights.flatMap((w, l) => [w.data, grads.bias[l]!]);
}

/** a layer as given to networkFromLayers: W (fan_in x fan_out), b and the activation */
export interface LayerInput {
  weights: Matrix;
  bias: ArrayLike<number>;
  activation: ActivationName | ActivationSpec;
}

/** a network from given parameters (copied), checking that each layer's fan_in is the previous fan_out */
export function networkFromLayers(layers: readonly LayerInput[]): Network {
  if (!Array.isArray(layers) || layers.length === 0) throw new EngineArgumentError("networkFromLayers", "a network needs at least one layer");
  const out: DenseLayer[] = layers.map((layer, l) => {
    const { weights, bias } = layer;
    if (!(weights instanceof Matrix)) throw new EngineArgumentError("networkFromLayers", `layer ${l}: weights must be a Matrix`);
    if (bias.length !== weights.cols) {
      throw new EngineArgumentError("networkFromLayers", `layer ${l}: b has ${bias.length} values but W is ${weights.shape}`);
    }
    if (l > 0 && weights.rows !== layers[l - 1]!.weights.cols) {
      throw new EngineArgumentError(
        "networkFromLayers",
        `layer ${l}: W is ${weights.shape} but layer ${l - 1} has ${layers[l - 1]!.weights.cols} outputs`,
      );
    }
    return {
      weights: new Matrix(weights.rows, weights.cols, Float64Array.from(weights.data)),
      bias: Float64Array.from(bias),
      activation: activationSpec(layer.activation),
    };
  });
  return { layers: out };
}

/** (W fan_out x fan_in, b) of z = W x + b -> the same layer as z = x W^T + b */
export function layerFromColumnConvention(
  weights: Matrix,
  bias: ArrayLike<number>,
  activation: ActivationName | ActivationSpec,
): LayerInput {
  return { weights: transpose(weights), bias, activation };
}

/** a layer's W back in the column convention (fan_out x fan_in) */
export function layerToColumnConvention(layer: DenseLayer): { weights: Matrix; bias: Float64Array } {
  return { weights: transpose(layer.weights), bias: Float64Array.from(layer.bias) };
}

/** [inputs, units of layer 0, ..., outputs] */
export function layerSizes(network: Network): number[] {
  return [network.layers[0]!.weights.rows, ...network.layers.map((layer) => layer.weights.cols)];
}

/** the number of weights, with the biases unless withBiases is false */
export function parameterCount(network: Network, withBiases = true): number {
  return network.layers.reduce((n, layer) => n + layer.weights.data.length + (withBiases ? layer.bias.length : 0), 0);
}

/** a copy of the network with its own parameter buffers */
export function cloneNetwork(network: Network): Network {
  return {
    layers: network.layers.map((layer) => ({
      weights: new Matrix(layer.weights.rows, layer.weights.cols, Float64Array.from(layer.weights.data)),
      bias: Float64Array.from(layer.bias),
      activation: layer.activation,
    })),
  };
}

/** overwrites `into`'s parameters with `from`'s (same shapes), without allocating */
export function copyParameters(from: Network, into: Network): void {
  if (from.layers.length !== into.layers.length) {
    throw new EngineArgumentError("copyParameters", `${from.layers.length} layers into ${into.layers.length}`);
  }
  from.layers.forEach((layer, l) => {
    const target = into.layers[l]!;
    if (target.weights.rows !== layer.weights.rows || target.weights.cols !== layer.weights.cols) {
      throw new EngineArgumentError("copyParameters", `layer ${l}: W is ${layer.weights.shape}, target is ${target.weights.shape}`);
    }
    target.weights.data.set(layer.weights.data);
    target.bias.set(layer.bias);
  });
}

/** how createNetwork builds and draws a network */
export interface NetworkSpec {
  /** [inputs, hidden..., outputs] */
  sizes: readonly number[];
  hidden: ActivationName | ActivationSpec;
  output: ActivationName | ActivationSpec;
  /** one initialiser for every layer, or one per layer */
  weights: Initializer | readonly Initializer[];
  /** zeros (no draws) unless given */
  bias?: Initializer | readonly Initializer[];
  drawShape?: DrawShape;
  /**
   * layer_by_layer: W1, b1, W2, b2, ... (a loop that builds each layer);
   * weights_then_biases: W1, W2, ..., then b1, b2, ... (two list comprehensions).
   * Only matters when biases are drawn.
   */
  drawOrder?: "layer_by_layer" | "weights_then_biases";
}

function perLayer(name: string, value: Initializer | readonly Initializer[], layers: number): Initializer[] {
  if (!Array.isArray(value)) return Array.from({ length: layers }, () => value as Initializer);
  if (value.length !== layers) throw new EngineArgumentError("createNetwork", `${value.length} ${name} initialisers for ${layers} layers`);
  return [...value];
}

/** a network drawn from `rng` in the spec's order */
export function createNetwork(spec: NetworkSpec, rng: NumpyRandomState): Network {
  const { sizes } = spec;
  if (!Array.isArray(sizes) || sizes.length < 2) throw new EngineArgumentError("createNetwork", "sizes needs at least inputs and outputs");
  sizes.forEach((size, i) => {
    checkPositiveInteger("createNetwork", `sizes[${i}]`, size);
  });
  const count = sizes.length - 1;
  const weightInits = perLayer("weight", spec.weights, count);
  const biasInits = perLayer("bias", spec.bias ?? ZEROS, count);
  const hidden = activationSpec(spec.hidden);
  const output = activationSpec(spec.output);
  const drawShape = spec.drawShape ?? "in_out";
  const order = spec.drawOrder ?? "layer_by_layer";
  if (order !== "layer_by_layer" && order !== "weights_then_biases") {
    throw new EngineArgumentError("createNetwork", `drawOrder must be layer_by_layer or weights_then_biases, got ${String(order)}`);
  }
  const fans = (l: number) => [sizes[l]!, sizes[l + 1]!] as const;
  const weights: Matrix[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l < count; l++) {
    const [fanIn, fanOut] = fans(l);
    weights.push(drawWeights(rng, fanIn, fanOut, weightInits[l]!, drawShape));
    if (order === "layer_by_layer") biases.push(drawBias(rng, fanIn, fanOut, biasInits[l]!));
  }
  if (order === "weights_then_biases") {
    for (let l = 0; l < count; l++) biases.push(drawBias(rng, ...fans(l), biasInits[l]!));
  }
  return {
    layers: weights.map((w, l) => ({ weights: w, bias: biases[l]!, activation: l === count - 1 ? output : hidden })),
  };
}
