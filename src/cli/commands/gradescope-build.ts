import { resolve } from "node:path";
import { writeFileAtomic } from "../../atomic-write.ts";
import { ENGINE_VERSION } from "../../engine/version.ts";
import { NngradeError } from "../../errors.ts";
import { loadAssignment, pythonReferenceFile } from "../../grade/assignment.ts";
import { BUNDLE_FILES, buildBundle, COURSE_FOLDER } from "../../gradescope/bundle.ts";
import { courseFiles, isBuiltInRubric } from "../../gradescope/course-files.ts";
import { packPackage } from "../../gradescope/pack.ts";
import { zipTime } from "../../gradescope/zip.ts";
import type { CommandIo } from "../io.ts";
import { EXIT } from "../exit-codes.ts";
import { resolveAssignment } from "../../grade/course.ts";
import { ASSIGNMENT_ID } from "../../rubric/types.ts";

export interface GradescopeBuildOptions {
  assignment: string;
  out: string;
}

/**
 * Writes an autograder.zip for a Gradescope programming assignment that
 * grades one assignment: a built-in one, or a course's own (by its id in
 * the course folder, or its rubric's path), whose folder goes into the zip.
 * Deterministic for one source tree and one SOURCE_DATE_EPOCH.
 */
export async function gradescopeBuildCommand(options: GradescopeBuildOptions, io: CommandIo): Promise<number> {
  const time = zipTime(io.env);
  // loading runs the reference once: an assignment that cannot grade is refused here, not on Gradescope
  const assignment = await loadAssignment(resolveAssignment(options.assignment, io.cwd));
  // the id goes into the scripts; a course rubric's id is checked by its schema, but say so here rather than in bash
  if (!ASSIGNMENT_ID.test(assignment.id)) throw new NngradeError("usage", `gradescope build: "${assignment.id.slice(0, 60)}" is not an assignment id`);
  const course = isBuiltInRubric(assignment.rubricFile)
    ? undefined
    : { ...courseFiles(assignment.rubricFile), python: pythonReferenceFile(assignment.rubricFile, assignment.reference.id) !== undefined };
  const packed = await packPackage();
  const zip = buildBundle({ assignment, engineVersion: ENGINE_VERSION, packed, time, ...(course ? { course } : {}) });
  const path = resolve(io.cwd, options.out);
  try {
    await writeFileAtomic(path, zip);
  } catch (error) {
    throw new NngradeError("input", `${options.out}: cannot write the autograder (${(error as Error).message})`, { cause: error });
  }
  const files = [
    ...Object.values(BUNDLE_FILES).filter((name) => name !== BUNDLE_FILES.lockfile || packed.lockfile),
    ...(course?.files.map((file) => `${COURSE_FOLDER}/${file.path}`) ?? []),
  ];
  io.stdout(`${assignment.id}: ${options.out} written (${Math.ceil(zip.byteLength / 1024)} KiB, ${packed.name}@${packed.version})\n`);
  io.stdout(`  ${[...files].sort().join(", ")}\n`);
  io.stdout(`  rubric sha256 ${assignment.rubricHash}\n`);
  io.stdout(
    "upload it as the autograder of a Gradescope programming assignment (ubuntu base image); students submit one .json file\n",
  );
  return EXIT.ok;
}
