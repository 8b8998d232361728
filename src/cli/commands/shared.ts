import { resolve } from "node:path";
import { NngradeError } from "../../errors.ts";
import type { SubmissionAnswers } from "../../grade/grade.ts";
import { readSubmissionFile, studentIdFromPath } from "../../rubric/json.ts";

/** Reads a submission file into what the grader takes; the student id falls back to the file or folder name. */
export async function loadSubmission(cwd: string, file: string): Promise<SubmissionAnswers> {
  const path = resolve(cwd, file);
  const submission = await readSubmissionFile(path, {}, file);
  // an empty id (the template's) is no id: the file or folder name stands in
  const id = submission.student?.id?.trim() || studentIdFromPath(path);
  const student: SubmissionAnswers["student"] = { id };
  if (submission.student?.name !== undefined) student.name = submission.student.name;
  const result: SubmissionAnswers = { student, answers: submission.answers, source: file };
  if (submission.assignment !== undefined) result.assignment = submission.assignment;
  return result;
}

/** "12.5" is points, "80%" a share of the maximum. */
export function parseMinScore(text: string, maxScore: number): number {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const number = Number(percent ? trimmed.slice(0, -1) : trimmed);
  if (trimmed === "" || !Number.isFinite(number) || number < 0) {
    throw new NngradeError("usage", `--min-score: expected points (12.5) or a percentage (80%), got "${text}"`);
  }
  return percent ? (number / 100) * maxScore : number;
}
