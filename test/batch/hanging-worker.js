// A grading worker that never finishes one submission, for the timeout tests:
// on mistake-transposed.json it tells the pool its job began (as gradeJob does
// once the assignment is loaded), then spins in synchronous code that only
// terminating the thread can stop. The rest are graded as src/batch/worker.js does.
import { registerSource } from "../../bin/register-source.js";

registerSource();
const job = await import("../../src/batch/job.ts");

export async function gradeJob(task) {
  if (task.source.endsWith("mistake-transposed.json")) {
    job.jobStarted(task);
    for (;;);
  }
  return job.gradeJob(task);
}
