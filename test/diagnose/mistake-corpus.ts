/**
 * Grades every case of mistake-corpus.json (the reference with one labelled
 * student mistake, from make_mistake_corpus.py) and counts, per diagnosis
 * code, how often a diagnosis that was given is right (precision) and how
 * often a labelled mistake gets its diagnosis (recall).
 *
 * A diagnosis is right when it sits on one of the case's target items with
 * the case's code; any other diagnosis the mistake brings about (on a target
 * with another code, on another item, or where the label says "say nothing")
 * is a wrong one. A case whose targets all pass (the mistake changes nothing
 * the comparison sees) counts for neither.
 *
 * Run:  npx tsx test/diagnose/mistake-corpus.ts   (prints the table)
 */
import { readFileSync } from "node:fs";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { parsePath } from "../../src/rubric/answers.ts";

export interface CorpusCase {
  assignment: string;
  mistake: string;
  changes: { item: string; value: unknown }[];
  targets: string[];
  expected: string | null;
  /** other codes that are as right for this answer (it is both mistakes at once) */
  accept?: string[];
}

export interface CodeCount {
  /** diagnoses given with this code */
  given: number;
  /** of them, right */
  right: number;
  /** cases labelled with this code, whose mistake the grader sees */
  labelled: number;
  /** of them, with the code on their first target */
  found: number;
}

/** what one case's submission got: the diagnoses its mistake brought about, and every item that did not pass */
export interface CaseOutcome {
  corpusCase: CorpusCase;
  diagnoses: { item: string; code: string; message: string }[];
  notPassed: Record<string, string>;
}

export interface CorpusReport {
  cases: number;
  outcomes: CaseOutcome[];
  /** cases where the mistake changed nothing the comparison sees */
  invisible: number;
  byCode: Map<string, CodeCount>;
  /** every wrong diagnosis: which case, which item, what it said */
  wrong: { mistake: string; item: string; expected: string | null; got: string; message: string }[];
  /** labelled cases that got no (or another) diagnosis on their first target */
  missed: { mistake: string; item: string; expected: string; got: string | null }[];
}

export function readCorpus(): CorpusCase[] {
  const file = new URL("./mistake-corpus.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { cases: CorpusCase[] }).cases;
}

function referenceAnswers(assignment: Assignment): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [taskId, solution] of assignment.solutions) answers[taskId] = solution.answers;
  return structuredClone(answers);
}

/** sets the value at a full item id ("s1.steps[0].w1"), task id first */
function put(answers: Record<string, unknown>, itemId: string, value: unknown): void {
  const dot = itemId.indexOf(".");
  const taskId = itemId.slice(0, dot);
  const segments = parsePath(itemId.slice(dot + 1));
  let node = answers[taskId] as Record<string | number, unknown>;
  for (const segment of segments.slice(0, -1)) {
    const key = segment.kind === "index" ? segment.index : segment.kind === "key" ? segment.key : "";
    node = node[key] as Record<string | number, unknown>;
  }
  const last = segments.at(-1);
  if (last === undefined) throw new Error(`corpus: no path in ${itemId}`);
  node[last.kind === "index" ? last.index : last.kind === "key" ? last.key : ""] = value;
}

function itemsOf(result: GradeResult) {
  return result.tasks.flatMap((task) => task.items);
}

const count = (byCode: Map<string, CodeCount>, code: string): CodeCount => {
  const found = byCode.get(code) ?? { given: 0, right: 0, labelled: 0, found: 0 };
  byCode.set(code, found);
  return found;
};

