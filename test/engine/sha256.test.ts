import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/engine/sha256.ts";

/** what variant seeds and cache keys were derived with before: they must not change */
function nodeSha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

describe("sha256Hex", () => {
  it("gives the known digests", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("gives node:crypto's digest for any text, lone surrogates and long texts included", () => {
    for (const text of ["\ud800", "a\udc00b", "é€😀", "x".repeat(100_000)]) expect(sha256Hex(text)).toBe(nodeSha256(text));
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => sha256Hex(text) === nodeSha256(text)),
      { numRuns: 500 },
    );
  });
});
