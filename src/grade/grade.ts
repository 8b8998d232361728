import type { ComparatorRegistry } from "../compare/registry.ts";
import { ENGINE_VERSION } from "../engine/version.ts";
import type { CompareOutcome } from "../compare/types.ts";
import { swappedBothWays } from "../diagnose/index.ts";
import type { Diagnosis } from "../diagnose/types.ts";
import { ReferenceUnavailableError } from "../errors.ts";
import type { GradeResult, ItemResult, ItemStatus, TaskResult } from "../result/types.ts";
import { getAtPath, readAnswer } from "../rubric/answers.ts";
import { type ExpressionBudget, expressionBudget } from "../rubric/expression.ts";
import type { Submission } from "../rubric/submission.ts";
import { isValueObject, numericShape, type Value, type ValueObject } from "../value.ts";
import type { Assignment } from "./assignment.ts";
import { fractionPathsIn, transposedContainers } from "./diagnose-extras.ts";
import { evaluatePortable } from "./evaluators.ts";
import { integrityFlags } from "./integrity.ts";
import { chooseReadings, readingNote, withReadings } from "./readings.ts";
import { itemTolerance } from "./tolerance.ts";
import { unknownAnswers } from "./unknown-answers.ts";
import type { PlannedItem } from "./plan.ts";
import { fromMicro, scaleMicro } from "./points.ts";
import { CarryForwardDeferred, type Flag, type TaskSolution } from "./reference.ts";
import { upstreamFrom } from "./upstream.ts";
import { variantSeed } from "./variant.ts";

/** how a submission is graded (gradeVerdicts, gradeSubmission): every item or only the visible ones, the time it records, whose inputs it was solved with */
export interface GradeOptions {
  /** "visible": a student's self-check grades the visible items only; "all": the TA's grade */
  scope?: "all" | "visible";
  /** ISO time written into the result; the caller fixes it for reproducible reports */
  generatedAt?: string;
  /** whose inputs the assignment was solved with, recorded in the result */
  variant?: "default" | "per-student";
}

/** What reading one answer gave: a value to compare, or why there is none. */
type Reading =
  | { kind: "value"; value: Value }
  | { kind: "missing" }
  /** `value`: numbers of the wrong shape, shown in the report but never graded */
  | { kind: "invalid"; message: string; value?: Value };

interface Graded {
  status: ItemStatus;
  share: number;
  outcome?: CompareOutcome;
  /** the comparator's outcome the message says, when it is not `outcome` (measured against the student's own upstream values) */
  said?: CompareOutcome;
  message: string;
  diagnosis: Diagnosis | null;
  ecfFrom?: string[];
  /** what the reference's evaluation of this answer raised for the TA (a claim it could not check) */
  flag?: Flag;
}

/**
 * Grades one submission: reads every answer against the shape of the reference's
 * answer, compares, tries error-carried-forward for items whose upstream items
 * were wrong, then diagnoses what still fails. The result has no plots: which
 * plot suits an item is the report side's choice (gradeSubmission, grading.ts,
 * adds them through report/plots/choose.ts).
 */
