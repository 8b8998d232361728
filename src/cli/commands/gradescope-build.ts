import { resolve } from "node:path";
import { writeFileAtomic } from "../../atomic-write.ts";
import { ENGINE_VERSION } from "../../engine/version.ts";
import { NngradeError } from "../../errors.ts";
import { loadAssignment } from "../../grade/assignment.ts";
import { BUNDLE_FILES, buildBundle } from "../../gradescope/bundle.ts";
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

/** the image installs nngrade's own rubrics: a rubric file given by path would not be in it */

/**
 * Writes an autograder.zip for a Gradescope programming assignment that
 * grades one built-in assignment; deterministic for one source tree and one
 * SOURCE_DATE_EPOCH.
 */
export async function gradescopeBuildCommand(options: GradescopeBuildOptions, io: CommandIo): Promise<number> {
  if (!ASSIGNMENT_ID.test(options.assignment)) {
    throw new NngradeError("usage", `gradescope build: "${options.assignment.slice(0, 60)}" is not a built-in assignment id (see nngrade list)`);
  }
  const time = zipTime(io.env);
  // loading runs the reference once: an assignment that cannot grade is refused here, not on Gradescope
  const assignment = await loadAssignment(resolveAssignment(options.assignment, io.cwd));
  const packed = await packPackage();
  const zip = buildBundle({ assignment, engineVersion: ENGINE_VERSION, packed, time });
  const path = resolve(io.cwd, options.out);
  try {
    await writeFileAtomic(path, zip);
  } catch (error) {
    throw new NngradeError("input", `${options.out}: cannot write the autograder (${(error as Error).message})`, { cause: error });
  }
  const files = Object.values(BUNDLE_FILES).filter((name) => name !== BUNDLE_FILES.lockfile || packed.lockfile);
  io.stdout(`${assignment.id}: ${options.out} written (${Math.ceil(zip.byteLength / 1024)} KiB, ${packed.name}@${packed.version})\n`);
  io.stdout(`  ${[...files].sort().join(", ")}\n`);
  io.stdout(`  rubric sha256 ${assignment.rubricHash}\n`);
  io.stdout(
    "upload it as the autograder of a Gradescope programming assignment (ubuntu base image); students submit one .json file\n",
  );
  return EXIT.ok;
}
