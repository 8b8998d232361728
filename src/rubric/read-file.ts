/**
 * Reading a file a student handed in, safely. A class folder is not trusted:
 * a "submission" may be a symbolic link (to a classmate's file, to
 * /dev/zero), a fifo that blocks the first read forever, a device, a folder,
 * or a sparse file of a gigabyte. So the path is lstat'ed first and only a
 * regular file within the size limit is opened; it is opened without
 * following a link and without blocking, then checked again on the open
 * descriptor (the same file as the lstat saw, still regular, still small),
 * and at most limit + 1 bytes are ever read. Every refusal is a
 * SubmissionError naming the file: that student's error row, never a read.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from "node:fs";
import { SubmissionError } from "../errors.ts";

const BYTES_PER_MB = 1024 * 1024;

// O_NOFOLLOW: a link swapped in after the lstat is refused by the kernel (ELOOP); O_NONBLOCK: a fifo swapped in
// opens without waiting for a writer (and is then refused as not a regular file)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** reads a regular file of at most maxBytes; `name` is how messages call it */
export function readRegularFileSync(path: string, name: string, maxBytes: number): Buffer {
  let before: Stats;
  try {
    before = lstatSync(path);
  } catch (error) {
    throw unreadable(name, error);
  }
  refuseUnlessRegular(before, name, maxBytes);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw unreadable(name, error);
  }
  try {
    const stats = fstatSync(fd);
    refuseIfReplaced(before, stats, name);
    refuseUnlessRegular(stats, name, maxBytes);
    // one byte more than the limit: a file that grew since the stat is caught by reading that byte
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(name, length, maxBytes, true);
        break;
      }
    }
    return buffer.subarray(0, length);
  } catch (error) {
    throw error instanceof SubmissionError ? error : unreadable(name, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * The same, for callers that await. It reads synchronously: a submission is
 * at most the size limit, read once, and one code path for both is one set
 * of checks to trust (the batch's workers read synchronously anyway).
 */
export async function readRegularFile(path: string, name: string, maxBytes: number): Promise<Buffer> {
  return readRegularFileSync(path, name, maxBytes);
}

/** what a path is, when it is not a regular file: "a symbolic link", "a fifo (named pipe)" ... */
export function kindOfEntry(stats: Pick<Stats, "isFile" | "isDirectory" | "isSymbolicLink" | "isFIFO" | "isSocket" | "isCharacterDevice" | "isBlockDevice">): string {
  if (stats.isFile()) return "a file";
  if (stats.isDirectory()) return "a folder";
  if (stats.isSymbolicLink()) return "a symbolic link";
  if (stats.isFIFO()) return "a fifo (named pipe)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** the reason a non-regular entry is not read, as messages give it */
export function notReadReason(stats: Parameters<typeof kindOfEntry>[0]): string {
  if (stats.isSymbolicLink()) return "is a symbolic link: only regular files are read (hand in the file itself)";
  return `is ${kindOfEntry(stats)}, not a regular file`;
}

function refuseUnlessRegular(stats: Stats, name: string, maxBytes: number): void {
  if (!stats.isFile()) throw new SubmissionError(name, [notReadReason(stats)]);
  if (stats.size > maxBytes) throw tooLarge(name, stats.size, maxBytes, false);
}

function refuseIfReplaced(before: Stats, now: Stats, name: string): void {
  if (before.ino !== now.ino || before.dev !== now.dev) throw new SubmissionError(name, ["changed while it was being opened"]);
}

function tooLarge(name: string, size: number, maxBytes: number, grew: boolean): SubmissionError {
  const shown = grew ? `more than ${formatLimit(maxBytes)}` : size < BYTES_PER_MB ? `${size} bytes` : `${(size / BYTES_PER_MB).toFixed(1)} MB`;
  return new SubmissionError(name, [`file is ${shown}, larger than the ${formatLimit(maxBytes)} limit`]);
}

function formatLimit(bytes: number): string {
  if (bytes < BYTES_PER_MB) return `${bytes} bytes`;
  const megabytes = bytes / BYTES_PER_MB;
  return `${Number.isInteger(megabytes) ? String(megabytes) : megabytes.toFixed(1)} MB`;
}

function unreadable(name: string, error: unknown): SubmissionError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "ENOENT"
      ? "no such file"
      : code === "EACCES" || code === "EPERM"
        ? "cannot read the file (permission denied)"
        : code === "ELOOP"
          ? "is a symbolic link: only regular files are read (hand in the file itself)"
          : code === "EISDIR"
            ? "is a folder, not a file"
            : `cannot read the file${code === undefined ? "" : ` (${code})`}`;
  return new SubmissionError(name, [reason], { cause: error });
}
