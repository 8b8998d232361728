/**
 * GitHub Actions: workflow commands that annotate the run (::error for an item
 * short of its points, ::warning for a flag) and a Markdown step summary.
 * Workflow-command data is escaped as the runner expects (%, CR, LF; in
 * properties also : and ,) so student text cannot start a command of its own.
 */
import type { GradeResult } from "../result/types.ts";

/** the result as GitHub Actions annotations (::error file=...::) on the submission file */
export function renderAnnotations(result: GradeResult, file: string): string {
  const lines: string[] = [];
  for (const task of result.tasks) {
    for (const item of task.items) {
      if (item.score >= item.max_score) continue;
      const detail = item.diagnosis ? `${item.message} (${item.diagnosis.message})` : item.message;
      lines.push(`::error file=${property(file)},title=${property(`${item.id}: ${item.score}/${item.max_score}`)}::${data(detail)}`);
    }
  }
  for (const flag of result.flags) lines.push(`::warning file=${property(file)},title=${property(flag.code)}::${data(flag.message)}`);
  if (result.error) lines.push(`::error file=${property(file)},title=could not grade::${data(result.error.message)}`);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/** the result as a GitHub Actions step summary (Markdown) */
export function renderStepSummary(result: GradeResult): string {
  const rows = result.tasks.map((task) => {
    const missed = task.items.filter((item) => item.score < item.max_score).map((item) => `\`${cell(item.id)}\``);
    return `| ${cell(task.id)} | ${cell(task.title)} | ${task.score}/${task.max_score} | ${missed.join(", ") || "✓"} |`;
  });
  const flags = result.flags.map((flag) => `- **${cell(flag.code)}**: ${cell(flag.message)}`);
  return [
    `### ${cell(result.assignment)}: ${result.score}/${result.max_score}`,
    "",
    "| task | title | points | to look at |",
    "| --- | --- | --- | --- |",
    ...rows,
    ...(flags.length ? ["", ...flags] : []),
    "",
  ].join("\n");
}

function data(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function property(value: string): string {
  return data(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Markdown table cells: no pipes, no line breaks, no raw HTML from student text */
function cell(value: string): string {
  return value.replace(/[|\r\n]/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
