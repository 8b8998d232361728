/**
 * What each graded answer should look like, for the student who fills the
 * template (every answer there is null): its kind and shape, from the
 * reference's answer, and how it is compared, from the rubric item, then
 * the TA's own hint. One entry per rubric item, by its answer path as the
 * rubric writes it (runs[*].final_w), so a TA's hint sits beside its item.
 */
import { describeComparison } from "../compare/describe.ts";
import { describeType } from "../compare/format.ts";
import { getAtPath, type PathSegment, parsePath } from "../rubric/answers.ts";
import { formatShape, isValueObject, numericShape, type Value } from "../value.ts";
import type { Assignment } from "./assignment.ts";
import type { PlannedItem } from "./plan.ts";
import type { TaskSolution } from "./reference.ts";

export interface ExpectedAnswer {
  taskId: string;
  /** the rubric item's answer path: z, runs[*].final_w */
  answer: string;
  /** the numeric shape (of each element, for a [*] path): [] a number, [2, 3] a matrix; null when not numbers or the elements differ */
  shape: number[] | null;
  /** "a 2x3 matrix", "a number in a vector of 4", "a list of 10 runs with keys lr, units" */
  kind: string;
  /** how it is compared, then the rubric's hint: "each within 1e-6 relative; mean over the rows" */
  hint: string;
}

/** every graded answer of the assignment, task by task in rubric order; an item whose every element another overrides grades nothing and is left out */
export function expectedAnswers(assignment: Assignment): ExpectedAnswer[] {
  const expected: ExpectedAnswer[] = [];
  for (const task of assignment.plan.tasks) {
    const solution = assignment.solutions.get(task.id);
    if (solution === undefined) continue;
    const byPattern = new Map<string, PlannedItem[]>();
    for (const item of task.items) byPattern.set(item.pattern, [...(byPattern.get(item.pattern) ?? []), item]);
    // task.items runs run by run; the rubric's order is the order the TA wrote the items in
    const patterns = assignment.rubric.tasks.find((rubricTask) => rubricTask.id === task.id)?.items.map((item) => item.answer) ?? [];
    for (const pattern of new Set([...patterns, ...byPattern.keys()])) {
      const items = byPattern.get(pattern);
      const first = items?.[0];
      if (items === undefined || first === undefined) continue;
      expected.push(describeItem(assignment, solution, pattern, items, first));
    }
  }
  return expected;
}

function describeItem(assignment: Assignment, solution: TaskSolution, pattern: string, items: PlannedItem[], first: PlannedItem): ExpectedAnswer {
  const values = items.map((item) => valueAt(solution.answers, item.path));
  const shapes = values.map(numericShape);
  const firstShape = shapes[0] ?? null;
  const sameShape = firstShape !== null && shapes.every((shape) => shape !== null && shape.join() === firstShape.join());
  const kinds = [...new Set(values.map(describeValue))].join(" or ");
  const container = containerOf(pattern, solution.answers);
  const comparators = assignment.registries.comparators;
  const derived = describeComparison(comparators, first.mode, first.options, comparedWith(assignment, solution, first));
  return {
    taskId: first.taskId,
    answer: pattern,
    shape: sameShape ? firstShape : null,
    kind: container === undefined ? kinds : `${kinds} ${container}`,
    hint: first.hint === undefined ? derived : `${derived}; ${first.hint}`,
  };
}

/** what the item's comparator is given besides the answer, where its words need it (a band's runs, a oneof's alternatives) */
function comparedWith(assignment: Assignment, solution: TaskSolution, item: PlannedItem): Value | undefined {
  switch (assignment.registries.comparators.expects(item.mode)) {
    case "alternatives":
      return solution.alternatives?.[item.path];
    case "bands":
      return solution.bands?.[item.path] as Value | undefined;
    case "answer":
      return valueAt(solution.answers, item.path);
    default:
      return undefined;
  }
}

function valueAt(answers: Value, path: string | readonly PathSegment[]): Value {
  const found = getAtPath(answers, path);
  return found.found ? (found.value as Value) : null;
}

/** where a [*] path's elements sit: "in a vector of 4", "in each of 4 runs"; undefined for a path without [*] */
function containerOf(pattern: string, answers: Value): string | undefined {
  const segments = parsePath(pattern);
  const wildcard = segments.findIndex((segment) => segment.kind === "wildcard");
  if (wildcard === -1) return undefined;
  const container = valueAt(answers, segments.slice(0, wildcard));
  const shape = numericShape(container);
  if (shape !== null) return `in ${formatShape(shape)}`;
  if (!Array.isArray(container)) return undefined;
  return container.length > 0 && container.every(isValueObject) ? `in each of ${container.length} runs` : `in each of ${container.length}`;
}

/** one reference answer's kind, as a student would write it in JSON; a null answer does not say it is null, which could be the answer */
function describeValue(value: Value): string {
  const shape = numericShape(value);
  if (shape !== null) return formatShape(shape);
  if (value === null) return "a value or null";
  if (typeof value === "boolean") return "true or false";
  if (Array.isArray(value)) {
    const firstRun = value[0];
    if (isValueObject(firstRun) && value.every(isValueObject)) return `a list of ${value.length} runs with keys ${Object.keys(firstRun).join(", ")}`;
    const leaves = new Set(value.map((inner) => (typeof inner === "string" ? "strings" : typeof inner === "boolean" ? "booleans" : "values")));
    return `a list of ${value.length} ${leaves.size === 1 ? [...leaves][0] : "values"}`;
  }
  if (isValueObject(value)) return `an object with keys ${Object.keys(value).join(", ")}`;
  return describeType(value);
}
