/**
 * --shard k/n: which students this run grades. A student's shard comes from
 * a hash of their id, not from file order, so adding or renaming a file never
 * moves another student to a different shard, and every student of a class
 * lands in exactly one of the n shards.
 */
import { NngradeError } from "../errors.ts";
import { sha256 } from "./state.ts";

/** Shard `index` of `count`: the students whose id hashes there (shardOf). */
export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** Reads "k/n" (spaces allowed) with 1 <= k <= n; anything else is a usage error naming --shard. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new NngradeError("usage", `--shard: expected k/n with 1 <= k <= n (2/3), got "${text}"`);
  }
  return { index, count };
}

/** 1-based shard of a student id: 48 bits of its sha256, which a double holds exactly, mod n */
export function shardOf(studentId: string, count: number): number {
  return (Number.parseInt(sha256(studentId).slice(0, 12), 16) % count) + 1;
}
