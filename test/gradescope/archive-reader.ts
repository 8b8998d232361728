/**
 * Readers for what the tests check in an autograder.zip that fflate's
 * unzipSync does not report: each entry's Unix mode, origin and time from
 * the zip's central directory, and the file list of an npm tarball.
 * Written from the formats (PKWARE APPNOTE 4.3.12, POSIX ustar), not from
 * the code under test.
 */
import { gunzipSync } from "fflate";

export interface ZipRecord {
  name: string;
  /** "version made by", high byte: 3 is Unix */
  os: number;
  /** permission bits and file type from the external attributes */
  mode: number;
  /** the DOS date and time fields, read as UTC */
  time: Date;
}

export function centralDirectory(zip: Uint8Array): ZipRecord[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("no end of central directory record");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const records: ZipRecord[] = [];
  for (let index = 0; index < count; index++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`central directory record ${index} missing`);
    const time = view.getUint16(at + 12, true);
    const date = view.getUint16(at + 14, true);
    const nameLength = view.getUint16(at + 28, true);
    records.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      os: view.getUint8(at + 5),
      mode: view.getUint32(at + 38, true) >>> 16,
      time: new Date(
        Date.UTC(1980 + (date >> 9), ((date >> 5) & 0xf) - 1, date & 0x1f, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2),
      ),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return records;
}

export interface TarEntry {
  path: string;
  mode: number;
  content: Uint8Array;
}

/** the regular files of a gzipped ustar archive */
export function tarEntries(tgz: Uint8Array): TarEntry[] {
  const tar = gunzipSync(tgz);
  const text = (from: number, length: number) => new TextDecoder().decode(tar.subarray(from, from + length)).replace(/\0.*$/s, "");
  const entries: TarEntry[] = [];
  let at = 0;
  let longName: string | undefined;
  while (at + 512 <= tar.byteLength && tar[at] !== 0) {
    const size = Number.parseInt(text(at + 124, 12).trim() || "0", 8);
    const type = text(at + 156, 1);
    const prefix = text(at + 345, 155);
    const name = text(at, 100);
    const content = tar.subarray(at + 512, at + 512 + size);
    if (type === "x") {
      // a pax header may carry the full path of the next entry
      const path = /\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(content))?.[1];
      longName = path;
    } else if (type === "0" || type === "") {
      entries.push({ path: longName ?? (prefix ? `${prefix}/${name}` : name), mode: Number.parseInt(text(at + 100, 8).trim(), 8), content });
      longName = undefined;
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}
