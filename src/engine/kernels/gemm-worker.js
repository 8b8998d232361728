// The second thread of the WebAssembly gemm (started by wasm-threads.ts).
// Plain JavaScript because a worker thread does not inherit tsx's loader when
// the engine is started through tsx's register() (bin/nngrade.js) or vitest.
//
// It shares the WebAssembly memory with the main thread and sleeps on a
// control word until the main thread posts a job, computes its share of the
// output, and posts the job's number back. The layout of the control block
// comes in workerData, so it is written down once, in wasm-threads.ts.
import { parentPort, workerData } from "node:worker_threads";

const { module, memory, slots } = workerData;
const { exports } = new WebAssembly.Instance(module, { env: { memory } });
const control = new Int32Array(memory.buffer, 0, slots.length);

// the main thread blocks on `done` and cannot see this thread die: tell it
process.on("exit", () => {
  Atomics.store(control, slots.dead, 1);
  Atomics.notify(control, slots.done);
});

// Waking a thread from Atomics.wait takes ~50 us here, longer than a whole
// 128x64x128 product: so the worker spins a while on a control word before
// it sleeps on it. Time only decides when to sleep, never what is computed.
function waitUntil(index, ready) {
  const until = performance.now() + slots.workerSpinMs;
  while (performance.now() < until) {
    for (let i = 0; i < 1000; i++) if (ready(Atomics.load(control, index))) return;
  }
  for (;;) {
    const value = Atomics.load(control, index);
    if (ready(value)) return;
    Atomics.wait(control, index, value);
  }
}

// read before saying ready: the main thread posts its first job only after that
let seen = Atomics.load(control, slots.job);
parentPort.postMessage("ready");
for (;;) {
  waitUntil(slots.job, (job) => job !== seen);
  seen = Atomics.load(control, slots.job);
  if (Atomics.load(control, slots.quit) !== 0) break;
  // a job the main thread finished alone while this thread slept is no longer
  // open (claim -1, or a later job's); one claimed stays posted until done
  if (Atomics.compareExchange(control, slots.claim, 2 * seen, 2 * seen + 1) !== 2 * seen) continue;
  // the main thread packs B after posting, so that waking up overlaps with packing
  waitUntil(slots.packed, (packed) => packed === seen);
  let status = 0;
  try {
    exports.rows(...control.subarray(slots.args, slots.args + slots.argCount));
  } catch {
    status = 1;
  }
  Atomics.store(control, slots.status, status);
  Atomics.store(control, slots.done, seen);
  Atomics.notify(control, slots.done);
}