export function gradeVerdicts(assignment: Assignment, submission: Submission, options: GradeOptions = {}): GradeResult {
  const scope = options.scope ?? "all";
  const inScope = (item: PlannedItem) => scope === "all" || item.visibility === "visible";
  const items = assignment.plan.gradingOrder.filter(inScope);
  const readings = new Map<string, Reading>();
  // one budget for the whole submission, made here: a worker grades thousands in one thread
  const budget = expressionBudget();
  for (const item of items) readings.set(item.id, readItem(assignment, submission, item, budget));

  const graded = new Map<string, Graded>();
  // a matrix graded cell by cell but handed in transposed is one mistake, not one per cell
  const containers = transposedContainers(assignment, submission.answers, items);
  // a transposed matrix's cells are read where the student put them, for the report and the honesty checks alike
  for (const [id, verdict] of containers) if (verdict.received !== undefined) readings.set(id, { kind: "value", value: verdict.received });
  // another honest reading of the handout that the answers fit as a whole is graded as such (readings.ts)
  const chosen = chooseReadings(assignment, items, (id) => {
    const reading = readings.get(id);
    return reading?.kind === "value" ? reading.value : undefined;
  });
  const asRead = withReadings(assignment, chosen);
  for (const item of items) graded.set(item.id, containers.get(item.id) ?? gradeItem(asRead, item, readings, graded));
  chargeRootErrors(items, graded);
  for (const item of items) {
    const note = readingNote(chosen, item);
    const result = graded.get(item.id) as Graded;
    if (note !== undefined) graded.set(item.id, { ...result, message: `${result.message} (${note})` });
  }

  const tasks: TaskResult[] = [];
  let totalMicro = 0;
  let maxMicro = 0;
  for (const task of assignment.plan.tasks) {
    const taskItems = task.items.filter(inScope);
    if (taskItems.length === 0) continue;
    let scoreMicro = 0;
    let taskMaxMicro = 0;
    const results: ItemResult[] = [];
    for (const item of taskItems) {
      const result = graded.get(item.id) as Graded;
      const earned = scaleMicro(item.pointsMicro, result.share);
      scoreMicro += earned;
      taskMaxMicro += item.pointsMicro;
      results.push(itemResult(asRead, item, result, readings.get(item.id) as Reading, earned));
    }
    totalMicro += scoreMicro;
    maxMicro += taskMaxMicro;
    tasks.push({ id: task.id, title: task.title, score: fromMicro(scoreMicro), max_score: fromMicro(taskMaxMicro), items: results });
  }
  const flags: GradeResult["flags"] = [...(submission.flags ?? [])];
  flags.push(...crossCheckFlags(assignment, submission.answers));
  flags.push(...integrityChecks(assignment, items, readings, graded, flags));
  for (const item of items) {
    const flag = graded.get(item.id)?.flag;
    if (flag !== undefined) flags.push(flag);
  }
  const unknown = unknownAnswers(assignment, submission.answers);
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).join("; ");
    flags.push({ code: "unknown-answers", message: `${shown}${unknown.length > 5 ? `; and ${unknown.length - 5} more` : ""}` });
  }
  if (submission.assignment !== undefined && submission.assignment !== assignment.id) {
    flags.push({
      code: "assignment-mismatch",
      message: `the file says it is for "${submission.assignment}", graded as "${assignment.id}"`,
    });
  }
  const result: GradeResult = {
    schema: "nngrade/result@1",
    assignment: assignment.id,
    assignment_title: assignment.title,
    student: submission.student,
    score: fromMicro(totalMicro),
    max_score: fromMicro(maxMicro),
    tasks,
    flags,
  };
  if (submission.source !== undefined) result.source = submission.source;
  result.graded_with = {
    rubric_sha256: assignment.rubricHash,
    engine_version: ENGINE_VERSION,
    variant: options.variant ?? "default",
    variant_seed: options.variant === "per-student" ? variantSeed(assignment.id, submission.student.id) : null,
  };
  if (options.generatedAt !== undefined) result.generated_at = options.generatedAt;
  return result;
}

function readItem(assignment: Assignment, submission: Submission, item: PlannedItem, budget: ExpressionBudget): Reading {
  const taskAnswers = Object.hasOwn(submission.answers, item.taskId) ? submission.answers[item.taskId] : undefined;
  if (taskAnswers === undefined || taskAnswers === null) return { kind: "missing" };
  if (!isValueObject(taskAnswers)) {
    return { kind: "invalid", message: `answers/${item.taskId}: expected an object of answers, got ${typeName(taskAnswers)}` };
  }
  const found = getAtPath(taskAnswers, item.path);
  const expected = expectedValue(assignment.solutions.get(item.taskId) as TaskSolution, item.path);
  if (!found.found) {
    // a container of the wrong kind on the way (runs given as a string) is unreadable, a key left out is unanswered,
    // and so is a matrix left null (as `nngrade template` writes every answer): its cells are not answered, not unreadable
    return found.problem !== undefined && found.nullAt !== true
      ? { kind: "invalid", message: `${answerLocation(item.taskId, found.at ?? "")}: ${found.problem}` }
      : { kind: "missing" };
  }
  if (found.value === null && (expected !== null || !hasAnsweredSibling(assignment, item, taskAnswers))) return { kind: "missing" };
  const read = readAnswer(found.value, expected, answerLocation(item.taskId, item.path), budget);
  if (read.ok) return { kind: "value", value: read.value };
  // a matrix of the wrong shape is still numbers the student can be shown beside the expected one ("got 2x40")
  const shape = numericShape(found.value as Value);
  const shown = shape !== null && shape.length > 0 && shape.reduce((count, size) => count * size, 1) <= SHOWN_INVALID_NUMBERS;
  return shown ? { kind: "invalid", message: read.message, value: found.value as Value } : { kind: "invalid", message: read.message };
}

