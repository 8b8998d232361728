import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { batchRecord } from "../../src/batch/outputs.ts";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grade/grade.ts";
import { renderCanvasGradebook } from "../../src/report/canvas.ts";
import { renderGradebook } from "../../src/report/csv.ts";
import type { GradeResult } from "../../src/report/result.ts";
import { buildClassSummary, renderSummaryHtml } from "../../src/report/summary.ts";
import { parseSubmissionText, toSubmission } from "../../src/rubric/json.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

async function gradedFixtures(id: string): Promise<GradeResult[]> {
  const assignment = await loadAssignment(id);
  const folder = join(REPO_ROOT, "fixtures", "submissions", id);
  const results: GradeResult[] = [];
  for (const name of readdirSync(folder).filter((file) => file.endsWith(".json")).sort()) {
    const file = join(folder, name);
    let submission: ReturnType<typeof toSubmission>;
    try {
      submission = toSubmission(parseSubmissionText(readFileSync(file, "utf8"), file), file);
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
      const records = full.map(batchRecord);
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
  });
});
