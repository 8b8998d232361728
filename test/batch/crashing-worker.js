// A grading worker that misbehaves on purpose, for the crash-isolation tests:
// it kills its own thread on one submission and throws on another, and grades
// the rest as src/batch/worker.js does.
import { registerSource } from "../../bin/register-source.js";

registerSource();
const job = await import("../../src/batch/job.ts");

export async function gradeJob(task) {
  if (task.source.endsWith("mistake-transposed.json")) process.exit(70);
  if (task.source.endsWith("mistake-sign-carried.json")) throw new Error("simulated crash in the grader");
  return job.gradeJob(task);
}
