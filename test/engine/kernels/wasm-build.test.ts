import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WAT_SOURCES, buildFromSource, wasmPathOf } from "../../../scripts/build-wasm.ts";

const ROOT = new URL("../../../", import.meta.url);

describe("the committed .wasm files", () => {
  for (const watPath of WAT_SOURCES) {
    it(`${wasmPathOf(watPath)} is what ${watPath} assembles to, byte for byte`, async () => {
      const built = await buildFromSource(watPath);
      const committed = readFileSync(new URL(wasmPathOf(watPath), ROOT));
      expect(built.length).toBeGreaterThan(0);
      expect(Buffer.from(built).equals(committed)).toBe(true);
    });
  }

  it("uses no relaxed or fused SIMD operation, which would make results machine-dependent", () => {
    for (const watPath of WAT_SOURCES) {
      const code = readFileSync(new URL(watPath, ROOT), "utf8")
        .split("\n")
        .map((line) => line.replace(/;;.*$/, ""))
        .join("\n");
      expect(code).not.toMatch(/relaxed|\.fma|\.fms|madd|nmadd/);
      expect(code).toMatch(/f64x2\.mul/);
    }
  });
});
