/**
 * Errors the library throws on bad input. Each has a stable `code` so that the
 * bin can map it to an exit status and a batch can record it per submission;
 * messages are short, lowercase and name the file and the path.
 */
import { closestWord } from "./suggest.ts";
export class NngradeError extends Error {
  readonly code: string;
  readonly file?: string;

  constructor(code: string, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
  }
}

/**
 * A submission that is not valid JSON (or nests too deeply to read).
 * line and column are 1-based, as editors show them; absent when the problem
 * has no single position.
 */
export class SubmissionParseError extends NngradeError {
  readonly line?: number;
  readonly column?: number;
  /** the message without its location prefix */
  readonly detail: string;

  constructor(file: string, detail: string, position: { line?: number; column?: number } = {}) {
    const where =
      position.line === undefined ? file : `${file}:${position.line}${position.column === undefined ? "" : `:${position.column}`}`;
    super("submission-parse", `${where}: ${detail}`, { file });
    this.detail = detail;
    if (position.line !== undefined) this.line = position.line;
    if (position.column !== undefined) this.column = position.column;
  }
}

/** A submission that parsed but has the wrong structure, or a file that cannot be read at all. */
export class SubmissionError extends NngradeError {
  /** each problem with its path: "answers: missing" */
  readonly problems: string[];

  constructor(file: string, problems: string[], options: { cause?: unknown } = {}) {
    super("submission", problems.map((problem) => `${file}: ${problem}`).join("\n"), { file, cause: options.cause });
    this.problems = problems;
  }
}

/**
 * A reference that cannot run here at all: its interpreter missing, its
 * process gone, no answer in time. Never read as "the student's value
 * cannot be worked from": grading on without it would silently withhold
 * credit carried forward, so the submission gets an error that says why.
 */
export class ReferenceUnavailableError extends NngradeError {
  /** what the process left on stderr (a traceback), for the TA */
  readonly detail: string;

  constructor(message: string, detail = "", options: { cause?: unknown } = {}) {
    super("reference-unavailable", message, options);
    this.detail = detail;
  }
}

/** A rubric that cannot be used; every problem is reported at once, each located. */
export class RubricError extends NngradeError {
  readonly problems: string[];

  constructor(problems: string[], options: { file?: string; cause?: unknown } = {}) {
    const prefix = options.file === undefined ? "" : `${options.file}: `;
    super("rubric", problems.map((problem) => `${prefix}${problem}`).join("\n"), options);
    this.problems = problems;
  }
}

export class UnknownAssignmentError extends NngradeError {
  readonly assignment: string;

  constructor(assignment: string, known: readonly string[] = [], lookedIn?: string) {
    // one course found in several folders is one id; a long list is cut, its length said
    const ids = [...new Set(known)].sort();
    const shown = ids.length > KNOWN_SHOWN ? `${ids.slice(0, KNOWN_SHOWN).join(", ")} and ${ids.length - KNOWN_SHOWN} more` : ids.join(", ");
    const hint = ids.length === 0 ? "" : ` (known: ${shown})`;
    const close = closestWord(assignment, ids);
    const suggestion = close === undefined ? "" : `: did you mean ${close}?`;
    // a course's id is found from where nngrade runs: say where, so that a run from the wrong folder explains itself
    const where = lookedIn === undefined ? "" : `; a course's rubrics are looked for in ${lookedIn} and two folders down`;
    super("unknown-assignment", `unknown assignment '${assignment.slice(0, 60)}'${suggestion}${hint}${where}`);
    this.assignment = assignment;
  }
}

/** ids an unknown-assignment message lists before "and N more" */
const KNOWN_SHOWN = 20;

