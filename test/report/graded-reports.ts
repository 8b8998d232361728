/**
 * Real reports for the tests that look at the HTML as a browser and the
 * checkers see it (layout.long.ts, a11y.long.ts): fixture submissions
 * graded as `nngrade grade` grades a class (every report and summary.html),
 * or one submission graded as a batch grades it (scope "all") and rendered.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { loadSubmission } from "../../src/rubric/submission-file.ts";
import type { Value } from "../../src/value.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";

/** grades the assignment's fixture folder into `out` with the command line; answers the path of each named report there */
export async function gradeClass(assignment: string, out: string, names: readonly string[]): Promise<Record<string, string>> {
  const { code, stderr } = await runCli(["grade", `fixtures/submissions/${assignment}`, "-a", assignment, "--out", out]);
  if (code !== 0) throw new Error(`nngrade grade ${assignment}: exit ${code}: ${stderr}`);
  const paths: Record<string, string> = {};
  for (const name of names) {
    const path = join(out, `${name}.html`);
    // a renamed fixture would otherwise drop a report from the checks without a word
    if (!existsSync(path)) throw new Error(`nngrade grade ${assignment} wrote no ${name}.html`);
    paths[name] = path;
  }
  return paths;
}

/** one fixture submission graded as a batch grades it */
export async function gradeFixture(assignment: string, fixture: string): Promise<GradeResult> {
  const submission = await loadSubmission(REPO_ROOT, `fixtures/submissions/${assignment}/${fixture}`);
  return gradeSubmission(await loadAssignment(assignment), submission, { scope: "all" });
}

const MARKUP = `<script>alert(1)</script><img src=x onerror=alert(2)>"'\`{{constructor}}`;
/** no space to break at: a layout must wrap it or scroll it, never let it run over the next column */
const UNBROKEN = "x".repeat(140);

/**
 * The result with what a hostile student can write put everywhere a student
 * writes: name and id, a string answer, an object's keys and a long list of
 * strings, each markup and long runs without a space.
 */
export function hostileResult(result: GradeResult): GradeResult {
  const copy = structuredClone(result);
  copy.student = { id: `${copy.student.id}${MARKUP}`, name: `${MARKUP} ${UNBROKEN}` };
  const items = copy.tasks.flatMap((task) => task.items);
  const [first, second, third] = items;
  if (first === undefined || second === undefined || third === undefined) throw new Error("the result has fewer than three items");
  first.received = `${MARKUP}${UNBROKEN}`;
  first.message = `${first.message} ${UNBROKEN}`;
  const keyed: Record<string, Value> = { [`${MARKUP}${UNBROKEN}`]: UNBROKEN, [MARKUP]: [MARKUP, UNBROKEN, 1e300] };
  second.received = keyed;
  third.received = Array.from({ length: 12 }, (_, i) => `${UNBROKEN.slice(0, 30 + i)}${MARKUP}`);
  return copy;
}
