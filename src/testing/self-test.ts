/**
 * An assignment's own test, as a TA or a course's CI runs it before the
 * students do (`nngrade test <id>`): the reference's answers get full
 * marks, every expected answer is finite and has the shape its comparator
 * reads, a student's own variant solves too (where the reference draws
 * them), every item's tolerance can be met, the fixture submissions get the
 * verdicts their expectation files pin, and `rubric lint` has its say.
 * Findings come back as data; nothing is printed.
 */
import type { ComparatorRegistry } from "../compare/registry.ts";
import type { Assignment } from "../grade/assignment.ts";
import { gradeVerdicts } from "../grade/grade.ts";
import { lintAssignment } from "../grade/lint.ts";
import type { PlannedItem } from "../grade/plan.ts";
import type { TaskSolution } from "../grade/reference.ts";
import { assignmentFor } from "../grade/variant.ts";
import { toPythonJson } from "../result/python-json.ts";
import { getAtPath } from "../rubric/answers.ts";
import { parseSubmission } from "../rubric/submission.ts";
import { isValueObject, type Value } from "../value.ts";
import { fixtureFindings } from "./self-test-fixtures.ts";

/** the checks of testAssignment, in the order they run */
export type SelfTestCheck = "reference" | "answers" | "variant" | "tolerance" | "fixtures" | "lint";

/** every SelfTestCheck, in order */
export const SELF_TEST_CHECKS: readonly SelfTestCheck[] = ["reference", "answers", "variant", "tolerance", "fixtures", "lint"];

/** the student whose own variant the variant check draws and solves */
export const VARIANT_TEST_STUDENT = "nngrade-test";

/** One thing a check found: a failure fails the assignment's test, a warning (lint, an unreadable fixture with no expectations) does not. */
export interface SelfTestFinding {
  check: SelfTestCheck;
  level: "fail" | "warn";
  /** the item concerned ("q3.grad_W"), where there is one */
  itemId?: string;
  /** the fixture file concerned (its name in the fixtures folder), for the fixtures check */
  fixture?: string;
  /** one short lowercase sentence */
  problem: string;
}

/** What testAssignment found: each check's outcome and every finding, in check order. */
export interface SelfTestReport {
  assignment: string;
  /**
   * per check: whether it passed (no failure) and how many things it looked
   * at (items, fixtures); for the fixtures check, how many of the fixtures
   * have an expectation file (`expected`: the others are only graded)
   */
  checks: { check: SelfTestCheck; passed: boolean; tested: number; expected?: number }[];
  findings: SelfTestFinding[];
  /** true when no finding is a failure */
  passed: boolean;
}

/** What testAssignment tests beyond the assignment itself. */
export interface SelfTestOptions {
  /** a folder of fixture submissions (`<name>.json`, each with an optional `<name>.expect.json`); none by default */
  fixtures?: string;
  /** where the `<name>.expect.json` files are, when not beside the fixtures (a fixtures folder also graded as a class keeps them apart) */
  expectations?: string;
}

/** significant figures a double can tell apart; a sigfig item asking for more cannot be met */
export const MAX_SIGFIG_DIGITS = 17;
/** decimal places past which a decdig item's interval is below any double's resolution at the sizes graded */
export const MAX_DECDIG_DIGITS = 20;

/**
 * Tests an assignment as its TA would before handing it out: (reference) a
 * submission of the reference's own answers, written as a student's file
 * and read back, gets every item with full points, hidden ones too;
 * (answers) every reference answer is finite, unless the item accepts a
 * non-finite alternative, and has the shape its comparator reads;
 * (variant) where the reference draws per-student variants, the variant of
 * student "nngrade-test" is drawn and solved, and each of its answers is
 * finite and shaped as the default variant's (the rubric's plan is shared
 * by every variant), so a broken inputs(seed) fails here, not at grading;
 * (tolerance) no item asks for a tolerance that cannot be met (more than
 * 17 significant figures, a negative rtol); (fixtures) every fixture is
 * graded without an error, and one with an expectation file gets exactly
 * the verdicts it lists (no fixture with one is a warning); (lint) what
 * `rubric lint` warns about, as warnings.
 *
 * ```ts
 * const report = testAssignment(await loadAssignment("hw4-hyperparameters"), { fixtures: "fixtures/submissions/hw4-hyperparameters" });
 * if (!report.passed) console.log(report.findings.filter((f) => f.level === "fail"));
 * ```
 */
