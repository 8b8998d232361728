/**
 * Reading one received answer into the shape its reference value has, so that
 * comparators only ever see clean values, and an answer that cannot be read
 * becomes a located message ("could not read") rather than a wrong answer.
 */
import { RubricError } from "../errors.ts";
import { formatShape, type Value } from "../value.ts";
import { type ExpressionBudget, parseNumber } from "./expression.ts";

export type ReadAnswerResult = { ok: true; value: Value } | { ok: false; message: string };

type LeafKind = "number" | "boolean" | "string";

/** deeper than any answer an assignment asks for; bounds the work on hostile input */
const MAX_ARRAY_RANK = 64;
const QUOTE_MAX = 40;

/**
 * `where` locates the answer in messages: "answers/q3/grad_W".
 *
 * Decisions:
 * - null is read where a number is expected: the assignments use null for
 *   "never" and "diverged" (q7 final_w, a2 iterations_to_0_1), so it is an
 *   answer for the comparator to judge; inside a list only where the key's
 *   list holds a null too.
 * - numpy's singleton dimensions are squeezed: [x] and [[x]] are read as x
 *   where a number is expected, and a 1xn or nx1 array as a vector where a
 *   vector is expected (np.sum(..., keepdims=True) gives [[a, b, c]]); the
 *   values are unambiguous, so refusing them would only cost points.
 * - a vector may have any length (a diverged curve stops early); a matrix
 *   must have the expected shape or its transpose, which a diagnoser names.
 *
 * `budget` is the submission's, shared by all of its answers (see
 * expressionBudget): strings past it are not read, whatever they say.
 */
export function readAnswer(raw: unknown, expected: Value, where: string, budget?: ExpressionBudget): ReadAnswerResult {
  if (raw === undefined) return { ok: false, message: `${where}: missing` };
  if (typeof expected === "number" || expected === null) return readNumber(raw, where, budget);
  if (typeof expected === "boolean") return readBoolean(raw, where);
  if (typeof expected === "string") return readString(raw, where);
  if (Array.isArray(expected)) {
    const layout = arrayLayout(expected, MAX_ARRAY_RANK);
    const kind = layout.ok ? leafKindOf(layout.leaves) : undefined;
    if (layout.ok && kind !== undefined) {
      return readArray(raw, layout.shape, kind, where, layout.leaves.includes(null), expected.length, budget);
    }
    // arrays of objects (q6 runs) are read item by item, by path
    if (Array.isArray(raw)) return { ok: true, value: raw as Value };
    return { ok: false, message: `${where}: expected an array, got ${describe(raw)}${numpyTextHint(raw)}` };
  }
  if (isPlainObject(raw)) return { ok: true, value: raw as Value };
  return { ok: false, message: `${where}: expected an object, got ${describe(raw)}` };
}

