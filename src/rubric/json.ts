/**
 * Reading a submission file. JSON5 reads Python's json.dump output as it is
 * (NaN, Infinity, -Infinity), reports line and column, and stores a
 * "__proto__" key as a plain own property; its other leniencies (comments,
 * single quotes, trailing commas) cost nothing.
 */
import { basename, dirname, extname } from "node:path";
import JSON5 from "json5";
import { SubmissionError, SubmissionParseError } from "../errors.ts";
import { decodeSubmissionBytes } from "./encoding.ts";
import { readRegularFile } from "./read-file.ts";
import { readStudentFields, type SubmissionFlag } from "./student-fields.ts";

export interface Submission {
  assignment?: string;
  student?: { id?: string; name?: string };
  answers: Record<string, unknown>;
  /** the file it was read from, as given */
  file: string;
  /** what reading it found for the TA to look at: a student field left out or cleaned ("student-field") */
  flags?: SubmissionFlag[];
}

export interface SubmissionLimits {
  maxBytes: number;
  maxDepth: number;
}

export const MAX_SUBMISSION_BYTES_DEFAULT = 16 * 1024 * 1024;
/** the top-level object is depth 1; a matrix answer sits at depth 5 */
export const MAX_NESTING_DEPTH_DEFAULT = 64;

const DEFAULT_LIMITS: SubmissionLimits = { maxBytes: MAX_SUBMISSION_BYTES_DEFAULT, maxDepth: MAX_NESTING_DEPTH_DEFAULT };
const PATH_SHOWN_MAX = 60;

/** Throws SubmissionParseError, and nothing else, for any text. */
export function parseSubmissionText(text: string, file: string, limits: Partial<SubmissionLimits> = {}): unknown {
  const maxDepth = limits.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let value: unknown;
  try {
    // strict JSON first: several times faster than JSON5 on a large file, and what most submissions are;
    // JSON5 then takes what Python's json.dump writes beyond JSON (NaN, Infinity) and locates real errors
    value = JSON.parse(source);
  } catch {
    try {
      value = quietly(() => JSON5.parse(source));
    } catch (error) {
      throw toParseError(error, file);
    }
  }
  const tooDeep = findTooDeep(value, maxDepth);
  if (tooDeep !== undefined) {
    const where = tooDeep === "" ? "" : `${tooDeep}: `;
    throw new SubmissionParseError(file, `${where}nesting deeper than ${maxDepth} levels`);
  }
  return value;
}

/**
 * json5 warns on the console for each U+2028 or U+2029 inside a string (valid
 * JSON, not valid ECMAScript); that text is the student's, and a batch's
 * terminal is not the place for it.
 */
function quietly<T>(parse: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return parse();
  } finally {
    console.warn = warn;
  }
}

/** `name` is how messages call the file: the path as the user typed it, not the resolved one */
export async function readSubmissionFile(
  path: string,
  limits: Partial<SubmissionLimits> = {},
  name: string = path,
): Promise<Submission> {
  const bytes = await readRegularFile(path, name, limits.maxBytes ?? DEFAULT_LIMITS.maxBytes);
  return submissionFromBytes(bytes, name, limits);
}

/** a submission from a file's bytes, as readSubmissionFile reads it (the batch reads the bytes itself) */
export function submissionFromBytes(bytes: Uint8Array, name: string, limits: Partial<SubmissionLimits> = {}): Submission {
  const text = decodeSubmissionBytes(bytes, name);
  return toSubmission(parseSubmissionText(text, name, limits), name, text);
}

/**
 * Checks the top-level structure and reports every problem at once, each with
 * its path. A student field is never a problem: one that cannot be used is
 * left out and flagged, so the submission is graded under its file or folder
 * name. `text`, the file's text, gives a numeric id's digits as written.
 */