export async function runCorpus(cases: readonly CorpusCase[]): Promise<CorpusReport> {
  const assignments = new Map<string, Assignment>();
  const baselines = new Map<string, Map<string, string>>();
  const report: CorpusReport = { cases: cases.length, outcomes: [], invisible: 0, byCode: new Map(), wrong: [], missed: [] };
  for (const corpusCase of cases) {
    let assignment = assignments.get(corpusCase.assignment);
    if (assignment === undefined) {
      assignment = await loadAssignment(corpusCase.assignment);
      assignments.set(corpusCase.assignment, assignment);
      const base = gradeSubmission(assignment, { student: { id: "reference" }, answers: referenceAnswers(assignment) });
      baselines.set(corpusCase.assignment, new Map(itemsOf(base).map((item) => [item.id, `${item.status} ${item.diagnosis?.code ?? ""}`])));
    }
    const answers = referenceAnswers(assignment);
    for (const change of corpusCase.changes) put(answers, change.item, structuredClone(change.value));
    const result = gradeSubmission(assignment, { student: { id: "corpus" }, answers });
    const items = new Map(itemsOf(result).map((item) => [item.id, item]));
    const baseline = baselines.get(corpusCase.assignment) as Map<string, string>;
    const outcome: CaseOutcome = { corpusCase, diagnoses: [], notPassed: {} };
    report.outcomes.push(outcome);
    for (const item of items.values()) if (item.status !== "pass") outcome.notPassed[item.id] = item.status;
    if (corpusCase.targets.every((id) => items.get(id)?.status === "pass")) {
      report.invisible++;
      continue;
    }
    for (const item of items.values()) {
      if (item.diagnosis === null || baseline.get(item.id) === `${item.status} ${item.diagnosis.code}`) continue;
      outcome.diagnoses.push({ item: item.id, code: item.diagnosis.code, message: item.diagnosis.message });
      const tally = count(report.byCode, item.diagnosis.code);
      tally.given++;
      const rightCode = item.diagnosis.code === corpusCase.expected || (corpusCase.accept ?? []).includes(item.diagnosis.code);
      if (corpusCase.targets.includes(item.id) && rightCode) tally.right++;
      else report.wrong.push({ mistake: corpusCase.mistake, item: item.id, expected: corpusCase.expected, got: item.diagnosis.code, message: item.diagnosis.message });
    }
    if (corpusCase.expected !== null) {
      const tally = count(report.byCode, corpusCase.expected);
      tally.labelled++;
      const first = corpusCase.targets[0] as string;
      const got = items.get(first)?.diagnosis?.code ?? null;
      if (got === corpusCase.expected || (got !== null && (corpusCase.accept ?? []).includes(got))) tally.found++;
      else report.missed.push({ mistake: corpusCase.mistake, item: first, expected: corpusCase.expected, got });
    }
  }
  return report;
}

export function formatReport(report: CorpusReport): string {
  const lines = [`${report.cases} cases, ${report.invisible} invisible to the comparison`, "code             given  right  precision  labelled  found  recall"];
  const ratio = (a: number, b: number) => (b === 0 ? "   -" : (a / b).toFixed(3));
  for (const [code, c] of [...report.byCode].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`${code.padEnd(16)} ${String(c.given).padStart(5)}  ${String(c.right).padStart(5)}  ${ratio(c.right, c.given).padStart(9)}  ${String(c.labelled).padStart(8)}  ${String(c.found).padStart(5)}  ${ratio(c.found, c.labelled).padStart(6)}`);
  }
  return lines.join("\n");
}


if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  const report = await runCorpus(readCorpus());
  console.log(formatReport(report));
  const verbose = process.argv.includes("--verbose");
  const wrongByKind = new Map<string, number>();
  for (const w of report.wrong) wrongByKind.set(`${w.mistake} -> ${w.got}`, (wrongByKind.get(`${w.mistake} -> ${w.got}`) ?? 0) + 1);
  console.log("\nwrong diagnoses by mistake -> code:");
  for (const [k, n] of [...wrongByKind].sort((a, b) => b[1] - a[1])) console.log(`  ${n}  ${k}`);
  if (verbose) for (const w of report.wrong) console.log(JSON.stringify(w));
  const missedByKind = new Map<string, number>();
  for (const m of report.missed) missedByKind.set(`${m.mistake} (${m.expected}) -> ${m.got}`, (missedByKind.get(`${m.mistake} (${m.expected}) -> ${m.got}`) ?? 0) + 1);
  console.log("\nmissed by mistake -> got:");
  for (const [k, n] of [...missedByKind].sort((a, b) => b[1] - a[1])) console.log(`  ${n}  ${k}`);
  if (verbose) for (const m of report.missed) console.log(JSON.stringify(m));
}
