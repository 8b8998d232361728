// A grading worker of the batch pool when nngrade runs from its sources
// (pool.ts starts it through piscina; compiled, the pool loads dist's job.js
// directly). Plain JavaScript because a worker thread does not inherit tsx's
// loader when nngrade is started through tsx's register() (bin/nngrade.js)
// or vitest: it registers tsx itself, then loads the TypeScript job. piscina
// calls gradeJob once per submission; the assignment is loaded as the thread
// starts (job.ts, from the pool's workerData) and kept for the thread's life.
import { registerSource } from "../../bin/register-source.js";

registerSource();
const job = await import("./job.ts");

export const gradeJob = job.gradeJob;
