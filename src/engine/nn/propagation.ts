/**
 * Forward and backward passes of a dense network over a batch, into buffers
 * allocated once per batch size (a Workspace), so that a training loop
 * allocates nothing per batch. Products go through matrix.ts's *Into ops,
 * hence through whatever gemm backend is installed.
 *
 * Inverted dropout (hidden layers only): mask = (rand(batch, units) < keep) / keep,
 * drawn row-major per hidden layer in forward order, then a * mask, as
 *   mask = (np.random.rand(*a.shape) < keep) / keep; a *= mask
 * The backward multiplies dL/da by the same mask.
 */
import { checkPositiveInteger, EngineArgumentError } from "../errors.ts";
import { elementwise } from "../kernels/index.ts";
import { Matrix, matmulInto, matmulTransposeAInto, matmulTransposeBInto } from "../matrix.ts";
import type { NumpyRandomState } from "../random/numpy-random-state.ts";
import { type ActivationKernel, activationKernel } from "../activations.ts";
import type { Network, NetworkGradients } from "./network.ts";

export interface Dropout {
  /** probability that a hidden unit is kept, in (0, 1] */
  keepProb: number;
  rng: NumpyRandomState;
}

export interface Workspace {
  readonly rows: number;
  readonly kernels: ActivationKernel[];
  /** pre-activations z of each layer */
  readonly z: Matrix[];
  /** activations a = f(z) of each layer */
  readonly a: Matrix[];
  /** what each layer passes on: a itself, or a with the dropout mask applied (a buffer of its own) */
  readonly passed: Matrix[];
  /** dL/da, then dL/dz in place, of each layer; empty without gradients */
  readonly grad: Matrix[];
  readonly masks: (Float64Array | null)[];
}

export function createWorkspace(network: Network, rows: number, options: { gradients: boolean; dropout: boolean }): Workspace {
  const units = network.layers.map((layer) => layer.weights.cols);
  const last = units.length - 1;
  const a = units.map((n) => new Matrix(rows, n));
  const dropoutAt = (l: number) => options.dropout && l < last;
  return {
    rows,
    kernels: network.layers.map((layer) => activationKernel(layer.activation)),
    z: units.map((n) => new Matrix(rows, n)),
    a,
    passed: units.map((n, l) => (dropoutAt(l) ? new Matrix(rows, n) : a[l]!)),
    grad: options.gradients ? units.map((n) => new Matrix(rows, n)) : [],
    masks: units.map((n, l) => (dropoutAt(l) ? new Float64Array(rows * n) : null)),
  };
}

/** A few workspaces by batch size: a training run meets the batch size, the last batch's and the evaluation chunks'. */
export class WorkspacePool {
  private readonly pool = new Map<string, Workspace>();

  constructor(private readonly network: Network) {}

  get(rows: number, gradients: boolean, dropout = false): Workspace {
    const key = `${rows}:${gradients}:${dropout}`;
    let ws = this.pool.get(key);
    if (ws === undefined) {
      ws = createWorkspace(this.network, rows, { gradients, dropout });
      this.pool.set(key, ws);
    }
    return ws;
  }
}

function checkInput(op: string, network: Network, x: Matrix, ws: Workspace): void {
  const inputs = network.layers[0]!.weights.rows;
  if (x.cols !== inputs) throw new EngineArgumentError(op, `x is ${x.shape}, the network takes ${inputs} inputs`);
  if (x.rows !== ws.rows) throw new EngineArgumentError(op, `x has ${x.rows} rows, the workspace ${ws.rows}`);
}

