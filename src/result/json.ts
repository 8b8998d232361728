/**
 * The JSON result: keys in the order of the GradeResult type, 2-space indent,
 * a trailing newline, so equal results give identical bytes. An array of
 * scalars (a vector, a matrix's row, a curve) is written on one line,
 * `[0.5, 0.25, null]`: one number per line made a result twice as long and no
 * easier to read, and a batch writes one per student.
 *
 * JSON has no NaN or Infinity, and JSON.stringify would silently turn them
 * into null. Non-finite numbers are therefore written as the strings "NaN",
 * "Infinity" and "-Infinity" (in received, expected and plot values, and
 * anywhere else one slips in); parseResultJson turns them back into numbers
 * in received, expected and plot. A student string that reads "NaN" comes
 * back as the number NaN: the submission parser reads it that way too.
 * Negative zero is written as 0, as JSON.stringify does.
 */
import type { Value } from "../value.ts";
import type { GradeResult } from "./types.ts";

const RESULT_KEYS = [
  "schema",
  "assignment",
  "assignment_title",
  "student",
  "score",
  "max_score",
  "tasks",
  "flags",
  "source",
  "generated_at",
  "error",
  "graded_with",
] as const;
const STUDENT_KEYS = ["id", "name"] as const;
const TASK_KEYS = ["id", "title", "score", "max_score", "items"] as const;
const ITEM_KEYS = ["id", "status", "score", "max_score", "diagnosis", "message", "message_id", "data", "feedback", "visibility", "expected", "received", "plot"] as const;
const CODE_MESSAGE_KEYS = ["code", "message"] as const;
const PLOT_KEYS = ["kind", "expected", "received", "label"] as const;

/** how a known key's value is written: by its own key order, or as a list of such, or as a plain value */
type Layout = { keys: readonly string[]; fields?: Record<string, Layout>; list?: boolean } | "value";

const CODE_MESSAGE: Layout = { keys: CODE_MESSAGE_KEYS };
const ITEM: Layout = { keys: ITEM_KEYS, fields: { diagnosis: CODE_MESSAGE, plot: { keys: PLOT_KEYS } } };
const RESULT: Layout = {
  keys: RESULT_KEYS,
  fields: {
    student: { keys: STUDENT_KEYS },
    tasks: { keys: TASK_KEYS, list: true, fields: { items: { ...ITEM, list: true } } },
    flags: { ...CODE_MESSAGE, list: true },
    error: CODE_MESSAGE,
  },
};

function numberText(x: number): string {
  // String(-0) is "0", as JSON.stringify writes it
  if (Number.isFinite(x)) return String(x);
  return Number.isNaN(x) ? '"NaN"' : x > 0 ? '"Infinity"' : '"-Infinity"';
}

/** a scalar's JSON text; anything JSON cannot hold (undefined in a list, a function) is null, as JSON.stringify has it */
function scalarText(value: unknown): string {
  switch (typeof value) {
    case "number":
      return numberText(value);
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      return "null";
  }
}

function isScalar(value: unknown): boolean {
  return typeof value !== "object" || value === null;
}

/**
 * A list of scalars on one line, or undefined if it holds a list or an
 * object. Finite numbers only (the common case: a vector, a curve) go through
 * JSON.stringify, which writes numbers faster than String() and join do; no
 * number's text holds a comma, so the spaces can go in after.
 */
function scalarsLine(values: readonly unknown[]): string | undefined {
  let numbers = true;
  for (const element of values) {
    if (typeof element === "number") {
      if (!Number.isFinite(element)) numbers = false;
    } else if (isScalar(element)) numbers = false;
    else return undefined;
  }
  return numbers ? JSON.stringify(values).replaceAll(",", ", ") : `[${values.map(scalarText).join(", ")}]`;
}

/** shorter lists are written as fast as they are compared */
const REUSE_LENGTH = 8;
/** lists kept: a report's curves and bands of the reference, and room for a few answers */
const REUSE_KEPT = 96;

