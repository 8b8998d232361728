/**
 * Parsing a submission's text (submission.ts reads the file and checks what
 * the text holds). JSON5 reads Python's json.dump output as it is
 * (NaN, Infinity, -Infinity), reports line and column, and stores a
 * "__proto__" key as a plain own property; its other leniencies (comments,
 * single quotes, trailing commas) cost nothing.
 */
import JSON5 from "json5";
import { SubmissionParseError } from "../errors.ts";

/** How much of a submission is read: the file's size, and how deep its JSON nests. */
export interface SubmissionLimits {
  /** the largest file read, in bytes (MAX_SUBMISSION_BYTES_DEFAULT) */
  maxBytes: number;
  /** the deepest nesting parsed; the top-level object is depth 1 (MAX_NESTING_DEPTH_DEFAULT) */
  maxDepth: number;
}

export const MAX_SUBMISSION_BYTES_DEFAULT = 16 * 1024 * 1024;
/** the top-level object is depth 1; a matrix answer sits at depth 5 */
export const MAX_NESTING_DEPTH_DEFAULT = 64;

const PATH_SHOWN_MAX = 60;

/** A submission's text as a JSON value; throws SubmissionParseError, and nothing else, for any text. */
export function parseSubmissionText(text: string, file: string, limits: Partial<SubmissionLimits> = {}): unknown {
  const maxDepth = limits.maxDepth ?? MAX_NESTING_DEPTH_DEFAULT;
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
      throw toParseError(error, file, source);
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

function toParseError(error: unknown, file: string, text: string): SubmissionParseError {
  // a parser recursing per level could overflow the stack; json5 2.x does not, but the message must hold if one does
  if (error instanceof RangeError) return new SubmissionParseError(file, "nesting too deep");
  if (error instanceof SyntaxError) {
    const { lineNumber, columnNumber } = error as SyntaxError & { lineNumber?: number; columnNumber?: number };
    // "JSON5: invalid character 'x' at 2:7" -> "invalid character 'x'"
    const detail = error.message.replace(/^JSON5: /, "").replace(/ at \d+:\d+$/, "");
    return new SubmissionParseError(file, lowercaseFirst(detail), where(lineNumber, columnNumber, text));
  }
  return new SubmissionParseError(file, "cannot parse the file");
}

/**
 * json5 places a line break it refuses (a raw newline inside a string) at
 * column 0 of the next line, where nothing is: the break is the end of the
 * line before, which is where an editor (and Python's json) shows it.
 * Columns count from 1, as editors and GitHub's annotations do.
 */
function where(line: number | undefined, column: number | undefined, text: string): { line?: number; column?: number } {
  if (line === undefined || column === undefined) return {};
  if (column > 0 || line < 2) return { line, column: Math.max(column, 1) };
  const before = text.split(/\r\n|\r|\n/)[line - 2] ?? "";
  return { line: line - 1, column: before.length + 1 };
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

function lowercaseFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}
