import { portableEvaluationProblems } from "./evaluators.ts";
import { builtinComparators } from "../compare/builtins.ts";
import type { ComparatorRegistry } from "../compare/registry.ts";
import type { Expects } from "../compare/types.ts";
import { RubricError } from "../errors.ts";
import { expandWildcards, getAtPath, parsePath } from "../rubric/answers.ts";
import type { Rubric, RubricFeedback, Visibility } from "../rubric/types.ts";
import { splitCompare } from "../rubric/validate.ts";
import type { Value } from "../value.ts";
import { toMicro } from "./points.ts";
import type { TaskSolution } from "./reference.ts";

/** One gradable answer after [*] expansion: "q6.runs[2].final_w". */
export interface PlannedItem {
  taskId: string;
  /** full id, task id first: q6.runs[2].final_w */
  id: string;
  /** path inside the task's answers: runs[2].final_w */
  path: string;
  /** the rubric item's answer path it was expanded from: runs[*].final_w (template and handout describe the answers by it) */
  pattern: string;
  pointsMicro: number;
  mode: string;
  options: Record<string, unknown>;
  visibility: Visibility;
  dependsOn: string[];
  ecfCredit: number;
  /** share earned when the only fault is a diagnosed minor mistake, by diagnosis code */
  diagnosisCredit: Record<string, number>;
  feedback: RubricFeedback;
  /** the rubric item's hint for the student (template, handout) */
  hint?: string;
}

export interface PlannedTask {
  id: string;
  title: string;
  pointsMicro: number;
  /** how the handout is read where it could be read two ways (the rubric's conventions) */
  conventions: string[];
  /** in rubric order, for reports */
  items: PlannedItem[];
}

export interface Plan {
  tasks: PlannedTask[];
  /** every item of every task, each after the items it depends on (dependencies may cross tasks) */
  gradingOrder: PlannedItem[];
}

const WILDCARD = /\[\*\]/g;

/** where in the reference's solution a comparator that is not given the answer itself finds what it is given */
const SOLUTION_PART: Record<Expects, "alternatives" | "bands" | "evaluations" | undefined> = {
  answer: undefined,
  alternatives: "alternatives",
  bands: "bands",
  evaluation: "evaluations",
};

/** Index values a [*] path took, so "runs[*].final_J" depending on "q6.runs[*].final_w" pairs run i with run i. */
function wildcardIndices(pattern: string, concrete: string): number[] {
  const concreteSegments = parsePath(concrete);
  return parsePath(pattern).flatMap((segment, position) => {
    const taken = concreteSegments[position];
    return segment.kind === "wildcard" && taken?.kind === "index" ? [taken.index] : [];
  });
}

function substitute(pattern: string, indices: number[]): string {
  let k = 0;
  return pattern.replace(WILDCARD, () => `[${indices[k++] ?? "*"}]`);
}

/**
 * Expands the rubric against the reference's answers: wildcards become one item
 * per element, a concrete path overrides the wildcard item it falls under, and
 * every path, mode, dependency and point total is checked. Problems are collected, then thrown at once.
 */
