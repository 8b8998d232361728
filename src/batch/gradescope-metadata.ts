/**
 * Gradescope's "Export Submissions" archive names its folders
 * `submission_<id>/` and says whose each one is in `submission_metadata.yml`:
 *
 *     submission_123456:
 *       :submitters:
 *       - :name: Ada Lovelace
 *         :sid: '1815'
 *         :email: ada@example.edu
 *       :created_at: 2024-03-01 12:00:00.000000000 -08:00
 *       :score: 10.0
 *
 * This reads exactly that shape, line by line, and skips every other key
 * (:created_at:, :results: with whatever nests under it). No YAML library is
 * installed, and a general one would be far more than this file needs.
 */
import { NngradeError } from "../errors.ts";

export interface Submitter {
  name?: string;
  sid?: string;
  email?: string;
}

export const METADATA_FILE = "submission_metadata.yml";

const SUBMITTER_FIELDS = new Set(["name", "sid", "email"]);

interface Line {
  number: number;
  indent: number;
  text: string;
}

/** folder name -> its submitters, in file order; `file` names the file in errors */
export function parseSubmissionMetadata(text: string, file: string): Map<string, Submitter[]> {
  const lines = meaningfulLines(text, file);
  const submissions = new Map<string, Submitter[]>();
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as Line;
    if (line.indent !== 0) throw problem(file, line, "expected a submission folder name at the start of the line");
    const key = /^(.+?):$/.exec(line.text);
    if (key === null) throw problem(file, line, `expected "submission_<id>:", got "${shorten(line.text)}"`);
    const folder = scalar(key[1] as string, file, line);
    if (folder === undefined || folder === "") throw problem(file, line, "expected a submission folder name before ':'");
    if (submissions.has(folder)) throw problem(file, line, `submission "${shorten(folder)}" is listed twice`);
    index++;
    const end = blockEnd(lines, index, 0);
    submissions.set(folder, readSubmission(lines.slice(index, end), file, line));
    index = end;
  }
  return submissions;
}

/** the lines that carry something: no blanks, comments or document markers; tabs refused, as YAML does */
function meaningfulLines(text: string, file: string): Line[] {
  const lines: Line[] = [];
  const raw = (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r?\n/);
  for (const [offset, content] of raw.entries()) {
    const number = offset + 1;
    const trimmed = content.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed === "---" || trimmed === "...") continue;
    const indent = content.length - content.trimStart().length;
    if (content.slice(0, indent).includes("\t")) throw problem(file, { number, indent, text: trimmed }, "tab in the indentation");
    lines.push({ number, indent, text: trimmed });
  }
  return lines;
}

/** index of the first line at or after `from` that is indented no deeper than `indent` */
function blockEnd(lines: readonly Line[], from: number, indent: number): number {
  let index = from;
  while (index < lines.length && (lines[index] as Line).indent > indent) index++;
  return index;
}

function readSubmission(lines: readonly Line[], file: string, header: Line): Submitter[] {
  if (lines.length === 0) return [];
  const indent = (lines[0] as Line).indent;
  let submitters: Submitter[] | undefined;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as Line;
    if (line.indent !== indent) throw problem(file, line, `expected indentation of ${indent} spaces, got ${line.indent}`);
    const pair = keyValue(line.text);
    if (pair === undefined) throw problem(file, line, `expected ":key: value", got "${shorten(line.text)}"`);
    index++;
    // a block sequence may sit at its key's own indentation ("  :submitters:\n  - :name: ...")
    let end = index;
    while (end < lines.length) {
      const next = lines[end] as Line;
      if (next.indent > indent || (next.indent === indent && next.text.startsWith("-"))) end++;
      else break;
    }
    if (pair.key === "submitters") {
      if (submitters !== undefined) throw problem(file, line, ":submitters: given twice");
      submitters = readSubmitters(lines.slice(index, end), pair.value, file, line);
    }
    index = end;
  }
  if (submitters === undefined) throw problem(file, header, "no :submitters: list under this submission");
  return submitters;
}

function readSubmitters(lines: readonly Line[], inline: string, file: string, header: Line): Submitter[] {
  if (inline === "[]") return [];
  if (inline !== "") throw problem(file, header, `expected a list of submitters under :submitters:, got "${shorten(inline)}"`);
  const submitters: Submitter[] = [];
  let current: Submitter | undefined;
  let fieldIndent = -1;
  for (const line of lines) {
    let text = line.text;
    let indent = line.indent;
    if (text === "-" || text.startsWith("- ")) {
      current = {};
      submitters.push(current);
      const after = text.slice(1);
      indent += 1 + (after.length - after.trimStart().length);
      text = after.trim();
      fieldIndent = indent;
      if (text === "") continue;
    } else if (current === undefined || indent !== fieldIndent) {
      throw problem(file, line, `expected "- :name: ..." starting a submitter, got "${shorten(text)}"`);
    }
    const pair = keyValue(text);
    if (pair === undefined) throw problem(file, line, `expected ":name:", ":sid:" or ":email:", got "${shorten(text)}"`);
    if (!SUBMITTER_FIELDS.has(pair.key)) continue;
    const value = scalar(pair.value, file, line);
    if (value !== undefined) current[pair.key as keyof Submitter] = value;
  }
  return submitters;
}

/** ":sid: '1815'" -> { key: "sid", value: "'1815'" }; Ruby symbols are written with a leading colon */
function keyValue(text: string): { key: string; value: string } | undefined {
  const match = /^:?([A-Za-z_][A-Za-z0-9_]*):(?:\s+(.*))?$/.exec(text);
  if (match === null) return undefined;
  return { key: match[1] as string, value: (match[2] ?? "").trim() };
}

/** a plain, 'single' or "double" quoted scalar; null, ~ and nothing are no value */
function scalar(text: string, file: string, line: Line): string | undefined {
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(text);
    if (match === null) throw problem(file, line, `unterminated single-quoted text: ${shorten(text)}`);
    return (match[1] as string).replace(/''/g, "'");
  }
  if (text.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(text);
    if (match === null) throw problem(file, line, `unterminated double-quoted text: ${shorten(text)}`);
    return unescapeDouble(match[1] as string, file, line);
  }
  const plain = text.replace(/\s+#.*$/, "").trim();
  if (plain === "" || plain === "~" || plain === "null") return undefined;
  return plain;
}

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", n: "\n", t: "\t", r: "\r", "0": "\0", " ": " " };

function unescapeDouble(body: string, file: string, line: Line): string {
  return body.replace(/\\(u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)/g, (_, code: string) => {
    if (code.length > 1) return String.fromCharCode(Number.parseInt(code.slice(1), 16));
    const known = ESCAPES[code];
    if (known === undefined) throw problem(file, line, `unknown escape "\\${code}" in double-quoted text`);
    return known;
  });
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

function problem(file: string, line: Line, message: string): NngradeError {
  return new NngradeError("input", `${file}:${line.number}: ${message}`, { file });
}
