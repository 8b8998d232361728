/**
 * The student a submission names, read so that a bad or odd field never
 * costs the submission: a field that cannot be used is left out (the caller
 * falls back to the file or folder name) and flagged for the TA; a usable one
 * is cleaned of what would corrupt a gradebook row or a report.
 */
import JSON5 from "json5";

export interface SubmissionFlag {
  code: string;
  message: string;
}

export interface StudentFields {
  id?: string;
  name?: string;
}

const FIELDS = ["id", "name"] as const;
type Field = (typeof FIELDS)[number];

/** longer than any name or id a university gives; what is past it is noise or an attack on a report */
export const STUDENT_FIELD_MAX_LENGTH = 200;

const FALLBACK: Record<Field, string> = { id: "graded under the file or folder name", name: "left out" };

// line breaks and tabs become a space; other C0 and C1 controls go, as do the
// bidi embeddings, overrides and isolates that make text show in another
// order than it is (U+202E shows "s1234" as "4321s") and the direction marks
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const DIRECTION = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
// zero-width characters make two ids that print alike differ ("lee\u200b" and "lee")
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
// in a name the joiners are spelling: ZWNJ in Persian and Indic names (می‌خواهم), ZWJ in Indic conjuncts and
// emoji sequences (👩‍🔬); only the characters that are never part of a name go
const INVISIBLE_IN_NAMES = /[\u200b\u2060\ufeff\u00ad]/g;

/**
 * `student` is the parsed value of the file's "student" key; `text` the
 * file's text, from which a numeric id is read digit for digit (a float64
 * holds 9007199254740993 as ...992, which would make two students one).
 */
export function readStudentFields(student: unknown, text?: string): { student?: StudentFields; flags: SubmissionFlag[] } {
  if (typeof student !== "object" || student === null || Array.isArray(student)) {
    return { flags: [{ code: "student-field", message: `student: expected an object, got ${kindOf(student)}; ${FALLBACK.id}` }] };
  }
  const record = student as Record<string, unknown>;
  const fields: StudentFields = {};
  const flags: SubmissionFlag[] = [];
  let tokens: Partial<Record<Field, string>> | undefined;
  for (const field of FIELDS) {
    if (!Object.hasOwn(record, field) || record[field] === null) continue;
    const value = record[field];
    if (typeof value === "number" && Number.isFinite(value)) {
      // student ids are often numbers in a spreadsheet, so a number is taken as its digits
      tokens ??= text === undefined ? {} : studentValueTokens(text);
      fields[field] = digitsOf(value, tokens[field]);
      // 0x20000000000001 or 9.007199254740993e15 lose digits to float64 with no way back: say so rather than merge students
      if (Number.isInteger(value) && !Number.isSafeInteger(value) && fields[field] === String(value)) {
        flags.push({ code: "student-field", message: `student/${field}: the number ${tokens[field] ?? value} cannot be read exactly; write it as a string ("...")` });
      }
    } else if (typeof value === "string") {
      const cleaned = cleanStudentText(value, field);
      if (cleaned.changes.length > 0) {
        const left = cleaned.text === "" ? `: nothing left; ${FALLBACK[field]}` : "";
        flags.push({ code: "student-field", message: `student/${field}: ${cleaned.changes.join("; ")}${left}` });
      }
      if (cleaned.text !== "" || value === "") fields[field] = cleaned.text;
    } else {
      flags.push({ code: "student-field", message: `student/${field}: expected a string, got ${kindOf(value)}; ${FALLBACK[field]}` });
    }
  }
  return { student: fields, flags };
}

/** the text without controls or direction overrides, trimmed and capped; `changes` says what was done */
export function cleanStudentText(value: string, field: Field = "id"): { text: string; changes: string[] } {
  const changes: string[] = [];
  let text = value.replace(LINE_BREAKS, " ");
  if (text !== value) changes.push("line breaks replaced");
  const withoutControls = text.replace(CONTROLS, "");
  if (withoutControls !== text) changes.push("control characters removed");
  text = withoutControls.replace(DIRECTION, "");
  if (text !== withoutControls) changes.push("text-direction characters removed");
  const visible = text.replace(field === "name" ? INVISIBLE_IN_NAMES : INVISIBLE, "");
  if (visible !== text) changes.push("invisible characters removed");
  text = visible;
  text = text.trim();
  if (text.length > STUDENT_FIELD_MAX_LENGTH) {
    // never half of a surrogate pair
    const end = /[\ud800-\udbff]/.test(text.charAt(STUDENT_FIELD_MAX_LENGTH - 1)) ? STUDENT_FIELD_MAX_LENGTH - 1 : STUDENT_FIELD_MAX_LENGTH;
    text = text.slice(0, end).trimEnd();
    changes.push(`cut to ${STUDENT_FIELD_MAX_LENGTH} characters`);
  }
  return { text, changes };
}

/** the digits as written when the token is a plain integer that is this number; else the number printed */
function digitsOf(value: number, token: string | undefined): string {
  if (token !== undefined && /^[+-]?\d+$/.test(token) && Number(token) === value) return token.replace(/^\+/, "");
  return String(value);
}

