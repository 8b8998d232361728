/**
 * The JSON result: keys in the order of the GradeResult type, 2-space indent,
 * a trailing newline, so equal results give identical bytes.
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
import type { GradeResult, ItemResult, TaskResult } from "./result.ts";

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
const ITEM_KEYS = ["id", "status", "score", "max_score", "diagnosis", "message", "feedback", "visibility", "expected", "received", "plot"] as const;
const CODE_MESSAGE_KEYS = ["code", "message"] as const;
const PLOT_KEYS = ["kind", "expected", "received", "label"] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function encodeNumber(x: number): Json {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/** values keep the key order the student gave them */
function encodeValue(value: unknown): Json {
  if (typeof value === "number") return encodeNumber(value);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(encodeValue);
  if (typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [key, inner] of Object.entries(value)) if (inner !== undefined) out[key] = encodeValue(inner);
    return out;
  }
  return null;
}

/** known keys first in contract order, then any extra keys sorted, so nothing is dropped silently */
function ordered(source: object, keys: readonly string[], encode: (key: string, value: unknown) => Json): { [key: string]: Json } {
  const record = source as Record<string, unknown>;
  const out: { [key: string]: Json } = {};
  const extra = Object.keys(record).filter((k) => !keys.includes(k)).sort();
  for (const key of [...keys, ...extra]) {
    if (record[key] !== undefined) out[key] = encode(key, record[key]);
  }
  return out;
}

function encodeItem(item: ItemResult): Json {
  return ordered(item, ITEM_KEYS, (key, value) => {
    if (key === "diagnosis") return value === null ? null : ordered(value as object, CODE_MESSAGE_KEYS, (_, v) => encodeValue(v));
    if (key === "plot") return ordered(value as object, PLOT_KEYS, (_, v) => encodeValue(v));
    return encodeValue(value);
  });
}

function encodeTask(task: TaskResult): Json {
  return ordered(task, TASK_KEYS, (key, value) => (key === "items" ? (value as ItemResult[]).map(encodeItem) : encodeValue(value)));
}

export function renderJson(result: GradeResult): string {
  const document = ordered(result, RESULT_KEYS, (key, value) => {
    switch (key) {
      case "student":
        return ordered(value as object, STUDENT_KEYS, (_, v) => encodeValue(v));
      case "tasks":
        return (value as TaskResult[]).map(encodeTask);
      case "flags":
        return (value as object[]).map((flag) => ordered(flag, CODE_MESSAGE_KEYS, (_, v) => encodeValue(v)));
      case "error":
        return ordered(value as object, CODE_MESSAGE_KEYS, (_, v) => encodeValue(v));
      default:
        return encodeValue(value);
    }
  });
  return `${JSON.stringify(document, null, 2)}\n`;
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
