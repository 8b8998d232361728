/**
 * GF/s of every gemm backend against numpy, on the products of one training
 * step of the 784-256-128-64-32-10 MLP at batch 128 (forward, weight
 * gradients X^T dZ, input gradients dZ W^T), plus a full-set forward pass.
 * numpy runs in the same run, started with OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE unset (they slow a current OpenBLAS down on this machine).
 *
 *   npx tsx bench/gemm.ts            table
 *   npx tsx bench/gemm.ts --json     one JSON object
 *   npx tsx bench/gemm.ts --no-js    skip the (slow) JS backend
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Backend, javascriptBackend } from "../src/engine/kernels/index.ts";
import { createNativeBackend } from "../src/engine/kernels/native.ts";
import { createWasmBackend } from "../src/engine/kernels/wasm.ts";

type Form = "nn" | "tn" | "nt";
interface Shape {
  label: string;
  m: number;
  n: number;
  k: number;
  form: Form;
  /** how many times one epoch computes it */
  perEpoch: number;
}

const LAYERS = [784, 256, 128, 64, 32, 10];
const BATCH = 128;
const SAMPLES = 8000;
const STEPS = Math.ceil(SAMPLES / BATCH);
const TRIALS = 15;

function trainingShapes(): Shape[] {
  const shapes: Shape[] = [];
  for (let l = 0; l + 1 < LAYERS.length; l++) {
    const [fanIn, fanOut] = [LAYERS[l]!, LAYERS[l + 1]!];
    shapes.push({ label: `fwd  X W    ${BATCH}x${fanIn} @ ${fanIn}x${fanOut}`, m: BATCH, n: fanOut, k: fanIn, form: "nn", perEpoch: STEPS });
    shapes.push({ label: `grad X^T dZ ${fanIn}x${BATCH} @ ${BATCH}x${fanOut}`, m: fanIn, n: fanOut, k: BATCH, form: "tn", perEpoch: STEPS });
    // the first layer needs no gradient for its input
    if (l > 0) shapes.push({ label: `back dZ W^T ${BATCH}x${fanOut} @ ${fanOut}x${fanIn}`, m: BATCH, n: fanIn, k: fanOut, form: "nt", perEpoch: STEPS });
  }
  shapes.push({ label: `eval X W    ${SAMPLES}x784 @ 784x256`, m: SAMPLES, n: 256, k: 784, form: "nn", perEpoch: 0 });
  return shapes;
}

function randomArray(length: number, seed: number): Float64Array {
  // a fixed LCG: the numbers only need to be ordinary doubles
  const out = new Float64Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 32 - 0.5;
  }
  return out;
}

/** best wall-clock seconds of one call, over several trials of repeated calls */
function bestSeconds(run: () => void, flops: number, budgetFlops: number): number {
  run();
  const repeats = Math.max(1, Math.round(budgetFlops / flops));
  let best = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < 7; trial++) {
    const start = process.hrtime.bigint();
    for (let r = 0; r < repeats; r++) run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9 / repeats);
  }
  return best;
}

/**
 * best seconds of one call for each backend; the backends take turns, trial
 * by trial, so that a busy spell on the machine hits them all alike
 */
function timeBackends(backends: Backend[], shape: Shape): Map<Backend, number> {
  const { m, n, k, form } = shape;
  const args = {
    transA: form === "tn",
    transB: form === "nt",
    m,
    n,
    k,
    a: randomArray(m * k, 1),
    b: randomArray(k * n, 2),
    out: new Float64Array(m * n),
    accumulate: false,
  };
  const flops = 2 * m * n * k;
  const best = new Map<Backend, number>();
  for (const backend of backends) backend.gemm(args);
  for (let trial = 0; trial < TRIALS; trial++) {
    for (const backend of backends) {
      const repeats = Math.max(3, Math.round((backend === javascriptBackend ? 1e7 : 5e7) / flops));
      // untimed: wakes the worker, as the previous product of a training step would have
      backend.gemm(args);
      const start = process.hrtime.bigint();
      for (let r = 0; r < repeats; r++) backend.gemm(args);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9 / repeats;
      best.set(backend, Math.min(best.get(backend) ?? Number.POSITIVE_INFINITY, seconds));
    }
  }
  return best;
}

/** what the wasm backends spend moving operands in and the product out, alone */
function timeCopies(shape: Shape): number {
  const { m, n, k } = shape;
  const shared = new Float64Array(new SharedArrayBuffer((m * k + k * n + m * n) * 8));
  const a = randomArray(m * k, 1);
  const b = randomArray(k * n, 2);
  const out = new Float64Array(m * n);
  return bestSeconds(
    () => {
      shared.set(a, 0);
      shared.set(b, m * k);
      out.set(shared.subarray(m * k + k * n));
    },
    2 * m * n * k,
    2e8,
  );
}

