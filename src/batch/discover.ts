/**
 * Finds the submissions of a batch: files as given, a folder of files, a
 * folder of per-student folders, or Gradescope's export (a folder holding
 * submission_metadata.yml and one submission_<id>/ folder per submission).
 * Every folder listing is sorted by code unit, so the order never depends on
 * the file system or on LANG.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join, relative, resolve } from "node:path";
import { NngradeError } from "../errors.ts";
import { METADATA_FILE, parseSubmissionMetadata, type Submitter } from "./gradescope-metadata.ts";

export interface SubmissionEntry {
  /** absolute path of the answers file (of the submission's folder when it has none) */
  file: string;
  /** how reports and messages name it: relative to the working folder */
  source: string;
  /** who it is, when the export's metadata says so (it wins over the file's own student field) */
  student?: { id: string; name?: string };
  /** why it cannot be graded at all; it still gets a report and a gradebook row */
  problem?: string;
}

/** a student's folder in an export may nest the answers a little; deeper than this is not an upload */
const MAX_SEARCH_DEPTH = 3;
const GENERIC_STEMS = new Set(["answers", "answer", "submission", "solution"]);

export function discoverSubmissions(cwd: string, paths: readonly string[]): SubmissionEntry[] {
  const found: SubmissionEntry[] = [];
  const entry = (file: string, extra: Partial<SubmissionEntry> = {}): SubmissionEntry => ({
    file,
    source: relative(cwd, file) || file,
    ...extra,
  });
  for (const path of paths) {
    const full = resolve(cwd, path);
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(full);
    } catch {
      throw new NngradeError("usage", `${path}: no such file or folder`);
    }
    if (!stats.isDirectory()) found.push(entry(full));
    else if (existsSync(join(full, METADATA_FILE))) found.push(...gradescopeExport(full, entry));
    else found.push(...plainFolder(full).map((file) => entry(file)));
  }
  return found;
}

/** *.json directly inside, or one level down in per-student folders */
function plainFolder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of sortedEntries(folder)) {
    const entryPath = join(folder, entry.name);
    if (entry.isFile() && extname(entry.name) === ".json") found.push(entryPath);
    else if (entry.isDirectory()) {
      found.push(
        ...sortedEntries(entryPath)
          .filter((inner) => inner.isFile() && extname(inner.name) === ".json")
          .map((inner) => join(entryPath, inner.name)),
      );
    }
  }
  return found;
}

function gradescopeExport(folder: string, entry: (file: string, extra?: Partial<SubmissionEntry>) => SubmissionEntry): SubmissionEntry[] {
  const metadataFile = join(folder, METADATA_FILE);
  let text: string;
  try {
    text = readFileSync(metadataFile, "utf8");
  } catch {
    throw new NngradeError("input", `${metadataFile}: cannot read the file`);
  }
  const metadata = parseSubmissionMetadata(text, metadataFile);
  // folders the metadata does not list are graded too: a submission is never dropped for a missing line
  const unlisted = sortedEntries(folder)
    .filter((dirent) => dirent.isDirectory() && !metadata.has(dirent.name))
    .map((dirent) => dirent.name);
  const names = [...metadata.keys(), ...unlisted].sort(byCodeUnit);
  return names.map((name) => {
    const submissionFolder = join(folder, name);
    const submitters = metadata.get(name);
    const student = submitters === undefined ? undefined : studentOf(submitters, name);
    const extra: Partial<SubmissionEntry> = student === undefined ? {} : { student };
    const located = entry(submissionFolder, extra);
    if (!isFolder(submissionFolder)) return { ...located, problem: `${located.source}: ${METADATA_FILE} lists it, but there is no such folder` };
    const answers = answersFile(submissionFolder);
    if (typeof answers === "string") return entry(answers, extra);
    return { ...located, problem: `${located.source}: ${answers.problem}` };
  });
}

/**
 * A group submission is filed under its first submitter's id; the name lists
 * every member so the TA sees who shares the grade. No sid falls back to the
 * email, then to the folder name.
 */
function studentOf(submitters: readonly Submitter[], folder: string): { id: string; name?: string } {
  const first = submitters[0];
  const id = first?.sid?.trim() || first?.email?.trim() || folder;
  const names = submitters.map((submitter) => submitter.name?.trim()).filter((name): name is string => Boolean(name));
  return names.length === 0 ? { id } : { id, name: names.join(", ") };
}

/** the one *.json in the folder (searched a few levels down); among several, the one generic name */
function answersFile(folder: string): string | { problem: string } {
  const candidates: string[] = [];
  const visit = (at: string, depth: number) => {
    for (const dirent of sortedEntries(at)) {
      // macOS archives carry __MACOSX/ and ._ files: never a student's answers
      if (dirent.name.startsWith(".") || dirent.name === "__MACOSX") continue;
      const path = join(at, dirent.name);
      if (dirent.isFile() && extname(dirent.name).toLowerCase() === ".json") candidates.push(path);
      else if (dirent.isDirectory() && depth < MAX_SEARCH_DEPTH) visit(path, depth + 1);
    }
  };
  visit(folder, 1);
  if (candidates.length === 1) return candidates[0] as string;
  const shown = (paths: string[]) => paths.map((path) => relative(folder, path)).join(", ");
  if (candidates.length === 0) return { problem: "no answers file (*.json) in the submission" };
  const generic = candidates.filter((path) => GENERIC_STEMS.has(basename(path, extname(path)).toLowerCase()));
  if (generic.length === 1) return generic[0] as string;
  return { problem: `${candidates.length} JSON files (${shown(candidates)}); expected one answers file` };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function sortedEntries(folder: string) {
  return readdirSync(folder, { withFileTypes: true }).sort((a, b) => byCodeUnit(a.name, b.name));
}

/** the same order under every locale, so gradebook rows and duplicate-id suffixes never depend on LANG */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