/** fills ws for the batch x and returns the output activations (ws.a of the last layer) */
export function forward(network: Network, x: Matrix, ws: Workspace, dropout?: Dropout): Matrix {
  checkInput("forward", network, x, ws);
  const last = network.layers.length - 1;
  let input = x;
  for (let l = 0; l <= last; l++) {
    const layer = network.layers[l]!;
    const z = ws.z[l]!;
    matmulInto(input, layer.weights, z);
    elementwise().addBias(z.data, layer.bias);
    ws.kernels[l]!.forward(z.data, ws.a[l]!.data, z.cols);
    const mask = ws.masks[l];
    if (dropout !== undefined && l < last) {
      if (mask === null || mask === undefined) throw new EngineArgumentError("forward", "dropout needs a workspace made with dropout");
      applyDropout(ws.a[l]!.data, mask, ws.passed[l]!.data, dropout);
    } else if (mask !== null && mask !== undefined) {
      ws.passed[l]!.data.set(ws.a[l]!.data);
      mask.fill(1);
    }
    input = ws.passed[l]!;
  }
  return ws.a[last]!;
}

function applyDropout(a: Float64Array, mask: Float64Array, passed: Float64Array, dropout: Dropout): void {
  const { keepProb, rng } = dropout;
  const scale = 1 / keepProb;
  for (let i = 0; i < a.length; i++) {
    mask[i] = rng.randomSample() < keepProb ? scale : 0;
    passed[i] = a[i]! * mask[i]!;
  }
}

export function checkDropout(op: string, keepProb: number): void {
  if (typeof keepProb !== "number" || !(keepProb > 0 && keepProb <= 1)) {
    throw new EngineArgumentError(op, `dropout keepProb must be in (0, 1], got ${String(keepProb)}`);
  }
}

/**
 * Backpropagates dL/dz of the last layer, which the caller has written into
 * ws.grad[last] (a loss's gradient already divided by the batch size), into
 * `grads` (overwritten). dL/dx of the input is never formed: nothing uses it.
 */
export function backward(network: Network, x: Matrix, ws: Workspace, grads: NetworkGradients): void {
  checkInput("backward", network, x, ws);
  if (ws.grad.length === 0) throw new EngineArgumentError("backward", "the workspace was made without gradients");
  for (let l = network.layers.length - 1; l >= 0; l--) {
    const layer = network.layers[l]!;
    const gradZ = ws.grad[l]!;
    const input = l === 0 ? x : ws.passed[l - 1]!;
    matmulTransposeAInto(input, gradZ, grads.weights[l]!);
    elementwise().sumRows(gradZ.data, grads.bias[l]!);
    if (l === 0) break;
    const below = ws.grad[l - 1]!;
    matmulTransposeBInto(gradZ, layer.weights, below);
    const mask = ws.masks[l - 1];
    if (mask !== null && mask !== undefined) {
      for (let i = 0; i < mask.length; i++) below.data[i] = below.data[i]! * mask[i]!;
    }
    ws.kernels[l - 1]!.backward(ws.z[l - 1]!.data, ws.a[l - 1]!.data, below.data, below.data, below.cols);
  }
}

/** the output activations of x, computed in chunks of `chunkRows` (no dropout); a new matrix */
export function predictOutputs(network: Network, x: Matrix, pool = new WorkspacePool(network), chunkRows = 1000): Matrix {
  const outputs = network.layers.at(-1)!.weights.cols;
  const out = new Matrix(x.rows, outputs);
  forEachChunk(network, x, pool, chunkRows, (start, ws) => {
    out.data.set(ws.a[network.layers.length - 1]!.data, start * outputs);
  });
  return out;
}

/**
 * Runs the forward pass over x in chunks of at most `chunkRows` rows and
 * calls `visit` with each chunk's first row and its filled workspace.
 */
export function forEachChunk(
  network: Network,
  x: Matrix,
  pool: WorkspacePool,
  chunkRows: number,
  visit: (start: number, ws: Workspace) => void,
): void {
  checkPositiveInteger("forEachChunk", "chunkRows", chunkRows);
  for (let start = 0; start < x.rows; start += chunkRows) {
    const rows = Math.min(chunkRows, x.rows - start);
    const chunk = new Matrix(rows, x.cols, x.data.subarray(start * x.cols, (start + rows) * x.cols));
    const ws = pool.get(rows, false);
    forward(network, chunk, ws);
    visit(start, ws);
  }
}
