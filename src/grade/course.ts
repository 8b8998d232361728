/**
 * A course's own assignments: rubric files in the folder nngrade runs in
 * (and two levels below it), found by their `"format": "nngrade/rubric@1"`.
 * Every command that takes an assignment takes a built-in id, a rubric
 * path, or the id of a course rubric alike.
 */
import { UnknownAssignmentError } from "../errors.ts";
import { type Dirent, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { readRegularFileSync } from "../rubric/read-file.ts";
import { listAssignments } from "./assignment.ts";

/** a course rubric: its id and title, and where it is */
export interface CourseAssignment {
  id: string;
  title: string;
  rubricFile: string;
}

const SEARCH_DEPTH = 2;
const SKIPPED = new Set(["node_modules", "fixtures", "reports", "dist"]);
/** a rubric is a few kilobytes; anything much larger is not one */
const RUBRIC_MAX_BYTES = 1024 * 1024;

/** The course rubrics under `cwd` (its own folder and two levels down), sorted by id. */
export function courseAssignments(cwd: string): CourseAssignment[] {
  const found: CourseAssignment[] = [];
  const visit = (folder: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || SKIPPED.has(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory() && depth < SEARCH_DEPTH) visit(path, depth + 1);
      else if (entry.isFile() && entry.name.endsWith(".json") && !entry.name.endsWith(".expect.json")) {
        const rubric = rubricHead(path);
        if (rubric !== undefined) found.push({ ...rubric, rubricFile: path });
      }
    }
  };
  visit(resolve(cwd), 0);
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function rubricHead(path: string): { id: string; title: string } | undefined {
  try {
    const doc = JSON.parse(readRegularFileSync(path, path, RUBRIC_MAX_BYTES).toString("utf8")) as { format?: unknown; id?: unknown; title?: unknown };
    return doc.format === "nngrade/rubric@1" && typeof doc.id === "string" ? { id: doc.id, title: typeof doc.title === "string" ? doc.title : "" } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What loadAssignment is given for an assignment as a user names it: a
 * rubric path (resolved against `cwd`), a built-in id, or the rubric of a
 * course assignment with that id; an unknown name is passed on, and
 * loadAssignment says which ids there are.
 */
export function resolveAssignment(name: string, cwd: string, options: { keepUnknown?: boolean } = {}): string {
  if (name.endsWith(".json") || name.includes("/")) return resolve(cwd, name);
  if (listAssignments().some((info) => info.id === name)) return name;
  const found = courseAssignments(cwd);
  const course = found.find((info) => info.id === name);
  // a caller that brings its own assignments (a batch runner of a library user) resolves the rest itself
  if (course === undefined && options.keepUnknown) return name;
  if (course === undefined) {
    throw new UnknownAssignmentError(name, [...listAssignments().map((info) => info.id), ...found.map((info) => info.id)], cwd);
  }
  return course.rubricFile;
}

/** where a course rubric is, as `nngrade list` prints it */
export function shownPath(rubricFile: string, cwd: string): string {
  return relative(cwd, rubricFile) || rubricFile;
}
