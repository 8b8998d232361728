/**
 * The output folder of a batch, checked before anything is graded or
 * written. nngrade never touches an input: an OUT that is, contains or lies
 * inside an input folder is refused (its reports would be graded as
 * submissions on the next run, and a report could be written over a
 * submission of the same name). An OUT that already holds files must be one
 * nngrade wrote (it has .nngrade-state/), and even there a file of a
 * report's name that nngrade did not write is never replaced: the student's
 * reports take another name.
 */
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, unlinkSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { threadId } from "node:worker_threads";
import { NngradeError } from "../errors.ts";
import { CANVAS_FIXED_COLUMNS } from "../report/canvas.ts";
import { STATE_FOLDER } from "./state.ts";

/** the real path of a path that may not exist yet: its nearest existing ancestor's real path, and the rest */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return join(realpathSync(at), ...missing);
    } catch {
      const parent = dirname(at);
      if (parent === at) return absolute;
      missing.unshift(basename(at));
      at = parent;
    }
  }
}

function isInside(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === "" || (!path.startsWith(`..${sep}`) && path !== ".." && !path.startsWith(sep) && !/^[A-Za-z]:/.test(path));
}

/**
 * Refuses an OUT that overlaps an input, or that holds files nngrade did not
 * write, without creating or writing anything (a usage error leaves no
 * trace). `outArgument` is OUT as the user typed it. Answers OUT's real path
 * (discovery never walks into it); createOutFolder makes it once the batch
 * is known to run.
 */
export function checkOutFolder(cwd: string, outArgument: string, inputs: readonly string[]): string {
  const out = resolve(cwd, outArgument);
  const realOut = realPathOf(out);
  for (const input of inputs) {
    const full = resolve(cwd, input);
    let isFolder = false;
    try {
      isFolder = lstatSync(full).isDirectory();
    } catch {
      continue;
    }
    const realInput = realPathOf(full);
    if (isFolder && isInside(realOut, realInput)) {
      const how = realOut === realInput ? "is the input folder" : "lies inside the input folder";
      throw new NngradeError("usage", `--out ${outArgument}: ${how} ${input} (its reports would be read as submissions); choose a folder outside it`);
    }
    if (isInside(realInput, realOut)) {
      throw new NngradeError("usage", `--out ${outArgument}: contains the input ${input}; choose a folder that holds no submissions`);
    }
  }
  let names: string[] = [];
  try {
    names = readdirSync(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") {
      let isFile = false;
      try {
        isFile = lstatSync(out).isFile();
      } catch {
        // a part of the path above it is the file
      }
      throw new NngradeError("usage", `--out ${outArgument}: ${isFile ? "is a file, not a folder" : "cannot write there (a part of the path is a file)"}`);
    }
    if (code !== "ENOENT") throw new NngradeError("usage", `--out ${outArgument}: ${cannot(error, "read")}`);
  }
  if (names.length > 0) {
    // the state folder itself must be a folder: a link there would carry the state files somewhere else
    let state: ReturnType<typeof lstatSync> | undefined;
    try {
      state = lstatSync(join(out, STATE_FOLDER));
    } catch {
      state = undefined;
    }
    if (state === undefined) throw new NngradeError("usage", `--out ${outArgument}: holds files nngrade did not write; choose a new or empty folder`);
    if (!state.isDirectory()) throw new NngradeError("usage", `--out ${outArgument}: ${STATE_FOLDER} is not a folder nngrade made; choose a new or empty folder`);
    // the batch's own files are replaced on every run: one that is not nngrade's is refused now, before any grading
    for (const name of BATCH_FILES) {
      if (!isFreeForReport(join(out, name))) {
        throw new NngradeError("usage", `--out ${outArgument}: ${name} is not a file nngrade wrote; move it away or choose another folder`);
      }
    }
  }
  return realPathOf(out);
}

/** the files a batch writes beside the students' reports, replaced on every run */
const BATCH_FILES = ["gradebook.csv", "gradebook-canvas.csv", "summary.html", "summary.pdf"] as const;

/**
 * Creates OUT and its state folder, and writes and removes a file in each:
 * an unwritable OUT is a usage error, found before any grading.
 */
export function createOutFolder(out: string, shown: string): void {
  try {
    mkdirSync(join(out, STATE_FOLDER), { recursive: true });
    for (const folder of [out, join(out, STATE_FOLDER)]) {
      const probe = join(folder, `.write-check.${process.pid}.${threadId}.tmp`);
      closeSync(openSync(probe, "wx"));
      unlinkSync(probe);
    }
  } catch (error) {
    throw new NngradeError("usage", `--out ${shown}: ${cannot(error, "write")}`);
  }
}

function cannot(error: unknown, what: "read" | "write"): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return `cannot ${what} there (${code === "EROFS" ? "read-only file system" : "permission denied"})`;
  return `cannot ${what} there${code === undefined ? "" : ` (${code})`}`;
}

const JSON_MARK = /^\{\s*"schema"\s*:\s*"nngrade\/result@1"/;
const HTML_MARK = '<meta name="generator" content="nngrade">';
/** the header rows nngrade's gradebooks start with (csv.ts, canvas.ts); gradebook.csv after a UTF-8 byte order mark with --excel, read as latin1 */
const CSV_MARKS = ["student_id,name,score,max_score,", "\u00ef\u00bb\u00bfstudent_id,name,score,max_score,", `${CANVAS_FIXED_COLUMNS.join(",")},`];
// pdfkit writes the info dictionary's strings as objects of their own, somewhere in the file
const PDF_CREATOR = "\n(nngrade)\nendobj";
const PDF_READ_MAX = 64 * 1024 * 1024;

/**
 * Whether OUT/<name>.<extension> is free for nngrade to write: absent, or a
 * report nngrade wrote (its JSON starts with nngrade's schema, its HTML
 * carries nngrade's generator tag, its PDF names nngrade as its creator). Anything else
 * (a TA's own file, a link) is never replaced.
 */
export function isFreeForReport(path: string): boolean {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(path);
  } catch {
    return true;
  }
  if (!stats.isFile()) return false;
  if (path.endsWith(".json")) return JSON_MARK.test(head(path, 0, 64));
  if (path.endsWith(".csv")) return CSV_MARKS.some((mark) => head(path, 0, mark.length) === mark);
  if (path.endsWith(".html")) return head(path, 0, 1024).includes(HTML_MARK);
  if (path.endsWith(".pdf")) return stats.size <= PDF_READ_MAX && head(path, 0, 5) === "%PDF-" && head(path, 0, stats.size).includes(PDF_CREATOR);
  return false;
}

function head(path: string, position: number, length: number): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, read).toString("latin1");
  } catch {
    return "";
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export const REPORT_EXTENSIONS = [".json", ".html", ".pdf"] as const;
