/**
 * Assembles the engine's hand-written WebAssembly (.wat) into the .wasm files
 * committed beside them, with wabt's wat2wasm (an npm package compiled to
 * JavaScript, so no toolchain is downloaded). The binaries are committed so
 * that `npm ci` needs no build step; test/engine/kernels/wasm-build.test.ts
 * rebuilds them from source and checks they are byte for byte the same.
 *
 *   npx tsx scripts/build-wasm.ts          rewrite the .wasm files
 *   npx tsx scripts/build-wasm.ts --check  exit 1 if one is stale
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import wabt from "wabt";

const ROOT = new URL("../", import.meta.url);

/** every .wat the engine ships, relative to the repository root */
export const WAT_SOURCES = ["src/engine/kernels/gemm.wat"] as const;

// simd for f64x2, threads for the shared memory; nothing relaxed
const FEATURES = { simd: true, threads: true, relaxed_simd: false } as const;

export async function assembleWat(fileName: string, source: string): Promise<Uint8Array> {
  const toolkit = await wabt();
  const module = toolkit.parseWat(fileName, source, FEATURES);
  try {
    // wabt's typings leave out validate's features parameter, which its code reads
    (module as unknown as { validate(features: typeof FEATURES): void }).validate(FEATURES);
    return module.toBinary({ write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

export function wasmPathOf(watPath: string): string {
  return watPath.replace(/\.wat$/, ".wasm");
}

/** the binary built from the .wat at this repository path */
export async function buildFromSource(watPath: string): Promise<Uint8Array> {
  const source = readFileSync(new URL(watPath, ROOT), "utf8");
  return assembleWat(watPath.split("/").at(-1) ?? watPath, source);
}

async function main(check: boolean): Promise<number> {
  let stale = 0;
  for (const watPath of WAT_SOURCES) {
    const built = await buildFromSource(watPath);
    const target = new URL(wasmPathOf(watPath), ROOT);
    if (check) {
      let committed: Buffer | undefined;
      try {
        committed = readFileSync(target);
      } catch {
        committed = undefined;
      }
      if (committed === undefined || !committed.equals(built)) {
        console.error(`${wasmPathOf(watPath)} is stale: run npx tsx scripts/build-wasm.ts`);
        stale++;
      }
    } else {
      writeFileSync(target, built);
      console.log(`${wasmPathOf(watPath)}: ${built.length} bytes`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.includes("--check"));
}

