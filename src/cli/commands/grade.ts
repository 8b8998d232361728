import { readdirSync, statSync } from "node:fs";
import { basename, extname, join, relative, resolve } from "node:path";
import { NngradeError } from "../../errors.ts";
import { type Assignment, loadAssignment } from "../../grade/assignment.ts";
import { gradeSubmission } from "../../grade/grade.ts";
import { assignmentFor, effectiveVariant, type VariantMode, variantMode } from "../../grade/variant.ts";
import { renderGradebook } from "../../report/csv.ts";
import { renderHtml } from "../../report/html.ts";
import { renderJson } from "../../report/json.ts";
import type { GradeResult } from "../../report/result.ts";
import { writeFileAtomic } from "../../atomic-write.ts";
import { studentIdFromPath } from "../../rubric/json.ts";
import { type CommandIo, reportTime } from "../io.ts";
import { EXIT } from "../main.ts";
import { loadSubmission } from "./shared.ts";

export interface GradeOptions {
  paths: string[];
  assignment: string;
  out: string;
  variants?: string;
}

/**
 * Grades every submission it finds and writes, per student, a JSON result and
 * an HTML report, then the gradebook. A file that cannot be read or graded gets
 * a report saying why and a gradebook row; the batch goes on.
 */
export async function gradeCommand(options: GradeOptions, io: CommandIo): Promise<number> {
  const assignment = await loadAssignment(options.assignment);
  const files = findSubmissions(io.cwd, options.paths);
  if (files.length === 0) throw new NngradeError("usage", `no submission files (*.json) in ${options.paths.join(", ")}`);
  const out = resolve(io.cwd, options.out);
  const generatedAt = reportTime(io.env);
  const results: GradeResult[] = [];
  const usedNames = new Set<string>();
  let broken = 0;
  for (const [index, file] of files.entries()) {
    const source = relative(io.cwd, file) || file;
    const result = await gradeOne(assignment, io.cwd, source, generatedAt, variantMode(assignment, options.variants));
    if (result.error) {
      broken++;
      io.stderr(`${io.progress ? "\r\u001b[K" : ""}nngrade: ${result.error.message}\n`);
    }
    const name = uniqueName(safeFileName(result.student.id), usedNames);
    await writeFileAtomic(join(out, `${name}.json`), renderJson(result));
    await writeFileAtomic(join(out, `${name}.html`), renderHtml(result));
    results.push(result);
    if (io.progress) io.stderr(`\r\u001b[Kgraded ${index + 1}/${files.length}`);
  }
  if (io.progress) io.stderr("\n");
  const taskIds = assignment.plan.tasks.map((task) => task.id);
  await writeFileAtomic(join(out, "gradebook.csv"), renderGradebook(results, taskIds));
  const graded = results.length - broken;
  io.stdout(
    `graded ${graded} of ${results.length} submission(s) for ${assignment.id}${broken ? `; ${broken} could not be read (see their reports)` : ""}\n` +
      `reports: ${relative(io.cwd, out) || "."}/ (gradebook.csv, one .json and .html per student)\n`,
  );
  return EXIT.ok;
}

async function gradeOne(
  assignment: Assignment,
  cwd: string,
  source: string,
  generatedAt: string,
  mode: VariantMode,
): Promise<GradeResult> {
  try {
    const submission = await loadSubmission(cwd, source);
    return gradeSubmission(assignmentFor(assignment, submission.student.id, mode), submission, {
      scope: "all",
      generatedAt,
      variant: effectiveVariant(assignment, mode),
    });
  } catch (error) {
    // one unreadable or ungradable file must not stop the batch: it gets a result that says why
    const known = error instanceof NngradeError;
    const message = known ? error.message : `${source}: could not be graded: ${(error as Error).message}`;
    return {
      schema: "nngrade/result@1",
      assignment: assignment.id,
      assignment_title: assignment.title,
      student: { id: studentIdFromPath(resolve(cwd, source)) },
      score: 0,
      max_score: assignment.plan.tasks.reduce((sum, task) => sum + task.pointsMicro, 0) / 1e6,
      tasks: [],
      flags: [],
      source,
      generated_at: generatedAt,
      error: { code: known ? error.code : "internal", message },
    };
  }
}

/** Files as given, and in folders: *.json directly inside, or one level down in per-student folders. */
export function findSubmissions(cwd: string, paths: string[]): string[] {
  const found: string[] = [];
  for (const path of paths) {
    const full = resolve(cwd, path);
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(full);
    } catch {
      throw new NngradeError("usage", `${path}: no such file or folder`);
    }
    if (!stats.isDirectory()) {
      found.push(full);
      continue;
    }
    for (const entry of readdirSync(full, { withFileTypes: true }).sort((a, b) => byCodeUnit(a.name, b.name))) {
      const entryPath = join(full, entry.name);
      if (entry.isFile() && extname(entry.name) === ".json") found.push(entryPath);
      else if (entry.isDirectory()) {
        const inner = readdirSync(entryPath)
          .filter((name) => extname(name) === ".json")
          .sort(byCodeUnit);
        found.push(...inner.map((name) => join(entryPath, name)));
      }
    }
  }
  return found;
}

function safeFileName(id: string): string {
  const cleaned = basename(id).replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return cleaned.slice(0, 100) || "submission";
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let k = 2; used.has(candidate.toLowerCase()); k++) candidate = `${name}-${k}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** the same order under every locale, so gradebook rows and duplicate-id suffixes never depend on LANG */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
