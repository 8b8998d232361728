import { dirname, join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../package-root.ts";

/** Where the package's own files are, whatever the working directory. */
export { PACKAGE_ROOT };
export const BUILTIN_RUBRICS = join(PACKAGE_ROOT, "rubrics");
export const BUILTIN_REFERENCES = join(PACKAGE_ROOT, "reference");

/** a rubric that ships with nngrade (rubrics/), however its path is written; a course's lives anywhere else */
export function isBuiltInRubric(rubricFile: string): boolean {
  return resolve(dirname(rubricFile)) === resolve(BUILTIN_RUBRICS);
}
