/**
 * Gradescope's autograder results.json (its documented "tests" format): one
 * test per graded item, scores as the result has them. Visibility follows the
 * rubric: a visible item is "visible"; a hidden one (not part of the
 * self-check) is shown once grades are published, "after_published".
 *
 * Every text is "text" (output_format, name_format): Gradescope's default,
 * simple_format, renders HTML, and a message may quote what a student wrote
 * (a file name, an answer), so nothing is ever read as markup.
 *
 * What the top-level output says is what a student reads at once. Gradescope
 * hides the total score while any test is hidden from students ("If test
 * cases are hidden, students will not be able to see their total score"), so
 * the output must not give it away either: with hidden items graded it gives
 * the visible items' points only, and says how many items and points are
 * shown when grades are published; no hidden item's score or message, and
 * only the flags a student may read (result/flags.ts).
 */
import { fromMicro, toMicro } from "../grade/points.ts";
import { studentFlags } from "../result/flags.ts";
import type { GradeResult, ItemResult } from "../result/types.ts";
import { formatScore, STATUS_LABELS } from "./format.ts";

/** how Gradescope shows a string: plain text, never markup */
export type GradescopeFormat = "text";

export interface GradescopeTest {
  name: string;
  name_format: GradescopeFormat;
  number: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output: string;
  output_format: GradescopeFormat;
  visibility: "visible" | "after_published";
}

export interface GradescopeResults {
  score: number;
  output: string;
  output_format: GradescopeFormat;
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
        name_format: "text",
        number: `${t + 1}.${i + 1}`,
        score: item.score,
        max_score: item.max_score,
        status: item.score >= item.max_score ? "passed" : "failed",
        output: itemOutput(item),
        output_format: "text",
        visibility: item.visibility === "hidden" ? "after_published" : "visible",
      }),
    ),
  );
  return {
    score: result.score,
    output: topOutput(result).join("\n"),
    output_format: "text",
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
  };
}

/** the result as Gradescope's results.json text */
export function renderGradescope(result: GradeResult): string {
  return `${JSON.stringify(toGradescope(result), null, 2)}\n`;
}

/** the submission's own lines: the score a student may see now, why it could not be graded, the flags for them */
function topOutput(result: GradeResult): string[] {
  const items = result.tasks.flatMap((task) => task.items);
  const hidden = items.filter((item) => item.visibility === "hidden");
  const lines: string[] = [];
  if (hidden.length === 0) {
    lines.push(`${result.assignment}: ${formatScore(result.score)}/${formatScore(result.max_score)}`);
  } else {
    const shown = items.filter((item) => item.visibility !== "hidden");
    const points = (list: readonly ItemResult[], key: "score" | "max_score") => formatScore(fromMicro(list.reduce((sum, item) => sum + toMicro(item[key]), 0)));
    lines.push(
      `${result.assignment}: ${points(shown, "score")}/${points(shown, "max_score")} on the items shown now; ` +
        `${hidden.length} more item(s), ${points(hidden, "max_score")} points, are shown with your total when grades are published`,
    );
  }
  if (result.error) lines.push(`could not grade: ${result.error.message}`);
  for (const flag of studentFlags(result.flags)) lines.push(`flag ${flag.code}: ${flag.message}`);
  return lines;
}

function itemOutput(item: ItemResult): string {
  const label = STATUS_LABELS[item.status] ?? item.status;
  // a message that already names its status ("... (error carried forward)") is not prefixed with it again
  const lines = [item.message.includes(label) ? item.message : `${label}: ${item.message}`];
  if (item.diagnosis) lines.push(`${item.diagnosis.code}: ${item.diagnosis.message}`);
  if (item.feedback) lines.push(item.feedback);
  return lines.join("\n");
}
