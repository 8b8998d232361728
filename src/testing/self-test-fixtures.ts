/**
 * The fixtures check of testAssignment: every `<name>.json` of a folder is
 * graded as `nngrade grade` grades it (every item; with the rubric's
 * per-student variants, on the inputs of the student the file names), and where `<name>.expect.json`
 * lies beside it (or in the expectations folder) its verdicts must be
 * exactly those it lists. A fixture without one is still graded, and must
 * grade without an error (a grade that throws, a cross-check that fails).
 * `nngrade grade` skips *.expect.json in a class folder, so a course's
 * fixtures folder can be graded as a class too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Assignment } from "../grade/assignment.ts";
import { gradeVerdicts } from "../grade/grade.ts";
import { assignmentFor, effectiveVariant, variantMode } from "../grade/variant.ts";
import type { GradeResult, ItemStatus } from "../result/types.ts";
import { readSubmission } from "../rubric/submission-file.ts";
import type { SelfTestFinding } from "./self-test.ts";
import { type ExpectedVerdicts, verdictProblems } from "./verdicts.ts";

/** the ending of an expectation file beside `<name>.json` */
export const EXPECT_SUFFIX = ".expect.json";

/** flags of a grade whose checks threw (grade.ts): the reference's own code failed on this submission */
const ERROR_FLAGS = new Set(["cross-check-error"]);

/**
 * Grades every fixture of `folder`; answers how many there are (`tested`),
 * how many of them have an expectation file (`expected`), and what differed
 * from their expectations, read from `expectations` (by default the
 * fixtures' own folder). An expectation file whose fixture is not there
 * fails, and so does a fixture whose grade errors; a folder where no fixture
 * has expectations is warned about, as it pins no verdict.
 */
export function fixtureFindings(assignment: Assignment, folder: string, expectations: string = folder): { tested: number; expected: number; findings: SelfTestFinding[] } {
  const names = readdirSync(folder)
    .filter((name) => name.endsWith(".json") && !name.endsWith(EXPECT_SUFFIX))
    .sort();
  const present = new Set(readdirSync(expectations).filter((name) => name.endsWith(EXPECT_SUFFIX)));
  const findings: SelfTestFinding[] = [];
  // the rubric's variant mode, as `nngrade grade` takes it without --variants
  const mode = variantMode(assignment);
  const variant = effectiveVariant(assignment, mode);
  for (const orphan of [...present].sort()) {
    const fixture = `${orphan.slice(0, -EXPECT_SUFFIX.length)}.json`;
    if (!names.includes(fixture)) findings.push({ check: "fixtures", level: "fail", fixture, problem: `${orphan} expects verdicts of a fixture that is not there` });
  }
  for (const name of names) {
    const expectName = `${name.slice(0, -".json".length)}${EXPECT_SUFFIX}`;
    const fail = (problem: string): void => void findings.push({ check: "fixtures", level: "fail", fixture: name, problem });
    let expected: ExpectedVerdicts | undefined;
    if (present.has(expectName)) {
      try {
        expected = readExpectations(join(expectations, expectName));
      } catch (error) {
        fail(`${expectName}: ${(error as Error).message}`);
        continue;
      }
    }
    const read = readSubmission(folder, name);
    if (read.submission === undefined) {
      // a malformed fixture is there to be malformed; only one that pins verdicts must be a submission
      const why = read.error?.message ?? "cannot be read";
      if (expected === undefined) findings.push({ check: "fixtures", level: "warn", fixture: name, problem: `not graded: ${why}` });
      else fail(`not a submission, yet ${expectName} expects verdicts: ${why}`);
      continue;
    }
    // every submission is graded, expectations or none: one whose grade errors would be a student's broken report
    let result: GradeResult;
    try {
      result = gradeVerdicts(assignmentFor(assignment, read.submission.student.id, mode), read.submission, { scope: "all", variant });
    } catch (error) {
      fail(`could not be graded: ${((error as Error).message ?? String(error)).split("\n")[0]}`);
      continue;
    }
    for (const flag of result.flags) if (ERROR_FLAGS.has(flag.code)) fail(`${flag.code}: ${flag.message}`);
    if (expected === undefined) continue;
    for (const problem of verdictProblems(result, expected)) {
      const itemId = problem.slice(0, problem.indexOf(":"));
      findings.push({ check: "fixtures", level: "fail", fixture: name, itemId, problem: problem.slice(itemId.length + 2) });
    }
  }
  const withExpectations = names.filter((name) => present.has(`${name.slice(0, -".json".length)}${EXPECT_SUFFIX}`)).length;
  if (withExpectations === 0) {
    const problem = names.length === 0 ? "no fixture submissions in the folder: no verdict is pinned" : `no fixture has a <name>${EXPECT_SUFFIX}: no verdict is pinned`;
    findings.push({ check: "fixtures", level: "warn", problem });
  }
  return { tested: names.length, expected: withExpectations, findings };
}

/**
 * An expectation file: item id -> a status ("pass") or { status, diagnosis }
 * (diagnosis a code, or null for none); a key starting with "$" is a comment.
 *
 * @throws Error with a short message for a file that is not such an object
 */
export function readExpectations(file: string): ExpectedVerdicts {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new Error("expected an object of item id -> verdict");
  const expected: ExpectedVerdicts = {};
  for (const [id, verdict] of Object.entries(data as Record<string, unknown>)) {
    if (id.startsWith("$")) continue;
    if (isStatus(verdict)) {
      expected[id] = verdict;
      continue;
    }
    const { status, diagnosis } = (verdict ?? {}) as { status?: unknown; diagnosis?: unknown };
    if (verdict === null || typeof verdict !== "object" || !isStatus(status)) throw new Error(`${id}: expected a status (${ITEM_STATUSES.join(", ")}) or { status, diagnosis }`);
    if (diagnosis !== undefined && diagnosis !== null && typeof diagnosis !== "string") throw new Error(`${id}: diagnosis must be a code or null`);
    expected[id] = diagnosis === undefined ? { status } : { status, diagnosis };
  }
  return expected;
}

/** every ItemStatus; the Record makes a new status a compile error here */
const STATUS_SET: Record<ItemStatus, true> = { pass: true, partial: true, fail: true, ecf: true, missing: true, invalid: true };
const ITEM_STATUSES = Object.keys(STATUS_SET) as ItemStatus[];

function isStatus(value: unknown): value is ItemStatus {
  return typeof value === "string" && Object.hasOwn(STATUS_SET, value);
}
