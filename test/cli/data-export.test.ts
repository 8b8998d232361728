import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { mnistSplit } from "../../src/engine/data/mnist-split.ts";
import { readNpy } from "../report/npy-read.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "nngrade-data-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// numpy's own figures for the split and the toy set (test/golden/make_data_golden.py, make_nn_golden.py)
const mnistGolden = JSON.parse(readFileSync(join(ROOT, "test/golden/data-mnist.json"), "utf8")).split_seed_0 as {
  train_sha256: string;
  validation_sha256: string;
};
const toyGolden = JSON.parse(readFileSync(join(ROOT, "test/golden/nn-cs231n.json"), "utf8")) as {
  X: { shape: number[]; values: number[] };
  y: number[];
};

const run = (args: string[]) => runCli(args, { cwd: work });

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** the raw data bytes of an npy file, as numpy keeps them in memory */
function npyData(file: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(file));
  return bytes.subarray(readNpy(bytes).dataOffset);
}

/** int64 labels as int32 little-endian, the bytes checksum.ts hashes */
function int32Bytes(labels: readonly number[]): Uint8Array {
  const out = new Uint8Array(4 * labels.length);
  const view = new DataView(out.buffer);
  labels.forEach((label, i) => {
    view.setInt32(4 * i, label, true);
  });
  return out;
}

describe("nngrade data export hw4-hyperparameters", () => {
  const out = join(work, "hw4");
  const split = mnistSplit();
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    result = await run(["data", "export", "hw4-hyperparameters", "--out", "hw4"]);
  });

  it("writes the npy and csv files of both parts, a README and SHA256SUMS", () => {
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      [
        "README.txt",
        "SHA256SUMS",
        "mnist_train.csv",
        "mnist_train_X.npy",
        "mnist_train_y.npy",
        "mnist_validation.csv",
        "mnist_validation_X.npy",
        "mnist_validation_y.npy",
      ].sort(),
    );
  });

  it("writes npy headers with the split's shapes, float64 features and int64 labels", () => {
    const header = (file: string) => {
      const { descr, fortranOrder, shape } = readNpy(new Uint8Array(readFileSync(join(out, file))));
      return { descr, fortranOrder, shape };
    };
    expect(header("mnist_train_X.npy")).toEqual({ descr: "<f8", fortranOrder: false, shape: [8000, 784] });
    expect(header("mnist_train_y.npy")).toEqual({ descr: "<i8", fortranOrder: false, shape: [8000] });
    expect(header("mnist_validation_X.npy")).toEqual({ descr: "<f8", fortranOrder: false, shape: [2000, 784] });
    expect(header("mnist_validation_y.npy")).toEqual({ descr: "<i8", fortranOrder: false, shape: [2000] });
  });

  it.each([
    ["mnist_train", split.train],
    ["mnist_validation", split.validation],
  ] as const)("stores exactly the engine's %s arrays", (name, part) => {
    const X = readNpy(new Uint8Array(readFileSync(join(out, `${name}_X.npy`)))).values;
    const y = readNpy(new Uint8Array(readFileSync(join(out, `${name}_y.npy`)))).values;
    expect(X.length).toBe(part.images.length);
    let mismatches = 0;
    X.forEach((value, i) => {
      if (!Object.is(value, part.images[i])) mismatches++;
    });
    expect(mismatches).toBe(0);
    expect(y).toEqual(Array.from(part.labels));
  });

  it.each([
    ["mnist_train", () => mnistGolden.train_sha256],
    ["mnist_validation", () => mnistGolden.validation_sha256],
  ] as const)("holds numpy's %s: its content checksum matches numpy's", (name, expected) => {
    const X = npyData(join(out, `${name}_X.npy`));
    const y = readNpy(new Uint8Array(readFileSync(join(out, `${name}_y.npy`)))).values;
    const digest = createHash("sha256").update(X).update(int32Bytes(y)).digest("hex");
    expect(digest).toBe(expected());
    expect(readFileSync(join(out, "README.txt"), "utf8")).toContain(`content sha256: ${expected()}`);
  });

  it("lists every file's sha256 in SHA256SUMS, as sha256sum -c reads it, and prints the same", () => {
    const sums = readFileSync(join(out, "SHA256SUMS"), "utf8");
    const lines = sums.trimEnd().split("\n");
    const files = readdirSync(out).filter((name) => name !== "SHA256SUMS");
    expect(lines.map((line) => line.slice(66)).sort()).toEqual(files.sort());
    for (const line of lines) {
      const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      expect(match, line).not.toBeNull();
      const [, hex, name] = match as RegExpExecArray;
      expect(sha256(readFileSync(join(out, name as string))), name).toBe(hex);
      expect(result.stdout).toContain(line);
    }
  });

  it("prints the python that loads each part", () => {
    expect(result.stdout).toContain(`X = np.load("${join("hw4", "mnist_train_X.npy")}"); y = np.load("${join("hw4", "mnist_train_y.npy")}")`);
    expect(result.stdout).toContain(`np.loadtxt("${join("hw4", "mnist_validation.csv")}", delimiter=",", skiprows=1)`);
  });

  it("writes a csv with a header, one row per sample, features then the label", () => {
    const lines = readFileSync(join(out, "mnist_train.csv"), "utf8").split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(8000 + 2);
    const header = (lines[0] as string).split(",");
    expect(header).toHaveLength(785);
    expect([header[0], header[783], header[784]]).toEqual(["x0", "x783", "label"]);
    for (const row of [0, 1234, 7999]) {
      const fields = (lines[row + 1] as string).split(",").map(Number);
      expect(fields).toHaveLength(785);
      expect(fields.slice(0, 784)).toEqual(Array.from(split.train.images.subarray(784 * row, 784 * (row + 1))));
      expect(fields[784]).toBe(split.train.labels[row]);
    }
    expect(lines.slice(1, -1).every((line) => line.split(",").length === 785)).toBe(true);
  });
});

