/**
 * The compact record a batch keeps of each student until its gradebooks and
 * summary are written. A worker thread makes it (batchRecord); the main
 * thread keeps it through a RecordKeeper, which shares what students have in
 * common, so that a class of ten thousand takes a few megabytes rather than
 * a few hundred.
 */
import type { GradeResult, ItemResult, TaskResult } from "../result/types.ts";
import { isDistinctive } from "../report/summary.ts";
import type { Value } from "../value.ts";

/** different answers with one sketch compared against, at most: more are kept apart, as they would be anyway */
const ANSWER_TWINS_KEPT = 4;

/**
 * What the gradebooks and the class summary read of a result, and no more:
 * a batch holds one per student until the end, and a full result (expected
 * values, plots, every answer) of ten thousand students does not fit in
 * memory. Answers are kept only where an item was not passed and the answer
 * is one the summary compares across students (a distinctive one: an
 * identical 0.5 or true says nothing).
 */
export function batchRecord(result: GradeResult): GradeResult {
  const record: GradeResult = {
    ...result,
    tasks: result.tasks.map((task) => ({
      ...task,
      items: task.items.map((item) => {
        const kept: ItemResult = {
          id: item.id,
          status: item.status,
          score: item.score,
          max_score: item.max_score,
          diagnosis: item.diagnosis,
          message: "",
          visibility: item.visibility,
        };
        if (item.status !== "pass" && item.received !== undefined && isDistinctive(item.received)) kept.received = item.received;
        return kept;
      }),
    })),
  };
  return record;
}

/**
 * Keeps records for the end of a batch. A record comes from a worker by
 * structured clone, every string and object of it new; most of it is the
 * same for many students (item ids, statuses, a passed item's whole record,
 * the task titles, when and how it was graded). Equal strings, equal
 * answer-less item records, tasks of such items and equal answers are kept
 * once and shared between the records (the records' parts frozen): nothing
 * that reads them (gradebooks, summary) changes a record.
 */
export class RecordKeeper {
  private readonly strings = new Map<string, string>();
  private readonly items = new Map<string, ItemResult>();
  /** each shared item's number, by which a task's key names its items */
  private readonly itemNumbers = new WeakMap<ItemResult, number>();
  private readonly tasks = new Map<string, TaskResult>();
  private readonly shared = new Map<string, object>();
  private readonly answers = new Map<string, Value[]>();

  keep(record: GradeResult): GradeResult {
    const kept: GradeResult = { ...record, tasks: record.tasks.map((task) => this.task(task)) };
    for (const key of ["schema", "assignment", "assignment_title", "generated_at"] as const) {
      const value = kept[key];
      if (typeof value === "string") (kept as unknown as Record<string, string>)[key] = this.string(value);
    }
    if (kept.graded_with !== undefined) kept.graded_with = this.object(kept.graded_with);
    if (kept.flags.length === 0) kept.flags = this.object(kept.flags);
    return kept;
  }

  /** a task whose items are all shared ones is shared too, when it is the same task with the same score */
  private task(task: TaskResult): TaskResult {
    const items = task.items.map((item) => this.item(item));
    const kept: TaskResult = { ...task, id: this.string(task.id), title: this.string(task.title), items };
    const numbers = items.map((item) => this.itemNumbers.get(item));
    if (numbers.some((number) => number === undefined)) return kept;
    const key = keyOf({ ...kept, items: numbers });
    let shared = this.tasks.get(key);
    if (shared === undefined) {
      shared = Object.freeze({ ...kept, items: Object.freeze(items) as ItemResult[] });
      this.tasks.set(key, shared);
    }
    return shared;
  }

  private item(item: ItemResult): ItemResult {
    if (item.received !== undefined) {
      // an answer is this student's own: its strings are shared, and the value if another gave the very same
      const own: ItemResult = {
        ...item,
        id: this.string(item.id),
        status: this.string(item.status) as ItemResult["status"],
        received: this.answer(item.id, item.received),
      };
      if (item.visibility !== undefined) own.visibility = this.string(item.visibility) as ItemResult["visibility"];
      if (item.diagnosis) own.diagnosis = this.object(item.diagnosis);
      return own;
    }
    const key = keyOf(item);
    let kept = this.items.get(key);
    if (kept === undefined) {
      kept = Object.freeze({ ...item, ...(item.diagnosis ? { diagnosis: this.object(item.diagnosis) } : {}) });
      this.items.set(key, kept);
      this.itemNumbers.set(kept, this.items.size);
    }
    return kept;
  }

  /**
   * An answer equal to one kept before (same values, same key order: what the
   * summary compares and shows) is that one. Looked up by a sketch of it, so
   * that only likely twins are compared in full.
   */
  private answer(itemId: string, value: Value): Value {
    const key = `${itemId}\u0000${sketch(value)}`;
    const twins = this.answers.get(key);
    for (const twin of twins ?? []) if (sameValue(twin, value)) return twin;
    if (twins === undefined) this.answers.set(key, [value]);
    else if (twins.length < ANSWER_TWINS_KEPT) twins.push(value);
    return value;
  }

  private string(text: string): string {
    const kept = this.strings.get(text);
    if (kept !== undefined) return kept;
    this.strings.set(text, text);
    return text;
  }

  /** a small plain value (a diagnosis, graded_with) kept once, frozen */
  private object<T extends object>(value: T): T {
    const key = keyOf(value);
    let kept = this.shared.get(key) as T | undefined;
    if (kept === undefined) {
      kept = Object.freeze(value);
      this.shared.set(key, kept);
    }
    return kept;
  }
}

/** JSON text as a key: equal for equal values */
function keyOf(value: object): string {
  // JSON.stringify writes NaN and Infinity alike as null: a value holding one (a score never does) needs a replacer
  if (!hasNonFinite(value)) return JSON.stringify(value);
  return JSON.stringify(value, (_, inner: unknown) => (typeof inner === "number" && !Number.isFinite(inner) ? `${inner}` : inner));
}

function hasNonFinite(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (typeof value !== "object" || value === null) return false;
  for (const inner of Object.values(value)) if (hasNonFinite(inner)) return true;
  return false;
}

/** a few features of a value that tell most different answers apart: its shape and some of its numbers */
function sketch(value: Value): string {
  if (Array.isArray(value)) {
    const n = value.length;
    return n === 0 ? "[]" : `[${n}:${sketch(value[0] as Value)},${sketch(value[n >> 1] as Value)},${sketch(value[n - 1] as Value)}]`;
  }
  if (typeof value === "string") return `"${value.length}:${value.slice(0, 16)}`;
  if (value === null || typeof value !== "object") return String(value);
  const keys = Object.keys(value);
  return `{${keys.length}:${keys[0] ?? ""}}`;
}

/** equal values in equal key order; NaN equals nothing, so an answer holding one is merely kept apart */
function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i] as Value, b[i] as Value)) return false;
    return true;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key !== others[i] || !sameValue(a[key] as Value, b[key] as Value)) return false;
  }
  return true;
}
