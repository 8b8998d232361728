/**
 * A batch's submissions read synchronously. The main thread reads each file
 * once while planning (its bytes give the resume fingerprint, its student id
 * the report's name) and a worker reads the one it grades; loadSubmission
 * (cli/commands/shared.ts) hands each of its four file operations to libuv's
 * thread pool and waits, which across thousands of small files cost more
 * than the parse and left a worker idle. A read here gives what
 * loadSubmission gives, or no submission where loadSubmission would throw:
 * the caller then goes through loadSubmission for its exact error.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { SubmissionAnswers } from "../grade/grade.ts";
import { MAX_SUBMISSION_BYTES_DEFAULT, parseSubmissionText, studentIdFromPath, toSubmission } from "../rubric/json.ts";

export interface SubmissionRead {
  /** the file's bytes; undefined when it could not be read */
  bytes?: Buffer;
  /** undefined when the file cannot be read or is not a submission */
  submission?: SubmissionAnswers;
}

export function readSubmissionSync(cwd: string, source: string): SubmissionRead {
  const path = resolve(cwd, source);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return {};
  }
  // as readSubmissionFile: a file over the limit is no submission (its bytes still make its fingerprint)
  if (bytes.length > MAX_SUBMISSION_BYTES_DEFAULT) return { bytes };
  try {
    const read = toSubmission(parseSubmissionText(bytes.toString("utf8"), source), source);
    // from here on as loadSubmission: an empty id (the template's) is no id, the file or folder name stands in
    const student: SubmissionAnswers["student"] = { id: read.student?.id?.trim() || studentIdFromPath(path) };
    if (read.student?.name !== undefined) student.name = read.student.name;
    const submission: SubmissionAnswers = { student, answers: read.answers, source };
    if (read.assignment !== undefined) submission.assignment = read.assignment;
    return { bytes, submission };
  } catch {
    return { bytes };
  }
}
