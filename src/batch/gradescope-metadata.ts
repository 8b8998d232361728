/**
 * Gradescope's "Export Submissions" archive names its folders
 * `submission_<id>/` and says whose each one is in `submission_metadata.yml`,
 * which Ruby's Psych writes (`YAML.dump` of a hash with symbol keys):
 *
 *     submission_123456:
 *       :submitters:
 *       - :name: Ada Lovelace
 *         :sid: '1815'
 *         :email: ada@example.edu
 *       :created_at: 2024-03-01 12:00:00.000000000 -08:00
 *       :score: 10.0
 *
 * Only folder -> submitters is read; everything else (:created_at:, :results:
 * with whatever Ruby objects nest under it) may be anything. One unusable
 * entry costs that submission its names, not the whole export: the caller
 * still grades its folder, under the folder's name, and says why.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from "yaml";
import { NngradeError } from "../errors.ts";

export interface Submitter {
  name?: string;
  sid?: string;
  email?: string;
}

export interface MetadataEntry {
  /** a plain `submission_<id>` folder name: nothing that could leave the export folder */
  folder: string;
  /** in file order; empty when there are none, or when `problem` says why they could not be read */
  submitters: Submitter[];
  /** why this entry's submitters could not be read, located: "submission_metadata.yml:12: ..." */
  problem?: string;
}

export interface SubmissionMetadata {
  /** in file order, each folder once */
  entries: MetadataEntry[];
  /** what was skipped, located: keys that are not a folder name or are listed twice; a file that lists no one */
  warnings: string[];
}

export const METADATA_FILE = "submission_metadata.yml";

/** Gradescope's folder names; the bound keeps a hostile key from becoming a path or a wall of text */
const FOLDER_NAME = /^submission_[A-Za-z0-9_-]{1,100}$/;
const SUBMITTER_FIELDS = ["name", "sid", "email"] as const;

type YamlNode = Node | null | undefined;

/** one entry's structure is wrong: reported as that entry's problem, never thrown past this file */
class EntryProblem extends Error {}

/** `file` names the file in errors and warnings */
export function parseSubmissionMetadata(text: string, file: string): SubmissionMetadata {
  const lineCounter = new LineCounter();
  // YAML 1.1 is what Psych writes; merge keys off, duplicates reported here rather than by the library
  const document = parseDocument(text, { version: "1.1", merge: false, uniqueKeys: false, lineCounter, prettyErrors: false });
  // an unknown tag (!ruby/object:..., !binary) or a value its tag refuses is not a broken file
  const broken = document.errors.find((error) => error.code !== "TAG_RESOLVE_FAILED");
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  if (broken !== undefined) {
    // an error found at the end of the input (a quote never closed) is placed on the last line, not after it
    const offset = Math.min(broken.pos[0], Math.max(0, text.trimEnd().length - 1));
    throw new NngradeError("input", `${file}:${lineOf(offset)}: not valid YAML: ${visible(lowerFirst(shorten(broken.message, 120)))}`, { file });
  }
  const reader = new Reader(document, text, file, lineOf);
  const top = reader.resolve(document.contents);
  if (top === null || top === undefined || (isScalar(top) && top.value === null)) return { entries: [], warnings: [`${file}: lists no submissions`] };
  if (!isMap(top)) {
    throw new NngradeError("input", `${file}:${lineOf(top.range?.[0])}: expected submission folders and their submitters, got ${kindOf(top)}`, { file });
  }
  const entries: MetadataEntry[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const pair of top.items) {
    const key = reader.resolve(pair.key as YamlNode);
    const line = lineOf(key?.range?.[0] ?? (pair.value as YamlNode)?.range?.[0]);
    const folder = isScalar(key) && key.value !== null ? reader.keyText(key) : undefined;
    if (folder === undefined || !FOLDER_NAME.test(folder)) {
      const shown = folder === undefined ? `a key that is ${kindOf(key)}` : `"${escapeForMessage(folder)}"`;
      warnings.push(`${file}:${line}: ${shown} is not a submission folder name (submission_<id>); skipped`);
      continue;
    }
    if (seen.has(folder)) {
      warnings.push(`${file}:${line}: ${folder} is listed twice; the first one is kept`);
      continue;
    }
    seen.add(folder);
    try {
      entries.push({ folder, submitters: reader.submitters(pair.value as YamlNode, folder, line) });
    } catch (error) {
      if (!(error instanceof EntryProblem)) throw error;
      entries.push({ folder, submitters: [], problem: error.message });
    }
  }
  return { entries, warnings };
}

class Reader {
  constructor(
    private readonly document: Document,
    private readonly source: string,
    private readonly file: string,
    private readonly lineOf: (offset: number | undefined) => number,
  ) {}

  /** Psych writes an object it meets twice as an anchor and an alias (`&1` ... `*1`) */
  resolve(node: YamlNode): YamlNode {
    // one step only: an alias never names another alias
    return isAlias(node) ? node.resolve(this.document) : node;
  }

  /** undefined when the key cannot be read as text at all (binary that is not UTF-8) */
  keyText(key: Scalar): string | undefined {
    try {
      return this.text(key);
    } catch (error) {
      if (error instanceof EntryProblem) return undefined;
      throw error;
    }
  }

  submitters(value: YamlNode, folder: string, keyLine: number): Submitter[] {
    const entry = this.resolve(value);
    if (!isMap(entry)) throw this.problem(keyLine, `${folder}: expected a mapping with :submitters:, got ${kindOf(entry)}`);
    const list = this.field(entry.items, "submitters", folder, keyLine);
    if (list === undefined) throw this.problem(keyLine, `${folder}: no :submitters:`);
    const items = this.resolve(list.value);
    if (!isSeq(items)) throw this.problem(list.line, `${folder}: :submitters: is ${kindOf(items)}, expected a list`);
    return items.items.map((item, index) => this.submitter(item as YamlNode, `${folder}: submitter ${index + 1}`, list.line));
  }

