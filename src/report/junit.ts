/**
 * JUnit XML, which CI systems show as a test report: one testsuite per task,
 * one testcase per item; anything short of full points is a <failure>, a
 * submission that could not be graded one testcase with an <error>. Valid
 * against both schemas CI tools read it by: the Jenkins xUnit plugin's
 * junit-10.xsd and Apache Ant's JUnit.xsd (test/report/schemas), whose
 * intersection is strict: no attributes on <testsuites>; on each testsuite
 * package, id, errors, time, hostname and a timestamp without a time zone;
 * <properties> first and <system-out>, <system-err> last; a type on every
 * failure. Every attribute and text is XML-escaped: student text reaches
 * this file.
 */
import type { GradeResult, ItemResult } from "../result/types.ts";

export interface JunitOptions {
  /** the machine the grading ran on; "localhost", as Ant's schema asks when it is not known */
  hostname?: string;
}

interface Case {
  name: string;
  /** a failure or an error, with its type, message and longer text */
  outcome?: { element: "failure" | "error"; type: string; message: string; text: string };
}

interface Suite {
  name: string;
  /** the testcases' classname: the assignment and the task */
  classname: string;
  properties: [string, string][];
  cases: Case[];
}

/** the result as a JUnit XML file: a test suite per task, a test case per item */
export function renderJunit(result: GradeResult, options: JunitOptions = {}): string {
  const suites: Suite[] = [];
  if (result.error) {
    suites.push({
      name: "submission",
      classname: `${result.assignment}.submission`,
      properties: [["assignment", result.assignment]],
      cases: [{ name: "the submission can be read and graded", outcome: { element: "error", type: result.error.code, message: result.error.message, text: result.error.message } }],
    });
  }
  for (const task of result.tasks) {
    suites.push({
      name: `${task.id} ${task.title}`,
      classname: `${result.assignment}.${task.id}`,
      properties: [
        ["assignment", result.assignment],
        ["points", `${task.score}/${task.max_score}`],
      ],
      cases: task.items.map((item) => ({ name: item.id, outcome: item.score < item.max_score ? failureOf(item) : undefined })),
    });
  }
  const timestamp = junitTimestamp(result.generated_at);
  const hostname = options.hostname?.trim() || "localhost";
  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, "<testsuites>"];
  suites.forEach((suite, id) => {
    const count = (element: "failure" | "error") => suite.cases.filter((testcase) => testcase.outcome?.element === element).length;
    lines.push(
      `  <testsuite name="${attr(suite.name)}" package="${attr(result.assignment)}" id="${id}" tests="${suite.cases.length}" failures="${count("failure")}" errors="${count("error")}" skipped="0" time="0" timestamp="${timestamp}" hostname="${attr(hostname)}">`,
    );
    lines.push("    <properties>");
    for (const [name, value] of suite.properties) lines.push(`      <property name="${attr(name)}" value="${attr(value)}"/>`);
    lines.push("    </properties>");
    const classname = attr(suite.classname);
    for (const testcase of suite.cases) {
      const open = `    <testcase classname="${classname}" name="${attr(testcase.name)}" time="0"`;
      const outcome = testcase.outcome;
      if (outcome === undefined) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      lines.push(`      <${outcome.element} type="${attr(outcome.type)}" message="${attr(outcome.message)}">${text(outcome.text)}</${outcome.element}>`);
      lines.push("    </testcase>");
    }
    lines.push("    <system-out/>", "    <system-err/>", "  </testsuite>");
  });
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

/** what is wrong, in the message CI tools show first; the diagnosis and the rubric's feedback in the text */
function failureOf(item: ItemResult): Case["outcome"] {
  const what = item.message || item.status;
  const message = `${what}${item.diagnosis ? ` (${item.diagnosis.message})` : ""}: ${item.score}/${item.max_score} points`;
  const text = [item.message, item.diagnosis ? `${item.diagnosis.code}: ${item.diagnosis.message}` : "", item.feedback ?? ""].filter(Boolean).join("\n");
  return { element: "failure", type: item.status, message, text: text || message };
}

/**
 * Ant's schema takes a timestamp with neither a time zone nor fractions of
 * a second: the result's own time in UTC, to the second (now when the
 * result has none it can read).
 */
function junitTimestamp(generatedAt: string | undefined): string {
  const time = generatedAt === undefined ? Number.NaN : Date.parse(generatedAt);
  return new Date(Number.isFinite(time) ? time : Date.now()).toISOString().slice(0, 19);
}

// characters XML 1.0 cannot hold at all are dropped rather than escaped
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(INVALID_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(value: string): string {
  return text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
