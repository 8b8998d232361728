/**
 * A batch's plan, before anything is graded: who each submission is, what
 * its reports are called, what its inputs' fingerprint is, and whether a
 * report from an earlier run can stand for it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ENGINE_VERSION } from "../engine/version.ts";
import { packageVersion } from "../package-root.ts";
import type { Assignment } from "../grade/assignment.ts";
import { parseResultJson } from "../result/json.ts";
import type { GradeResult } from "../result/types.ts";
import { studentIdFromPath } from "../rubric/submission.ts";
import { readSubmission } from "../rubric/submission-file.ts";
import type { SubmissionEntry } from "./discover.ts";
import { safeFileName, uniqueName } from "./names.ts";
import { RESERVED_NAMES } from "./outputs.ts";
import { isFreeForReport, REPORT_EXTENSIONS } from "./out-folder.ts";
import { type Fingerprint, isUnchanged, sha256 } from "./state.ts";

/** a submission of the batch once we know who it is and what its reports are called */
export interface Planned {
  entry: SubmissionEntry;
  id: string;
  name: string;
  fingerprint: Fingerprint | undefined;
}

/**
 * Who each submission is and what its reports are called, in discovery order
 * over the whole batch even when this run is one shard, so a shard names a
 * student as the single run would. Each file is read once, synchronously
 * (rubric/submission-file.ts), as its worker will read it: its bytes give the
 * fingerprint and its student id the name. A generator, so that a first run grades the first submissions while
 * the rest are still being planned.
 */
export function* planEntries(
  cwd: string,
  out: string,
  entries: readonly SubmissionEntry[],
  assignment: Assignment,
  variant: Fingerprint["variant"],
  pdf: boolean,
): Generator<Planned, void, undefined> {
  const used = new Set<string>(RESERVED_NAMES);
  for (const entry of entries) {
    const read = entry.problem === undefined ? readSubmission(cwd, entry.source, { owner: entry.owner }) : {};
    // the id grading will give the result: the owner's (folder, metadata), else the file's, else the file or folder name
    const id = read.submission?.student.id ?? entry.owner?.id ?? studentIdFromPath(entry.file);
    let fingerprint: Fingerprint | undefined;
    if (read.bytes !== undefined) {
      fingerprint = {
        schema: "nngrade/state@4",
        source: entry.source,
        source_sha256: sha256(read.bytes),
        rubric_sha256: assignment.rubricHash,
        reference_sha256: assignment.sourceHash ?? null,
        engine_version: ENGINE_VERSION,
        grader_version: GRADER_VERSION,
        variant,
        owner: entry.owner ?? null,
        pdf,
      };
    }
    yield { entry, id, name: reportName(out, safeFileName(id), used), fingerprint };
  }
}

/** a name no other student of the batch has, whose report files are absent or nngrade's own: a file nngrade did not write is never replaced */
/** read once: every student of a batch is graded by the same release */
const GRADER_VERSION = packageVersion();

function reportName(out: string, wanted: string, used: Set<string>): string {
  for (;;) {
    const name = uniqueName(wanted, used);
    if (REPORT_EXTENSIONS.every((extension) => isFreeForReport(join(out, `${name}${extension}`)))) return name;
  }
}

/** the student's result from an earlier run, when its inputs and reports are unchanged since */
export async function reuse(out: string, plan: Planned): Promise<GradeResult | undefined> {
  if (plan.fingerprint === undefined || !(await isUnchanged(out, plan.name, plan.fingerprint))) return undefined;
  try {
    const result = parseResultJson(await readFile(join(out, `${plan.name}.json`), "utf8"));
    // a report some other run left under this name is not this student's
    return result.student?.id === plan.id && result.source === plan.entry.source ? result : undefined;
  } catch {
    return undefined;
  }
}