export function toSubmission(value: unknown, file: string, text?: string): Submission {
  if (!isPlainObject(value)) throw new SubmissionError(file, [`expected an object at the top level, got ${kindOf(value)}`]);
  const problems: string[] = [];
  const submission: Submission = { answers: {}, file };

  if (!Object.hasOwn(value, "answers")) problems.push("answers: missing");
  else if (!isPlainObject(value.answers)) problems.push(`answers: expected an object, got ${kindOf(value.answers)}`);
  else submission.answers = value.answers;

  if (Object.hasOwn(value, "assignment") && value.assignment !== null) {
    if (typeof value.assignment === "string") submission.assignment = value.assignment;
    else problems.push(`assignment: expected a string, got ${kindOf(value.assignment)}`);
  }

  if (Object.hasOwn(value, "student") && value.student !== null) {
    const read = readStudentFields(value.student, text);
    if (read.student !== undefined) submission.student = read.student;
    if (read.flags.length > 0) submission.flags = read.flags;
  }

  if (problems.length > 0) throw new SubmissionError(file, problems);
  return submission;
}

/**
 * The student id a bulk run uses when the file names none: the file name, or
 * the folder's name for a generic file name inside a per-student folder
 * (s1234567/answers.json).
 */
export function studentIdFromPath(path: string): string {
  const extension = extname(path);
  const stem = basename(path, extension);
  const folder = basename(dirname(path));
  const isGeneric = GENERIC_FILE_NAMES.has(stem.toLowerCase());
  return isGeneric && folder !== "" && folder !== "." && folder !== ".." && folder !== "/" ? folder : stem;
}

const GENERIC_FILE_NAMES = new Set(["answers", "answer", "submission", "solution", "results", "output"]);

function toParseError(error: unknown, file: string): SubmissionParseError {
  // a parser recursing per level could overflow the stack; json5 2.x does not, but the message must hold if one does
  if (error instanceof RangeError) return new SubmissionParseError(file, "nesting too deep");
  if (error instanceof SyntaxError) {
    const { lineNumber, columnNumber } = error as SyntaxError & { lineNumber?: number; columnNumber?: number };
    // "JSON5: invalid character 'x' at 2:7" -> "invalid character 'x'"
    const detail = error.message.replace(/^JSON5: /, "").replace(/ at \d+:\d+$/, "");
    return new SubmissionParseError(file, lowercaseFirst(detail), { line: lineNumber, column: columnNumber });
  }
  return new SubmissionParseError(file, "cannot parse the file");
}

/**
 * Iterative, so that depth costs no stack; answers "" for the root, or the
 * path of the first container that lies too deep ("answers/q2/z[1]").
 */
function findTooDeep(root: unknown, maxDepth: number): string | undefined {
  interface Visit {
    value: unknown;
    depth: number;
    parent: Visit | undefined;
    step: string;
  }
  const stack: Visit[] = [{ value: root, depth: 1, parent: undefined, step: "" }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { value, depth } = visit;
    if (typeof value !== "object" || value === null) continue;
    if (depth > maxDepth) return pathOf(visit);
    // only containers can lie too deep: a scalar (most of a submission) is never visited
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        const inner: unknown = value[index];
        if (typeof inner === "object" && inner !== null) stack.push({ value: inner, depth: depth + 1, parent: visit, step: `[${index}]` });
      }
    } else {
      for (const key of Object.keys(value).reverse()) {
        const inner = (value as Record<string, unknown>)[key];
        if (typeof inner === "object" && inner !== null) stack.push({ value: inner, depth: depth + 1, parent: visit, step: `/${key}` });
      }
    }
  }
  return undefined;

  function pathOf(visit: Visit): string {
    const steps: string[] = [];
    for (let at: Visit | undefined = visit; at !== undefined; at = at.parent) steps.unshift(at.step);
    const path = steps.join("").replace(/^\//, "");
    return path.length > PATH_SHOWN_MAX ? `${path.slice(0, PATH_SHOWN_MAX)}...` : path;
  }
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

function lowercaseFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}
