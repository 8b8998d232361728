// A rebuild worker when nngrade runs from its sources (rebuild.ts starts it
// through piscina; compiled, the pool loads dist's rebuild-job.js directly).
// Plain JavaScript for the reason src/batch/worker.js gives: a worker thread
// does not inherit tsx's loader, so it registers tsx itself.
import { registerSource } from "../../bin/register-source.js";

registerSource();
const job = await import("./rebuild-job.ts");

export const computeRun = job.computeRun;
