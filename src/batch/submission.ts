/**
 * A submission read for grading, and who it is. The main thread of a batch
 * reads each file once while planning (its bytes give the resume
 * fingerprint, its student id the report's name) and a worker reads the one
 * it grades; `check` reads its one file. All of them read through the same
 * safe reader (rubric/read-file.ts: lstat first, regular files under the
 * size limit only) and decide identity here, so a file graded alone and the
 * same file in a batch get the same student and the same flags.
 */
import { resolve } from "node:path";
import { NngradeError } from "../errors.ts";
import type { SubmissionAnswers } from "../grade/grade.ts";
import {
  MAX_SUBMISSION_BYTES_DEFAULT,
  readSubmissionFile,
  type Submission,
  studentIdFromPath,
  submissionFromBytes,
} from "../rubric/json.ts";
import { readRegularFileSync } from "../rubric/read-file.ts";

/** who a submission is when something other than the file says so: its folder, an export's metadata, an autograder */
export interface Owner {
  id: string;
  name?: string;
  /** what named it, for the flag when the file claims someone else: "its folder", "the Gradescope metadata" */
  by: string;
}

export interface SubmissionRead {
  /** the file's bytes; undefined when it could not be read */
  bytes?: Buffer;
  /** the file as read (its own student field as it says), undefined when it is not a submission */
  submission?: Submission;
  /** why not, when it cannot be read or is not a submission */
  error?: NngradeError;
}

/** reads without the thread pool: a batch reads thousands of small files, and libuv's round trips cost more than the reads */
export function readSubmissionSync(cwd: string, source: string): SubmissionRead {
  const path = resolve(cwd, source);
  let bytes: Buffer;
  try {
    bytes = readRegularFileSync(path, source, MAX_SUBMISSION_BYTES_DEFAULT);
  } catch (error) {
    return { error: asNngradeError(error, source) };
  }
  try {
    return { bytes, submission: submissionFromBytes(bytes, source) };
  } catch (error) {
    return { bytes, error: asNngradeError(error, source) };
  }
}

/** Reads a submission file into what the grader takes (check's one file); throws what cannot be read. */
export async function loadSubmission(cwd: string, source: string, owner?: Owner): Promise<SubmissionAnswers> {
  const path = resolve(cwd, source);
  return forGrading(await readSubmissionFile(path, {}, source), path, owner);
}

/**
 * Who the submission is graded as. An owner (the student's folder, the
 * export's metadata, the autograder) names the student; an id in the file
 * that differs is kept in a flag for the TA and never used, so no file can
 * take another student's row. Without an owner the file's id counts, else the
 * file or folder name (an empty id, the template's, is no id).
 */
export function forGrading(read: Submission, path: string, owner?: Owner): SubmissionAnswers {
  const flags = [...(read.flags ?? [])];
  const ownId = read.student?.id?.trim();
  let student: SubmissionAnswers["student"];
  if (owner !== undefined) {
    student = { id: owner.id };
    const name = owner.name ?? read.student?.name;
    if (name !== undefined) student.name = name;
    if (ownId && ownId !== owner.id) {
      flags.push({
        code: "id-mismatch",
        message: `the file says student id "${shorten(ownId)}"; graded as "${shorten(owner.id)}", as ${owner.by} says`,
      });
    }
  } else {
    student = { id: ownId || studentIdFromPath(path) };
    if (read.student?.name !== undefined) student.name = read.student.name;
  }
  const answers: SubmissionAnswers = { student, answers: read.answers, source: read.file };
  if (read.assignment !== undefined) answers.assignment = read.assignment;
  if (flags.length > 0) answers.flags = flags;
  return answers;
}

function asNngradeError(error: unknown, source: string): NngradeError {
  if (error instanceof NngradeError) return error;
  return new NngradeError("internal", `${source}: could not be read: ${(error as Error).message}`);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}
