/**
 * A reference without code: the expected answers as a JSON answer key, in
 * submission shape, written by the TA's own solution notebook with
 * `json.dump`. Several keys (one per seed) make bands for the numbers they
 * give. What a key cannot give is a recomputation: error carried forward
 * and per-student variants need a solve, so a key reference has neither.
 */
import { formatPath, type PathSegment } from "../rubric/answers.ts";
import { formatShape, isValueObject, numericShape, type Value, type ValueObject } from "../value.ts";
import { RubricError } from "../errors.ts";
import type { Reference, ReferenceTask, TaskSolution } from "../grade/reference.ts";

/** How `referenceFromKey` names the reference, and its keys in messages. */
export interface KeyReferenceOptions {
  /** the reference's id (a rubric loading a key uses its own id) */
  id: string;
  title: string;
  /** the keys' names for messages, in the order of `keys` (their file names); by default "key 1", "key 2", ... */
  sources?: readonly string[];
}

/**
 * Makes a reference from one answer key or several. A key is in submission
 * shape: `{ "answers": { "<task>": { ... } }, "alternatives"?: { "<task>":
 * { "<path>": { "<alternative id>": value } } } }`; its other top-level
 * fields (a student id, a name) are ignored. A bare object of tasks is
 * refused: the key is what the notebook's own export cell writes, so it has
 * the shape every submission has. NaN and Infinity are numbers like any
 * other (parse the text with a reader that accepts them, as
 * `parseSubmissionText` does).
 *
 * - The tasks are the first key's task ids, and its values are the
 *   expected answers; `alternatives` (for the "oneof" comparator) are read
 *   from the first key.
 * - With several keys (one per seed), every path where all keys give a
 *   finite number gets `bands[path] = { samples }`, one sample per key, for
 *   "band" items; the expected answer stays the first key's. The keys must
 *   agree in everything but their numbers (and strings): the same tasks,
 *   fields and array lengths, and the same kind of value at every path; a
 *   disagreement is a RubricError naming both keys and the path.
 * - No error carried forward: a solve ignores its upstream values, so an
 *   item with `depends_on` is graded against the key alone. No per-student
 *   variants: the reference has no `variantInputs`, and a rubric asking
 *   for them is refused where it is loaded.
 */
export function referenceFromKey(keys: unknown | readonly unknown[], options: KeyReferenceOptions): Reference {
  const list: readonly unknown[] = Array.isArray(keys) ? keys : [keys];
  if (list.length === 0) throw new RubricError([`reference "${options.id}": no answer key given`]);
  const sources = list.map((_, index) => options.sources?.[index] ?? `key ${index + 1}`);
  const problems: string[] = [];
  const answerSets = list.map((key, index) => answersOf(key, sources[index] as string, problems));
  const first = answerSets[0];
  if (problems.length > 0 || first === undefined) throw new RubricError(problems);
  const alternatives = alternativesOf(list[0], sources[0] as string, Object.keys(first), problems);
  const bands: Record<string, NonNullable<TaskSolution["bands"]>> = {};
  for (const taskId of Object.keys(first)) bands[taskId] = {};
  for (let index = 1; index < answerSets.length; index++) {
    const other = answerSets[index] as ValueObject;
    for (const taskId of new Set([...Object.keys(first), ...Object.keys(other)])) {
      if (!Object.hasOwn(other, taskId)) problems.push(`${sources[index]}: answers.${taskId}: missing here, given in ${sources[0]}`);
      else if (!Object.hasOwn(first, taskId)) problems.push(`${sources[index]}: answers.${taskId}: given here, missing in ${sources[0]}`);
    }
  }
  if (problems.length > 0) throw new RubricError(problems);
  for (const taskId of Object.keys(first)) {
    const values = answerSets.map((answers) => (answers as ValueObject)[taskId] as Value);
    collectBands(values, [], { sources, taskId, bands: bands[taskId] as NonNullable<TaskSolution["bands"]>, problems, several: list.length > 1 });
  }
  if (problems.length > 0) throw new RubricError(problems);
  const tasks: ReferenceTask[] = Object.keys(first).map((taskId) => {
    const solution: TaskSolution = {
      answers: first[taskId] as ValueObject,
      ...(alternatives[taskId] ? { alternatives: alternatives[taskId] } : {}),
      ...(list.length > 1 ? { bands: bands[taskId] } : {}),
    };
    // the upstream values are ignored: a key holds answers, not the computation that recomputes them (no ECF)
    return { id: taskId, solve: () => solution };
  });
  return {
    id: options.id,
    title: options.title,
    defaultInputs: () => Object.fromEntries(tasks.map((task) => [task.id, {}])),
    tasks,
  };
}

