/**
 * A student bundle: what students may hold to check themselves, and nothing
 * more. The rubric without the items a self-check leaves out (hidden ones,
 * and engine items whose evaluation is the reference's own code; one given
 * as data travels, grade/evaluators.ts), the inputs, and the expected values
 * of the visible items only, precomputed. No reference code
 * travels: every value in a bundle is one a student's own check would show
 * them anyway. Error carried forward needs the computation, so a bundle's
 * reference defers it to the TA's grading and says so (grade.ts), unless
 * the TA includes the solver (--include-solver), which gives it away.
 *
 * Pure functions over values (no file, no Node built-in): `nngrade build
 * --student` writes bundles, `nngrade check --bundle` and the self-check
 * page grade from them with the same core.
 */
import type { Assignment } from "../grade/assignment.ts";
import { assignmentFrom } from "../grade/assignment-from.ts";
import type { PlannedItem } from "../grade/plan.ts";
import type { Reading } from "../grade/readings.ts";
import { type Reference, type TaskSolution, deferredCarryForward } from "../grade/reference.ts";
import { MemoryCacheStore, ReferenceCache } from "../grade/reference-cache.ts";
import { getAtPath, parsePath } from "../rubric/answers.ts";
import type { Rubric, RubricItem, RubricTask } from "../rubric/types.ts";
import { isValueObject, type Value, type ValueObject } from "../value.ts";

export const STUDENT_BUNDLE_FORMAT = "nngrade/student-bundle@1";

/** what a task's solution keeps in a bundle: values at visible paths only; engine evaluations only as data (portableEvaluations) */
export type BundleSolution = Omit<TaskSolution, "evaluations">;

/** one set of inputs and the visible answers they give: the handout's, or one student's variant */
export interface BundleVariant {
  inputs: Record<string, unknown>;
  solutions: Record<string, BundleSolution>;
}

/** an item a bundle leaves to the TA's grading, and why */
export interface DeferredItem {
  /** the rubric item's id, task first: "q6.runs[*].final_w" */
  id: string;
  points: number;
  reason: "hidden" | "engine";
}

export interface StudentBundle {
  format: typeof STUDENT_BUNDLE_FORMAT;
  /**
   * the reference's own code, where the TA opted in (nngrade build
   * --include-solver): error carried forward then works in check --bundle;
   * it gives the method, and every answer it computes, away
   */
  solver?: { kind: "python"; module: string };
  assignment: { id: string; title: string; rubric_sha256: string };
  /** the rubric the self-check grades with: visible items only, each task's points their sum */
  rubric: Rubric;
  /** what the self-check does not grade (the TA's grading does): hidden items and engine items, with their points */
  at_grading: DeferredItem[];
  /** every task's answer names, graded here or not (the template prints them): an answer to a TA-graded item is not "not asked for" */
  answer_names: Record<string, string[]>;
  /** "per-student": each student's inputs differ; `students` holds them (all, or one student's alone) */
  variants: "default" | "per-student";
  handout: BundleVariant;
  students?: Record<string, BundleVariant>;
}

/**
 * Why each item the self-check does not grade stays out of it, by item id.
 * Hidden items, and engine items whose evaluation is a function of the
 * reference's own code (only one given as data, TaskSolution's
 * portableEvaluations, travels); an engine item that depends on an item
 * left out (it would judge without the student's own values), or whose
 * evaluation data holds a number only a hidden item gives.
 */
function deferredReasons(assignment: Assignment): Map<string, DeferredItem["reason"]> {
  const reasons = new Map<string, DeferredItem["reason"]>();
  const isEngine = (item: PlannedItem) => assignment.registries.comparators.expects(item.mode) === "evaluation";
  const portableOf = (item: PlannedItem) => assignment.solutions.get(item.taskId)?.portableEvaluations?.[item.path];
  for (const item of assignment.plan.gradingOrder) {
    if (item.visibility === "hidden") reasons.set(item.id, "hidden");
    else if (isEngine(item) && (portableOf(item) === undefined || item.dependsOn.some((id) => reasons.has(id)))) reasons.set(item.id, "engine");
  }
  const kept = assignment.plan.gradingOrder.filter((item) => !reasons.has(item.id));
  const secret = secretNumbers(assignment, kept);
  for (const item of kept) if (isEngine(item) && holdsSecret(portableOf(item), secret)) reasons.set(item.id, "engine");
  return reasons;
}