/** the most numbers of an unreadable answer a report shows (a matrix of the wrong shape); more is a dump, not an answer */
const SHOWN_INVALID_NUMBERS = 100_000;

function gradeItem(assignment: Assignment, item: PlannedItem, readings: Map<string, Reading>, graded: Map<string, Graded>): Graded {
  const reading = readings.get(item.id) as Reading;
  if (reading.kind === "missing") {
    return { status: "missing", share: 0, message: `no answer at ${answerLocation(item.taskId, item.path)}`, diagnosis: null };
  }
  if (reading.kind === "invalid") return { status: "invalid", share: 0, message: reading.message, diagnosis: null };
  const { comparators } = assignment.registries;
  const { meta } = comparators.get(item.mode);
  // an evaluation judges the student's own model: it always sees the answers it depends on, right or wrong
  const ownModel = meta.expects === "evaluation";
  const base = assignment.solutions.get(item.taskId) as TaskSolution;
  // an evaluation given as data is handed the student's answers directly; a function needs the task solved with them
  const portable = ownModel ? base.portableEvaluations?.[item.path] : undefined;
  const own = ownModel && portable === undefined && item.dependsOn.length > 0 ? solveWithOwn(assignment, item, readings) : null;
  const solution = own !== null && own !== DEFERRED && !("failed" in own) ? own : base;
  const upstream = (id: string) => {
    const read = item.dependsOn.includes(id) ? readings.get(id) : undefined;
    return read?.kind === "value" ? read.value : undefined;
  };
  const { outcome, flag } = compareItem(comparators, item, reading.value, solution, upstream);
  const raised: { flag?: Flag } = flag === undefined ? {} : { flag };
  const share = shareOf(outcome);
  const hidden = item.visibility === "hidden";
  // an upstream answer left out is not a wrong one: nothing of the student's is carried forward from it
  const wrongUpstream = item.dependsOn.filter((id) => {
    const status = graded.get(id)?.status;
    return status !== undefined && status !== "pass" && status !== "missing";
  });
  if (share >= 1 && ownModel && wrongUpstream.length > 0) {
    // right about a model that is itself wrong: consistent, the credit error-carried-forward gives
    return {
      status: "ecf",
      share: item.ecfCredit,
      outcome,
      message: `${comparators.renderMessage(item.mode, outcome, { hidden })} (your own ${wrongUpstream.join(", ")}; error carried forward)`,
      diagnosis: null,
      ecfFrom: wrongUpstream,
      ...raised,
    };
  }
  if (share >= 1) return { status: "pass", share: 1, outcome, message: comparators.renderMessage(item.mode, outcome, { hidden }), diagnosis: null, ...raised };

  // only values the student gave can be worked from: an unreadable upstream answer carries nothing forward
  const carriable = wrongUpstream.filter((id) => readings.get(id)?.kind === "value");
  // an evaluation given as data has already judged the student's own values: there is nothing to recompute
  const tried = carriable.length > 0 && portable === undefined ? carryForward(assignment, item, reading.value, readings, upstream) : null;
  const failed = tried !== null && tried !== DEFERRED && "failed" in tried ? tried.failed : undefined;
  const carried = tried === DEFERRED || failed !== undefined ? null : (tried as Carried | null);
  // decided by the TA's grading, which has the computation: said, so that a consistent answer is not read as simply wrong
  const deferred = tried === DEFERRED ? `; whether it follows from your own ${carriable.join(", ")} is checked when your TA grades (error carried forward)` : "";
  // the reference raised on the student's values: no credit carried, and the TA is told, since the fault may be the reference's
  if (failed !== undefined && raised.flag === undefined) {
    // the error's first line only: a traceback would show the reference's code to the student
    const why = failed.split("\n")[0]?.slice(0, 300) ?? "";
    raised.flag = { code: "ecf-failed", message: `${item.id}: the reference could not recompute it from your own ${carriable.join(", ")} (${why}): no credit carried forward` };
  }
  // NaN matches NaN: an answer "consistent" with upstream values that made the recomputation not finite earns nothing
  const honest = carried !== null && nonFiniteCount(expectedValue(carried.solution, item.path)) <= nonFiniteCount(expectedValue(solution, item.path));
  if (carried && honest && shareOf(carried.outcome) >= 1 && item.ecfCredit > share) {
    return {
      status: "ecf",
      share: item.ecfCredit,
      outcome: carried.outcome,
      message: `consistent with your own ${carriable.join(", ")} (error carried forward)`,
      diagnosis: null,
      ecfFrom: carriable,
      ...raised,
    };
  }
  // a diagnosis of a hidden item would give its answer away ("the sign is flipped" says it is -received)
  const diagnosable = meta.diagnosable && !hidden;
  let diagnosis = diagnosable ? diagnoseItem(assignment, item, reading.value, readings, solution, upstream) : null;
  // with wrong upstream values, the slip that remains may only show against the student's own numbers
  // (a missing 1/2 on top of a wrong a2); the message then says what it was measured against
  const againstOwn = carried !== null && honest && diagnosis === null;
  if (againstOwn && diagnosable) diagnosis = diagnoseItem(assignment, item, reading.value, readings, carried.solution, upstream);
  const against = againstOwn ? carried.outcome : outcome;
  const recomputed = againstOwn ? ` (recomputed from your own ${carriable.join(", ")})` : "";
  // a rubric may give part of the points for a minor, named slip (a curve shifted by one epoch)
  const credited = diagnosis ? Math.max(share, item.diagnosisCredit[diagnosis.code] ?? 0) : share;
  return {
    status: credited > 0 ? "partial" : "fail",
    share: credited,
    outcome,
    ...(againstOwn ? { said: against } : {}),
    message: `${comparators.renderMessage(item.mode, against, { hidden })}${recomputed}${deferred}`,
    diagnosis,
    ...raised,
  };
}

