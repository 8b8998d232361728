/**
 * What lets a rerun skip the students it already graded. After a student's
 * report files are written, `.nngrade-state/<name>.json` records what they
 * were computed from: the submission's bytes (sha256), the rubric's sha256,
 * the engine version, the variant, and who the export said the student is.
 * It is written last, atomically: a batch killed between a student's files
 * leaves no state for that student, and the rerun grades them again.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, unlinkSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomicSync } from "../atomic-write.ts";

export const STATE_FOLDER = ".nngrade-state";

export interface Fingerprint {
  schema: "nngrade/state@1";
  source: string;
  source_sha256: string;
  rubric_sha256: string;
  engine_version: string;
  variant: "default" | "per-student";
  student: { id: string; name?: string } | null;
  /** whether the run wrote a PDF report too */
  pdf: boolean;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function statePath(out: string, name: string): string {
  return join(out, STATE_FOLDER, `${name}.json`);
}

export function renderFingerprint(fingerprint: Fingerprint): string {
  return `${JSON.stringify(fingerprint, null, 2)}\n`;
}

/** whether the stored state says this student's reports were computed from exactly these inputs */
export async function isUnchanged(out: string, name: string, fingerprint: Fingerprint): Promise<boolean> {
  if (!existsSync(join(out, `${name}.json`)) || !existsSync(join(out, `${name}.html`))) return false;
  if (fingerprint.pdf && !existsSync(join(out, `${name}.pdf`))) return false;
  let stored: string;
  try {
    stored = await readFile(statePath(out, name), "utf8");
  } catch {
    return false;
  }
  // written by renderFingerprint: equal inputs give equal text, key order included
  return stored === renderFingerprint(fingerprint);
}

/** synchronously: a batch writes one per student, and a small write costs less than a trip through libuv's thread pool */
export function writeFingerprint(out: string, name: string, fingerprint: Fingerprint): void {
  writeFileAtomicSync(statePath(out, name), renderFingerprint(fingerprint), { durable: false });
}

/** a student regraded in a run that could not record a state (a crash) must not keep an older one */
export function forgetFingerprint(out: string, name: string): void {
  try {
    unlinkSync(statePath(out, name));
  } catch {
    // there was none
  }
}

const TEMPORARY = /^\..+\.(\d+)\.\d+\.\d+\.tmp$/;

/**
 * A batch killed while writing leaves its temporary files (atomic-write.ts
 * names them .<file>.<pid>.<thread>.<n>.tmp) beside the reports. They are removed
 * when the process that wrote them is gone, so a live run writing into the
 * same folder is never disturbed.
 */
export function removeStaleTemporaries(out: string): number {
  let removed = 0;
  for (const folder of [out, join(out, STATE_FOLDER)]) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = TEMPORARY.exec(name);
      if (match === null || isAlive(Number(match[1]))) continue;
      try {
        unlinkSync(join(folder, name));
        removed++;
      } catch {
        // removed by someone else meanwhile
      }
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
