/**
 * Expensive reference results (training runs over several seeds) computed
 * once and kept by content hash: sha256 of the engine version and the
 * configuration. Where they are kept is a CacheStore's business: in memory
 * here (the grading core touches no file), on disk at the edge (cache.ts:
 * the shipped reference/cache/<id>.json, then the user's cache folder), so
 * that a student's check never trains. `rebuild` recomputes every entry it
 * is asked for and keeps it as the shipped tier.
 */
import { sha256Hex } from "../engine/sha256.ts";
import { ENGINE_VERSION } from "../engine/version.ts";
import type { Value } from "../value.ts";

export interface CacheEntry {
  key: unknown;
  value: Value;
}

/** one tier's entries for one assignment, by cacheKey hash */
export type CacheEntries = Record<string, CacheEntry>;

/** "shipped": the results that come with the assignment; "user": those computed on this machine */
export type CacheTier = "shipped" | "user";

/** Where a ReferenceCache keeps its entries between instances: memory (MemoryCacheStore) or the disk (cache.ts's DiskCacheStore). */
export interface CacheStore {
  /** what `tier` holds for the assignment; empty when it holds nothing, or nothing that can be trusted */
  read(tier: CacheTier, assignmentId: string): CacheEntries;
  /** replaces what `tier` holds for the assignment; may throw, and a failed write only costs time next run */
  write(tier: CacheTier, assignmentId: string, entries: CacheEntries): void;
}

/** entries kept in this page's or process's memory; copies in and out, so that no cache shares its working object */
export class MemoryCacheStore implements CacheStore {
  private readonly tiers = new Map<string, CacheEntries>();

  read(tier: CacheTier, assignmentId: string): CacheEntries {
    return { ...this.tiers.get(`${tier}:${assignmentId}`) };
  }

  write(tier: CacheTier, assignmentId: string, entries: CacheEntries): void {
    this.tiers.set(`${tier}:${assignmentId}`, { ...entries });
  }
}

/** what a ReferenceCache given no store keeps its runs in: one for the whole page or process, as the disk would be */
const SHARED_MEMORY = new MemoryCacheStore();

export interface CacheOptions {
  /** recompute instead of reading, and keep the results as the shipped tier */
  rebuild?: boolean;
  /**
   * with rebuild: the runs this rebuild has already computed (on worker
   * threads, rebuild.ts), by cacheKey hash. The shipped tier is started from
   * exactly these, so entries no solve asks for any more are dropped, and
   * get() answers them without computing.
   */
  primed?: ReadonlyMap<string, CacheEntry>;
  /** where the entries are kept (default: memory shared by every cache given none) */
  store?: CacheStore;
}

export class ReferenceCache {
  readonly assignmentId: string;
  private readonly rebuild: boolean;
  private readonly store: CacheStore;
  private shipped: CacheEntries | undefined;
  private user: CacheEntries | undefined;
  private primed = new Set<string>();

  constructor(assignmentId: string, options: CacheOptions = {}) {
    this.assignmentId = assignmentId;
    this.rebuild = options.rebuild ?? false;
    this.store = options.store ?? SHARED_MEMORY;
    if (this.rebuild && options.primed !== undefined) {
      this.shipped = Object.fromEntries(options.primed);
      this.primed = new Set(options.primed.keys());
      this.write("shipped", this.shipped);
    }
  }

  /** The value stored for `key`, or `compute()` stored and returned; keys are compared by content. */
  get<T extends Value>(key: Record<string, unknown>, compute: () => T): T {
    const hash = cacheKey(key);
    if (!this.rebuild) {
      const found = this.entries("shipped")[hash] ?? this.entries("user")[hash];
      if (found !== undefined) return found.value as T;
    } else if (this.primed.has(hash)) {
      return this.entries("shipped")[hash]!.value as T;
    }
    const value = compute();
    const tier: CacheTier = this.rebuild ? "shipped" : "user";
    const entries = this.entries(tier);
    entries[hash] = { key, value };
    this.write(tier, entries);
    return value;
  }

  private write(tier: CacheTier, entries: CacheEntries): void {
    try {
      this.store.write(tier, this.assignmentId, entries);
    } catch {
      // a cache that cannot be written only costs time next run; the result is still right
    }
  }

  /** a tier's entries, read once */
  private entries(tier: CacheTier): CacheEntries {
    if (tier === "shipped") {
      this.shipped ??= this.store.read("shipped", this.assignmentId);
      return this.shipped;
    }
    this.user ??= this.store.read("user", this.assignmentId);
    return this.user;
  }
}

/** sha256 over the engine version and the key with its object keys sorted */
export function cacheKey(key: Record<string, unknown>): string {
  return sha256Hex(stableJson({ engine: ENGINE_VERSION, key }));
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return typeof value === "number" && !Number.isFinite(value) ? `"${value}"` : JSON.stringify(value);
}