  private submitter(value: YamlNode, where: string, fallbackLine: number): Submitter {
    const node = this.resolve(value);
    if (!isMap(node)) throw this.problem(this.lineAt(node, fallbackLine), `${where} is ${kindOf(node)}, expected a mapping`);
    const submitter: Submitter = {};
    for (const name of SUBMITTER_FIELDS) {
      const field = this.field(node.items, name, where, fallbackLine);
      if (field === undefined) continue;
      const scalar = this.resolve(field.value);
      if (!isScalar(scalar)) throw this.problem(field.line, `${where}: :${name}: is ${kindOf(scalar)}, expected text`);
      if (scalar.value === null) continue;
      submitter[name] = this.text(scalar, `${where}: :${name}:`);
    }
    return submitter;
  }

  /** the value under `:name:` (or `name:`), at most once */
  private field(items: readonly { key: unknown; value: unknown }[], name: string, where: string, fallbackLine: number) {
    let found: { value: YamlNode; line: number } | undefined;
    for (const pair of items) {
      const key = this.resolve(pair.key as YamlNode);
      if (!isScalar(key) || key.value === null) continue;
      const text = this.text(key);
      if ((text.startsWith(":") ? text.slice(1) : text) !== name) continue;
      const line = this.lineAt(key, fallbackLine);
      if (found !== undefined) throw new EntryProblem(`${this.file}:${line}: ${where}: :${name}: is given twice`);
      found = { value: pair.value as YamlNode, line };
    }
    return found;
  }

  /**
   * A scalar as written, whatever type YAML would give it: a sid 0042, 1815
   * or 9007199254740993 keeps its digits, and a name `no` or `1234` stays
   * that text.
   */
  text(scalar: Scalar, where = "a key"): string {
    const written = scalar.source ?? String(scalar.value);
    if (scalar.tag === "!binary" || scalar.tag === "tag:yaml.org,2002:binary") return this.binaryText(scalar, written, where);
    return this.yaml11Breaks(scalar, written);
  }

  /** Psych writes a Ruby string held as bytes (ASCII-8BIT) as base64; the bytes of a name are UTF-8 */
  private binaryText(scalar: Scalar, written: string, where: string): string {
    const bytes = Buffer.from(written.replace(/\s+/g, ""), "base64");
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw this.problem(this.lineAt(scalar, 1), `${where} is binary data, not UTF-8 text`);
    }
  }

  /**
   * YAML 1.1 counts U+2028 and U+2029 as line breaks, and Psych (libyaml)
   * writes them raw, followed by the next line's indentation, in single-quoted
   * and block text ('Line<U+2028>      Separator'). The library reads them as
   * YAML 1.2 does, as ordinary characters, so that indentation would become
   * part of the name. Double-quoted text is left alone: Psych escapes them
   * there ("\L"), and an escaped space is content.
   */
  private yaml11Breaks(scalar: Scalar, written: string): string {
    if (!/[\u2028\u2029]/.test(written)) return written;
    if (scalar.type === "PLAIN" || scalar.type === "QUOTE_SINGLE") return written.replace(/[ \t]*([\u2028\u2029])[ \t]*/g, "$1");
    if (scalar.type === "BLOCK_LITERAL" || scalar.type === "BLOCK_FOLDED") {
      const indent = blockIndent(this.source, scalar.range?.[0]);
      return written.replace(new RegExp(`([\\u2028\\u2029]) {0,${indent}}`, "g"), "$1");
    }
    return written;
  }

  /** where a node starts; a value that is not written (`:sid:` and nothing) has no place of its own */
  private lineAt(node: YamlNode, fallbackLine: number): number {
    const offset = node?.range?.[0];
    return offset === undefined ? fallbackLine : this.lineOf(offset);
  }

  private problem(line: number, message: string): EntryProblem {
    return new EntryProblem(`${this.file}:${line}: ${message}`);
  }
}

/** the indentation of a block scalar's first content line; `header` is the offset of its `|` or `>` */
function blockIndent(source: string, header: number | undefined): number {
  if (header === undefined) return 0;
  const lines = source.slice(header).split(/\r?\n/).slice(1);
  const first = lines.find((line) => line.trim() !== "") ?? "";
  return first.length - first.trimStart().length;
}

function kindOf(node: YamlNode): string {
  if (node === null || node === undefined) return "nothing";
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (!isScalar(node) || node.value === null) return "nothing";
  if (typeof node.value === "number" || typeof node.value === "bigint") return "a number";
  if (typeof node.value === "boolean") return "true or false";
  return "text";
}

/** a key as it goes between double quotes in a message */
function escapeForMessage(text: string): string {
  return visible(shorten(text, 60).replace(/["\\]/g, "\\$&"));
}

/** control characters, line and paragraph separators and bidirectional marks shown as escapes: a file cannot rewrite the terminal */
function visible(text: string): string {
  let shown = "";
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    shown += isInvisibleControl(code) ? `\\u${code.toString(16).padStart(4, "0")}` : character;
  }
  return shown;
}

function isInvisibleControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** at most `length` characters (code points: an emoji is never cut in half) */
function shorten(text: string, length: number): string {
  const characters = Array.from(text);
  return characters.length > length ? `${characters.slice(0, length).join("")}...` : text;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