export function testAssignment(assignment: Assignment, options: SelfTestOptions = {}): SelfTestReport {
  const items = assignment.plan.gradingOrder;
  const fixtures = options.fixtures === undefined ? noFixtures() : fixtureFindings(assignment, options.fixtures, options.expectations);
  const lint = lintAssignment(assignment);
  const byCheck: Record<SelfTestCheck, { tested: number; expected?: number; findings: SelfTestFinding[] }> = {
    reference: { tested: items.length, findings: referenceFindings(assignment) },
    answers: { tested: items.length, findings: items.flatMap((item) => answerFindings(assignment, item)) },
    variant: variantFindings(assignment),
    tolerance: {
      tested: items.length,
      findings: items.flatMap((item) =>
        toleranceProblems(item.mode, item.options, assignment.registries.comparators).map((problem) => ({ check: "tolerance" as const, level: "fail" as const, itemId: item.id, problem })),
      ),
    },
    fixtures,
    lint: {
      tested: items.length,
      // tasks lint skips (their answers come from training) are not a finding about the rubric
      findings: lint.warnings.map((warning) => ({ check: "lint" as const, level: "warn" as const, itemId: warning.itemId, problem: warning.message })),
    },
  };
  const findings = SELF_TEST_CHECKS.flatMap((check) => byCheck[check].findings);
  return {
    assignment: assignment.id,
    checks: SELF_TEST_CHECKS.map((check) => {
      const { tested, expected, findings: found } = byCheck[check];
      return { check, passed: found.every((finding) => finding.level !== "fail"), tested, ...(expected === undefined ? {} : { expected }) };
    }),
    findings,
    passed: findings.every((finding) => finding.level !== "fail"),
  };
}

/** the fixtures check without a fixtures folder: nothing graded, which is said */
function noFixtures(): { tested: number; expected: number; findings: SelfTestFinding[] } {
  return { tested: 0, expected: 0, findings: [{ check: "fixtures", level: "warn", problem: "no fixtures folder: no verdict is pinned" }] };
}

/** the reference's answers as a student's file says them (Python's JSON, NaN spelled out), read back and graded on every item */
function referenceFindings(assignment: Assignment): SelfTestFinding[] {
  const answers: Record<string, Value> = {};
  for (const [taskId, solution] of assignment.solutions) answers[taskId] = solution.answers;
  const text = toPythonJson({ assignment: assignment.id, student: { id: "reference", name: "Reference solution" }, answers });
  const submission = parseSubmission(text, "(the reference's answers)");
  const result = gradeVerdicts(assignment, submission, { scope: "all", variant: "default" });
  const findings: SelfTestFinding[] = [];
  for (const item of result.tasks.flatMap((task) => task.items)) {
    if (item.status === "pass" && item.score === item.max_score) continue;
    const got = item.status === "pass" ? `pass with ${item.score} of ${item.max_score} points` : `${item.status} (${item.message})`;
    findings.push({ check: "reference", level: "fail", itemId: item.id, problem: `the reference's own answer gets ${got}` });
  }
  return findings;
}

/** comparators that read one number */
const SCALAR_MODES = new Set(["relabs", "sigfig", "decdig"]);

