/**
 * sha256 of a text (its UTF-8 bytes) as lowercase hex, the same on Node and
 * in a browser: @noble/hashes is pure JavaScript, so the code that derives
 * variant seeds and cache keys needs no node:crypto. Gives the digest
 * node:crypto's createHash("sha256").update(text).digest("hex") gives
 * (test/engine/sha256.test.ts checks it), so no seed or key changes.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