export function planRubric(rubric: Rubric, solutions: Map<string, TaskSolution>, comparators: ComparatorRegistry = builtinComparators): Plan {
  const problems: string[] = [];
  const tasks: PlannedTask[] = [];
  for (const task of rubric.tasks) {
    const where = `rubric "${rubric.id}" > task "${task.id}"`;
    const solution = solutions.get(task.id);
    if (!solution) {
      problems.push(`${where}: the reference has no task "${task.id}"`);
      continue;
    }
    const byId = new Map<string, PlannedItem>();
    const explicit = new Set<string>();
    // an item that cannot be planned (its path is not in the reference's answers) still has the points the author gave it:
    // counted in the task's total, so that one wrong path is one problem, not also a false "items add up to"
    let unplannedMicro = 0;
    // a [*] item that expands to nothing has no element count to multiply its points by: the total is not checked
    let uncountable = false;
    for (const item of task.items) {
      const itemWhere = `${where} > item "${item.answer}"`;
      let paths: string[];
      try {
        paths = expandWildcards(item.answer, solution.answers as Value);
      } catch (error) {
        // a [*] over what is no list in the reference: said with the item's place, and the other problems still collected
        if (!(error instanceof RubricError)) throw error;
        problems.push(...error.problems.map((problem) => `${itemWhere}: ${problem}`));
        uncountable = true;
        continue;
      }
      if (paths.length === 0) {
        problems.push(`${itemWhere}: the reference has no answer at this path`);
        if (item.answer.includes("[*]")) uncountable = true;
        else unplannedMicro += toMicro(item.points);
      }
      const { mode, options } = splitCompare(item.compare);
      // a rubric given by id is not schema-checked: an unknown mode is refused here, not at the first grade
      if (!comparators.has(mode)) problems.push(`${itemWhere}: no comparator "${mode}" is registered`);
      for (const path of paths) {
        const found = getAtPath(solution.answers, path);
        if (!found.found) {
          problems.push(`${itemWhere}: the reference has no answer at ${path}`);
          unplannedMicro += toMicro(item.points);
          continue;
        }
        const id = `${task.id}.${path}`;
        const isExplicit = !item.answer.includes("[*]");
        // a concrete path replaces what a [*] item said about that element, whichever comes first
        if (byId.has(id) && (explicit.has(id) || !isExplicit)) {
          if (isExplicit) {
            problems.push(`${itemWhere}: ${id} is graded twice`);
            unplannedMicro += toMicro(item.points);
          }
          continue;
        }
        const indices = wildcardIndices(item.answer, path);
        byId.set(id, {
          taskId: task.id,
          id,
          path,
          pattern: item.answer,
          pointsMicro: toMicro(item.points),
          mode,
          options,
          visibility: item.visibility ?? "visible",
          dependsOn: (item.depends_on ?? []).map((dependency) => substitute(dependency, indices)),
          ecfCredit: item.ecf_credit ?? 1,
          diagnosisCredit: item.diagnosis_credit ?? {},
          feedback: item.feedback ?? {},
          ...(item.hint === undefined ? {} : { hint: item.hint }),
        });
        if (isExplicit) explicit.add(id);
      }
    }
    // checked on what is finally graded: a [*] band element that a concrete item re-grades needs no band
    for (const planned of byId.values()) {
      if (!comparators.has(planned.mode)) continue;
      const part = SOLUTION_PART[comparators.expects(planned.mode)];
      // an evaluation may also be given as data (portableEvaluations)
      const given =
        part === undefined ||
        (solution[part] as Record<string, unknown> | undefined)?.[planned.path] !== undefined ||
        (part === "evaluations" && solution.portableEvaluations?.[planned.path] !== undefined);
      if (!given) {
        problems.push(`${where} > item "${planned.path}": ${planned.mode} needs the reference's ${part} for ${planned.path}`);
      }
      const portable = part === "evaluations" ? solution.portableEvaluations?.[planned.path] : undefined;
      // a portable evaluation the reference wrote wrong is its author's to fix: said at planning, not as a student's 0
      if (portable !== undefined) {
        for (const problem of portableEvaluationProblems(portable)) problems.push(`${where} > item "${planned.path}": portable evaluation: ${problem}`);
      }
    }
    // one run's answers together (runs[0].*, then runs[1].*), in rubric order within a run
    const items = [...byId.values()]
      .map((item, order) => ({ item, order, indices: pathIndices(item.path) }))
      .sort((a, b) => compareIndices(a.indices, b.indices) || a.order - b.order)
      .map(({ item }) => item);
    const total = items.reduce((sum, item) => sum + item.pointsMicro, unplannedMicro);
    // a rubric given by id is not schema-checked: points past exact micro-point sums (1e308) are refused here too
    if (!Number.isSafeInteger(total) || !Number.isSafeInteger(toMicro(task.points))) {
      problems.push(`${where}: points add up to more than the grader counts exactly (at most 1000000 per task)`);
    } else if (total !== toMicro(task.points) && !uncountable) {
      problems.push(`${where}: items add up to ${total / 1e6} points, the task says ${task.points}`);
    }
    tasks.push({ id: task.id, title: task.title, pointsMicro: toMicro(task.points), conventions: task.conventions ?? [], items });
  }
  if (!Number.isSafeInteger(tasks.reduce((sum, task) => sum + task.pointsMicro, 0))) {
    problems.push(`rubric "${rubric.id}": the tasks' points add up to more than the grader counts exactly`);
  }
  const allIds = new Set(tasks.flatMap((task) => task.items.map((item) => item.id)));
  for (const task of tasks) {
    for (const item of task.items) {
      for (const dependency of item.dependsOn) {
        if (!allIds.has(dependency)) {
          problems.push(`rubric "${rubric.id}" > task "${task.id}" > item "${item.path}": depends on unknown item ${dependency}`);
        }
      }
    }
  }
  const gradingOrder = problems.length === 0 ? orderByDependencies(rubric.id, tasks, problems) : [];
  if (problems.length > 0) throw new RubricError(problems);
  return { tasks, gradingOrder };
}

/** Items are graded in rubric order, except that an item waits for the items it depends on (a cycle is an error). */
function orderByDependencies(rubricId: string, tasks: PlannedTask[], problems: string[]): PlannedItem[] {
  const done = new Set<string>();
  const visiting = new Set<string>();
  const byId = new Map(tasks.flatMap((task) => task.items.map((item) => [item.id, item] as const)));
  const ordered: PlannedItem[] = [];
  const visit = (item: PlannedItem, chain: string[]): void => {
    if (done.has(item.id)) return;
    if (visiting.has(item.id)) {
      problems.push(`rubric "${rubricId}": dependency cycle ${[...chain, item.id].join(" -> ")}`);
      return;
    }
    visiting.add(item.id);
    for (const dependency of item.dependsOn) {
      const upstream = byId.get(dependency);
      if (upstream) visit(upstream, [...chain, item.id]);
    }
    visiting.delete(item.id);
    done.add(item.id);
    ordered.push(item);
  };
  for (const task of tasks) for (const item of task.items) visit(item, []);
  return ordered;
}

function pathIndices(path: string): number[] {
  return [...path.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
}

function compareIndices(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const difference = (a[k] as number) - (b[k] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}