function answerFindings(assignment: Assignment, item: PlannedItem): SelfTestFinding[] {
  const solution = assignment.solutions.get(item.taskId);
  const found = getAtPath(solution?.answers, item.path);
  if (!found.found) return [{ check: "answers", level: "fail", itemId: item.id, problem: "the reference has no answer here" }];
  const value = found.value as Value;
  const problems: string[] = [];
  // a non-finite answer is the reference's only when the item accepts that very value as an alternative (a diverged run's NaN)
  const nonFinite = unacceptedNonFinite(value, solution, item.path);
  const findings: SelfTestFinding[] = [];
  if (nonFinite.length > 0) {
    const first = nonFinite[0] as { where: string; number: number };
    const said = `${String(first.number)}${first.where === "" ? "" : ` at ${first.where}`}${nonFinite.length > 1 ? ` (and ${nonFinite.length - 1} more non-finite numbers)` : ""}`;
    // a key is the TA's own writing: a NaN there is meant (only a NaN matches it), where a computed one is a broken reference
    if (assignment.rubric.key !== undefined) findings.push({ check: "answers", level: "warn", itemId: item.id, problem: `the key says ${said}: only that very value matches it` });
    else problems.push(`the reference answer is ${said}`);
  }
  const shape = shapeProblem(value, item.mode);
  if (shape !== undefined) problems.push(shape);
  return [...findings, ...problems.map((problem) => ({ check: "answers" as const, level: "fail" as const, itemId: item.id, problem }))];
}

/**
 * The variant check: student "nngrade-test"'s inputs drawn and solved, as
 * `nngrade grade` would for a per-student rubric; each planned item's answer
 * there must be finite (but for an accepted alternative) and of the same
 * shape as the default variant's. Nothing to test where the reference draws
 * no variants.
 */
function variantFindings(assignment: Assignment): { tested: number; findings: SelfTestFinding[] } {
  if (assignment.reference.variantInputs === undefined) return { tested: 0, findings: [] };
  const items = assignment.plan.gradingOrder;
  const who = `student "${VARIANT_TEST_STUDENT}"'s variant`;
  let variant: Assignment;
  try {
    variant = assignmentFor(assignment, VARIANT_TEST_STUDENT, "per-student");
  } catch (error) {
    return { tested: items.length, findings: [{ check: "variant", level: "fail", problem: `${who} cannot be drawn and solved: ${firstLine(error)}` }] };
  }
  const findings: SelfTestFinding[] = [];
  for (const item of items) {
    const solution = variant.solutions.get(item.taskId);
    const found = getAtPath(solution?.answers, item.path);
    const fail = (problem: string): void => void findings.push({ check: "variant", level: "fail", itemId: item.id, problem: `${who}: ${problem}` });
    if (!found.found) {
      fail("the reference has no answer here");
      continue;
    }
    const value = found.value as Value;
    const nonFinite = unacceptedNonFinite(value, solution, item.path);
    if (nonFinite.length > 0) {
      const first = nonFinite[0] as { where: string; number: number };
      fail(`the answer is ${String(first.number)}${first.where === "" ? "" : ` at ${first.where}`}`);
    }
    const handout = getAtPath(assignment.solutions.get(item.taskId)?.answers, item.path);
    const difference = handout.found ? shapeDifference(handout.value as Value, value, "") : undefined;
    if (difference !== undefined) fail(difference);
  }
  return { tested: items.length, findings };
}

/** the first line of a thrown error's message (a Python traceback's first line says what failed) */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] as string;
}

/** the non-finite numbers of an answer but those the item accepts as an alternative (a diverged run's NaN) */
function unacceptedNonFinite(value: Value, solution: TaskSolution | undefined, path: string): { where: string; number: number }[] {
  const accepted = Object.values(solution?.alternatives?.[path] ?? {}).filter((alternative): alternative is number => typeof alternative === "number");
  return nonFiniteAt(value, "").filter(({ number }) => !accepted.some((alternative) => Object.is(alternative, number)));
}