interface NumpyResult {
  blas?: unknown;
  seconds: Map<string, number>;
  note?: string;
}

function timeNumpy(shapes: Shape[]): NumpyResult {
  const script = fileURLToPath(new URL("./gemm_numpy.py", import.meta.url));
  const input = JSON.stringify(shapes.map(({ label, m, n, k, form }) => ({ label, m, n, k, form })));
  // unset for numpy's command alone: older OpenBLAS builds need them here, a current one runs slower with them
  const run = spawnSync("env", ["-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", "python3", script], { input, encoding: "utf8" });
  const seconds = new Map<string, number>();
  if (run.status !== 0) return { seconds, note: `numpy skipped: ${(run.stderr || String(run.error)).trim().split("\n").at(-1)}` };
  let blas: unknown;
  for (const line of run.stdout.trim().split("\n")) {
    const record = JSON.parse(line) as { blas?: unknown; label?: string; seconds?: number };
    if (record.blas !== undefined) blas = record.blas;
    if (record.label !== undefined && record.seconds !== undefined) seconds.set(record.label, record.seconds);
  }
  return { blas, seconds };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: "boolean" }, "no-js": { type: "boolean" } } });
  const shapes = trainingShapes();
  const one = await createWasmBackend({ threads: 1 });
  const two = await createWasmBackend({ threads: 2 });
  const native = [createNativeBackend({ threads: 1 }), createNativeBackend({ threads: 2 })].filter((b): b is Backend => b !== undefined);
  const backends: Backend[] = [...(values["no-js"] ? [] : [javascriptBackend]), ...(one ? [one] : []), ...(two ? [two] : []), ...native];

  const numpy = timeNumpy(shapes);
  const rows = shapes.map((shape) => {
    const flops = 2 * shape.m * shape.n * shape.k;
    const seconds: Record<string, number> = {};
    // the JS backend would take most of the run on the full-set product
    const timed = shape.perEpoch === 0 ? backends.filter((backend) => backend !== javascriptBackend) : backends;
    for (const [backend, best] of timeBackends(timed, shape)) seconds[backend.name] = best;
    const numpySeconds = numpy.seconds.get(shape.label);
    if (numpySeconds !== undefined) seconds.numpy = numpySeconds;
    return { ...shape, flops, seconds, copySeconds: timeCopies(shape) };
  });
  await one?.dispose();
  await two?.dispose();

  const names = [...backends.map((backend) => backend.name), ...(numpy.seconds.size > 0 ? ["numpy"] : [])];
  const epoch: Record<string, number> = {};
  const training = rows.filter((row) => row.perEpoch > 0);
  for (const name of names) epoch[name] = training.reduce((sum, row) => sum + row.perEpoch * (row.seconds[name] ?? Number.NaN), 0);
  const epochCopies = training.reduce((sum, row) => sum + row.perEpoch * row.copySeconds, 0);

  if (values.json) {
    console.log(JSON.stringify({ blas: numpy.blas, note: numpy.note, rows, gemm_seconds_per_epoch: epoch, copy_seconds_per_epoch: epochCopies }));
    return;
  }
  const gf = (row: (typeof rows)[number], name: string) => {
    const seconds = row.seconds[name];
    return (seconds === undefined ? "-" : (row.flops / seconds / 1e9).toFixed(2)).padStart(8);
  };
  console.log(`${"GF/s".padEnd(40)}${names.map((name) => name.padStart(8)).join("")}  2t time/numpy  copy share`);
  for (const row of rows) {
    const ratio = (row.seconds["wasm-2t"] ?? Number.NaN) / (row.seconds.numpy ?? Number.NaN);
    const copyShare = row.copySeconds / (row.seconds["wasm-2t"] ?? row.seconds.wasm ?? Number.NaN);
    console.log(`${row.label.padEnd(40)}${names.map((name) => gf(row, name)).join("")}  ${ratio.toFixed(2).padStart(13)}  ${(100 * copyShare).toFixed(0).padStart(9)}%`);
  }
  console.log(`\ngemm seconds per epoch (${STEPS} steps of batch ${BATCH}, ${SAMPLES} samples, no evaluation):`);
  for (const name of names) console.log(`  ${name.padEnd(8)} ${epoch[name]!.toFixed(4)} s${name === "numpy" ? "" : `  (${(epoch[name]! / (epoch.numpy ?? Number.NaN)).toFixed(2)}x numpy)`}`);
  console.log(`  of which copying operands in and out (wasm): ${epochCopies.toFixed(4)} s`);
  console.log(`\nnumpy's BLAS: ${numpy.note ?? JSON.stringify(numpy.blas)}`);
}

await main();
