/**
 * The WebAssembly SIMD gemm (gemm.wat) behind the Backend interface, on one
 * thread or on two (the main thread and one worker over shared memory).
 *
 * On two threads the main thread packs B while the worker wakes up, then both
 * take chunks of rows of out from a shared counter (gemm.wat), so a worker
 * that wakes late or runs slow takes fewer rows instead of holding the main
 * thread up; the main thread blocks until the worker has finished its rows.
 *
 * Operands are copied into a scratch arena inside the WebAssembly memory and
 * the product copied back out. Matrices keep living in ordinary
 * Float64Arrays: memory handed out from inside the wasm memory would need
 * freeing by hand (a FinalizationRegistry never runs inside a synchronous
 * training loop), and the copies are cheap next to the arithmetic
 * (bench/gemm.ts prints both). The arena grows to the largest product seen
 * and is reused; WebAssembly memory cannot shrink, so it is held until exit.
 *
 * Every backend gives the JS backend's numbers bit for bit, so a product too
 * big for the arena (operands over 512 MiB) simply runs on the JS backend.
 *
 * Use: `await initWasmBackend()` once at start-up (a program's entry point:
 * the CLI, a benchmark); until then, and where WebAssembly SIMD is missing,
 * the engine runs on the JS backend. `backend()` itself stays synchronous.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PACKAGE_ROOT } from "../../package-root.ts";
import { type Backend, type GemmArgs, backend, javascriptBackend, useBackend } from "./index.ts";
import { CONTROL_BYTES, GemmWorker, SLOTS } from "./wasm-threads.ts";
import { type WasmApi, type WasmMemory, type WasmModule, webAssembly } from "./webassembly.ts";

// from the sources even when running compiled: dist/ holds only JavaScript
const WASM_URL = pathToFileURL(join(PACKAGE_ROOT, "src", "engine", "kernels", "gemm.wasm"));
const PAGE_BYTES = 65536;
/** the memory's maximum declared in gemm.wat (2 GiB) */
const MAX_PAGES = 32768;
const ALIGN_BYTES = 64;
/**
 * operands past 2^26 values (512 MiB) go to the JS backend: with B packed
 * beside them they would not fit the 2 GiB memory, and gemm.wat's 32-bit
 * offsets stay far from overflowing
 */
const MAX_ARENA_VALUES = 2 ** 26;
/**
 * Below this many multiply-adds (m n k) a product stays on one thread: handing
 * rows to the worker costs a few microseconds even when it is spinning, and
 * measured about even at 64x32x128 (262,144), 1.5x faster at 128x64x128.
 */
export const TWO_THREAD_MIN_MULTIPLY_ADDS = 1 << 18;

type GemmExport = (...args: number[]) => void;

export interface WasmBackend extends Backend {
  readonly threads: 1 | 2;
  /** stops the worker; afterwards the backend runs on one thread */
  dispose(): Promise<void>;
}

export interface WasmBackendOptions {
  /** 2 by default where the machine has two cores */
  threads?: 1 | 2;
  /** products of fewer multiply-adds stay on one thread (tests set 0 to split everything) */
  twoThreadMinMultiplyAdds?: number;
}

/** the compiled gemm.wasm, or undefined where WebAssembly SIMD or shared memory is missing */
export function loadGemmModule(): WasmModule | undefined {
  const api = webAssembly();
  if (api === undefined || typeof SharedArrayBuffer !== "function") return undefined;
  const bytes = readFileSync(WASM_URL);
  if (!api.validate(bytes)) return undefined;
  return new api.Module(bytes);
}

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;
}

/** the shared memory: control block, one scratch area per thread, then the operands and packed B */
class GemmArena {
  readonly memory: WasmMemory;
  readonly packB: GemmExport;
  readonly rows: GemmExport;
  readonly packedBytes: (n: number, k: number) => number;
  readonly control: Int32Array;
  private readonly workBytes: number;
  readonly dataStart: number;
  private floats: Float64Array;

  constructor(api: WasmApi, module: WasmModule, threads: number) {
    this.memory = new api.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const { exports } = new api.Instance(module, { env: { memory: this.memory } });
    this.packB = exports.packB as GemmExport;
    this.rows = exports.rows as GemmExport;
    this.packedBytes = exports.packedBytes as (n: number, k: number) => number;
    this.control = new Int32Array(this.memory.buffer, 0, SLOTS.length);
    this.workBytes = alignUp((exports.workBytes as () => number)());
    this.dataStart = alignUp(CONTROL_BYTES) + threads * this.workBytes;
    this.floats = new Float64Array(this.memory.buffer);
    this.reserve(this.dataStart);
  }

  workOffset(thread: number): number {
    return alignUp(CONTROL_BYTES) + thread * this.workBytes;
  }

