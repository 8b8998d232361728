/**
 * Gradescope's autograder results.json (its documented "tests" format): one
 * test per graded item, scores as the result has them. Visibility follows the
 * rubric: a visible item is "visible"; a hidden one (not part of the
 * self-check) is shown once grades are published, "after_published".
 * Output is plain text (Gradescope's default format), so nothing is rendered
 * as markup.
 */
import { STATUS_LABELS } from "./format.ts";
import type { GradeResult, ItemResult } from "../result/types.ts";

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output: string;
  visibility: "visible" | "after_published";
}

export interface GradescopeResults {
  score: number;
  output: string;
  visibility: "visible";
  stdout_visibility: "hidden";
  tests: GradescopeTest[];
}

/** the result as Gradescope's results object: a test per item, hidden items after publication */
export function toGradescope(result: GradeResult): GradescopeResults {
  const tests = result.tasks.flatMap((task, t) =>
    task.items.map(
      (item, i): GradescopeTest => ({
        name: `${item.id} (${task.title})`,
        number: `${t + 1}.${i + 1}`,
        score: item.score,
        max_score: item.max_score,
        status: item.score >= item.max_score ? "passed" : "failed",
        output: itemOutput(item),
        visibility: item.visibility === "hidden" ? "after_published" : "visible",
      }),
    ),
  );
  const lines = [`${result.assignment}: ${result.score}/${result.max_score}`];
  if (result.error) lines.push(`could not grade: ${result.error.message}`);
  for (const flag of result.flags) lines.push(`flag ${flag.code}: ${flag.message}`);
  return { score: result.score, output: lines.join("\n"), visibility: "visible", stdout_visibility: "hidden", tests };
}

/** the result as Gradescope's results.json text */
export function renderGradescope(result: GradeResult): string {
  return `${JSON.stringify(toGradescope(result), null, 2)}\n`;
}

function itemOutput(item: ItemResult): string {
  const label = STATUS_LABELS[item.status] ?? item.status;
  // a message that already names its status ("... (error carried forward)") is not prefixed with it again
  const lines = [item.message.includes(label) ? item.message : `${label}: ${item.message}`];
  if (item.diagnosis) lines.push(`${item.diagnosis.code}: ${item.diagnosis.message}`);
  if (item.feedback) lines.push(item.feedback);
  return lines.join("\n");
}
