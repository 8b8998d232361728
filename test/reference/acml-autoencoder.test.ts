import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import reference, {
  acmlDefaultInputs,
  codesVerdict,
  finalLossVerdict,
  readModel,
  reconstructionVerdict,
  type RunConfig,
  runSummary,
  SEEDS,
  solveDefault,
} from "../../reference/acml-autoencoder.ts";
import { ReferenceCache } from "../../src/grade/cache.ts";
import type { SolveContext, Upstream } from "../../src/grade/reference.ts";
import { upstreamFrom } from "../../src/grade/upstream.ts";
import type { Value } from "../../src/value.ts";
import { expectClose } from "../golden/expect-close.ts";

// numpy's runs, written by fixtures/make_acml_fixtures.py with its own training loop
const FIXTURES = new URL("../../fixtures/submissions/acml-autoencoder/", import.meta.url);
const answersOf = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")).answers;
const numpySeed0 = answersOf("numpy-seed-0.json");
const SHIPPED = fileURLToPath(new URL("../../reference/cache/acml-autoencoder.json", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "nngrade-acml-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** the shipped cache, and a test that would train fails instead */
class ShippedOnly extends ReferenceCache {
  override get<T extends Value>(key: Record<string, unknown>, _compute: () => T): T {
    return super.get(key, () => {
      throw new Error(`not in the shipped cache: ${JSON.stringify(key)}`);
    });
  }
}
const shipped: SolveContext = { cache: new ShippedOnly("acml-autoencoder", { userFolder: join(work, "user") }) };
const solve = (taskId: Parameters<typeof solveDefault>[0], upstream?: Upstream) => solveDefault(taskId, upstream, shipped);
const upstreamOf = (values: Record<string, Value>): Upstream => upstreamFrom((id) => values[id]);

/** the same float64 training in another summation order, 20,000 iterations on: ~1e-14 apart */
const SAME_RUN = { rtol: 1e-10, atol: 1e-15 };
const seed0 = (config: Omit<RunConfig, "seed">) => runSummary(shipped, { ...config, seed: 0 });
const fullBatch = { encoding: "k", batch: 8, shuffle: false, epochs: 20000 } as const;

describe("acml-autoencoder reference", () => {
  it("has tasks a1..a6, five seeds, and the handout's inputs, a fresh copy each time", () => {
    expect(reference.tasks.map((t) => t.id)).toEqual(["a1", "a2", "a3", "a4", "a5", "a6"]);
    expect(SEEDS).toHaveLength(5);
    const inputs = acmlDefaultInputs();
    inputs.a2.lambdas.push(1);
    expect(acmlDefaultInputs().a2.lambdas).toEqual([0, 0.001, 0.01, 0.1]);
  });

  it("agrees with numpy's seed-0 runs: every final loss to 1e-10, every iteration count exactly", () => {
    const a2 = [0, 0.001, 0.01, 0.1].map((lambda) => seed0({ ...fullBatch, lambda, alpha: 0.5 }));
    expectClose(a2.map((r) => r.final_loss), numpySeed0.a2.final_loss, SAME_RUN);
    expect(a2.map((r) => r.iterations_to_0_1)).toEqual(numpySeed0.a2.iterations_to_0_1);
    const a4 = [0.01, 0.1, 1, 5].map((alpha) => seed0({ ...fullBatch, lambda: 0, alpha }));
    expect(a4.map((r) => r.iterations_to_0_1)).toEqual(numpySeed0.a4.iterations_to_0_1);
    const a5 = [1, 2, 4, 8].map((batch) => seed0({ encoding: "k", lambda: 0, alpha: 0.5, epochs: 5000, batch, shuffle: true }));
    expectClose(a5.map((r) => r.final_loss), numpySeed0.a5.final_loss, SAME_RUN);
    expectClose(seed0({ ...fullBatch, encoding: "k-1", lambda: 0, alpha: 0.5 }).final_loss, numpySeed0.a3.final_loss_k_minus_1, SAME_RUN);
  });

  it("a1 and a6: numpy's seed-0 model and its codes", () => {
    const a1 = solve("a1").answers;
    expectClose(a1.weights, numpySeed0.a1.weights, { rtol: 1e-9, atol: 1e-12 });
    expectClose(a1.final_loss, numpySeed0.a1.final_loss, SAME_RUN);
    expectClose(solve("a6").answers.hidden_codes, numpySeed0.a6.hidden_codes, { rtol: 1e-9, atol: 1e-12 });
  });

  it("answers each band's mean, and null where no seed gets below 0.1", () => {
    for (const [taskId, path] of [["a2", "final_loss"], ["a2", "iterations_to_0_1"], ["a4", "iterations_to_0_1"], ["a5", "final_loss"]] as const) {
      const solution = solve(taskId);
      (solution.answers[path] as (number | null)[]).forEach((answer, i) => {
        const band = solution.bands?.[`${path}[${i}]`];
        if (answer === null) {
          expect(band).toBeUndefined();
          return;
        }
        expect(band?.samples).toHaveLength(5);
        expect(answer).toBe(band!.samples.reduce((a, b) => a + b, 0) / 5);
      });
    }
    expect(solve("a2").answers.iterations_to_0_1).toMatchObject([expect.any(Number), null, null, null]);
    expect(solve("a4").answers.iterations_to_0_1).toMatchObject([null, null, expect.any(Number), expect.any(Number)]);
    const a3 = solve("a3");
    expect(a3.answers).toMatchObject({ params_k: 59, params_k_minus_1: 52 });
    // k is a2's lambda-0 run: the same cache entries
    expect(a3.bands?.final_loss_k).toEqual(solve("a2").bands?.["final_loss[0]"]);
  });

  it("reads a student's weights in either orientation, with numpy's column biases", () => {
    const { W1, b1, W2, b2 } = numpySeed0.a1.weights as { W1: number[][]; b1: number[]; W2: number[][]; b2: number[] };
    const transpose = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));
    const column = (v: number[]) => v.map((x) => [x]);
    expect(reconstructionVerdict({ W1: transpose(W1), b1: column(b1), W2: transpose(W2), b2: column(b2) }).score).toBe(1);
    expect(reconstructionVerdict({ W1, b1, W2, b2: b2.slice(1) })).toEqual({ score: 0, message: "b2: expected 8 finite numbers" });
    expect(reconstructionVerdict({ W1: [[1, 2]], b1, W2, b2 }).message).toBe("W1: expected a 3x8 matrix of finite numbers");
    expect(reconstructionVerdict("weights").score).toBe(0);
    expect(typeof readModel({ W1, b1: [0, Number.NaN, 0], W2, b2 })).toBe("string");
  });

  it("with the student's own weights passed on: final_loss must be their loss, the codes their activations", () => {
    const own = answersOf("correct-numpy.json");
    const upstream = upstreamOf({ "a1.weights": own.a1.weights });
    const finalLoss = solve("a1", upstream).evaluations!.final_loss!;
    expect(finalLoss(own.a1.final_loss).score).toBe(1);
    const mid = answersOf("mistake-reported-loss.json").a1.final_loss;
    expect(finalLoss(mid).message).toMatch(/^your weights give a loss of 0\.006\d+, not 0\.2/);
    const codes = solve("a6", upstream).evaluations!.hidden_codes!;
    expect(codes(own.a6.hidden_codes)).toEqual({ score: 1, message: "8 distinct codes, the activations of your own a1 weights" });
    const notOwn = answersOf("mistake-codes-not-own.json").a6.hidden_codes;
    expect(codes(notOwn).message).toMatch(/^not the hidden activations of your own a1 weights \(off by up to 0\.5/);
    // without them only their form can be asked: half the points, and the TA is told
    expect(codesVerdict(notOwn, undefined)).toMatchObject({ score: 0.5, flag: { code: "unverified" } });
  });

  it("credits no small final loss that no readable weights back, and flags it", () => {
    const claimed = finalLossVerdict(0.004, undefined);
    expect(claimed.score).toBe(0);
    expect(claimed.message).toBe("a final loss of 0.004, not checked: no readable a1 weights to compute it from");
    expect(claimed.flag).toEqual({
      code: "unverified",
      message: "a1: final_loss 0.004 is the loss of no weights handed in (a1.weights cannot be read), so it earned nothing",
    });
    // a loss that would fail anyway is not the TA's to look at
    expect(finalLossVerdict(0.4375, undefined)).toEqual({ score: 0, message: "a final loss of 0.4375 is not below 0.1, as a trained model's is" });
  });

  it("rebuilds a5's batch-8 seed-0 run bit for bit as shipped", () => {
    const folder = join(work, "rebuilt");
    const rebuilt = new ReferenceCache("acml-autoencoder", { rebuild: true, shippedFolder: folder, userFolder: join(work, "user") });
    runSummary({ cache: rebuilt }, { encoding: "k", lambda: 0, alpha: 0.5, epochs: 5000, batch: 8, shuffle: true, seed: 0 });
    const entries = Object.entries(JSON.parse(readFileSync(join(folder, "acml-autoencoder.json"), "utf8")).entries);
    expect(entries).toHaveLength(1);
    const [hash, entry] = entries[0]!;
    expect(JSON.parse(readFileSync(SHIPPED, "utf8")).entries[hash]).toStrictEqual(entry);
  });
});

describe("nngrade reference acml-autoencoder", () => {
  const run = (args: string[]) => runCli(args);

  it("prints answers that `nngrade check` gives full marks, without a flag", async () => {
    const printed = await run(["reference", "acml-autoencoder", "--json"]);
    expect(printed.code).toBe(0);
    const file = join(work, "reference.json");
    writeFileSync(file, printed.stdout);
    const { code, stdout } = await run(["check", file, "--all", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.assignment).toBe("acml-autoencoder");
    expect(result.max_score).toBe(40);
    expect(result.score).toBe(40);
    expect(result.flags).toEqual([]);
  });

  it("exports the one-hot inputs students train on, in both encodings", () => {
    const [k, kMinus1] = reference.datasets?.() ?? [];
    // the 8x8 identity, and the identity with its first column dropped (class 0 all zeros)
    const identity = Array.from({ length: 64 }, (_, i) => (Math.floor(i / 8) === i % 8 ? 1 : 0));
    expect(Array.from(k?.features.data ?? [])).toEqual(identity);
    const dropped = Array.from({ length: 56 }, (_, i) => (Math.floor(i / 7) === (i % 7) + 1 ? 1 : 0));
    expect([kMinus1?.features.rows, kMinus1?.features.cols]).toEqual([8, 7]);
    expect(Array.from(kMinus1?.features.data ?? [])).toEqual(dropped);
  });
});

