import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { batchRecord } from "../../src/batch/outputs.ts";
import { RecordKeeper } from "../../src/batch/record.ts";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { renderCanvasGradebook } from "../../src/report/canvas.ts";
import { renderGradebook } from "../../src/report/csv.ts";
import type { GradeResult } from "../../src/result/types.ts";
import type { Value } from "../../src/value.ts";
import { buildClassSummary, isDistinctive, renderSummaryHtml } from "../../src/report/summary.ts";
import { parseSubmission } from "../../src/rubric/submission.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

async function gradedFixtures(id: string): Promise<GradeResult[]> {
  const assignment = await loadAssignment(id);
  const folder = join(REPO_ROOT, "fixtures", "submissions", id);
  const results: GradeResult[] = [];
  for (const name of readdirSync(folder).filter((file) => file.endsWith(".json") && !file.endsWith(".expect.json")).sort()) {
    const file = join(folder, name);
    let submission: ReturnType<typeof parseSubmission>;
    try {
      submission = parseSubmission(readFileSync(file, "utf8"), file);
    } catch {
      continue; // the malformed fixtures: no result to compact
    }
    const student = { id: name.replace(/\.json$/, "") };
    results.push(gradeSubmission(assignment, { student, answers: submission.answers, source: name }, { scope: "all", generatedAt: "2026-01-01T00:00:00.000Z" }));
  }
  return results;
}

describe("the record a batch keeps per student", () => {
  for (const id of ["hw4-hyperparameters", "hw3b-hyperparameter-optimization"]) {
    it(`gives ${id}'s gradebooks and class summary exactly as the full results do`, async () => {
      const full = await gradedFixtures(id);
      // as a batch keeps them: made on a worker, cloned to the main thread, then kept
      const keeper = new RecordKeeper();
      const records = full.map((result) => keeper.keep(structuredClone(batchRecord(result))));
      const assignment = await loadAssignment(id);
      const taskIds = assignment.plan.tasks.map((task) => task.id);
      expect(records.map((r) => renderGradebook([r], taskIds))).toEqual(full.map((r) => renderGradebook([r], taskIds)));
      const canvas = { title: assignment.title, pointsPossible: full[0]?.max_score ?? 0 };
      expect(renderCanvasGradebook(records, canvas)).toBe(renderCanvasGradebook(full, canvas));
      expect(renderSummaryHtml(buildClassSummary(records, taskIds), "t")).toBe(renderSummaryHtml(buildClassSummary(full, taskIds), "t"));
    });
  }

  it("drops expected values, plots and passed answers, and is much smaller", async () => {
    const full = await gradedFixtures("hw3b-hyperparameter-optimization");
    const records = full.map(batchRecord);
    const items = records.flatMap((r) => r.tasks.flatMap((t) => t.items));
    expect(items.some((item) => item.expected !== undefined || item.plot !== undefined)).toBe(false);
    expect(items.some((item) => item.status === "pass" && item.received !== undefined)).toBe(false);
    expect(items.some((item) => item.status !== "pass" && item.received !== undefined)).toBe(true);
    expect(JSON.stringify(records).length).toBeLessThan(JSON.stringify(full).length / 3);
    // the summary compares only answers not shared by chance: a wrong true or 0.5 is not kept
    expect(items.filter((item) => item.received !== undefined).every((item) => isDistinctive(item.received as Value))).toBe(true);
  });

  it("keeps what students have in common once, and each student's own answers apart", async () => {
    const full = await gradedFixtures("hw4-hyperparameters");
    const keeper = new RecordKeeper();
    const kept = [...full, ...full].map((result) => keeper.keep(structuredClone(batchRecord(result))));
    const items = (record: GradeResult) => record.tasks.flatMap((task) => task.items);
    let answers = 0;
    for (let k = 0; k < full.length; k++) {
      const [first, again] = [kept[k] as GradeResult, kept[k + full.length] as GradeResult];
      // the same student graded twice: every answer-less item record is the very same object, frozen
      const shared = items(first).filter((item) => item.received === undefined);
      const sharedAgain = items(again).filter((item) => item.received === undefined);
      shared.forEach((item, j) => {
        expect(sharedAgain[j]).toBe(item);
        expect(Object.isFrozen(item)).toBe(true);
      });
      // an answer stays the student's own, equal to what was graded
      for (const item of items(first).filter((candidate) => candidate.received !== undefined)) {
        const twin = items(again).find((other) => other.id === item.id);
        expect(twin).not.toBe(item);
        expect(twin?.received).toEqual(item.received);
        answers++;
      }
    }
    expect(answers).toBeGreaterThan(0);
    // and a passed item of one student is another's when they match
    const passes = new Set(kept.flatMap((record) => items(record).filter((item) => item.status === "pass")));
    expect(passes.size).toBeLessThan(kept.flatMap((record) => items(record).filter((item) => item.status === "pass")).length / 2);
  });
});
