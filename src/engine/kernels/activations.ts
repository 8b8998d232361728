/**
 * The activations as whole-buffer kernels: each forward sits beside its
 * backward, and both are tight loops over Float64Array (no per-element
 * closure) because they run once per layer per batch in training. They
 * trust their arguments: the public ops in ../activations.ts check first.
 *
 * Buffers are row-major, `cols` values per sample. Only softmax reads `cols`
 * (it works row by row); the others are element-wise.
 */
import { elementwise } from "./index.ts";

/** the activations a layer can have, by name */
export type ActivationName = "identity" | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "softmax";

/** an activation with its settings: leaky relu carries its slope below 0 */
export type ActivationSpec =
  | { kind: "identity" }
  | { kind: "sigmoid" }
  | { kind: "tanh" }
  | { kind: "relu" }
  | { kind: "leaky_relu"; slope: number }
  | { kind: "softmax" };

/** an activation's forward and backward over whole buffers */
export interface ActivationKernel {
  readonly spec: ActivationSpec;
  /** a = f(z); a may be the same buffer as z */
  forward(z: Float64Array, a: Float64Array, cols: number): void;
  /**
   * gradZ = dL/dz from gradA = dL/da, given z and a = f(z) (sigmoid and tanh
   * read their slope off a). gradZ may be the same buffer as gradA.
   */
  backward(z: Float64Array, a: Float64Array, gradA: Float64Array, gradZ: Float64Array, cols: number): void;
}

const identityKernel: ActivationKernel = {
  spec: { kind: "identity" },
  forward(z, a) {
    if (a !== z) a.set(z);
  },
  backward(_z, _a, gradA, gradZ) {
    if (gradZ !== gradA) gradZ.set(gradA);
  },
};

const sigmoidKernel: ActivationKernel = {
  spec: { kind: "sigmoid" },
  // the form students write, 1 / (1 + exp(-z)); exp(-z) = Infinity still gives 0
  forward(z, a) {
    for (let i = 0; i < z.length; i++) a[i] = 1 / (1 + Math.exp(-z[i]!));
  },
  backward(_z, a, gradA, gradZ) {
    for (let i = 0; i < a.length; i++) {
      const s = a[i]!;
      gradZ[i] = gradA[i]! * (s * (1 - s));
    }
  },
};

const tanhKernel: ActivationKernel = {
  spec: { kind: "tanh" },
  forward(z, a) {
    for (let i = 0; i < z.length; i++) a[i] = Math.tanh(z[i]!);
  },
  backward(_z, a, gradA, gradZ) {
    for (let i = 0; i < a.length; i++) {
      const t = a[i]!;
      gradZ[i] = gradA[i]! * (1 - t * t);
    }
  },
};

const reluKernel: ActivationKernel = {
  spec: { kind: "relu" },
  // kernels/index.ts has the loops (Math.max passes NaN on; slope 0 at z = 0), native where built
  forward(z, a) {
    elementwise().relu(z, a);
  },
  backward(z, _a, gradA, gradZ) {
    elementwise().reluBackward(z, gradA, gradZ);
  },
};

function leakyReluKernel(slope: number): ActivationKernel {
  return {
    spec: { kind: "leaky_relu", slope },
    forward(z, a) {
      for (let i = 0; i < z.length; i++) {
        const v = z[i]!;
        a[i] = v > 0 ? v : slope * v;
      }
    },
    // slope below and at z = 0, as np.where(z > 0, 1, slope)
    backward(z, _a, gradA, gradZ) {
      for (let i = 0; i < z.length; i++) gradZ[i] = z[i]! > 0 ? gradA[i]! : slope * gradA[i]!;
    },
  };
}

const softmaxKernel: ActivationKernel = {
  spec: { kind: "softmax" },
  forward(z, a, cols) {
    softmaxRows(z, a, cols);
  },
  // per row dL/dz = y * (dL/dy - sum_k dL/dy_k y_k): the Jacobian diag(y) - y y^T applied without forming it
  backward(_z, a, gradA, gradZ, cols) {
    for (let row = 0; row < a.length; row += cols) {
      let dot = 0;
      for (let j = row; j < row + cols; j++) dot += gradA[j]! * a[j]!;
      for (let j = row; j < row + cols; j++) gradZ[j] = a[j]! * (gradA[j]! - dot);
    }
  },
};

/**
 * Row-wise softmax of z into out (out may be z); each row's max is
 * subtracted first so that exp cannot overflow. The engine's only softmax:
 * the activation and the cross-entropy losses both call it.
 */
export function softmaxRows(z: Float64Array, out: Float64Array, cols: number): void {
  for (let row = 0; row < z.length; row += cols) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = row; j < row + cols; j++) if (z[j]! > max) max = z[j]!;
    let sum = 0;
    for (let j = row; j < row + cols; j++) {
      const e = Math.exp(z[j]! - max);
      out[j] = e;
      sum += e;
    }
    for (let j = row; j < row + cols; j++) out[j] = out[j]! / sum;
  }
}

/** the kernel of a checked spec (../activations.ts's activationSpec checks one) */
export function kernelOf(spec: ActivationSpec): ActivationKernel {
  switch (spec.kind) {
    case "identity":
      return identityKernel;
    case "sigmoid":
      return sigmoidKernel;
    case "tanh":
      return tanhKernel;
    case "relu":
      return reluKernel;
    case "leaky_relu":
      return leakyReluKernel(spec.slope);
    case "softmax":
      return softmaxKernel;
    default: {
      const unknown: never = spec;
      throw new Error(`unknown activation ${JSON.stringify(unknown)}`);
    }
  }
}
