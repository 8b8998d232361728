/**
 * What lets a rerun skip the students it already graded. After a student's
 * report files are written, `.nngrade-state/<name>.json` records what they
 * were computed from: the submission's bytes (sha256), the rubric's sha256,
 * the sha256 of a course's own reference files (its Python or TypeScript
 * modules, its answer keys: grade/reference-source.ts; a built-in reference
 * is the engine version's), the engine version and nngrade's release, the variant, and who its
 * folder or the export said the student is; and the sha256 of each report
 * file written. Data files a reference reads as it runs are not covered: a
 * TA who changes one regrades with --force. A rerun trusts
 * a report only while its bytes still hash to what the state recorded: a
 * report edited by hand (a score of 9999) is regraded, never carried into
 * the gradebook. The state is written last, atomically: a batch killed
 * between a student's files leaves no state for that student, and the rerun
 * grades them again.
 */
import { createHash } from "node:crypto";
import { readdirSync, unlinkSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomicSync } from "../atomic-write.ts";

export const STATE_FOLDER = ".nngrade-state";

export interface Fingerprint {
  schema: "nngrade/state@4";
  source: string;
  source_sha256: string;
  rubric_sha256: string;
  /** a course's own reference files' sha256 (Assignment.sourceHash); null for a built-in reference */
  reference_sha256: string | null;
  engine_version: string;
  /**
   * the nngrade release that graded (package.json's version): a new release may word, diagnose or lay out a
   * report otherwise, so its first run regrades everyone rather than keep the last release's reports
   */
  grader_version: string;
  variant: "default" | "per-student";
  /** who the submission's folder or the export's metadata says it is; null when the file says */
  owner: { id: string; name?: string; by: string } | null;
  /** whether the run wrote a PDF report too */
  pdf: boolean;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function statePath(out: string, name: string): string {
  return join(out, STATE_FOLDER, `${name}.json`);
}

/** report file name (in OUT) -> sha256 of its bytes */
export type ReportHashes = Record<string, string>;

export function renderFingerprint(fingerprint: Fingerprint): string {
  return `${JSON.stringify(fingerprint, null, 2)}\n`;
}

function renderState(fingerprint: Fingerprint, reports: ReportHashes): string {
  return `${JSON.stringify({ ...fingerprint, reports }, null, 2)}\n`;
}

/**
 * Whether the stored state says this student's reports were computed from
 * exactly these inputs, and the reports are still the bytes that were
 * written then.
 */
export async function isUnchanged(out: string, name: string, fingerprint: Fingerprint): Promise<boolean> {
  let stored: { reports?: unknown } & Record<string, unknown>;
  try {
    stored = JSON.parse(await readFile(statePath(out, name), "utf8"));
  } catch {
    return false;
  }
  const { reports, ...inputs } = stored;
  // written by renderState: equal inputs give equal text, key order included
  if (renderFingerprint(inputs as unknown as Fingerprint) !== renderFingerprint(fingerprint)) return false;
  if (typeof reports !== "object" || reports === null) return false;
  const wanted = [`${name}.json`, `${name}.html`, ...(fingerprint.pdf ? [`${name}.pdf`] : [])];
  const hashes = reports as Record<string, unknown>;
  for (const file of wanted) {
    const hash = hashes[file];
    if (typeof hash !== "string") return false;
    try {
      if (sha256(await readFile(join(out, file))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** synchronously: a batch writes one per student, and a small write costs less than a trip through libuv's thread pool */
export function writeFingerprint(out: string, name: string, fingerprint: Fingerprint, reports: ReportHashes): void {
  writeFileAtomicSync(statePath(out, name), renderState(fingerprint, reports), { durable: false });
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