describe("nngrade data export and list", () => {
  it("writes the hlcv toy set as numpy draws it, and only npy files with --format npy", async () => {
    const { code } = await run(["data", "export", "hlcv-two-layer-net", "--out", "hlcv", "--format", "npy"]);
    expect(code).toBe(0);
    const files = readdirSync(join(work, "hlcv"));
    expect(files.filter((name) => name.endsWith(".csv"))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(["toy_X.npy", "toy_y.npy", "mnist_train_X.npy", "mnist_validation_y.npy"]));
    const X = readNpy(new Uint8Array(readFileSync(join(work, "hlcv", "toy_X.npy"))));
    expect(X.shape).toEqual(toyGolden.X.shape);
    expect(X.values).toEqual(toyGolden.X.values);
    expect(readNpy(new Uint8Array(readFileSync(join(work, "hlcv", "toy_y.npy")))).values).toEqual(toyGolden.y);
  });

  it("lists each data set's name, shape and description", async () => {
    const { code, stdout } = await run(["data", "list", "cse343-nn-from-scratch"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^mnist_train\s+8000 x 784, 8000 labels\s+the 8000 training images .*RandomState\(0\)/m);
    expect(stdout).toMatch(/^mnist_validation\s+2000 x 784, 2000 labels\s+/m);
  });

  it("exits 2 for an unknown assignment", async () => {
    const { code, stderr } = await run(["data", "export", "hw9-nothing", "--out", "x"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown assignment 'hw9-nothing'/);
    expect(existsSync(join(work, "x"))).toBe(false);
  });

  it("exits 2 for an assignment without data sets", async () => {
    // hw4's rubric beside a reference that is hw4's without datasets()
    const folder = join(work, "no-data");
    rmSync(folder, { recursive: true, force: true });
    const rubric = join(folder, "hw4-hyperparameters.json");
    mkdirSync(folder, { recursive: true });
    writeFileSync(rubric, readFileSync(join(ROOT, "rubrics/hw4-hyperparameters.json"), "utf8"));
    const base = JSON.stringify(pathToFileURL(join(ROOT, "reference/hw4-hyperparameters.ts")).href);
    writeFileSync(join(folder, "hw4-hyperparameters.ts"), `import base from ${base};\nexport default { ...base, datasets: undefined };\n`);
    for (const args of [["export", rubric, "--out", "none"], ["list", rubric]]) {
      const { code, stderr } = await run(["data", ...args]);
      expect(code).toBe(2);
      expect(stderr).toBe("nngrade: hw4-hyperparameters has no data sets to export\n");
    }
    expect(existsSync(join(work, "none"))).toBe(false);
  });
});
