/**
 * The native gemm (native/gemm.c, AVX-512 or AVX2 with two threads) behind
 * the Backend interface. It is compiled from source by `npm ci`
 * (scripts/build-native.ts, with the machine's C compiler and Node's own
 * headers) into build/nngrade_kernels.node; where that could not be built it
 * is simply absent and the engine runs on WebAssembly. It computes every
 * element in the same order as the other backends, so the numbers do not
 * depend on which one runs (test/engine/kernels-native.test.ts).
 *
 * It works on the Float64Arrays in place: no copies in or out.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../package-root.ts";
import { type Backend, type ElementwiseKernels, type GemmArgs, javascriptElementwise } from "./index.ts";

interface NativeModule {
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float64Array,
    b: Float64Array,
    out: Float64Array,
    accumulate: boolean,
    threads: number,
    twoThreadMin: number,
  ): void;
  info(): { isa: string; maxThreads: number };
  addBias(z: Float64Array, bias: Float64Array): void;
  relu(z: Float64Array, a: Float64Array): void;
  reluBackward(z: Float64Array, gradA: Float64Array, gradZ: Float64Array): void;
  sumRows(g: Float64Array, out: Float64Array): void;
  sgd(w: Float64Array, g: Float64Array, lr: number): void;
}

/**
 * Below this many values a pass stays in JavaScript: a call into the addon
 * costs about as much as a JavaScript loop over a few hundred values, and the
 * small networks of the hand-worked tasks take many tiny steps.
 */
export const NATIVE_ELEMENTWISE_MIN = 512;

function nativeElementwise(native: NativeModule): ElementwiseKernels {
  const js = javascriptElementwise;
  const min = NATIVE_ELEMENTWISE_MIN;
  return {
    addBias: (z, bias) => (z.length < min || bias.length === 0 ? js.addBias(z, bias) : native.addBias(z, bias)),
    relu: (z, a) => (z.length < min || a.length !== z.length ? js.relu(z, a) : native.relu(z, a)),
    reluBackward: (z, gradA, gradZ) =>
      z.length < min || gradA.length !== z.length || gradZ.length !== z.length ? js.reluBackward(z, gradA, gradZ) : native.reluBackward(z, gradA, gradZ),
    sumRows: (g, out) => (g.length < min || out.length === 0 ? js.sumRows(g, out) : native.sumRows(g, out)),
    sgd: (w, g, lr) => (w.length < min || g.length !== w.length ? js.sgd(w, g, lr) : native.sgd(w, g, lr)),
  };
}

/** where scripts/build-native.ts puts the addon */
export const NATIVE_ADDON_PATH = join(PACKAGE_ROOT, "build", "nngrade_kernels.node");

let loaded: NativeModule | null | undefined;
let loadError: string | undefined;

/** the addon, or undefined where it was not built (or cannot load here); NNGRADE_NATIVE=0 turns it off */
export function loadNativeKernels(): NativeModule | undefined {
  if (loaded !== undefined) return loaded ?? undefined;
  loaded = null;
  if (process.env.NNGRADE_NATIVE === "0") {
    loadError = "turned off by NNGRADE_NATIVE=0";
    return undefined;
  }
  if (!existsSync(NATIVE_ADDON_PATH)) {
    loadError = "not built (npm ci builds it where a C compiler is present)";
    return undefined;
  }
  try {
    loaded = createRequire(import.meta.url)(NATIVE_ADDON_PATH) as NativeModule;
  } catch (error) {
    loadError = `could not be loaded: ${(error as Error).message.split("\n")[0]}`;
  }
  return loaded ?? undefined;
}

/** why loadNativeKernels() gave nothing, for messages */
export function nativeKernelsUnavailableReason(): string | undefined {
  loadNativeKernels();
  return loadError;
}

/**
 * Below this many multiply-adds (m n k) a product stays on one thread: waking
 * the helper thread and sharing the packing costs more than it saves.
 */
export const NATIVE_TWO_THREAD_MIN = 1 << 17;

export interface NativeBackendOptions {
  /** 2 by default where the machine has two cores */
  threads?: 1 | 2;
  /** products of fewer multiply-adds stay on one thread (tests set 0 to share everything) */
  twoThreadMinMultiplyAdds?: number;
}

/** a native backend, or undefined where the addon is not available */
export function createNativeBackend(options: NativeBackendOptions = {}): Backend | undefined {
  const native = loadNativeKernels();
  if (native === undefined) return undefined;
  const { isa, maxThreads } = native.info();
  const threads = Math.min(options.threads ?? 2, maxThreads);
  const twoThreadMin = options.twoThreadMinMultiplyAdds ?? NATIVE_TWO_THREAD_MIN;
  return {
    name: `native-${isa}${threads === 2 ? "-2t" : ""}`,
    gemm({ transA, transB, m, n, k, a, b, out, accumulate }: GemmArgs) {
      native.gemm(transA, transB, m, n, k, a, b, out, accumulate, threads, twoThreadMin);
    },
    elementwise: nativeElementwise(native),
  };
}