/**
 * The bundle of an assignment: the handout's variant, and with `students`
 * each listed student's own (their inputs drawn as the grader draws them).
 * `variantOf` gives a student's assignment (grade/variant.ts assignmentFor).
 */
export function studentBundle(
  assignment: Assignment,
  options: { students?: readonly string[]; variantOf?: (studentId: string) => Assignment } = {},
): StudentBundle {
  const reasons = deferredReasons(assignment);
  const kept = assignment.plan.tasks.flatMap((task) => task.items).filter((item) => !reasons.has(item.id));
  const keptIds = new Set(kept.map((item) => item.id));
  const atGrading: DeferredItem[] = [];
  const tasks: RubricTask[] = [];
  for (const task of assignment.rubric.tasks) {
    const planned = assignment.plan.tasks.find((candidate) => candidate.id === task.id)?.items ?? [];
    // one item per graded answer, by its concrete path: a [*] item whose element is overridden by a hidden item must
    // not grade (and so reveal) that element here
    const items: RubricItem[] = [];
    for (const item of planned) {
      const reason = reasons.get(item.id);
      const points = item.pointsMicro / 1e6;
      if (reason !== undefined) {
        atGrading.push({ id: item.id, points, reason });
        continue;
      }
      const written = task.items.find((candidate) => candidate.answer === item.pattern);
      if (written === undefined) throw new Error(`studentBundle: no rubric item ${task.id}.${item.pattern}`);
      const { depends_on: _dropped, ...rest } = written;
      // a dependency the bundle does not grade carries nothing forward here
      const dependsOn = item.dependsOn.filter((id) => keptIds.has(id));
      items.push({ ...rest, answer: item.path, points, ...(dependsOn.length > 0 ? { depends_on: dependsOn } : {}) });
    }
    if (items.length === 0) continue;
    // the task is worth what the self-check can grade of it, counted as the grader counts: in micro-points
    const micro = planned.filter((item) => keptIds.has(item.id)).reduce((sum, item) => sum + item.pointsMicro, 0);
    tasks.push({ ...task, points: micro / 1e6, items });
  }
  refusePooledSecrets(assignment, kept);
  const { key: _key, reference: _reference, ...rubric } = assignment.rubric;
  const bundle: StudentBundle = {
    format: STUDENT_BUNDLE_FORMAT,
    assignment: { id: assignment.id, title: assignment.title, rubric_sha256: assignment.rubricHash },
    rubric: { ...rubric, tasks },
    at_grading: atGrading,
    answer_names: Object.fromEntries([...assignment.solutions].map(([taskId, solution]) => [taskId, Object.keys(solution.answers)])),
    variants: options.students === undefined ? "default" : "per-student",
    handout: bundleVariant(assignment, kept),
  };
  if (options.students !== undefined) {
    const variantOf = options.variantOf;
    if (variantOf === undefined) throw new Error("studentBundle: students need variantOf");
    bundle.students = Object.fromEntries(options.students.map((id) => [id, bundleVariant(variantOf(id), kept)]));
  }
  return bundle;
}

/**
 * A visible band pooled with a hidden item's runs (BandPool) would hand the
 * hidden item's runs, and so its band and mean, to every student: refused,
 * naming both, rather than bundled or quietly narrowed.
 */
function refusePooledSecrets(assignment: Assignment, kept: readonly PlannedItem[]): void {
  const keptIds = new Set(kept.map((item) => item.id));
  const hiddenRuns = new Map<string, string>();
  for (const task of assignment.plan.tasks) {
    for (const item of task.items) {
      const samples = assignment.solutions.get(task.id)?.bands?.[item.path]?.samples;
      if (!keptIds.has(item.id) && samples !== undefined) hiddenRuns.set(JSON.stringify(samples), item.id);
    }
  }
  if (hiddenRuns.size === 0) return;
  for (const item of kept) {
    for (const runs of assignment.solutions.get(item.taskId)?.bands?.[item.path]?.pool?.runs ?? []) {
      const hidden = hiddenRuns.get(JSON.stringify(runs));
      if (hidden !== undefined) {
        throw new Error(`${item.id}'s band is pooled with the runs of ${hidden}, which the self-check leaves out: a bundle would give ${hidden} away (make both visible, or both hidden)`);
      }
    }
  }
}

