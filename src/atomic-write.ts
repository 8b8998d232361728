import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { threadId } from "node:worker_threads";

let sequence = 0;

/**
 * `.<file>.<pid>.<thread>.<n>.tmp` beside the target: unique across the
 * process's threads too (a batch's workers each count from 0), and naming
 * the process, so that a later run can tell a dead writer's leftovers
 * (batch/state.ts) from a live one's.
 */
function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${threadId}.${sequence++}.tmp`);
}

export interface AtomicWriteOptions {
  /**
   * fsync before the rename, so that the file survives a power cut or an
   * operating-system crash too. A killed process needs no fsync (what it
   * wrote is in the page cache), and a batch of thousands of reports, which a
   * rerun recreates anyway, would spend most of its time waiting for the disk.
   */
  durable?: boolean;
}

/**
 * Writes through a temporary file in the target's own directory and renames
 * it into place: a rename within one file system is atomic, so a killed
 * batch leaves either the old report or the new one, never half of one.
 * The temporary name is unique by process, thread and a counter, no randomness needed.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporary = temporaryName(path);
  try {
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(content);
      if (options.durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/**
 * The same, for callers that cannot wait (a reference solving a task synchronously stores its cache) or
 * need not (a batch's worker thread writing its reports: a synchronous write skips libuv's thread pool).
 * Durable unless told otherwise.
 */
export function writeFileAtomicSync(path: string, content: string | Uint8Array, options: AtomicWriteOptions = { durable: true }): void {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true });
  const temporary = temporaryName(path);
  try {
    const handle = openSync(temporary, "wx");
    try {
      writeFileSync(handle, content);
      if (options.durable) fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was left behind
    }
    throw error;
  }
}