function sameScalars(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  // equal scalars have equal text (0 and -0 both write 0); NaN never equals, so it is merely written again
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The text of long lists written lately, most recently used first. A result
 * holds most long lists more than once (an item's expected and received
 * values are its plot's too, a right answer is the expected one), and every
 * student's result holds the reference's: a list equal to one written before
 * reuses its text instead of writing its numbers again. The values are
 * copied, so a list changed afterwards cannot match stale text; the text
 * depends on the values only, so reuse never changes the output.
 */
const recentLines: { values: readonly unknown[]; text: string }[] = [];

function longLine(values: readonly unknown[]): string | undefined {
  for (let k = 0; k < recentLines.length; k++) {
    const entry = recentLines[k] as { values: readonly unknown[]; text: string };
    if (!sameScalars(entry.values, values)) continue;
    if (k > 0) {
      recentLines.splice(k, 1);
      recentLines.unshift(entry);
    }
    return entry.text;
  }
  const text = scalarsLine(values);
  if (text === undefined) return undefined;
  recentLines.unshift({ values: values.slice(), text });
  if (recentLines.length > REUSE_KEPT) recentLines.pop();
  return text;
}

/** collects the text piece by piece and joins it once: nested joins would copy a large result once per level of nesting */
class JsonWriter {
  readonly parts: string[] = [];

  value(value: unknown, indent: string): void {
    if (isScalar(value)) {
      this.parts.push(scalarText(value));
      return;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.parts.push("[]");
        return;
      }
      const line = this.line(value);
      if (line !== undefined) {
        this.parts.push(line);
        return;
      }
      const inner = `${indent}  `;
      for (let i = 0; i < value.length; i++) {
        this.parts.push(i === 0 ? `[\n${inner}` : `,\n${inner}`);
        this.value(value[i], inner);
      }
      this.parts.push(`\n${indent}]`);
      return;
    }
    // values keep the key order the student gave them
    const inner = `${indent}  `;
    let first = true;
    for (const [key, entry] of Object.entries(value as object)) {
      if (entry === undefined) continue;
      const prefix = `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
      // one part for a key and its scalar: joining costs by the part as much as by the character
      if (isScalar(entry)) this.parts.push(prefix + scalarText(entry));
      else {
        this.parts.push(prefix);
        this.value(entry, inner);
      }
      first = false;
    }
    this.parts.push(first ? "{}" : `\n${indent}}`);
  }

  /** known keys first in contract order, then any extra keys sorted, so nothing is dropped silently */
  ordered(source: object, layout: Exclude<Layout, "value">, indent: string): void {
    const record = source as Record<string, unknown>;
    const inner = `${indent}  `;
    let first = true;
    const write = (key: string) => {
      const value = record[key];
      if (value === undefined) return;
      const prefix = `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
      const field = layout.fields?.[key];
      if (isScalar(value)) this.parts.push(prefix + scalarText(value));
      else {
        this.parts.push(prefix);
        if (field === undefined) this.value(value, inner);
        else this.layout(value, field, inner);
      }
      first = false;
    };
    for (const key of layout.keys) write(key);
    const extra = Object.keys(record).filter((key) => !layout.keys.includes(key));
    for (const key of extra.sort()) write(key);
    this.parts.push(first ? "{}" : `\n${indent}}`);
  }

  layout(value: unknown, layout: Layout, indent: string): void {
    if (layout === "value" || typeof value !== "object" || value === null) this.value(value, indent);
    else if (!layout.list) this.ordered(value, layout, indent);
    else if (!Array.isArray(value) || value.length === 0) this.value(value, indent);
    else {
      const inner = `${indent}  `;
      const element = { ...layout, list: false };
      for (let i = 0; i < value.length; i++) {
        this.parts.push(i === 0 ? `[\n${inner}` : `,\n${inner}`);
        this.layout(value[i], element, inner);
      }
      this.parts.push(`\n${indent}]`);
    }
  }

  private line(values: readonly unknown[]): string | undefined {
    return values.length < REUSE_LENGTH ? scalarsLine(values) : longLine(values);
  }
}

function resultParts(result: GradeResult): string[] {
  const writer = new JsonWriter();
  writer.ordered(result, RESULT as Exclude<Layout, "value">, "");
  writer.parts.push("\n");
  return writer.parts;
}

/** the result as JSON text, keys in the contract's order, non-finite numbers as Python writes them (NaN, Infinity) */
export function renderJson(result: GradeResult): string {
  return resultParts(result).join("");
}

/**
 * The same text as UTF-8 bytes, for writing to a file: each piece is encoded
 * straight into one buffer, several times faster than joining a thousand
 * pieces into a string and encoding that. A UTF-16 code unit takes at most 3
 * bytes, and no piece ends inside a surrogate pair (JSON.stringify escapes a
 * lone one), so the bytes are those of renderJson's text.
 */
export function renderJsonBytes(result: GradeResult): Buffer {
  const parts = resultParts(result);
  let units = 0;
  for (const part of parts) units += part.length;
  const bytes = Buffer.allocUnsafe(3 * units);
  let length = 0;
  for (const part of parts) length += bytes.write(part, length, "utf8");
  return bytes.subarray(0, length);
}

const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY };

function decodeValue(value: Value): Value {
  if (typeof value === "string") return Object.hasOwn(NON_FINITE, value) ? (NON_FINITE[value] as number) : value;
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeValue(v)]));
  }
  return value;
}

/** Reads a result written by renderJson (for merging shards), restoring non-finite numbers. */
export function parseResultJson(text: string): GradeResult {
  const result = JSON.parse(text) as GradeResult;
  for (const task of result.tasks ?? []) {
    for (const item of task.items ?? []) {
      if (item.expected !== undefined) item.expected = decodeValue(item.expected);
      if (item.received !== undefined) item.received = decodeValue(item.received);
      // only a curve's plot keeps non-finite numbers; the others hold finite numbers or null
      if (item.plot?.kind === "curve") {
        item.plot.expected = decodeValue(item.plot.expected) as (number | null)[];
        item.plot.received = decodeValue(item.plot.received) as (number | null)[];
      }
    }
  }
  return result;
}
