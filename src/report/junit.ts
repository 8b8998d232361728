/**
 * JUnit XML, which CI systems show as a test report: one testsuite per task,
 * one testcase per item; anything short of full points is a <failure>.
 * Every attribute and text is XML-escaped: student text reaches this file.
 */
import type { GradeResult } from "../result/types.ts";

/** the result as a JUnit XML file: a test suite per task, a test case per item */
export function renderJunit(result: GradeResult): string {
  const items = result.tasks.flatMap((task) => task.items);
  const failures = items.filter((item) => item.score < item.max_score).length;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${attr(result.assignment)}" tests="${items.length}" failures="${failures}">`,
  ];
  for (const task of result.tasks) {
    const taskFailures = task.items.filter((item) => item.score < item.max_score).length;
    lines.push(`  <testsuite name="${attr(`${task.id} ${task.title}`)}" tests="${task.items.length}" failures="${taskFailures}">`);
    for (const item of task.items) {
      const open = `    <testcase classname="${attr(`${result.assignment}.${task.id}`)}" name="${attr(item.id)}" time="0"`;
      if (item.score >= item.max_score) {
        lines.push(`${open}/>`);
        continue;
      }
      const details = [item.message, item.diagnosis ? `${item.diagnosis.code}: ${item.diagnosis.message}` : "", item.feedback ?? ""]
        .filter(Boolean)
        .join("\n");
      lines.push(`${open}>`);
      lines.push(`      <failure message="${attr(`${item.status}: ${item.score}/${item.max_score}`)}">${text(details)}</failure>`);
      lines.push("    </testcase>");
    }
    lines.push("  </testsuite>");
  }
  if (result.error) lines.push(`  <!-- could not grade: ${text(result.error.message).replace(/--/g, "- -")} -->`);
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

// characters XML 1.0 cannot hold at all are dropped rather than escaped
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(INVALID_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(value: string): string {
  return text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
