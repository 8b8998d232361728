import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { writeFileAtomicSync } from "../atomic-write.ts";
import { sha256Hex } from "../engine/sha256.ts";
import { ENGINE_VERSION } from "../engine/version.ts";
import { toPythonJson } from "../report/python-json.ts";
import type { Value } from "../value.ts";
import { BUILTIN_REFERENCES } from "./paths.ts";

/**
 * Expensive reference results (training runs over several seeds) computed
 * once and kept by content hash: sha256 of the engine version and the
 * configuration. The built-in assignments ship theirs in
 * reference/cache/<id>.json so that a student's check never trains;
 * anything else computed is kept in the user's cache folder.
 * `rebuild` recomputes every entry it is asked for and writes the shipped file.
 */
const FORMAT = "nngrade/reference-cache@1";

export interface CacheEntry {
  key: unknown;
  value: Value;
}

interface CacheFile {
  format: typeof FORMAT;
  entries: Record<string, CacheEntry>;
}

export interface CacheOptions {
  /** recompute instead of reading, and write the results into the shipped file */
  rebuild?: boolean;
  /** where the shipped files live (tests point it elsewhere) */
  shippedFolder?: string;
  /** where results computed at run time go */
  userFolder?: string;
  /**
   * with rebuild: the runs this rebuild has already computed (on worker
   * threads, rebuild.ts), by cacheKey hash. The shipped file is started from
   * exactly these, so entries no solve asks for any more are dropped, and
   * get() answers them without computing.
   */
  primed?: ReadonlyMap<string, CacheEntry>;
}

/** the store of a reference's expensive runs (training), keyed by everything that decides them; shipped with the assignment */
export class ReferenceCache {
  readonly assignmentId: string;
  private readonly options: Required<Omit<CacheOptions, "primed">>;
  private shipped: CacheFile | undefined;
  private user: CacheFile | undefined;
  private primed = new Set<string>();

  constructor(assignmentId: string, options: CacheOptions = {}) {
    this.assignmentId = assignmentId;
    this.options = {
      rebuild: options.rebuild ?? false,
      shippedFolder: options.shippedFolder ?? join(BUILTIN_REFERENCES, "cache"),
      userFolder: options.userFolder ?? defaultUserFolder(),
    };
    if (this.options.rebuild && options.primed !== undefined) {
      this.shipped = { format: FORMAT, entries: Object.fromEntries(options.primed) };
      this.primed = new Set(options.primed.keys());
      this.write(this.shipped, this.options.shippedFolder);
    }
  }

  /** The value stored for `key`, or `compute()` stored and returned; keys are compared by content. */
  get<T extends Value>(key: Record<string, unknown>, compute: () => T): T {
    const hash = cacheKey(key);
    if (!this.options.rebuild) {
      const found = this.shippedFile().entries[hash] ?? this.userFile().entries[hash];
      if (found !== undefined) return found.value as T;
    } else if (this.primed.has(hash)) {
      return this.shippedFile().entries[hash]!.value as T;
    }
    const value = compute();
    const file = this.options.rebuild ? this.shippedFile() : this.userFile();
    file.entries[hash] = { key, value };
    this.write(file, this.options.rebuild ? this.options.shippedFolder : this.options.userFolder);
    return value;
  }

  private write(file: CacheFile, folder: string): void {
    try {
      writeFileAtomicSync(join(folder, `${this.assignmentId}.json`), `${toPythonJson(sorted(file), 1)}\n`);
    } catch {
      // a cache that cannot be written only costs time next run; the result is still right
    }
  }

  private shippedFile(): CacheFile {
    this.shipped ??= readCacheFile(join(this.options.shippedFolder, `${this.assignmentId}.json`));
    return this.shipped;
  }

  private userFile(): CacheFile {
    this.user ??= readCacheFile(join(this.options.userFolder, `${this.assignmentId}.json`));
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
