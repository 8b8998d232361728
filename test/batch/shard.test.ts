import { describe, expect, it } from "vitest";
import { parseShard, shardOf } from "../../src/batch/shard.ts";

describe("--shard k/n", () => {
  it("reads k/n with 1 <= k <= n", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(parseShard(" 1 / 1 ")).toEqual({ index: 1, count: 1 });
  });

  it.each(["0/3", "4/3", "3", "1/0", "a/b", "-1/3", "1.5/3", ""])("refuses %j", (text) => {
    expect(() => parseShard(text)).toThrow(/--shard: expected k\/n/);
  });

  it("puts every id in exactly one shard, the same one every time, whatever the order", () => {
    const ids = Array.from({ length: 300 }, (_, k) => `s${1000 + k * 7}`);
    const forward = ids.map((id) => shardOf(id, 3));
    const backward = [...ids].reverse().map((id) => shardOf(id, 3)).reverse();
    expect(backward).toEqual(forward);
    for (const shard of forward) expect([1, 2, 3]).toContain(shard);
    // a hash spreads them: no shard holds fewer than a fifth or more than half of 300
    for (const k of [1, 2, 3]) {
      const size = forward.filter((shard) => shard === k).length;
      expect(size).toBeGreaterThan(60);
      expect(size).toBeLessThan(150);
    }
  });

  it("depends on the id, not on its position: ids that differ by one character can land apart", () => {
    const shards = new Set(Array.from({ length: 20 }, (_, k) => shardOf(`student-${k}`, 4)));
    expect(shards.size).toBeGreaterThan(1);
    expect(shardOf("student-1", 1)).toBe(1);
  });
});
