/**
 * Finds the submissions of a batch: files as given, a folder of files, a
 * folder of per-student folders, or Gradescope's export (a folder holding
 * submission_metadata.yml and one submission_<id>/ folder per submission).
 *
 * A class folder is not trusted. Every entry is looked at with lstat (a
 * folder listing's entry types) and nothing is opened here: a symbolic link,
 * a fifo, a device or an unreadable folder where a submission should be
 * becomes that student's row with the reason, never a read; discovery never
 * follows a link into another folder, and never walks into dot folders (the
 * batch's own .nngrade-state/) or the output folder. Every student folder
 * gives exactly one row. Every folder listing is sorted by code unit, so the
 * order never depends on the file system or on LANG.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { NngradeError } from "../errors.ts";
import { notReadReason, readRegularFileSync } from "../rubric/read-file.ts";
import { METADATA_FILE, parseSubmissionMetadata, type Submitter } from "./gradescope-metadata.ts";
import { STATE_FOLDER } from "./state.ts";
import type { Owner } from "../rubric/submission.ts";

export interface SubmissionEntry {
  /** absolute path of the answers file (of the student's folder or entry when there is none to read) */
  file: string;
  /** how reports and messages name it: relative to the working folder */
  source: string;
  /** who it is when something other than the file says so (its folder, the export's metadata) */
  owner?: Owner;
  /** why it cannot be graded at all; it still gets a report and a gradebook row */
  problem?: string;
}

export interface Discovery {
  entries: SubmissionEntry[];
  /** what the TA should know that does not stop any student being graded (an export's metadata line that was skipped) */
  warnings: string[];
}

export interface DiscoverOptions {
  /** folders never walked into (the output folder), as real paths */
  exclude?: readonly string[];
}

/** a student's folder may nest the answers a little (an unpacked archive); deeper than this is not an upload */
const MAX_SEARCH_DEPTH = 3;
/** a file by one of these names inside a folder is that folder's answers: the folder names the student */
const GENERIC_STEMS = new Set(["answers", "answer", "submission", "solution", "results", "output"]);
const BY_FOLDER = "its folder";
const BY_METADATA = `the Gradescope metadata (${METADATA_FILE})`;

export function discoverSubmissions(cwd: string, paths: readonly string[], options: DiscoverOptions = {}): Discovery {
  const found: SubmissionEntry[] = [];
  const warnings: string[] = [];
  const exclude = new Set(options.exclude ?? []);
  const source = (path: string) => relative(cwd, path) || path;
  const walker: Walker = { source, exclude, warnings };
  for (const path of paths) {
    const full = resolve(cwd, path);
    let stats: Stats;
    try {
      stats = lstatSync(full);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new NngradeError("usage", `${path}: no such file or folder`);
      found.push(rowFor(walker, full, `${source(full)}: ${cannotRead(error, "file or folder")}`));
      continue;
    }
    if (stats.isDirectory()) {
      if (isExcluded(full, exclude)) continue;
      const listing = list(full);
      if (!Array.isArray(listing)) {
        found.push(rowFor(walker, full, `${source(full)}: ${listing.problem}`, folderOwner(full)));
      } else if (listing.some((dirent) => dirent.name === METADATA_FILE)) {
        const exported = gradescopeExport(walker, full, listing);
        found.push(...exported.entries);
        warnings.push(...exported.warnings);
      } else found.push(...classFolder(walker, full, listing));
    } else if (stats.isFile()) found.push(fileEntry(walker, full));
    else if (stats.isSymbolicLink()) {
      // named on the command line, the link may be the TA's own: say what to name instead
      const target = realTarget(full);
      const hint = target === undefined ? "" : ` (to grade what it points to, name ${target})`;
      found.push(rowFor(walker, full, `${source(full)}: ${notReadReason(stats)}${hint}`, linkOwner(full)));
    } else found.push(rowFor(walker, full, `${source(full)}: ${notReadReason(stats)}`));
  }
  return { entries: once(found), warnings };
}