/** what a bundle leaves to the TA, counted: its items, and their points as the grader counts them */
export function deferredSummary(bundle: Pick<StudentBundle, "at_grading">): { count: number; points: number; ids: string[] } {
  const micro = bundle.at_grading.reduce((sum, item) => sum + Math.round(item.points * 1e6), 0);
  return { count: bundle.at_grading.length, points: micro / 1e6, ids: bundle.at_grading.map((item) => item.id) };
}

/** the bundle of one student: their variant alone (what a TA hands that student) */
export function oneStudentsBundle(bundle: StudentBundle, studentId: string): StudentBundle {
  const own = bundle.students?.[studentId];
  if (own === undefined) throw new Error(`no variant of student "${studentId}" in this bundle`);
  return { ...bundle, students: { [studentId]: own } };
}

/** every number in a value, at any depth */
function numbersIn(value: unknown, into: Set<number>): Set<number> {
  if (typeof value === "number") into.add(value);
  else if (Array.isArray(value)) for (const inner of value) numbersIn(inner, into);
  else if (value !== null && typeof value === "object") for (const inner of Object.values(value)) numbersIn(inner, into);
  return into;
}

/**
 * The numbers only a hidden item gives: its expected value, its band's runs
 * and its alternatives, less any number a student sees anyway (a visible
 * expected value, an input). A reference may store one item's value as
 * another's extra (a parameter's value before the update is the previous
 * step's; a named mistake's value another answer; a reading's band another
 * item's runs): an extra holding one of these numbers is left out.
 */
function secretNumbers(assignment: Assignment, kept: readonly PlannedItem[]): Set<number> {
  const keptIds = new Set(kept.map((item) => item.id));
  const secret = new Set<number>();
  const seen = numbersIn(assignment.inputs, new Set<number>());
  for (const task of assignment.plan.tasks) {
    const solution = assignment.solutions.get(task.id);
    for (const item of task.items) {
      const values = [getAtPath(solution?.answers, item.path), { found: true, value: solution?.bands?.[item.path] }, { found: true, value: solution?.alternatives?.[item.path] }];
      for (const found of values) if (found.found) numbersIn((found as { value: unknown }).value, keptIds.has(item.id) ? seen : secret);
    }
  }
  for (const number of seen) secret.delete(number);
  return secret;
}

/** a value holds a number only a hidden item gives */
function holdsSecret(value: unknown, secret: ReadonlySet<number>): boolean {
  if (secret.size === 0) return false;
  for (const number of numbersIn(value, new Set<number>())) if (secret.has(number)) return true;
  return false;
}

/** the inputs and the kept items' values, task by task */
function bundleVariant(assignment: Assignment, kept: readonly PlannedItem[]): BundleVariant {
  const solutions: Record<string, BundleSolution> = {};
  const secret = secretNumbers(assignment, kept);
  for (const [taskId, solution] of assignment.solutions) {
    const paths = new Set(kept.filter((item) => item.taskId === taskId).map((item) => item.path));
    if (paths.size === 0) continue;
    solutions[taskId] = visibleSolution(solution, paths, secret);
  }
  // every task's inputs, graded here or not: the handout gives them all, and a student needs them to work
  return { inputs: assignment.inputs, solutions };
}

/** a task's solution cut down to `paths`: every value keyed by a path kept only at those paths */
function visibleSolution(solution: TaskSolution, paths: ReadonlySet<string>, secret: ReadonlySet<number>): BundleSolution {
  // an entry kept by its path must also hold no number only a hidden item gives (secretNumbers)
  const at = <T>(record: Record<string, T> | undefined): Record<string, T> | undefined => {
    if (record === undefined) return undefined;
    const entries = Object.entries(record).filter(([path, value]) => paths.has(path) && !holdsSecret(value, secret));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  };
  const result: BundleSolution = { answers: pickPaths(solution.answers, [...paths]) };
  const parts = {
    alternatives: at(solution.alternatives),
    before: at(solution.before),
    bands: at(solution.bands),
    portableEvaluations: at(solution.portableEvaluations),
    mistakes: at(solution.mistakes),
    axes: at(solution.axes),
    curves: at(solution.curves),
    factors: solution.factors === undefined ? undefined : Object.fromEntries(Object.entries(solution.factors).filter(([, value]) => !holdsSecret(value, secret))),
    fractions: solution.fractions,
    readings: solution.readings
      ?.map((reading): Reading | null => {
        const bands = at(reading.bands);
        return bands === undefined ? null : { ...reading, bands };
      })
      .filter((reading): reading is Reading => reading !== null),
  };
  for (const [key, value] of Object.entries(parts)) {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) (result as Record<string, unknown>)[key] = value;
  }
  return result;
}