/**
 * Error carried forward never rewards the root error. A wrong answer whose
 * downstream items are consistent with it (a flipped dJ/dz, and dJ/dW and
 * dJ/db computed from it) must cost at least as much as the costliest error
 * it carried forward would cost on its own (dJ/dW alone wrong loses all of
 * its points): otherwise erring early and consistently pays better than
 * erring late. When the root's own points and the credit error-carried-
 * forward withholds fall short of that, the carried items' credit is cut, in
 * proportion, by the difference, and their message says why.
 */
function chargeRootErrors(items: readonly PlannedItem[], graded: Map<string, Graded>): void {
  const points = new Map(items.map((item) => [item.id, item.pointsMicro]));
  const isRoot = (id: string) => {
    const status = graded.get(id)?.status;
    return status === "fail" || status === "partial" || status === "invalid";
  };
  // in micro-points, as the totals are kept: what an item earns is what scaleMicro will make of its share
  const earnedOf = (item: PlannedItem) => scaleMicro(points.get(item.id) ?? 0, (graded.get(item.id) as Graded).share);
  for (const root of items) {
    if (!isRoot(root.id)) continue;
    // every item whose credit was carried forward from this root, directly or through another carried item
    const chain: PlannedItem[] = [];
    const reached = new Set([root.id]);
    for (const item of items) {
      const result = graded.get(item.id) as Graded;
      if (result.status === "ecf" && (result.ecfFrom ?? []).some((id) => reached.has(id))) {
        chain.push(item);
        reached.add(item.id);
      }
    }
    if (chain.length === 0) continue;
    const earned = chain.map(earnedOf);
    const earnedTotal = earned.reduce((sum, value) => sum + value, 0);
    const loss = [root, ...chain].reduce((sum, item) => sum + (points.get(item.id) ?? 0) - earnedOf(item), 0);
    const shallowest = Math.max(...chain.map((item) => points.get(item.id) ?? 0));
    if (loss >= shallowest || earnedTotal <= 0) continue;
    const kept = cutInProportion(earned, Math.max(0, earnedTotal - (shallowest - loss)));
    chain.forEach((item, index) => {
      const result = graded.get(item.id) as Graded;
      const pointsMicro = points.get(item.id) ?? 0;
      graded.set(item.id, {
        ...result,
        share: pointsMicro > 0 ? (kept[index] as number) / pointsMicro : 0,
        message: `${result.message}; less credit, so that the error in ${root.id} costs at least what an error here would`,
      });
    });
  }
}

