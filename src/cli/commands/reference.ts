import { disposeFastBackend, initFastBackend } from "../../engine/kernels/fastest.ts";
import { join, relative } from "node:path";
import { BUILTIN_REFERENCES, loadAssignment, shippedCacheFolder } from "../../grade/assignment.ts";
import { computeCachedRuns } from "../../grade/rebuild.ts";
import { toPythonJson } from "../../result/python-json.ts";
import type { Value } from "../../value.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { resolveAssignment } from "../../grade/course.ts";

export interface ReferenceOptions {
  assignment: string;
  json: boolean;
  rebuild: boolean;
}

/** The reference answers as a submission: checking this file gives full marks. */
export async function referenceCommand(options: ReferenceOptions, io: CommandIo): Promise<number> {
  // a rebuild trains the runs the reference lists on worker threads, one per core (rebuild.ts)
  const resolved = resolveAssignment(options.assignment, io.cwd);
  const primed = options.rebuild ? await computeCachedRuns(resolved) : undefined;
  // and whatever else its solves ask for here: on the native or WebAssembly kernels, which give the JavaScript ones' bits sooner
  if (options.rebuild) await initFastBackend();
  let assignment: Awaited<ReturnType<typeof loadAssignment>>;
  try {
    assignment = await loadAssignment(resolved, { rebuild: options.rebuild, ...(primed ? { primed } : {}) });
  } finally {
    if (options.rebuild) await disposeFastBackend();
  }
  const answers: Record<string, Value> = {};
  for (const [taskId, solution] of assignment.solutions) answers[taskId] = solution.answers;
  const submission = {
    assignment: assignment.id,
    student: { id: "reference", name: "Reference solution" },
    answers,
  };
  io.stdout(`${toPythonJson(submission, options.json ? undefined : 2)}\n`);
  if (options.rebuild) {
    // on stderr: `reference --rebuild > key.json` stays a submission
    const folder = shippedCacheFolder(assignment.rubricFile, assignment.rubric) ?? join(BUILTIN_REFERENCES, "cache");
    io.stderr(`nngrade: the reference's results written to ${relative(io.cwd, join(folder, `${assignment.reference.id}.json`)) || "."}\n`);
  }
  return EXIT.ok;
}