/** where a variant's answer is not shaped as the default variant's: another kind of value, a list of another length, other keys */
function shapeDifference(expected: Value, actual: Value, where: string): string | undefined {
  const at = where === "" ? "" : ` at ${where}`;
  const kind = (value: Value) => (Array.isArray(value) ? "list" : value === null ? "null" : typeof value);
  if (kind(expected) !== kind(actual)) return `the answer${at} is ${describe(actual)}, the default variant's ${describe(expected)}`;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `the answer${at} is a list of ${actual.length}, the default variant's a list of ${expected.length}`;
    for (let index = 0; index < expected.length; index++) {
      const inner = shapeDifference(expected[index] as Value, actual[index] as Value, `${where}[${index}]`);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object" && actual !== null && typeof actual === "object") {
    const wanted = Object.keys(expected).sort();
    const got = Object.keys(actual).sort();
    if (wanted.join("\0") !== got.join("\0")) return `the answer${at} has the keys ${got.join(", ") || "(none)"}, the default variant's ${wanted.join(", ")}`;
    for (const key of wanted) {
      const inner = shapeDifference((expected as Record<string, Value>)[key] as Value, (actual as Record<string, Value>)[key] as Value, where === "" ? key : `${where}.${key}`);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

function nonFiniteAt(value: unknown, where: string): { where: string; number: number }[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [{ where, number: value }];
  if (Array.isArray(value)) return value.flatMap((inner, index) => nonFiniteAt(inner, `${where}[${index}]`));
  if (value !== null && isValueObject(value as Value)) return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => nonFiniteAt(inner, where === "" ? key : `${where}.${key}`));
  return [];
}

/** what the item's comparator cannot read in the reference's answer: a list for a number, a ragged or non-numeric matrix */
function shapeProblem(value: Value, mode: string): string | undefined {
  if (SCALAR_MODES.has(mode)) return value === null || typeof value === "number" ? undefined : `${mode} compares a number, the reference answer is ${describe(value)}`;
  if (mode === "array") {
    if (value === null) return undefined;
    if (!Array.isArray(value)) return `array compares a vector or matrix, the reference answer is ${describe(value)}`;
    return rectangular(value) ? undefined : "the reference answer is not a rectangular array of numbers";
  }
  return undefined;
}

function rectangular(value: Value): boolean {
  if (!Array.isArray(value)) return typeof value === "number";
  if (value.length === 0) return true;
  if (value.every((inner) => typeof inner === "number")) return true;
  if (!value.every((inner) => Array.isArray(inner))) return false;
  const rows = value as Value[][];
  return rows.every((row) => row.length === (rows[0] as Value[]).length && rectangular(row));
}

function describe(value: Value): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Why an item's options cannot be met, each a short phrase: more significant
 * figures or decimal places than a double holds, a negative or NaN
 * tolerance, what the comparator's own checkOptions says; nested comparators
 * (array's element, oneof's compare) are asked too.
 */
export function toleranceProblems(mode: string, options: Record<string, unknown>, comparators: ComparatorRegistry): string[] {
  if (!comparators.has(mode)) return [];
  const problems: string[] = [];
  const resolved = comparators.resolveOptions(mode, options);
  const digits = resolved.digits;
  if (mode === "sigfig" && typeof digits === "number" && !(digits <= MAX_SIGFIG_DIGITS)) {
    problems.push(`sigfig digits ${digits}: a double holds at most ${MAX_SIGFIG_DIGITS} significant figures, so no answer can pass`);
  }
  if (mode === "decdig" && typeof digits === "number" && !(digits <= MAX_DECDIG_DIGITS)) {
    problems.push(`decdig digits ${digits}: more than ${MAX_DECDIG_DIGITS} decimal places is finer than a double at any size graded`);
  }
  for (const key of ["rtol", "atol"] as const) {
    const stated = resolved[key];
    if (typeof stated === "number" && !(stated >= 0)) problems.push(`${mode} ${key} ${stated}: a tolerance must be 0 or more`);
  }
  const check = comparators.get(mode).meta.checkOptions;
  if (check !== undefined) problems.push(...check(resolved).map((problem) => `${mode}: ${problem}`));
  for (const [key, nested] of Object.entries(options)) {
    if (nested === null || typeof nested !== "object" || Array.isArray(nested)) continue;
    const inner = nested as Record<string, unknown>;
    const innerMode = typeof inner.mode === "string" ? inner.mode : key === "element" ? "relabs" : undefined;
    if (innerMode === undefined) continue;
    const { mode: _mode, ...innerOptions } = inner;
    problems.push(...toleranceProblems(innerMode, innerOptions, comparators));
  }
  return problems;
}