/** a file named twice (a folder and a file in it, or one path twice) is one submission; a group's members stay apart */
function once(entries: readonly SubmissionEntry[]): SubmissionEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.file}\u0000${entry.owner?.id ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

interface Walker {
  source(path: string): string;
  exclude: ReadonlySet<string>;
  warnings: string[];
}

/**
 * A folder of submissions: each *.json file in it is a student (the file
 * says who, else its name), each folder in it is one student's folder (its
 * name says who). Anything else that could be a submission (a link, a fifo
 * named *.json, a link to a folder) is a row that says why it is not read.
 */
function classFolder(walker: Walker, folder: string, listing: readonly Dirent[]): SubmissionEntry[] {
  const found: SubmissionEntry[] = [];
  for (const dirent of listing) {
    if (isIgnored(dirent.name)) continue;
    const path = join(folder, dirent.name);
    if (dirent.isDirectory()) {
      if (isExcluded(path, walker.exclude)) continue;
      // an earlier run's output folder (it holds nngrade's state) is reports, never a student
      if (isOutputFolder(path)) walker.warnings.push(`${walker.source(path)}: an nngrade output folder (it has ${STATE_FOLDER}/); not graded`);
      else found.push(studentFolder(walker, path, { id: dirent.name, by: BY_FOLDER }, "folder"));
    } else if (isJsonName(dirent.name)) {
      if (dirent.isFile()) found.push(fileEntry(walker, path));
      else found.push(rowFor(walker, path, `${walker.source(path)}: ${whyNotRead(path)}`));
    } else if (dirent.isSymbolicLink() && pointsToFolder(path)) {
      // a student's folder replaced by a link (into a classmate's folder, say): the student's row says so
      found.push(rowFor(walker, path, `${walker.source(path)}: ${whyNotRead(path)}`, { id: dirent.name, by: BY_FOLDER }));
    }
  }
  return found;
}

/** a file named on the command line or found in a class folder; a generic name (answers.json) lets its folder name the student */
function fileEntry(walker: Walker, path: string): SubmissionEntry {
  const entry: SubmissionEntry = { file: path, source: walker.source(path) };
  const owner = genericOwner(path);
  if (owner !== undefined) entry.owner = owner;
  return entry;
}

/**
 * One student's folder, always one row: its one answers file, or why it has
 * none ("no answers file", "several answer files: a.json, b.json", a link
 * where the file should be, a folder that cannot be read).
 */
function studentFolder(walker: Walker, folder: string, owner: Owner | undefined, what: "folder" | "submission"): SubmissionEntry {
  const located = (problem: string) => rowFor(walker, folder, `${walker.source(folder)}: ${problem}`, owner);
  const candidates: string[] = [];
  const nearMisses: string[] = [];
  let unreadable: string | undefined;
  const visit = (at: string, depth: number) => {
    const listing = list(at);
    if (!Array.isArray(listing)) {
      unreadable ??= at === folder ? listing.problem : `${relative(folder, at)}: ${listing.problem}`;
      return;
    }
    for (const dirent of listing) {
      if (isIgnored(dirent.name)) continue;
      const path = join(at, dirent.name);
      if (dirent.isDirectory()) {
        if (depth < MAX_SEARCH_DEPTH && !isExcluded(path, walker.exclude)) visit(path, depth + 1);
      } else if (isJsonName(dirent.name)) candidates.push(path);
      else if (/\.json\b/i.test(dirent.name)) nearMisses.push(relative(folder, path));
    }
  };
  visit(folder, 1);
  const shown = (paths: readonly string[]) => paths.map((path) => relative(folder, path)).join(", ");
  if (unreadable !== undefined && candidates.length === 0) return located(unreadable);
  if (candidates.length > 1) return located(`several answer files: ${shown(candidates.slice(0, 5))}${candidates.length > 5 ? ", ..." : ""}`);
  const answers = candidates[0];
  if (answers === undefined) {
    const hint = nearMisses.length === 0 ? "" : ` (found ${nearMisses.slice(0, 3).join(", ")}: name it *.json)`;
    return located(`no answers file (*.json) in the ${what}${hint}`);
  }
  let stats: Stats;
  try {
    stats = lstatSync(answers);
  } catch (error) {
    // a folder that may be listed but not entered (mode 444, as some archives unpack it)
    return located(cannotRead(error, "folder"));
  }
  if (!stats.isFile()) return located(`no answers file: ${relative(folder, answers)} ${notReadReason(stats)}`);
  const entry: SubmissionEntry = { file: answers, source: walker.source(answers) };
  if (owner !== undefined) entry.owner = owner;
  return entry;
}

function gradescopeExport(walker: Walker, folder: string, listing: readonly Dirent[]): Discovery {
  const metadataFile = join(folder, METADATA_FILE);
  const text = readMetadataText(metadataFile, walker.source(metadataFile));
  const metadata = parseSubmissionMetadata(text, walker.source(metadataFile));
  const warnings = [...metadata.warnings];
  const listed = new Map(metadata.entries.map((entry) => [entry.folder, entry]));
  // folders the metadata does not list are graded too: a submission is never dropped for a missing line
  const folders = new Set([...listed.keys()]);
  for (const dirent of listing) if (!isIgnored(dirent.name) && (dirent.isDirectory() || dirent.isSymbolicLink())) folders.add(dirent.name);
  const found: SubmissionEntry[] = [];
  for (const name of [...folders].sort(byCodeUnit)) {
    const path = join(folder, name);
    const entry = listed.get(name);
    if (entry?.problem !== undefined) warnings.push(`${entry.problem}; ${walker.source(path)} is graded under its folder name`);
    const owners = entry === undefined ? [undefined] : ownersOf(entry.submitters, name, entry.problem !== undefined);
    let stats: Stats | undefined;
    try {
      stats = lstatSync(path);
    } catch {
      stats = undefined;
    }
    for (const owner of owners) {
      if (stats === undefined) found.push(rowFor(walker, path, `${walker.source(path)}: ${METADATA_FILE} lists it, but there is no such folder`, owner));
      else if (!stats.isDirectory()) found.push(rowFor(walker, path, `${walker.source(path)}: ${notReadReason(stats)}`, owner));
      else found.push(studentFolder(walker, path, owner, "submission"));
    }
  }
  return { entries: found, warnings };
}

/**
 * Who a submission folder of the export belongs to: every submitter of a
 * group gets a row of their own (graded from the group's one file), each
 * under their sid, else their e-mail, else the folder name.
 */
function ownersOf(submitters: readonly Submitter[], folder: string, unusable: boolean): Owner[] {
  if (unusable || submitters.length === 0) return [{ id: folder, by: "its folder name in the export" }];
  const ids = new Set<string>();
  const owners: Owner[] = [];
  for (const submitter of submitters) {
    const id = submitter.sid?.trim() || submitter.email?.trim() || folder;
    // a member listed twice is one row
    if (ids.has(id)) continue;
    ids.add(id);
    const owner: Owner = { id, by: BY_METADATA };
    const name = submitter.name?.trim();
    if (name) owner.name = name;
    owners.push(owner);
  }
  return owners;
}

function rowFor(walker: Walker, path: string, problem: string, owner?: Owner): SubmissionEntry {
  const entry: SubmissionEntry = { file: path, source: walker.source(path), problem };
  if (owner !== undefined) entry.owner = owner;
  return entry;
}

/** why an entry that is not a regular file is not read; an entry that cannot even be looked at says so */
function whyNotRead(path: string): string {
  try {
    return notReadReason(lstatSync(path));
  } catch (error) {
    return cannotRead(error, "file");
  }
}

/** a folder that cannot be listed says why, as that student's problem */
function list(folder: string): Dirent[] | { problem: string } {
  try {
    return readdirSync(folder, { withFileTypes: true }).sort((a, b) => byCodeUnit(a.name, b.name));
  } catch (error) {
    return { problem: cannotRead(error, "folder") };
  }
}

function cannotRead(error: unknown, what: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return `cannot read the ${what} (permission denied)`;
  return `cannot read the ${what}${code === undefined ? "" : ` (${code})`}`;
}

/**
 * dot files and folders (.nngrade-state, .git, macOS's ._ files), __MACOSX and
 * a fixture's expected verdicts (<name>.expect.json, read by `nngrade test`
 * beside the fixtures a course grades) are never a student's answers
 */
function isIgnored(name: string): boolean {
  return name.startsWith(".") || name === "__MACOSX" || name.toLowerCase().endsWith(".expect.json");
}

function isJsonName(name: string): boolean {
  return name.length > 5 && name.toLowerCase().endsWith(".json");
}

function isOutputFolder(path: string): boolean {
  try {
    return lstatSync(join(path, STATE_FOLDER)).isDirectory();
  } catch {
    return false;
  }
}

function isExcluded(path: string, exclude: ReadonlySet<string>): boolean {
  if (exclude.size === 0) return false;
  try {
    return exclude.has(realpathSync(path));
  } catch {
    return false;
  }
}

/** stat follows the link, and only says what the target is: nothing is opened */
function pointsToFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function folderOwner(folder: string): Owner | undefined {
  const name = basename(folder);
  return name === "" ? undefined : { id: name, by: BY_FOLDER };
}

/** a link given on the command line in place of a student's folder is named as the folder would be */
function linkOwner(path: string): Owner | undefined {
  return pointsToFolder(path) ? folderOwner(path) : undefined;
}

function genericOwner(path: string): Owner | undefined {
  const name = basename(path);
  const stem = name.slice(0, name.length - 5).toLowerCase();
  if (!isJsonName(name) || !GENERIC_STEMS.has(stem)) return undefined;
  return folderOwner(dirname(path));
}

/** the metadata file is small; a bigger one is not Gradescope's */
const MAX_METADATA_BYTES = 64 * 1024 * 1024;

/** the export's own file, read with a submission's care: a link or a fifo in its place is refused, not read */
function readMetadataText(path: string, name: string): string {
  const text = readRegularFileSync(path, name, MAX_METADATA_BYTES).toString("utf8");
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** the same order under every locale, so gradebook rows and duplicate-id suffixes never depend on LANG */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