/**
 * The values of `root` at `paths` alone, in the same shape: objects keep only
 * the keys on some path, lists keep their length (an index on no path holds
 * null), so that every kept path reads the same value as in `root`.
 */
export function pickPaths(root: ValueObject, paths: readonly string[]): ValueObject {
  const out: ValueObject = {};
  for (const path of paths) {
    const found = getAtPath(root, path);
    if (!found.found) continue;
    const keys = parsePath(path).map((segment) => (segment.kind === "key" ? segment.key : segment.kind === "index" ? segment.index : null));
    // a concrete path has no wildcard; one that has is no single value
    if (keys.includes(null)) continue;
    let source = root as Record<string | number, Value>;
    let target = out as Record<string | number, Value>;
    keys.forEach((key, index) => {
      const at = key as string | number;
      const next = source[at] as Value;
      if (index === keys.length - 1) {
        target[at] = next;
        return;
      }
      if (target[at] === undefined || target[at] === null) target[at] = Array.isArray(next) ? new Array<Value>(next.length).fill(null) : {};
      source = next as Record<string | number, Value>;
      target = target[at] as Record<string | number, Value>;
    });
  }
  return out;
}

/** the variant a student checks against: their own where the bundle has it, else the handout's (a default-variant bundle) */
export function bundleVariantFor(bundle: StudentBundle, studentId: string | undefined): BundleVariant {
  if (bundle.variants === "default") return bundle.handout;
  const own = studentId === undefined ? undefined : bundle.students?.[studentId];
  if (own === undefined) {
    const ids = Object.keys(bundle.students ?? {});
    throw new Error(
      studentId === undefined || studentId === ""
        ? "this bundle has inputs per student: give your student id"
        : `no inputs for student "${studentId}" in this bundle${ids.length === 1 ? ` (it is student "${ids[0]}"'s)` : ""}`,
    );
  }
  return own;
}

/**
 * The assignment a bundle grades: its rubric, and a reference that answers
 * from the stored values. A solve with the student's own upstream values
 * cannot be answered from them: error carried forward is deferred
 * (deferredCarryForward), and the item's message says the TA's grading
 * decides it.
 */
export function bundleAssignment(bundle: StudentBundle, studentId?: string, options: { solver?: Reference } = {}): Assignment {
  const variant = bundleVariantFor(bundle, studentId);
  const reference: Reference = {
    id: bundle.assignment.id,
    title: bundle.assignment.title,
    defaultInputs: () => variant.inputs,
    tasks: bundle.rubric.tasks.map((task) => ({
      id: task.id,
      solve(inputs, upstream, context) {
        if (upstream.ids().length > 0) {
          // the TA opted in (--include-solver): the bundle's own solver works from the student's values
          const solver = options.solver?.tasks.find((candidate) => candidate.id === task.id);
          if (solver !== undefined) return solver.solve(inputs, upstream, context);
          throw deferredCarryForward();
        }
        const solution = variant.solutions[task.id];
        if (solution === undefined || !isValueObject(solution.answers)) throw new Error(`the bundle holds no answers of task "${task.id}"`);
        return solution;
      },
    })),
  };
  // the bundle's own values, in memory: nothing is computed, nothing written
  // the bundle's rubric was checked when nngrade build wrote it (and a page may not compile schemas)
  const assignment = assignmentFrom(bundle.rubric, reference, { cache: new ReferenceCache(bundle.assignment.id, { store: new MemoryCacheStore() }), checked: true });
  // answers to the TA-graded items are asked for, only not graded here
  return { ...assignment, rubricHash: bundle.assignment.rubric_sha256, ...(bundle.answer_names ? { answerNames: bundle.answer_names } : {}) };
}
