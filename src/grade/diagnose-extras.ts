/**
 * What a diagnosis of one item may know beyond its expected value, taken
 * from the reference's solution and the plan: which parts of the answer are
 * fractions, and a matrix graded cell by cell that the student handed in
 * transposed (one diagnosis for the matrix, not one "missing" per cell).
 */
import { getAtPath, type PathSegment, parsePath } from "../rubric/answers.ts";
import type { Diagnosis } from "../diagnose/types.ts";
import { isValueObject, numericShape, type Value } from "../value.ts";
import type { Assignment } from "./assignment.ts";
import type { PlannedItem } from "./plan.ts";

/** a rubric-style path ("val_accuracy[*][*]") matches a concrete one, [*] standing for any index */
function matchesPattern(pattern: string, path: string): boolean {
  const want = parsePath(pattern);
  const have = parsePath(path);
  return want.length === have.length && want.every((segment, i) => sameSegment(segment, have[i] as PathSegment));
}

function sameSegment(want: PathSegment, have: PathSegment): boolean {
  if (want.kind === "wildcard") return have.kind === "index";
  return JSON.stringify(want) === JSON.stringify(have);
}

/**
 * The reference's fraction paths (task-relative, [*] for any index) as paths
 * inside this item's answer: "" when the item itself is a fraction,
 * "[*].val_accuracy" for an item "trials" holding them.
 */
export function fractionPathsIn(patterns: readonly string[] | undefined, itemPath: string): string[] {
  const out: string[] = [];
  for (const pattern of patterns ?? []) {
    if (matchesPattern(pattern, itemPath)) out.push("");
    else if (pattern.startsWith(`${itemPath}[`) || pattern.startsWith(`${itemPath}.`)) out.push(pattern.slice(itemPath.length).replace(/^\./, ""));
  }
  return out;
}

export interface ContainerVerdict {
  status: "fail";
  share: 0;
  message: string;
  diagnosis: Diagnosis | null;
  /** the student's value for this cell, read where the transposed matrix holds it (answer[j][i] for cell [i][j]) */
  received?: Value;
}

const CELL_PATH = /^(.+)\[(\d+)\]\[(\d+)\]$/;

/**
 * Matrices graded cell by cell (t2's val_accuracy[*][*]) that the student
 * handed in with rows and columns swapped: a non-square reference and an
 * answer of the transposed shape. Every cell fails with one message, and the
 * first cell carries the diagnosis; grading the cells one by one would
 * compare each with the wrong cell and call the rest missing.
 */
export function transposedContainers(assignment: Assignment, answers: Record<string, unknown>, items: readonly PlannedItem[]): Map<string, ContainerVerdict> {
  const verdicts = new Map<string, ContainerVerdict>();
  const byParent = new Map<string, PlannedItem[]>();
  for (const item of items) {
    const parent = CELL_PATH.exec(item.path)?.[1];
    if (parent === undefined) continue;
    const key = `${item.taskId}\u0000${parent}`;
    byParent.set(key, [...(byParent.get(key) ?? []), item]);
  }
  for (const [key, cells] of byParent) {
    const [taskId, parent] = key.split("\u0000") as [string, string];
    const solution = assignment.solutions.get(taskId);
    const reference = solution === undefined ? undefined : getAtPath(solution.answers, parent);
    const shape = reference?.found ? numericShape(reference.value as Value) : null;
    if (shape === null || shape.length !== 2 || shape[0] === shape[1]) continue;
    const [rows, columns] = shape as [number, number];
    const taskAnswers = Object.hasOwn(answers, taskId) ? answers[taskId] : undefined;
    const given = getAtPath(taskAnswers, parent);
    if (!given.found || !Array.isArray(given.value) || given.value.length !== columns) continue;
    if (!given.value.every((row) => Array.isArray(row) && row.length === rows)) continue;
    const where = ["answers", taskId, ...parent.split(/[.[\]]+/).filter(Boolean)].join("/");
    const message = `${where} is ${columns}x${rows}, ${rows}x${columns} asked: the cells are not graded`;
    // the diagnosis goes where the report shows the matrix first (its heatmap hangs there too)
    const reportOrder = assignment.plan.tasks.find((task) => task.id === taskId)?.items ?? [];
    const first = reportOrder.find((item) => cells.includes(item));
    for (const cell of cells) {
      // what the student meant for this cell: the report, the plot and the honesty checks read it there, not at [i][j]
      const [, , i, j] = CELL_PATH.exec(cell.path) as RegExpExecArray;
      const meant = (given.value[Number(j)] as Value[] | undefined)?.[Number(i)];
      verdicts.set(cell.id, {
        status: "fail",
        share: 0,
        message,
        diagnosis: cell === first ? { code: "transposed", message: "the matrix is transposed: rows and columns are swapped" } : null,
        ...(meant === undefined ? {} : { received: meant }),
      });
    }
  }
  for (const item of items) {
    const verdict = tableByColumns(assignment, answers, item);
    if (verdict !== null) verdicts.set(item.id, verdict);
  }
  return verdicts;
}

/**
 * A table of records (t4's trials: one object per trial) handed in by
 * column, one list per field: unreadable as the list asked for, and one
 * mistake that a diagnosis can name.
 */
function tableByColumns(assignment: Assignment, answers: Record<string, unknown>, item: PlannedItem): ContainerVerdict | null {
  const solution = assignment.solutions.get(item.taskId);
  const reference = solution === undefined ? undefined : getAtPath(solution.answers, item.path);
  if (!reference?.found || !Array.isArray(reference.value) || reference.value.length === 0 || !reference.value.every(isValueObject)) return null;
  const taskAnswers = Object.hasOwn(answers, item.taskId) ? answers[item.taskId] : undefined;
  const given = getAtPath(taskAnswers, item.path);
  if (!given.found || !isValueObject(given.value as Value)) return null;
  const fields = new Set(reference.value.flatMap((record) => Object.keys(record as object)));
  const columns = Object.entries(given.value as object);
  if (columns.length === 0 || !columns.every(([field, column]) => fields.has(field) && Array.isArray(column))) return null;
  const lengths = new Set(columns.map(([, column]) => (column as unknown[]).length));
  if (lengths.size !== 1 || lengths.has(0)) return null;
  return {
    status: "fail",
    share: 0,
    message: `answers/${item.taskId}/${item.path.replace(/\./g, "/")} is one list per field; a list of objects, one per row, is asked`,
    diagnosis: { code: "transposed", message: "the table is transposed: give a list with one object per row, not one list per field" },
  };
}