  /** grows the memory to hold `bytes`; false if that is past its maximum */
  reserve(bytes: number): boolean {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return true;
    const pages = Math.ceil(bytes / PAGE_BYTES);
    if (pages > MAX_PAGES) return false;
    // a quarter more than asked for, so that a slowly growing size does not grow it every call
    const target = Math.min(MAX_PAGES, Math.ceil(pages * 1.25));
    this.memory.grow(target - have / PAGE_BYTES);
    this.floats = new Float64Array(this.memory.buffer);
    return true;
  }

  view(): Float64Array {
    return this.floats;
  }
}

function checkLength(name: string, array: Float64Array, needed: number): void {
  if (array.length < needed) throw new RangeError(`gemm: ${name} holds ${array.length} values, the product needs ${needed}`);
}

class WasmGemm {
  constructor(
    private readonly arena: GemmArena,
    private worker: GemmWorker | undefined,
    private readonly twoThreadMin: number,
  ) {}

  get threads(): 1 | 2 {
    return this.worker === undefined ? 1 : 2;
  }

  gemm(args: GemmArgs): void {
    const { transA, transB, m, n, k, a, b, out, accumulate } = args;
    checkLength("a", a, m * k);
    checkLength("b", b, k * n);
    checkLength("out", out, m * n);
    if (m === 0 || n === 0) return;
    if (k === 0) {
      if (!accumulate) out.fill(0, 0, m * n);
      return;
    }
    if (m * k + k * n + m * n > MAX_ARENA_VALUES) {
      javascriptBackend.gemm(args);
      return;
    }
    const arena = this.arena;
    const aOffset = arena.dataStart;
    const bOffset = alignUp(aOffset + m * k * 8);
    const outOffset = alignUp(bOffset + k * n * 8);
    const packedOffset = alignUp(outOffset + m * n * 8);
    if (!arena.reserve(packedOffset + arena.packedBytes(n, k))) {
      javascriptBackend.gemm(args);
      return;
    }
    const floats = arena.view();
    floats.set(a.subarray(0, m * k), aOffset / 8);
    floats.set(b.subarray(0, k * n), bOffset / 8);
    if (accumulate) floats.set(out.subarray(0, m * n), outOffset / 8);
    // the first row not yet taken, for this product
    arena.control[SLOTS.next] = 0;
    const rows = [transA ? 1 : 0, m, n, k, aOffset, outOffset, accumulate ? 1 : 0, packedOffset, SLOTS.next * 4];
    const worker = this.worker;
    if (worker !== undefined && m * n * k >= this.twoThreadMin && m >= 8) {
      worker.post([...rows, arena.workOffset(1)]);
      try {
        arena.packB(transB ? 1 : 0, n, k, bOffset, packedOffset);
      } finally {
        worker.packed();
      }
      try {
        arena.rows(...rows, arena.workOffset(0));
      } finally {
        worker.finish();
      }
    } else {
      arena.packB(transB ? 1 : 0, n, k, bOffset, packedOffset);
      arena.rows(...rows, arena.workOffset(0));
    }
    out.set(floats.subarray(outOffset / 8, outOffset / 8 + m * n));
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.stop();
  }
}

/** a WebAssembly backend, or undefined where this runtime cannot run gemm.wasm */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend | undefined> {
  const api = webAssembly();
  const module = loadGemmModule();
  if (api === undefined || module === undefined) return undefined;
  const threads = options.threads ?? (availableParallelism() >= 2 ? 2 : 1);
  const arena = new GemmArena(api, module, threads);
  const worker = threads === 2 ? await GemmWorker.start(module, arena.memory) : undefined;
  const gemm = new WasmGemm(arena, worker, options.twoThreadMinMultiplyAdds ?? TWO_THREAD_MIN_MULTIPLY_ADDS);
  return {
    name: threads === 2 ? "wasm-2t" : "wasm",
    get threads() {
      return gemm.threads;
    },
    gemm: (args) => gemm.gemm(args),
    dispose: () => gemm.dispose(),
  };
}

let installed: WasmBackend | undefined;

/**
 * Makes the WebAssembly backend the engine's backend (two threads by default
 * where there are two cores) and returns the backend now in use: the JS one
 * where WebAssembly SIMD is missing. Calling it again replaces the previous one.
 */
export async function initWasmBackend(options: WasmBackendOptions = {}): Promise<Backend> {
  const next = await createWasmBackend(options);
  if (next !== undefined) {
    const previous = installed;
    installed = next;
    useBackend(next);
    await previous?.dispose();
  }
  return backend();
}

/** stops the installed WebAssembly backend's worker and goes back to the JS backend */
export async function disposeWasmBackend(): Promise<void> {
  const previous = installed;
  installed = undefined;
  if (previous !== undefined && backend() === previous) useBackend(javascriptBackend);
  await previous?.dispose();
}
