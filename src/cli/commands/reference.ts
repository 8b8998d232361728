import { disposeFastBackend, initFastBackend } from "../../engine/kernels/fastest.ts";
import { loadAssignment } from "../../grade/assignment.ts";
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
  const primed = options.rebuild ? await computeCachedRuns(options.assignment) : undefined;
  // and whatever else its solves ask for here: on the native or WebAssembly kernels, which give the JavaScript ones' bits sooner
  if (options.rebuild) await initFastBackend();
  let assignment: Awaited<ReturnType<typeof loadAssignment>>;
  try {
    assignment = await loadAssignment(resolveAssignment(options.assignment, io.cwd), { rebuild: options.rebuild, ...(primed ? { primed } : {}) });
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
  return EXIT.ok;
}