function readLeaf(raw: unknown, kind: LeafKind, where: string, budget: ExpressionBudget | undefined): ReadAnswerResult {
  switch (kind) {
    case "number":
      return readNumber(raw, where, budget);
    case "boolean":
      return readBoolean(raw, where);
    case "string":
      return readString(raw, where);
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown leaf kind ${String(unreachable)}`);
    }
  }
}

function readNumber(raw: unknown, where: string, budget: ExpressionBudget | undefined): ReadAnswerResult {
  let value = raw;
  while (Array.isArray(value) && value.length === 1) value = value[0];
  if (typeof value === "number" || value === null) return { ok: true, value };
  if (typeof value === "string") {
    const parsed = parseNumber(value, budget);
    if (parsed.ok) return { ok: true, value: parsed.value };
    if (parsed.overBudget) return { ok: false, message: `${where}: ${quote(value)} not read: ${parsed.message}` };
    return { ok: false, message: `${where}: ${quote(value)} is not a number (${parsed.message})` };
  }
  return { ok: false, message: `${where}: expected a number, got ${describe(raw)}` };
}

function readBoolean(raw: unknown, where: string): ReadAnswerResult {
  if (typeof raw === "boolean") return { ok: true, value: raw };
  // Python's str(True) is "True"
  if (typeof raw === "string") {
    const word = raw.trim().toLowerCase();
    if (word === "true" || word === "false") return { ok: true, value: word === "true" };
  }
  return { ok: false, message: `${where}: expected true or false, got ${describe(raw)}` };
}

function readString(raw: unknown, where: string): ReadAnswerResult {
  if (typeof raw === "string") return { ok: true, value: raw };
  return { ok: false, message: `${where}: expected a string, got ${describe(raw)}` };
}

/**
 * nullable: the key itself holds a null somewhere (an iteration count that
 * is "never"); elsewhere a null inside a list is a hole, not an answer.
 * expectedLength bounds a vector's length: a curve may stop early, but a
 * list a thousand times longer than the key is not an answer to compare
 * (5,000 epochs of a full-batch run are still read).
 */
function readArray(
  raw: unknown,
  expectedShape: number[],
  kind: LeafKind,
  where: string,
  nullable: boolean,
  expectedLength: number,
  budget: ExpressionBudget | undefined,
): ReadAnswerResult {
  const expectedText = formatShape(expectedShape);
  if (!Array.isArray(raw)) return { ok: false, message: `${where}: expected ${expectedText}, got ${describe(raw)}${numpyTextHint(raw)}` };
  const longest = Math.max(10 * expectedLength, expectedLength + 10_000);
  if (raw.length > longest) return { ok: false, message: `${where}: ${raw.length} values where about ${expectedLength} are expected` };
  const layout = arrayLayout(raw, MAX_ARRAY_RANK);
  if (!layout.ok) return { ok: false, message: `${where}: ${layout.problem}` };
  if (!nullable) {
    const hole = layout.leaves.indexOf(null);
    if (hole >= 0) return { ok: false, message: `${where}${indexText(hole, layout.shape)}: expected a number, got null` };
  }

  const values: Value[] = [];
  let firstProblem: string | undefined;
  let problemCount = 0;
  const { leaves } = layout;
  for (let position = 0; position < leaves.length; position++) {
    const leaf = leaves[position];
    // a leaf already of its kind reads as itself (as readLeaf would read it): no message to prepare
    if (typeof leaf === kind || (leaf === null && kind === "number")) {
      values.push(leaf as Value);
      continue;
    }
    const read = readLeaf(leaf, kind, `${where}${indexText(position, layout.shape)}`, budget);
    if (read.ok) values.push(read.value);
    else if (problemCount++ === 0) firstProblem = read.message;
  }
  if (firstProblem !== undefined) {
    const others = problemCount - 1;
    const more = others > 0 ? `; ${others} more ${others === 1 ? "element" : "elements"} cannot be read` : "";
    return { ok: false, message: firstProblem + more };
  }

  const shape = squeeze(layout.shape, expectedShape.length);
  if (shape.length !== expectedShape.length) {
    return { ok: false, message: `${where}: expected ${expectedText}, got ${formatShape(shape)}` };
  }
  if (!shapeAccepted(shape, expectedShape)) {
    return { ok: false, message: `${where}: expected ${expectedText}, got ${shape.join("x")}` };
  }
  return { ok: true, value: nest(values, shape) };
}

function shapeAccepted(shape: number[], expected: number[]): boolean {
  if (expected.length === 1) return true;
  const same = shape.every((size, axis) => size === expected[axis]);
  const transposed = expected.length === 2 && shape[0] === expected[1] && shape[1] === expected[0];
  return same || transposed;
}

/** drops size-1 axes, from the outside in, until the rank is `rank` */
function squeeze(shape: number[], rank: number): number[] {
  const result = [...shape];
  for (let axis = 0; axis < result.length && result.length > rank; ) {
    if (result[axis] === 1) result.splice(axis, 1);
    else axis++;
  }
  return result;
}

type ArrayLayout = { ok: true; shape: number[]; leaves: unknown[] } | { ok: false; problem: string };

/**
 * Shape and row-major leaves of a nested array, level by level (no recursion,
 * so a hostile depth costs no stack). Every answer of every submission goes
 * through here: one pass per level, and a vector is its own list of leaves.
 */
function arrayLayout(root: unknown[], maxRank: number): ArrayLayout {
  const shape: number[] = [];
  let level: unknown[] = [root];
  for (;;) {
    // this level's elements are all arrays (one more axis), none (the leaves), or some (ragged)
    let arrays = 0;
    for (let i = 0; i < level.length; i++) if (Array.isArray(level[i])) arrays++;
    if (arrays === 0) return { ok: true, shape, leaves: level };
    if (arrays < level.length) return { ok: false, problem: "rows have different lengths" };
    if (shape.length === maxRank) return { ok: false, problem: `arrays nested deeper than ${maxRank} levels` };
    const rows = level as unknown[][];
    const length = (rows[0] as unknown[]).length;
    for (let i = 1; i < rows.length; i++) if ((rows[i] as unknown[]).length !== length) return { ok: false, problem: "rows have different lengths" };
    shape.push(length);
    if (rows.length === 1) level = rows[0] as unknown[];
    else {
      const next: unknown[] = [];
      for (const row of rows) for (let j = 0; j < length; j++) next.push(row[j]);
      level = next;
    }
  }
}

function leafKindOf(leaves: unknown[]): LeafKind | undefined {
  if (leaves.every((leaf) => typeof leaf === "number" || leaf === null)) return "number";
  if (leaves.every((leaf) => typeof leaf === "string")) return "string";
  if (leaves.every((leaf) => typeof leaf === "boolean")) return "boolean";
  return undefined;
}

/** row-major leaves back into nested arrays of `shape` */
function nest(values: Value[], shape: number[]): Value[] {
  let level: Value[] = values;
  for (let axis = shape.length - 1; axis >= 1; axis--) {
    const size = shape[axis] ?? 0;
    const count = shape.slice(0, axis).reduce((product, dimension) => product * dimension, 1);
    const grouped: Value[] = [];
    for (let row = 0; row < count; row++) grouped.push(level.slice(row * size, (row + 1) * size));
    level = grouped;
  }
  return level;
}

/** "[1][2]" for the leaf at a row-major position */
function indexText(position: number, shape: number[]): string {
  const indices: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis] ?? 1;
    indices.unshift(position % size);
    position = Math.floor(position / size);
  }
  return indices.map((index) => `[${index}]`).join("");
}

/**
 * numpy's text of an array, as json.dump(..., default=str) writes one:
 * "[[ 0.  6.]\n [-2. -4.]]", "[0.1 0.2]", "array([0., 1.])". Numbers
 * separated by spaces (not commas) inside brackets, or array(...).
 */
const NUMPY_TEXT = /^\s*(?:array\(\s*\[|\[[\s[]*[-+]?(?:\d|\.\d|nan|inf)[^,]*\s[-+]?(?:\d|\.\d|nan|inf))/i;

function numpyTextHint(raw: unknown): string {
  return typeof raw === "string" && NUMPY_TEXT.test(raw) ? " (numpy's text of an array, as default=str writes it: save arr.tolist() instead)" : "";
}

function describe(raw: unknown): string {
  if (raw === null) return "null";
  if (raw === undefined) return "nothing";
  if (typeof raw === "string") return quote(raw);
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  if (Array.isArray(raw)) {
    const layout = arrayLayout(raw, MAX_ARRAY_RANK);
    return layout.ok && layout.shape.length <= 2 ? formatShape(layout.shape) : "an array";
  }
  if (typeof raw === "object") return "an object";
  return typeof raw;
}

function quote(text: string): string {
  return `'${text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}...` : text}'`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------
// answer paths: "grad_W", "runs[2].final_w", "runs[*].final_w"

export type PathSegment = { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "wildcard" };

/** `nullAt`: the container on the way is null (a template's unanswered matrix), not a container of the wrong kind */
export type PathLookup = { found: true; value: unknown } | { found: false; at?: string; problem?: string; nullAt?: true };

const PATH_TOKEN = /\.?([^.[\]]+)|\[(0|[1-9]\d*|\*)\]/y;

/** throws RubricError: paths come from rubrics, and a bad one is the rubric's problem */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  PATH_TOKEN.lastIndex = 0;
  while (PATH_TOKEN.lastIndex < path.length) {
    const start = PATH_TOKEN.lastIndex;
    const match = PATH_TOKEN.exec(path);
    const leadingDot = path[start] === ".";
    if (match === null || (leadingDot && start === 0) || (!leadingDot && match[1] !== undefined && start > 0)) {
      throw new RubricError([`invalid answer path '${path}' at character ${start + 1}`]);
    }
    const [, key, index] = match;
    if (key !== undefined) segments.push({ kind: "key", key });
    else if (index === "*") segments.push({ kind: "wildcard" });
    else segments.push({ kind: "index", index: Number(index) });
  }
  if (segments.length === 0) throw new RubricError([`invalid answer path '${path}': empty`]);
  return segments;
}

export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, position) => {
      if (segment.kind === "index") return `[${segment.index}]`;
      if (segment.kind === "wildcard") return "[*]";
      return position === 0 ? segment.key : `.${segment.key}`;
    })
    .join("");
}

/**
 * Own properties only, so that "__proto__" or "constructor" in a path never
 * reaches a prototype. A container of the wrong kind on the way is reported
 * (`problem`), unlike a key that is simply absent: the first is an answer that
 * cannot be read, the second one not given.
 */
export function getAtPath(root: unknown, path: string | readonly PathSegment[]): PathLookup {
  const segments = typeof path === "string" ? parsedPath(path) : path;
  let current = root;
  for (let position = 0; position < segments.length; position++) {
    const segment = segments[position]!;
    if (segment.kind === "wildcard") throw new RubricError([`answer path '${formatPath(segments)}': expand [*] first`]);
    // where a container of the wrong kind sits is written only then: a lookup that finds costs nothing more
    if (segment.kind === "key") {
      if (!isPlainObject(current)) return wrongContainer(segments, position, current, "an object");
      if (!Object.hasOwn(current, segment.key)) return { found: false };
      current = current[segment.key];
    } else {
      if (!Array.isArray(current)) return wrongContainer(segments, position, current, "an array");
      if (segment.index >= current.length) return { found: false };
      current = current[segment.index];
    }
  }
  return { found: true, value: current };
}

function wrongContainer(segments: readonly PathSegment[], position: number, current: unknown, expected: string): PathLookup {
  const at = formatPath(segments.slice(0, position));
  return { found: false, at, problem: `expected ${expected}, got ${describe(current)}`, ...(current === null ? { nullAt: true as const } : {}) };
}

/**
 * Parsed paths by their text: a rubric's few hundred paths are looked up for
 * every item of every submission. Bounded, should a caller ever bring paths
 * without end; the segments are frozen, as every caller shares them.
 */
const PARSED_PATHS = new Map<string, readonly PathSegment[]>();
const PARSED_PATHS_KEPT = 4096;

function parsedPath(path: string): readonly PathSegment[] {
  let segments = PARSED_PATHS.get(path);
  if (segments === undefined) {
    segments = Object.freeze(parsePath(path).map((segment) => Object.freeze(segment)));
    if (PARSED_PATHS.size >= PARSED_PATHS_KEPT) PARSED_PATHS.clear();
    PARSED_PATHS.set(path, segments);
  }
  return segments;
}

/** "runs[*].final_w" -> "runs[0].final_w", "runs[1].final_w", ... as many as the reference has */
export function expandWildcards(path: string, reference: Value): string[] {
  let prefixes: PathSegment[][] = [[]];
  for (const segment of parsePath(path)) {
    if (segment.kind !== "wildcard") {
      prefixes = prefixes.map((prefix) => [...prefix, segment]);
      continue;
    }
    prefixes = prefixes.flatMap((prefix) => {
      const lookup = prefix.length === 0 ? { found: true as const, value: reference } : getAtPath(reference, prefix);
      if (!lookup.found || !Array.isArray(lookup.value)) {
        const where = prefix.length === 0 ? "the answer" : `'${formatPath(prefix)}'`;
        throw new RubricError([`answer path '${path}': ${where} is not an array in the reference`]);
      }
      return lookup.value.map((_, index): PathSegment[] => [...prefix, { kind: "index", index }]);
    });
  }
  return prefixes.map(formatPath);
}
