import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { NngradeError } from "../../errors.ts";
import { type Assignment, loadAssignment } from "../../grade/assignment.ts";
import { isBuiltInRubric } from "../../grade/paths.ts";
import { PACKAGE_ROOT } from "../../package-root.ts";
import { type SelfTestCheck, type SelfTestFinding, testAssignment, VARIANT_TEST_STUDENT } from "../../testing/self-test.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { resolveAssignment } from "../../grade/course.ts";

export interface TestOptions {
  assignment: string;
  fixtures?: string;
  expectations?: string;
}

/** what each check's line says it tested */
const CHECK_LINES = {
  reference: "the reference's answers get full marks",
  answers: "every expected answer is finite and has its comparator's shape",
  variant: "a student's own variant solves",
  tolerance: "every item's tolerance can be met",
  fixtures: "the fixtures get the verdicts they expect",
  lint: "rubric lint",
} as const;

/**
 * The assignment's own test (testing/self-test.ts): one line per check,
 * each finding under it; exit 1 on any failure, lint warnings do not fail.
 */
export async function testCommand(options: TestOptions, io: CommandIo): Promise<number> {
  const assignment = await loadAssignment(resolveAssignment(options.assignment, io.cwd));
  const fixtures = folderOption(options.fixtures, io.cwd) ?? defaultFixtures(assignment);
  // by default each fixture's <name>.expect.json lies beside it (a class folder's grade skips them)
  const expectations = folderOption(options.expectations, io.cwd);
  const report = testAssignment(assignment, {
    ...(fixtures === undefined ? {} : { fixtures }),
    ...(expectations === undefined ? {} : { expectations }),
  });
  for (const { check, passed, tested, expected } of report.checks) {
    const findings = report.findings.filter((finding) => finding.check === check);
    const warnings = findings.filter((finding) => finding.level === "warn").length;
    const what = checkScope(check, tested, expected ?? 0, fixtures === undefined ? undefined : relative(io.cwd, fixtures) || ".");
    const verdict = !passed ? "fail" : warnings > 0 ? "warn" : "ok  ";
    io.stdout(`${verdict}  ${CHECK_LINES[check]} (${what}${warnings > 0 ? `, ${warnings} warning(s)` : ""})\n`);
    for (const finding of findings) io.stdout(`      ${finding.level === "fail" ? "fail" : "warn"}  ${where(finding)}${finding.problem}\n`);
  }
  const failures = report.findings.filter((finding) => finding.level === "fail").length;
  io.stdout(`${assignment.id}: ${failures === 0 ? "passed" : `${failures} failure(s)`}\n`);
  return failures === 0 ? EXIT.ok : EXIT.failed;
}

/** what a check's line says it looked at */
function checkScope(check: SelfTestCheck, tested: number, expected: number, fixtures: string | undefined): string {
  if (check === "fixtures") return fixtures === undefined ? "no fixtures folder" : `${expected} fixture(s) with expectations, ${tested - expected} without, in ${fixtures}`;
  if (check === "variant") return tested === 0 ? "the reference draws no variants" : `${tested} item(s) of student "${VARIANT_TEST_STUDENT}"`;
  return `${tested} item(s)`;
}

function where(finding: SelfTestFinding): string {
  const parts = [finding.fixture, finding.itemId].filter((part) => part !== undefined);
  return parts.length === 0 ? "" : `${parts.join(" > ")}: `;
}

/** a folder given on the command line, which must be one */
function folderOption(given: string | undefined, cwd: string): string | undefined {
  if (given === undefined) return undefined;
  const folder = resolve(cwd, given);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new NngradeError("input", `${given}: no such folder`);
  return folder;
}

/**
 * where an assignment's fixtures are when --fixtures does not say: a
 * built-in's fixtures/submissions/<id>/; a course's fixtures/<id>/ beside
 * its rubric, or fixtures/ there (what `nngrade new` writes)
 */
function defaultFixtures(assignment: Assignment): string | undefined {
  const beside = dirname(assignment.rubricFile);
  const candidates =
    isBuiltInRubric(assignment.rubricFile)
      ? [join(PACKAGE_ROOT, "fixtures", "submissions", assignment.id)]
      : [join(beside, "fixtures", assignment.id), join(beside, "fixtures")];
  return candidates.find((folder) => existsSync(folder) && statSync(folder).isDirectory());
}
