/**
 * The reference cache on disk, for Node: the built-in assignments ship their
 * runs in reference/cache/<id>.json so that a student's check never trains;
 * anything else computed is kept in the user's cache folder. The caching
 * itself (keys, tiers, rebuild) is reference-cache.ts's, which touches no
 * file; this is its store, and the ReferenceCache that nngrade/authoring and
 * loadAssignment give references: the same class, kept on disk by default.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { writeFileAtomicSync } from "../atomic-write.ts";
import { toPythonJson } from "../result/python-json.ts";
import { BUILTIN_REFERENCES } from "./paths.ts";
import {
  type CacheEntries,
  type CacheOptions,
  type CacheStore,
  type CacheTier,
  ReferenceCache as StoredReferenceCache,
} from "./reference-cache.ts";

export { type CacheEntries, type CacheEntry, type CacheStore, type CacheTier, cacheKey, MemoryCacheStore } from "./reference-cache.ts";

const FORMAT = "nngrade/reference-cache@1";

interface CacheFile {
  format: typeof FORMAT;
  entries: CacheEntries;
}

export interface CacheFolders {
  /** where the shipped files live (tests point it elsewhere) */
  shippedFolder?: string;
  /** where results computed at run time go */
  userFolder?: string;
}

/** each tier one file per assignment, <folder>/<id>.json: the shipped tier in shippedFolder, the user's in userFolder */
export class DiskCacheStore implements CacheStore {
  private readonly folders: Record<CacheTier, string>;

  constructor(folders: CacheFolders = {}) {
    this.folders = {
      shipped: folders.shippedFolder ?? join(BUILTIN_REFERENCES, "cache"),
      user: folders.userFolder ?? defaultUserFolder(),
    };
  }

  read(tier: CacheTier, assignmentId: string): CacheEntries {
    return readCacheFile(this.file(tier, assignmentId)).entries;
  }

  write(tier: CacheTier, assignmentId: string, entries: CacheEntries): void {
    writeFileAtomicSync(this.file(tier, assignmentId), `${toPythonJson(sorted({ format: FORMAT, entries }), 1)}\n`);
  }

  private file(tier: CacheTier, assignmentId: string): string {
    return join(this.folders[tier], `${assignmentId}.json`);
  }
}

/** A ReferenceCache kept on disk unless given another store: what references get from nngrade/authoring. */
export class ReferenceCache extends StoredReferenceCache {
  constructor(assignmentId: string, options: CacheOptions & CacheFolders = {}) {
    const { shippedFolder, userFolder, store, ...rest } = options;
    super(assignmentId, { ...rest, store: store ?? new DiskCacheStore({ shippedFolder, userFolder }) });
  }
}

function readCacheFile(path: string): CacheFile {
  if (!existsSync(path)) return { format: FORMAT, entries: {} };
  try {
    const parsed = parseJson(readFileSync(path, "utf8")) as CacheFile;
    if (parsed.format === FORMAT && parsed.entries && typeof parsed.entries === "object") return parsed;
  } catch {
    // a damaged cache is recomputed, never trusted
  }
  return { format: FORMAT, entries: {} };
}

/** entries in hash order, so a rebuilt file diffs cleanly */
function sorted(file: CacheFile): CacheFile {
  const entries = Object.fromEntries(Object.entries(file.entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { format: FORMAT, entries };
}

function defaultUserFolder(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "nngrade");
}

/** JSON.parse is several times faster than json5; json5 only for the NaN and Infinity that JSON lacks */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON5.parse(text);
  }
}
