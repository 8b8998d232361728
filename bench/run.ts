/**
 * `npm run bench`: the engine's training speed against numpy's, measured in
 * the same run. Trains the 784-256-128-64-32-10 relu MLP (He init, SGD lr
 * 0.05, batch 128, float64) on the 8,000 training digits of the bundled
 * MNIST split for a few epochs in the engine (WebAssembly gemm, two threads)
 * and in numpy (bench/mlp_numpy.py, started with OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE unset: numpy at its strongest here), and prints seconds
 * per epoch and their ratio. `-- --json` prints one JSON line
 * {engine_s_per_epoch, numpy_s_per_epoch, ratio}; `-- --epochs N` (default 3).
 * The first epoch of each side is a warm-up and is not counted.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNetwork, imageDataSet, mnistSplit, NumpyRandomState, trainNetwork } from "../src/engine/index.ts";
// the gemm backend is the engine's internals, not its public entry point: a benchmark picks and names it
import { disposeFastBackend, initFastBackend } from "../src/engine/kernels/fastest.ts";
import { backend } from "../src/engine/kernels/index.ts";
import { float64Npy, int64Npy } from "../src/report/npy.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const epochsArg = args.indexOf("--epochs");
const epochs = epochsArg >= 0 ? Number(args[epochsArg + 1]) : 3;
if (!Number.isInteger(epochs) || epochs < 2) throw new Error("bench: --epochs takes a whole number >= 2 (the first is a warm-up)");

const split = mnistSplit(0);
const log = (text: string) => {
  if (!json) process.stdout.write(`${text}\n`);
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function engineSecondsPerEpoch(): Promise<{ seconds: number[]; accuracy: number[]; backend: string }> {
  await initFastBackend();
  try {
    const rng = new NumpyRandomState(0);
    const network = createNetwork(
      { sizes: [784, 256, 128, 64, 32, 10], hidden: "relu", output: "softmax", weights: { kind: "he_normal" } },
      rng,
    );
    const seconds: number[] = [];
    const accuracy: number[] = [];
    const train = imageDataSet(split.train);
    const validation = imageDataSet(split.validation);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const start = performance.now();
      const result = trainNetwork(network, train, validation, {
        epochs: 1,
        batchSize: 128,
        learningRate: 0.05,
        loss: { kind: "cross_entropy" },
        rng,
        evaluateTrain: false,
      });
      seconds.push((performance.now() - start) / 1000);
      accuracy.push(result.history.valAccuracy.at(-1) as number);
    }
    return { seconds, accuracy, backend: backend().name };
  } finally {
    await disposeFastBackend();
  }
}

function numpySecondsPerEpoch(): { seconds: number[]; val_accuracy: number[]; blas: string } | { skipped: string } {
  const folder = mkdtempSync(join(tmpdir(), "nngrade-bench-"));
  try {
    const { train, validation } = split;
    writeFileSync(join(folder, "train_X.npy"), float64Npy(train.count, 784, train.images));
    writeFileSync(join(folder, "train_y.npy"), int64Npy(train.labels));
    writeFileSync(join(folder, "validation_X.npy"), float64Npy(validation.count, 784, validation.images));
    writeFileSync(join(folder, "validation_y.npy"), int64Npy(validation.labels));
    const script = new URL("./mlp_numpy.py", import.meta.url).pathname;
    const run = spawnSync("env", ["-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", "python3", script, folder, String(epochs)], {
      encoding: "utf8",
    });
    if (run.error || run.status !== 0) return { skipped: `numpy side skipped: ${(run.error?.message ?? run.stderr).trim().split("\n").at(-1)}` };
    return JSON.parse(run.stdout.trim().split("\n").at(-1) as string);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

log(`training the 784-256-128-64-32-10 relu MLP on ${split.train.count} digits, ${epochs} epochs each side (the first a warm-up)`);
const engine = await engineSecondsPerEpoch();
const engineSeconds = median(engine.seconds.slice(1));
log(`engine (${engine.backend}): ${engineSeconds.toFixed(3)} s/epoch, validation accuracy ${engine.accuracy.map((a) => a.toFixed(4)).join(", ")}`);
const numpy = numpySecondsPerEpoch();
if ("skipped" in numpy) {
  log(numpy.skipped);
  if (json) process.stdout.write(`${JSON.stringify({ engine_s_per_epoch: engineSeconds, numpy_s_per_epoch: null, ratio: null, note: numpy.skipped })}\n`);
} else {
  const numpySeconds = median(numpy.seconds.slice(1));
  const ratio = engineSeconds / numpySeconds;
  log(`numpy (${numpy.blas}): ${numpySeconds.toFixed(3)} s/epoch, validation accuracy ${numpy.val_accuracy.map((a) => a.toFixed(4)).join(", ")}`);
  log(`ratio engine/numpy: ${ratio.toFixed(2)} (target <= 1.5)`);
  if (json) {
    process.stdout.write(`${JSON.stringify({ engine_s_per_epoch: engineSeconds, numpy_s_per_epoch: numpySeconds, ratio })}\n`);
  }
}
