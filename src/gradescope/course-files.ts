/**
 * A course's own assignment travels in the autograder zip as the folder its
 * rubric lives in: the rubric, the reference (Python, TypeScript or answer
 * keys), its shipped answers in cache/, and whatever data the reference
 * reads (moons.csv). What is never needed to grade is left out: fixtures
 * (the TA's test submissions), installed and generated folders, hidden
 * files, zips. The zip lists every file it takes, so the TA sees what ships.
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { NngradeError } from "../errors.ts";
// the rubric of a built-in assignment comes with nngrade itself: nothing to bundle
export { isBuiltInRubric } from "../grade/paths.ts";

/** folders that hold no part of an assignment: test submissions, installs, outputs, caches of tools */
const SKIPPED_FOLDERS = new Set(["fixtures", "node_modules", "reports", "dist", "__pycache__", "venv", ".venv"]);

/** far more than a rubric, a reference and its data need; beyond it a course folder is probably not what was meant */
export const COURSE_BYTES_LIMIT = 64 * 1024 * 1024;

/** a path that bash takes single-quoted and Gradescope's unzip writes as it is */
const SAFE_PATH = /^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;

export interface CourseFiles {
  /** the rubric's path inside the course folder, "/"-separated */
  rubric: string;
  /** every file, by "/"-separated path inside the course folder, sorted */
  files: { path: string; content: Uint8Array }[];
}

/** The files of the course folder the rubric lives in, for the zip; refuses names a script cannot quote, links and oversized folders. */
export function courseFiles(rubricFile: string): CourseFiles {
  const root = resolve(dirname(rubricFile));
  const files: CourseFiles["files"] = [];
  let bytes = 0;
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      // hidden files, and zips: an autograder.zip built into the folder before is not part of the next one
      if (name.startsWith(".") || name.endsWith(".zip")) continue;
      const path = join(folder, name);
      const inside = relative(root, path).split(sep).join("/");
      const stat = lstatSync(path);
      if (stat.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(name)) walk(path);
        continue;
      }
      // a link could bring in any file of the machine that builds the zip
      if (!stat.isFile()) throw new NngradeError("input", `${inside}: not a regular file (a link?): the autograder takes the course folder's own files only`);
      if (!SAFE_PATH.test(inside)) {
        throw new NngradeError("input", `${inside}: expected a name of letters, digits, '.', '_' and '-' (the autograder's scripts quote it)`);
      }
      bytes += stat.size;
      if (bytes > COURSE_BYTES_LIMIT) {
        throw new NngradeError("input", `${relative(process.cwd(), root) || "."}: more than ${COURSE_BYTES_LIMIT / 1024 / 1024} MiB of files: keep an assignment in a folder of its own`);
      }
      files.push({ path: inside, content: readFileSync(path) });
    }
  };
  walk(root);
  const rubric = relative(root, resolve(rubricFile)).split(sep).join("/");
  return { rubric, files };
}
