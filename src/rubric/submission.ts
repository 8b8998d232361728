/**
 * The one submission reader, behind `check`, the batch (its plan and its
 * workers) and the public API: bytes -> text (encoding.ts) -> a JSON value
 * (json.ts) -> a Submission (here); the file is read at the edge
 * (submission-file.ts), and nothing here touches a file. Who the submission
 * is graded as is decided here too, so a file checked alone and the same
 * file in a batch get the same student and the same flags.
 */
import { SubmissionError } from "../errors.ts";
import { decodeSubmissionBytes } from "./encoding.ts";
import { parseSubmissionText, type SubmissionLimits } from "./json.ts";
import { readStudentFields, type SubmissionFlag } from "./student-fields.ts";

/** A submission as the grader takes it: who it is, its answers, and what reading it found for the TA. */
export interface Submission {
  /** who it is graded as: the owner's id (see Owner), else the file's own, else the file's or its folder's name */
  student: { id: string; name?: string };
  /** the answers as the file gives them, keyed by task id */
  answers: Record<string, unknown>;
  /** the assignment the file says it is for, if it says */
  assignment?: string;
  /** the file it was read from, as messages and reports name it */
  source?: string;
  /**
   * what reading it found for the TA to look at (a student field left out or cleaned, an id in the
   * file that differs from the owner's): copied into the result's flags
   */
  flags?: SubmissionFlag[];
}

/** Who a submission is when something other than the file says so: its folder, an export's metadata, an autograder. */
export interface Owner {
  id: string;
  name?: string;
  /** what named it, for the flag when the file claims someone else: "its folder", "the Gradescope metadata" */
  by: string;
}

/** How a submission is read: whose it is and how much of it is read. */
export interface SubmissionOptions extends Partial<SubmissionLimits> {
  /** who it is, whatever the file says; an id in the file that differs is only flagged */
  owner?: Owner;
  /** the file's path, whose name (or folder's name) a submission without an id is graded under; the source by default */
  path?: string;
}

/** A submission from a file's bytes (UTF-8, or UTF-16 as PowerShell writes it). */
export function submissionFromBytes(bytes: Uint8Array, source: string, options: SubmissionOptions = {}): Submission {
  return parseSubmission(decodeSubmissionBytes(bytes, source), source, options);
}

/**
 * A submission from a file's text: JSON, or what Python's json.dump writes
 * (NaN, Infinity).
 *
 * @throws SubmissionParseError for text that is not JSON, SubmissionError for JSON that is not a submission
 */
export function parseSubmission(text: string, source: string, options: SubmissionOptions = {}): Submission {
  return toSubmission(parseSubmissionText(text, source, options), source, options, text);
}

/**
 * Checks a parsed file's top-level structure and reports every problem at
 * once, each with its path, then decides who it is (studentOf). A student
 * field is never a problem: one that cannot be used is left out and flagged.
 * `text`, the file's text, gives a numeric id's digits as written.
 */
export function toSubmission(value: unknown, source: string, options: SubmissionOptions = {}, text?: string): Submission {
  if (!isPlainObject(value)) throw new SubmissionError(source, [`expected an object at the top level, got ${kindOf(value)}`]);
  const problems: string[] = [];
  let answers: Record<string, unknown> = {};
  let assignment: string | undefined;

  if (!Object.hasOwn(value, "answers")) problems.push("answers: missing");
  else if (!isPlainObject(value.answers)) problems.push(`answers: expected an object, got ${kindOf(value.answers)}`);
  else answers = value.answers;

  if (Object.hasOwn(value, "assignment") && value.assignment !== null) {
    if (typeof value.assignment === "string") assignment = value.assignment;
    else problems.push(`assignment: expected a string, got ${kindOf(value.assignment)}`);
  }

  const flags: SubmissionFlag[] = [];
  let own: { id?: string; name?: string } | undefined;
  if (Object.hasOwn(value, "student") && value.student !== null) {
    const read = readStudentFields(value.student, text);
    own = read.student;
    flags.push(...read.flags);
  }

  if (problems.length > 0) throw new SubmissionError(source, problems);
  const submission: Submission = { student: studentOf(own, options.path ?? source, options.owner, flags), answers, source };
  if (assignment !== undefined) submission.assignment = assignment;
  if (flags.length > 0) submission.flags = flags;
  return submission;
}

/**
 * Who the submission is graded as. An owner names the student; an id in the
 * file that differs is kept in a flag for the TA and never used, so no file
 * can take another student's row. Without an owner the file's id counts,
 * else the file or folder name (an empty id, the template's, is no id).
 */
function studentOf(own: { id?: string; name?: string } | undefined, path: string, owner: Owner | undefined, flags: SubmissionFlag[]): Submission["student"] {
  const ownId = own?.id?.trim();
  if (owner === undefined) {
    const student: Submission["student"] = { id: ownId || studentIdFromPath(path) };
    if (own?.name !== undefined) student.name = own.name;
    return student;
  }
  const student: Submission["student"] = { id: owner.id };
  const name = owner.name ?? own?.name;
  if (name !== undefined) student.name = name;
  if (ownId && ownId !== owner.id) {
    flags.push({
      code: "id-mismatch",
      message: `the file says student id "${shorten(ownId)}"; graded as "${shorten(owner.id)}", as ${owner.by} says`,
    });
  }
  return student;
}

/**
 * The student id a submission is graded under when neither an owner nor the
 * file names one: the file name, or the folder's name for a generic file name
 * inside a per-student folder (s1234567/answers.json).
 */
export function studentIdFromPath(path: string): string {
  const { folder, stem } = pathParts(path);
  const isGeneric = GENERIC_FILE_NAMES.has(stem.toLowerCase());
  return isGeneric && folder !== "" && folder !== "." && folder !== ".." && folder !== "/" ? folder : stem;
}

/**
 * The file name without its extension, and the name of the folder it is in,
 * as node's posix basename, extname and dirname give them (a test holds the
 * two together), written out so that reading a submission needs no
 * node:path: the grading core runs in a browser page too.
 */
export function pathParts(path: string): { folder: string; stem: string } {
  const name = lastSegment(path);
  const dot = name.lastIndexOf(".");
  // ".json", ".." and "answers" have no extension; "a." has "."
  const stem = dot > 0 && name !== ".." ? name.slice(0, dot) : name;
  return { folder: lastSegment(dirnameOf(path)), stem };
}

function lastSegment(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function dirnameOf(path: string): string {
  if (path === "") return ".";
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  const slash = trimmed.lastIndexOf("/");
  if (slash === -1) return ".";
  const head = trimmed.slice(0, slash).replace(/\/+$/, "");
  return head === "" ? "/" : head;
}

const GENERIC_FILE_NAMES = new Set(["answers", "answer", "submission", "solution", "results", "output"]);

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return value.length > 40 ? `'${value.slice(0, 40)}...'` : `'${value}'`;
  return String(value);
}