/** whole micro-points summing to `total`, in proportion to `parts` (largest remainders get the odd ones, in order) */
function cutInProportion(parts: readonly number[], total: number): number[] {
  const sum = parts.reduce((acc, part) => acc + part, 0);
  const exact = parts.map((part) => (part * total) / sum);
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((acc, part) => acc + part, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    whole[index] = (whole[index] as number) + 1;
    left--;
  }
  return whole;
}

function compareItem(
  comparators: ComparatorRegistry,
  item: PlannedItem,
  received: Value,
  solution: TaskSolution,
  upstream: (itemId: string) => Value | undefined,
): { outcome: CompareOutcome; flag?: Flag } {
  const { expected, flag } = comparedWith(comparators, item, received, solution, upstream);
  const outcome = comparators.compareWith(item.mode, received, expected, item.options);
  return flag === undefined ? { outcome } : { outcome, flag };
}

/**
 * What a comparator is given as "expected", as its meta declares: the answer, or what the reference says about it;
 * an engine evaluation may also raise a flag, which stays out of the comparison.
 */
function comparedWith(
  comparators: ComparatorRegistry,
  item: PlannedItem,
  received: Value,
  solution: TaskSolution,
  upstream: (itemId: string) => Value | undefined,
): { expected: Value; flag?: Flag } {
  const expects = comparators.expects(item.mode);
  switch (expects) {
    case "alternatives":
      return { expected: solution.alternatives?.[item.path] ?? {} };
    case "bands":
      return { expected: solution.bands?.[item.path] ?? null };
    case "evaluation": {
      const portable = solution.portableEvaluations?.[item.path];
      const evaluate =
        portable !== undefined
          ? (answer: Value) => evaluatePortable(portable, answer, { itemId: item.id, upstream })
          : solution.evaluations?.[item.path];
      if (evaluate === undefined) return { expected: null };
      try {
        const { score, message, flag } = evaluate(received);
        return flag === undefined ? { expected: { score, message } } : { expected: { score, message }, flag };
      } catch {
        // the engine could not run what the student handed in: that earns nothing, and says so
        return { expected: { score: 0, message: "the engine could not run this answer" } };
      }
    }
    case "answer":
      return { expected: expectedValue(solution, item.path) };
    default:
      return assertNever(expects);
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown expects ${JSON.stringify(value)}`);
}

/** what solveWithOwn answers when the reference leaves error carried forward to the TA's grading */
const DEFERRED = Symbol("deferred");

/** The task solved with the student's own values of the items `item` depends on; null when that cannot be done. */
function solveWithOwn(assignment: Assignment, item: PlannedItem, readings: Map<string, Reading>): TaskSolution | null | typeof DEFERRED | { failed: string } {
  const task = assignment.reference.tasks.find((candidate) => candidate.id === item.taskId);
  if (!task) return null;
  const upstream = upstreamFrom((id) => {
    if (!item.dependsOn.includes(id)) return undefined;
    const reading = readings.get(id);
    return reading?.kind === "value" ? reading.value : undefined;
  }, item.dependsOn);
  try {
    return task.solve(assignment.inputs[item.taskId], upstream, assignment.context);
  } catch (error) {
    // a reference that cannot run at all is no verdict on the student's values: the submission errs, and says why
    if (error instanceof ReferenceUnavailableError) throw error;
    if (error instanceof CarryForwardDeferred) return DEFERRED;
    // a student's upstream value the reference cannot work from earns no carried credit; why is kept for the TA
    return { failed: (error as Error).message ?? String(error) };
  }
}

/** an answer compared again with the task solved from the student's own upstream values */
interface Carried {
  outcome: CompareOutcome;
  solution: TaskSolution;
}

/** NaN and infinities in a value, at any depth */
function nonFiniteCount(value: Value): number {
  if (typeof value === "number") return Number.isFinite(value) ? 0 : 1;
  if (Array.isArray(value)) return value.reduce((sum: number, inner) => sum + nonFiniteCount(inner), 0);
  if (isValueObject(value)) return Object.values(value).reduce((sum: number, inner) => sum + nonFiniteCount(inner as Value), 0);
  return 0;
}

/** Recomputes the task from the student's own upstream values and compares again. */
function carryForward(
  assignment: Assignment,
  item: PlannedItem,
  received: Value,
  readings: Map<string, Reading>,
  upstream: (itemId: string) => Value | undefined,
): Carried | null | typeof DEFERRED | { failed: string } {
  const solution = solveWithOwn(assignment, item, readings);
  if (solution === null || solution === DEFERRED || "failed" in solution) return solution;
  const { comparators } = assignment.registries;
  const { outcome } = compareItem(comparators, item, received, solution, upstream);
  // a comparator of alternatives has already tried every one
  if (shareOf(outcome) >= 1 || comparators.expects(item.mode) === "alternatives") return { outcome, solution };
  // the student's upstream value may admit several readings (a dJ/dz per sample or already averaged):
  // the reference offers each as an alternative, and an answer consistent with any of them is consistent
  for (const alternative of Object.values(solution.alternatives?.[item.path] ?? {})) {
    const other = comparators.compareWith(item.mode, received, alternative, item.options);
    if (shareOf(other) >= 1) return { outcome: other, solution };
  }
  return { outcome, solution };
}

function diagnoseItem(
  assignment: Assignment,
  item: PlannedItem,
  received: Value,
  readings: Map<string, Reading>,
  solution: TaskSolution,
  upstream: (itemId: string) => Value | undefined,
): Diagnosis | null {
  const { comparators, diagnosers } = assignment.registries;
  const task = assignment.plan.tasks.find((candidate) => candidate.id === item.taskId);
  const siblings = (task?.items ?? [])
    .filter((sibling) => sibling.id !== item.id)
    .map((sibling) => {
      const reading = readings.get(sibling.id);
      return {
        id: sibling.id,
        expected: expectedValue(solution, sibling.path),
        received: reading?.kind === "value" ? reading.value : undefined,
      };
    });
  const input = {
    itemId: item.id,
    expected: expectedValue(solution, item.path),
    received,
    siblings,
    tolerance: itemTolerance(item.mode, item.options, comparators),
    ...(solution.factors ? { factors: solution.factors } : {}),
    ...(solution.before?.[item.path] !== undefined ? { before: solution.before[item.path] } : {}),
    fractions: fractionPathsIn(solution.fractions, item.path),
    passes: (value: Value) => shareOf(compareItem(comparators, item, value, solution, upstream).outcome) >= 1,
  };
  // two answers exchanged both ways is stronger evidence than a known mistake one of them happens to equal
  const exchanged = swappedBothWays(input);
  if (exchanged !== null) return exchanged;
  // the reference knows this task's own typical mistakes better than any generic pattern;
  // a mistake is a value of the answer, so only a comparator given the answer can match it
  if (comparators.expects(item.mode) === "answer") {
    for (const [code, mistake] of Object.entries(solution.mistakes?.[item.path] ?? {})) {
      if (shareOf(comparators.compareWith(item.mode, received, mistake.value, item.options)) >= 1) return { code, message: mistake.message };
    }
  }
  return diagnosers.diagnose(input);
}

function itemResult(assignment: Assignment, item: PlannedItem, graded: Graded, reading: Reading, earnedMicro: number): ItemResult {
  const visible = item.visibility === "visible";
  const solution = assignment.solutions.get(item.taskId) as TaskSolution;
  const expected = expectedValue(solution, item.path);
  const result: ItemResult = {
    id: item.id,
    status: graded.status,
    score: fromMicro(earnedMicro),
    max_score: fromMicro(item.pointsMicro),
    diagnosis: graded.diagnosis,
    message: graded.message,
    visibility: item.visibility,
  };
  const said = graded.said ?? graded.outcome;
  if (said !== undefined) {
    result.message_id = said.messageId;
    // a hidden item's message leaves out what would give the answer away; so does its data
    const data = assignment.registries.comparators.messageData(item.mode, said, { hidden: !visible });
    if (data !== undefined) result.data = data;
  }
  const feedback = feedbackFor(item, graded);
  if (feedback !== undefined) result.feedback = feedback;
  if (visible) result.expected = expected;
  if (reading.kind === "value" || (reading.kind === "invalid" && reading.value !== undefined)) result.received = reading.value;
  return result;
}

function feedbackFor(item: PlannedItem, graded: Graded): string | undefined {
  const feedback = item.feedback;
  const alternative = graded.outcome?.data?.alternative;
  if (typeof alternative === "string" && feedback.alternatives?.[alternative] !== undefined) {
    return feedback.alternatives[alternative];
  }
  if (graded.diagnosis && feedback.diagnosis?.[graded.diagnosis.code] !== undefined) {
    return feedback.diagnosis[graded.diagnosis.code];
  }
  return feedback[graded.status];
}

function expectedValue(solution: TaskSolution, path: string): Value {
  const found = getAtPath(solution.answers, path);
  return found.found ? (found.value as Value) : null;
}

/** comparator scores are booleans or shares; a share outside [0, 1] is a comparator bug, not a grade */
function shareOf(outcome: CompareOutcome): number {
  const share = typeof outcome.score === "boolean" ? (outcome.score ? 1 : 0) : outcome.score;
  if (!(share >= 0 && share <= 1)) throw new Error(`comparator returned score ${share} outside [0, 1] (${outcome.messageId})`);
  return share;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : `a ${typeof value}`;
}

/** "answers/q6/runs[2]/final_w", as messages name a place in the submission */
function answerLocation(taskId: string, path: string): string {
  return ["answers", taskId, ...(path ? [path.replace(/\./g, "/")] : [])].join("/");
}

/**
 * A null is an answer where null is expected (the final value of a diverged
 * run) only when the student answered something graded beside it; a
 * template's untouched nulls earn nothing, and neither do given values
 * copied back (a run's lr, worth no points).
 */
function hasAnsweredSibling(assignment: Assignment, item: PlannedItem, taskAnswers: ValueObject): boolean {
  const cut = Math.max(item.path.lastIndexOf("."), item.path.lastIndexOf("["));
  const parent = cut <= 0 ? "" : item.path.slice(0, cut);
  const task = assignment.plan.tasks.find((candidate) => candidate.id === item.taskId);
  return (task?.items ?? []).some((sibling) => {
    if (sibling === item || sibling.pointsMicro === 0) return false;
    if (parent !== "" && !sibling.path.startsWith(`${parent}.`) && !sibling.path.startsWith(`${parent}[`)) return false;
    const found = getAtPath(taskAnswers, sibling.path);
    return found.found && found.value !== null && found.value !== undefined;
  });
}

function crossCheckFlags(assignment: Assignment, answers: Record<string, unknown>): GradeResult["flags"] {
  if (!assignment.reference.crossChecks) return [];
  try {
    return assignment.reference.crossChecks(answers, assignment.inputs);
  } catch (error) {
    // a check that trips over odd student data is a bug in the check; the grade stands, and the flag says so
    return [{ code: "cross-check-error", message: `a cross-item check failed: ${(error as Error).message}` }];
  }
}

/** results that cannot be honest (integrity.ts), from what grading read and made of each answer */
function integrityChecks(
  assignment: Assignment,
  items: readonly PlannedItem[],
  readings: Map<string, Reading>,
  graded: Map<string, Graded>,
  raised: readonly Flag[],
): GradeResult["flags"] {
  try {
    return integrityFlags(
      assignment,
      items,
      (id) => {
        const reading = readings.get(id);
        const result = graded.get(id);
        return reading?.kind === "value" && result ? { value: reading.value, status: result.status, diagnosis: result.diagnosis?.code ?? null } : undefined;
      },
      raised,
    );
  } catch (error) {
    return [{ code: "cross-check-error", message: `an integrity check failed: ${(error as Error).message}` }];
  }
}
