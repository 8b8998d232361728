/**
 * The autograder.zip Gradescope takes for a programming assignment: at its
 * root setup.sh and run_autograder (scripts.ts), nngrade as an npm tarball
 * with its lockfile, nngrade-assignment.txt saying what it grades with, and
 * for a course's own assignment its folder as course/ (course-files.ts).
 */
import { createHash } from "node:crypto";
import type { CourseFiles } from "./course-files.ts";
import type { PackedPackage } from "./pack.ts";
import { runAutograderScript, setupScript } from "./scripts.ts";
import { deterministicZip, type ZipEntry } from "./zip.ts";

export const BUNDLE_FILES = {
  setup: "setup.sh",
  run: "run_autograder",
  tarball: "nngrade.tgz",
  lockfile: "package-lock.json",
  info: "nngrade-assignment.txt",
} as const;

/** the folder in the zip that holds a course's own assignment */
export const COURSE_FOLDER = "course";

export interface BundleInput {
  assignment: { id: string; title: string; rubricHash: string };
  engineVersion: string;
  packed: PackedPackage;
  /** every entry's modification time */
  time: Date;
  /** a course's own assignment: its folder's files, and whether its reference is Python */
  course?: CourseFiles & { python: boolean };
}

export function sha256Hex(content: Uint8Array | string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** "key: value" lines, so that a person reads it and a script greps it */
export function bundleInfo(input: BundleInput): string {
  const lines: [string, string][] = [
    ["assignment", input.assignment.id],
    ["title", input.assignment.title],
    ["rubric_sha256", input.assignment.rubricHash],
    ["engine_version", input.engineVersion],
    ["nngrade", `${input.packed.name}@${input.packed.version}`],
    ["nngrade_tgz_sha256", sha256Hex(input.packed.tarball)],
    ["built", input.time.toISOString()],
    ["submission", "one .json file, graded with: nngrade check FILE --assignment ID --all --format gradescope"],
  ];
  if (input.course) {
    lines.push(["course_rubric", `${COURSE_FOLDER}/${input.course.rubric}`]);
    lines.push(["course_files", String(input.course.files.length)]);
    if (input.course.python) lines.push(["python", "python3 with numpy, installed by setup.sh where the image lacks it"]);
  }
  // a title is one line in the rubric, but nothing here should be able to add a key
  return `${lines.map(([key, value]) => `${key}: ${value.replace(/[\r\n]+/g, " ")}`).join("\n")}\n`;
}

export function bundleEntries(input: BundleInput): ZipEntry[] {
  const id = input.assignment.id;
  const course = input.course && { rubric: input.course.rubric, python: input.course.python };
  const entries: ZipEntry[] = [
    { name: BUNDLE_FILES.setup, content: setupScript(id, course), mode: 0o755 },
    { name: BUNDLE_FILES.run, content: runAutograderScript(id, course), mode: 0o755 },
    { name: BUNDLE_FILES.tarball, content: input.packed.tarball, mode: 0o644, compress: false },
    { name: BUNDLE_FILES.info, content: bundleInfo(input), mode: 0o644 },
  ];
  if (input.packed.lockfile) entries.push({ name: BUNDLE_FILES.lockfile, content: input.packed.lockfile, mode: 0o644 });
  for (const file of input.course?.files ?? []) entries.push({ name: `${COURSE_FOLDER}/${file.path}`, content: file.content, mode: 0o644 });
  return entries;
}

export function buildBundle(input: BundleInput): Uint8Array {
  return deterministicZip(bundleEntries(input), input.time);
}