const KEY_SHAPE = `a key is in submission shape: { "answers": { "<task>": { ... } } }`;

function answersOf(key: unknown, source: string, problems: string[]): ValueObject | undefined {
  if (!isValueObject(key) || !isValueObject(key.answers)) {
    problems.push(`${source}: no "answers" object (${KEY_SHAPE})`);
    return undefined;
  }
  const answers = key.answers;
  if (Object.keys(answers).length === 0) problems.push(`${source}: answers: no task`);
  for (const [taskId, task] of Object.entries(answers)) {
    if (!isValueObject(task)) problems.push(`${source}: answers.${taskId}: not an object of answers (${KEY_SHAPE})`);
  }
  return answers;
}

function alternativesOf(key: unknown, source: string, taskIds: readonly string[], problems: string[]): Record<string, Record<string, Record<string, Value>>> {
  const given = isValueObject(key) ? key.alternatives : undefined;
  if (given === undefined) return {};
  const shape = `"alternatives" is { "<task>": { "<answer path>": { "<alternative id>": value } } }`;
  if (!isValueObject(given)) {
    problems.push(`${source}: alternatives: not an object (${shape})`);
    return {};
  }
  const result: Record<string, Record<string, Record<string, Value>>> = {};
  for (const [taskId, byPath] of Object.entries(given)) {
    if (!taskIds.includes(taskId)) problems.push(`${source}: alternatives.${taskId}: no such task in answers`);
    else if (!isValueObject(byPath) || !Object.values(byPath).every(isValueObject)) problems.push(`${source}: alternatives.${taskId}: not an object (${shape})`);
    else result[taskId] = byPath as Record<string, Record<string, Value>>;
  }
  return result;
}

interface BandWalk {
  sources: readonly string[];
  taskId: string;
  bands: NonNullable<TaskSolution["bands"]>;
  problems: string[];
  several: boolean;
}

/** "a number", "a 2x3 matrix", "an object", ...: what a value is, for a disagreement's message */
function kindOf(value: Value): string {
  if (value === null) return "null";
  if (typeof value === "number") return "a number";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  if (Array.isArray(value)) {
    const shape = numericShape(value);
    return shape !== null && shape.length >= 1 ? formatShape(shape) : `an array of ${value.length}`;
  }
  return "an object";
}

function sameKind(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length;
  return typeof a === typeof b;
}

/** Walks the keys' values of one task side by side: checks they agree, and records a band where all give finite numbers. */
function collectBands(values: readonly Value[], at: PathSegment[], walk: BandWalk): void {
  const first = values[0] as Value;
  const where = () => `answers.${walk.taskId}${at.length === 0 ? "" : `.${formatPath(at)}`}`;
  for (let index = 1; index < values.length; index++) {
    const value = values[index] as Value;
    if (!sameKind(first, value)) {
      walk.problems.push(`${walk.sources[index]}: ${where()}: ${kindOf(value)} here, ${kindOf(first)} in ${walk.sources[0]}`);
      return;
    }
  }
  if (typeof first === "number") {
    const samples = values as number[];
    if (walk.several && at.length > 0 && samples.every(Number.isFinite)) walk.bands[formatPath(at)] = { samples: [...samples] };
    return;
  }
  if (Array.isArray(first)) {
    for (let i = 0; i < first.length; i++) collectBands(values.map((value) => (value as Value[])[i] as Value), [...at, { kind: "index", index: i }], walk);
    return;
  }
  if (isValueObject(first)) {
    const objects = values as ValueObject[];
    for (let index = 1; index < objects.length; index++) {
      for (const field of Object.keys(objects[index] as ValueObject)) {
        if (!Object.hasOwn(first, field)) walk.problems.push(`${walk.sources[index]}: ${where()}.${field}: given here, missing in ${walk.sources[0]}`);
      }
      for (const field of Object.keys(first)) {
        if (!Object.hasOwn(objects[index] as ValueObject, field)) walk.problems.push(`${walk.sources[index]}: ${where()}.${field}: missing here, given in ${walk.sources[0]}`);
      }
    }
    for (const field of Object.keys(first)) {
      if (objects.every((object) => Object.hasOwn(object, field))) collectBands(objects.map((object) => object[field] as Value), [...at, { kind: "key", key: field }], walk);
    }
  }
}