// ---------------------------------------------------------------------------
// the raw text of top-level student.id and student.name

/**
 * Walks JSON or JSON5 text to the values of the top-level "student" object's
 * "id" and "name", skipping strings (with their escapes), comments and
 * nested containers, and returns each value's text as written. As the
 * parsers do, the last of duplicate keys counts. Text that is not as
 * expected gives nothing, and the caller prints the parsed number instead.
 */
export function studentValueTokens(text: string): Partial<Record<Field, string>> {
  const scanner = new Scanner(text);
  let found: Partial<Record<Field, string>> = {};
  if (!scanner.skipSpace() || text[scanner.at] !== "{") return found;
  scanner.at++;
  for (;;) {
    if (!scanner.skipSpace() || text[scanner.at] === "}") return found;
    const key = scanner.readKey();
    if (key === undefined || !scanner.skipSpace() || text[scanner.at] !== ":") return found;
    scanner.at++;
    if (!scanner.skipSpace()) return found;
    if (key === "student") {
      const inner = text[scanner.at] === "{" ? scanner.readStudentObject() : undefined;
      if (inner === undefined) {
        found = {};
        if (!scanner.skipValue()) return found;
      } else found = inner;
    } else if (!scanner.skipValue()) return found;
    if (!scanner.skipSpace()) return found;
    if (text[scanner.at] === ",") scanner.at++;
    else return found;
  }
}

class Scanner {
  at = 0;

  constructor(private readonly text: string) {}

  /** past whitespace and comments; false at the end of the text */
  skipSpace(): boolean {
    const { text } = this;
    while (this.at < text.length) {
      const char = text[this.at] as string;
      if (/\s/.test(char)) this.at++;
      else if (char === "/" && text[this.at + 1] === "/") {
        const end = text.slice(this.at).search(/[\n\r\u2028\u2029]/);
        this.at = end < 0 ? text.length : this.at + end;
      } else if (char === "/" && text[this.at + 1] === "*") {
        const end = text.indexOf("*/", this.at + 2);
        this.at = end < 0 ? text.length : end + 2;
      } else return true;
    }
    return false;
  }

  /** a quoted key (its escapes decoded) or a JSON5 identifier */
  readKey(): string | undefined {
    const { text } = this;
    const start = this.at;
    const quote = text[start];
    if (quote === '"' || quote === "'") {
      if (!this.skipString()) return undefined;
      const token = text.slice(start, this.at);
      if (!token.includes("\\")) return token.slice(1, -1);
      try {
        return String(JSON5.parse(token));
      } catch {
        return undefined;
      }
    }
    while (this.at < text.length && /[^\s:/]/.test(text[this.at] as string)) this.at++;
    return this.at > start ? text.slice(start, this.at) : undefined;
  }

  /** the student object's id and name tokens; undefined if it does not read as an object */
  readStudentObject(): Partial<Record<Field, string>> | undefined {
    const { text } = this;
    const found: Partial<Record<Field, string>> = {};
    this.at++;
    for (;;) {
      if (!this.skipSpace()) return undefined;
      if (text[this.at] === "}") {
        this.at++;
        return found;
      }
      const key = this.readKey();
      if (key === undefined || !this.skipSpace() || text[this.at] !== ":") return undefined;
      this.at++;
      if (!this.skipSpace()) return undefined;
      const start = this.at;
      if (!this.skipValue()) return undefined;
      if (key === "id" || key === "name") found[key] = text.slice(start, this.at);
      if (!this.skipSpace()) return undefined;
      if (text[this.at] === ",") this.at++;
      else if (text[this.at] !== "}") return undefined;
    }
  }

  /** past one value: a string, a container with all it holds, or a scalar token */
  skipValue(): boolean {
    const { text } = this;
    const first = text[this.at];
    if (first === '"' || first === "'") return this.skipString();
    if (first !== "{" && first !== "[") {
      const start = this.at;
      while (this.at < text.length && /[^\s,\]}/]/.test(text[this.at] as string)) this.at++;
      return this.at > start;
    }
    let depth = 0;
    while (this.at < text.length) {
      const char = text[this.at] as string;
      if (char === '"' || char === "'") {
        if (!this.skipString()) return false;
        continue;
      }
      if (char === "/" && (text[this.at + 1] === "/" || text[this.at + 1] === "*")) {
        this.skipSpace();
        continue;
      }
      if (char === "{" || char === "[") depth++;
      else if (char === "}" || char === "]") depth--;
      this.at++;
      if (depth === 0) return true;
    }
    return false;
  }

  /** past a quoted string, its escapes included; false when it never ends */
  private skipString(): boolean {
    const { text } = this;
    const quote = text[this.at] as string;
    let at = this.at + 1;
    for (;;) {
      const end = text.indexOf(quote, at);
      if (end < 0) return false;
      // the quote ends the string unless an odd number of backslashes escapes it
      let backslashes = 0;
      while (text[end - 1 - backslashes] === "\\") backslashes++;
      at = end + 1;
      if (backslashes % 2 === 0) {
        this.at = at;
        return true;
      }
    }
  }
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  // the student's text is not repeated: it may hold what the flag is about
  if (typeof value === "string") return "a string";
  return String(value);
}
