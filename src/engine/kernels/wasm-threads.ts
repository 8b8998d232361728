/**
 * The second thread of the WebAssembly gemm: one worker sharing the
 * WebAssembly memory, driven through a small control block of Int32 words at
 * the start of that memory. The engine is synchronous, so the main thread
 * posts a job, packs B and says so, takes rows like the worker does, and then
 * blocks in Atomics.wait until the worker posts the job's number back (Node
 * allows Atomics.wait on the main thread). No message passing on the hot path.
 *
 * A worker still asleep when the main thread has taken every row must not
 * hold it up: the worker claims a job (compare-exchange on `claim`) before it
 * takes rows, and the main thread, once out of rows, revokes a job nobody
 * claimed and returns at once. The claim names the job, so a worker that
 * wakes up late can never claim a job that is over.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { PACKAGE_ROOT } from "../../package-root.ts";
import type { WasmMemory, WasmModule } from "./webassembly.ts";

/** Int32 word indices of the control block at byte 0 of the shared memory */
export const SLOTS = {
  /** the number of the job posted last */
  job: 0,
  /** the number of the job the worker finished last */
  done: 1,
  status: 2,
  quit: 3,
  /** the number of the job whose B the main thread has packed */
  packed: 4,
  /** the first row of out no thread has taken yet (gemm.wat's `next`) */
  next: 5,
  /** set by a worker on its way out */
  dead: 6,
  /**
   * 2 job when a job is posted; the worker makes it 2 job + 1 when it takes
   * part, the main thread -1 when it finished alone (then no worker can claim it)
   */
  claim: 7,
  args: 8,
  argCount: 10,
  length: 24,
  /**
   * how long the worker spins after a job before it sleeps (the next product
   * of a training step comes soon), and the main thread for the worker's last rows
   */
  workerSpinMs: 1,
  mainSpinMs: 0.2,
} as const;

export const CONTROL_BYTES = SLOTS.length * 4;

// plain JavaScript in the sources, used as is when running compiled
const WORKER_URL = pathToFileURL(join(PACKAGE_ROOT, "src", "engine", "kernels", "gemm-worker.js"));
// a worker that dies while the main thread waits would hang it: look every second
const WAIT_SLICE_MS = 1000;

export class GemmWorker {
  private readonly control: Int32Array;
  private job = 0;

  private constructor(
    private readonly worker: Worker,
    memory: WasmMemory,
  ) {
    this.control = new Int32Array(memory.buffer, 0, SLOTS.length);
  }

  /** starts the worker and resolves once it has instantiated the module */
  static async start(module: WasmModule, memory: WasmMemory): Promise<GemmWorker> {
    const worker = new Worker(WORKER_URL, { workerData: { module, memory, slots: SLOTS } });
    const gemmWorker = new GemmWorker(worker, memory);
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`gemm worker exited with code ${code} before it was ready`));
      worker.once("error", reject);
      worker.once("exit", onExit);
      // the worker says so once its instance exists
      worker.once("message", () => {
        worker.off("error", reject);
        worker.off("exit", onExit);
        resolve();
      });
    });
    // a parked worker must not keep the process alive
    worker.unref();
    return gemmWorker;
  }

  /** hands the worker one call of the wasm export `rows`; it starts once B is packed */
  post(args: readonly number[]): void {
    if (args.length !== SLOTS.argCount) throw new Error(`gemm worker: ${args.length} arguments, expected ${SLOTS.argCount}`);
    this.control.set(args, SLOTS.args);
    // 30 bits, so that 2 job + 1 stays a positive int32
    this.job = (this.job + 1) & 0x3fffffff;
    this.control[SLOTS.claim] = 2 * this.job;
    Atomics.store(this.control, SLOTS.job, this.job);
    Atomics.notify(this.control, SLOTS.job, 1);
  }

  /** tells the worker that B is packed: the posted job's rows can start */
  packed(): void {
    Atomics.store(this.control, SLOTS.packed, this.job);
    Atomics.notify(this.control, SLOTS.packed, 1);
  }

  /**
   * called once the main thread has run out of rows: returns at once if the
   * worker never took part (it then never will), else blocks until it is
   * done; throws if it failed or died
   */
  finish(): void {
    if (Atomics.compareExchange(this.control, SLOTS.claim, 2 * this.job, -1) === 2 * this.job) return;
    const until = performance.now() + SLOTS.mainSpinMs;
    while (Atomics.load(this.control, SLOTS.done) !== this.job && performance.now() < until) {
      // spinning: the worker is usually on its last few rows; past that, sleeping lets it have this core
    }
    for (;;) {
      const done = Atomics.load(this.control, SLOTS.done);
      if (done === this.job) break;
      if (Atomics.load(this.control, SLOTS.dead) !== 0) throw new Error("gemm worker: the worker thread died");
      Atomics.wait(this.control, SLOTS.done, done, WAIT_SLICE_MS);
    }
    if (Atomics.load(this.control, SLOTS.status) !== 0) throw new Error("gemm worker: the wasm call failed");
  }

  /** lets the worker leave its loop, and ends it */
  async stop(): Promise<void> {
    Atomics.store(this.control, SLOTS.quit, 1);
    Atomics.store(this.control, SLOTS.job, (this.job + 1) & 0x3fffffff);
    Atomics.notify(this.control, SLOTS.job);
    await this.worker.terminate();
  }
}
