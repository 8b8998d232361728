/**
 * A zip whose bytes depend only on its entries and one timestamp: entries
 * sorted by name, Unix modes recorded (so scripts unpack executable), and
 * every entry stamped with the same time. fflate writes DOS times from a
 * Date's local fields, so the same instant would give different bytes in
 * different time zones; the stamp is therefore written into the headers
 * afterwards from the UTC fields.
 */
import { type Zippable, zipSync } from "fflate";
import { NngradeError } from "../errors.ts";

export interface ZipEntry {
  name: string;
  content: Uint8Array | string;
  /** Unix permission bits, e.g. 0o755 for a script */
  mode: number;
  /** false for content that is already compressed (a .tgz) */
  compress?: boolean;
}

/** the earliest time a zip header can hold */
export const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1));
const ZIP_LATEST = Date.UTC(2107, 11, 31, 23, 59, 58);

const UNIX = 3;
const REGULAR_FILE = 0o100000;

/**
 * The time to stamp: SOURCE_DATE_EPOCH when set (reproducible builds), else
 * 1980-01-01. Earlier times become 1980-01-01, as a zip cannot hold them
 * (SOURCE_DATE_EPOCH=0 is common).
 */
export function zipTime(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return ZIP_EPOCH;
  if (!/^\d+$/.test(epoch)) throw new NngradeError("usage", `SOURCE_DATE_EPOCH: expected whole seconds since 1970, got "${epoch.slice(0, 40)}"`);
  const milliseconds = Number(epoch) * 1000;
  if (milliseconds > ZIP_LATEST) throw new NngradeError("usage", `SOURCE_DATE_EPOCH: ${epoch} is after 2107, which a zip cannot record`);
  return new Date(Math.max(milliseconds, ZIP_EPOCH.getTime()));
}

export function deterministicZip(entries: ZipEntry[], time: Date): Uint8Array {
  const names = entries.map((entry) => entry.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new Error(`zip: two entries named ${duplicate}`);
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const encoder = new TextEncoder();
  const files: Zippable = {};
  // any fixed local time in range will do: the real stamp is written below
  const placeholder = new Date(2000, 0, 1, 12);
  for (const entry of sorted) {
    const content = typeof entry.content === "string" ? encoder.encode(entry.content) : entry.content;
    files[entry.name] = [
      content,
      { level: entry.compress === false ? 0 : 9, mtime: placeholder, os: UNIX, attrs: ((REGULAR_FILE | entry.mode) << 16) >>> 0 },
    ];
  }
  const zip = zipSync(files);
  stampTimes(zip, dosDateTime(time));
  return zip;
}

/** date in the high 16 bits, time (2-second resolution) in the low 16, as a header stores them */
function dosDateTime(time: Date): number {
  return (
    (((time.getUTCFullYear() - 1980) << 25) |
      ((time.getUTCMonth() + 1) << 21) |
      (time.getUTCDate() << 16) |
      (time.getUTCHours() << 11) |
      (time.getUTCMinutes() << 5) |
      (time.getUTCSeconds() >> 1)) >>>
    0
  );
}

/** Rewrites the modification time of every entry, in its central directory record and its local header. */
function stampTimes(zip: Uint8Array, stamp: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // fflate writes no archive comment: the end record is the last 22 bytes
  const end = zip.byteLength - 22;
  if (end < 0 || view.getUint32(end, true) !== 0x06054b50) throw new Error("zip: no end of central directory record");
  const count = view.getUint16(end + 10, true);
  let record = view.getUint32(end + 16, true);
  for (let index = 0; index < count; index++) {
    if (view.getUint32(record, true) !== 0x02014b50) throw new Error(`zip: central directory record ${index} not found`);
    view.setUint32(record + 12, stamp, true);
    const local = view.getUint32(record + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`zip: local header ${index} not found`);
    view.setUint32(local + 10, stamp, true);
    record += 46 + view.getUint16(record + 28, true) + view.getUint16(record + 30, true) + view.getUint16(record + 32, true);
  }
}
