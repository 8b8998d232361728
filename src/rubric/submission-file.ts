/**
 * The submission reader's file edge: a submission file read by the safe
 * reader (read-file.ts: lstat first, regular files under the size limit
 * only, never through a link), then read as submission.ts reads any bytes.
 */
import { resolve } from "node:path";
import { NngradeError } from "../errors.ts";
import { MAX_SUBMISSION_BYTES_DEFAULT } from "./json.ts";
import { readRegularFileSync } from "./read-file.ts";
import { type Submission, type SubmissionOptions, submissionFromBytes } from "./submission.ts";

/** A submission file as the batch reads it: its bytes for the resume fingerprint even when it is no submission. */
export interface SubmissionRead {
  /** the file's bytes; undefined when it could not be read */
  bytes?: Buffer;
  /** the submission, undefined when the file cannot be read or is not a submission */
  submission?: Submission;
  /** why not, when it cannot be read or is not a submission */
  error?: NngradeError;
}

/**
 * Reads a submission file (relative to `cwd`; `source` is also how messages
 * name it). Only a regular file within the size limit is read, never through
 * a link.
 *
 * @throws SubmissionError or SubmissionParseError naming the file, for a file that cannot be read or is not a submission
 */
export async function loadSubmission(cwd: string, source: string, options: SubmissionOptions = {}): Promise<Submission> {
  const read = readSubmission(cwd, source, options);
  if (read.submission === undefined) throw read.error ?? new NngradeError("submission", `${source}: cannot read the file`);
  return read.submission;
}

/**
 * Reads a submission file as loadSubmission does, but answers instead of
 * throwing, with the bytes read; synchronously, without the thread pool: a
 * batch reads thousands of small files, and libuv's round trips cost more
 * than the reads.
 */
export function readSubmission(cwd: string, source: string, options: SubmissionOptions = {}): SubmissionRead {
  const path = resolve(cwd, source);
  let bytes: Buffer;
  try {
    bytes = readRegularFileSync(path, source, options.maxBytes ?? MAX_SUBMISSION_BYTES_DEFAULT);
  } catch (error) {
    return { error: asNngradeError(error, source) };
  }
  try {
    return { bytes, submission: submissionFromBytes(bytes, source, { ...options, path: options.path ?? path }) };
  } catch (error) {
    return { bytes, error: asNngradeError(error, source) };
  }
}

function asNngradeError(error: unknown, source: string): NngradeError {
  if (error instanceof NngradeError) return error;
  return new NngradeError("internal", `${source}: could not be read: ${(error as Error).message}`);
}
