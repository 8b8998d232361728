import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { writeFileAtomic } from "../../atomic-write.ts";
import { discoverSubmissions, type SubmissionEntry } from "../../batch/discover.ts";
import { errorResult, type GradeJob, rendered } from "../../batch/job.ts";
import { safeFileName, uniqueName } from "../../batch/names.ts";
import { batchRecord, RESERVED_NAMES, type StudentOutput, writeBatchFiles } from "../../batch/outputs.ts";
import { runJobs, threadCount } from "../../batch/pool.ts";
import { startProgress } from "../../batch/progress.ts";
import { parseShard, type Shard, shardOf } from "../../batch/shard.ts";
import {
  type Fingerprint,
  forgetFingerprint,
  isUnchanged,
  removeStaleTemporaries,
  sha256,
  writeFingerprint,
} from "../../batch/state.ts";
import { ENGINE_VERSION } from "../../engine/version.ts";
import { NngradeError } from "../../errors.ts";
import { type Assignment, loadAssignment } from "../../grade/assignment.ts";
import { effectiveVariant, variantMode } from "../../grade/variant.ts";
import { fromMicro } from "../../grade/points.ts";
import { parseResultJson } from "../../report/json.ts";
import type { GradeResult } from "../../report/result.ts";
import { studentIdFromPath } from "../../rubric/json.ts";
import { type CommandIo, reportTime } from "../io.ts";
import { EXIT } from "../main.ts";
import { loadSubmission } from "./shared.ts";

export interface GradeOptions {
  paths: string[];
  assignment: string;
  out: string;
  variants?: string;
  jobs?: number;
  force?: boolean;
  shard?: string;
  /** also a PDF report per student, and summary.pdf */
  pdf?: boolean;
  /** the pool's worker module; tests pass one that crashes */
  workerFile?: URL;
}

/** a submission of the batch once we know who it is and what its reports are called */
interface Planned {
  entry: SubmissionEntry;
  id: string;
  name: string;
  fingerprint: Fingerprint | undefined;
}

/** error codes of a crash rather than of the submission: never remembered, so a rerun tries again */
const CRASH_CODES = new Set(["internal", "worker"]);

/**
 * Grades every submission it finds and writes, per student, a JSON result and
 * an HTML report, then the gradebooks. A file that cannot be read or graded,
 * or whose worker dies, gets a report saying why and a gradebook row; the
 * batch goes on. A rerun skips the students whose inputs did not change.
 */
export async function gradeCommand(options: GradeOptions, io: CommandIo): Promise<number> {
  const jobsWanted = options.jobs === undefined ? undefined : checkJobs(options.jobs);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const assignmentRef = isRubricPath(options.assignment) ? resolve(io.cwd, options.assignment) : options.assignment;
  const assignment = await loadAssignment(assignmentRef);
  const entries = discoverSubmissions(io.cwd, options.paths);
  if (entries.length === 0) throw new NngradeError("usage", `no submission files (*.json) in ${options.paths.join(", ")}`);
  const out = resolve(io.cwd, options.out);
  removeStaleTemporaries(out);
  const generatedAt = reportTime(io.env);
  const variant = effectiveVariant(assignment, variantMode(assignment, options.variants));

  const pdf = options.pdf ?? false;
  const everyone = await planAll(io.cwd, entries, assignment, variant, pdf);
  const planned = shard === undefined ? everyone : everyone.filter((plan) => shardOf(plan.id, shard.count) === shard.index);

  const students: StudentOutput[] = [];
  const toGrade: Planned[] = [];
  for (const plan of planned) {
    const reused = options.force ? undefined : await reuse(out, plan);
    if (reused === undefined) toGrade.push(plan);
    else students.push({ name: plan.name, result: batchRecord(reused) });
  }
  const skipped = students.length;
  let broken = students.filter((student) => student.result.error).length;
  const progress = startProgress(io, planned.length, skipped, broken);

  const job = (plan: Planned): GradeJob => {
    const value: GradeJob = { assignment: assignmentRef, cwd: io.cwd, source: plan.entry.source, generatedAt };
    if (options.variants !== undefined) value.variants = options.variants;
    if (plan.entry.student !== undefined) value.student = plan.entry.student;
    if (pdf) value.pdf = true;
    return value;
  };
  // a submission the discovery could not use (an export folder without answers) is reported without grading
  const problems = toGrade.filter((plan) => plan.entry.problem !== undefined);
  const gradable = toGrade.filter((plan) => plan.entry.problem === undefined);
  const finish = async (plan: Planned, output: Awaited<ReturnType<typeof rendered>>) => {
    const { result } = output;
    if (result.error) {
      broken++;
      progress.log(`nngrade: ${result.error.message}\n`);
    }
    await writeFileAtomic(join(out, `${plan.name}.json`), output.json);
    await writeFileAtomic(join(out, `${plan.name}.html`), output.html);
    if (output.pdf !== undefined) await writeFileAtomic(join(out, `${plan.name}.pdf`), output.pdf);
    // the state goes last: a batch killed before it grades this student again
    if (plan.fingerprint !== undefined && !CRASH_CODES.has(result.error?.code ?? "")) {
      await writeFingerprint(out, plan.name, plan.fingerprint);
    } else forgetFingerprint(out, plan.name);
    students.push({ name: plan.name, result: batchRecord(result) });
    progress.advance(broken);
  };
  for (const plan of problems) {
    const error = { code: "submission", message: plan.entry.problem as string };
    await finish(plan, await rendered(errorResult(assignment, job(plan), plan.id, error), pdf));
  }
  const threads = threadCount(jobsWanted, gradable.length);
  try {
    await runJobs(gradable.map(job), { threads, ...(options.workerFile ? { workerFile: options.workerFile } : {}) }, async (index, outcome) => {
      const plan = gradable[index] as Planned;
      if (outcome.ok) return finish(plan, outcome.value);
      // the worker died or the job threw outside the grader's own error handling: this student's result says so
      const message = `${plan.entry.source}: could not be graded: ${outcome.error.message}`;
      await finish(plan, await rendered(errorResult(assignment, job(plan), plan.id, { code: "worker", message }), pdf));
    });
  } finally {
    progress.stop();
  }

  const written = await writeBatchFiles(out, students, {
    assignment: assignment.id,
    assignment_title: assignment.title,
    rubric_sha256: assignment.rubricHash,
    engine_version: ENGINE_VERSION,
    task_ids: assignment.plan.tasks.map((task) => task.id),
    max_score: fromMicro(assignment.plan.tasks.reduce((sum, task) => sum + task.pointsMicro, 0)),
    shard: shard ?? null,
  }, { pdf, generatedAt });
  io.stdout(summaryLines(assignment.id, toGrade.length, skipped, broken, shard, planned.length, everyone.length));
  io.stdout(`reports: ${relative(io.cwd, out) || "."}/ (${written.join(", ")}, a .json and .html${pdf ? " and .pdf" : ""} per student)\n`);
  return EXIT.ok;
}

function summaryLines(id: string, graded: number, skipped: number, broken: number, shard: Shard | undefined, planned: number, all: number): string {
  const brokenText = broken === 0 ? "broken 0" : `broken ${broken} (could not be read or graded; see their reports)`;
  const shardText = shard === undefined ? "" : ` (shard ${shard.index}/${shard.count}: ${planned} of ${all} submissions)`;
  return `${id}${shardText}: graded ${graded}, skipped ${skipped} (unchanged), ${brokenText}\n`;
}

/**
 * Who each submission is and what its reports are called, for the whole
 * batch even when this run is one shard: names are given in discovery order
 * over everyone, so a shard names a student as the single run would.
 */
async function planAll(
  cwd: string,
  entries: readonly SubmissionEntry[],
  assignment: Assignment,
  variant: Fingerprint["variant"],
  pdf: boolean,
): Promise<Planned[]> {
  const used = new Set<string>(RESERVED_NAMES);
  const planned: Planned[] = [];
  for (const entry of entries) {
    const id = entry.student?.id ?? (entry.problem === undefined ? await idOf(cwd, entry) : studentIdFromPath(entry.file));
    let fingerprint: Fingerprint | undefined;
    if (entry.problem === undefined) {
      const bytes = await readFile(entry.file).catch(() => undefined);
      if (bytes !== undefined) {
        fingerprint = {
          schema: "nngrade/state@1",
          source: entry.source,
          source_sha256: sha256(bytes),
          rubric_sha256: assignment.rubricHash,
          engine_version: ENGINE_VERSION,
          variant,
          student: entry.student ?? null,
          pdf,
        };
      }
    }
    planned.push({ entry, id, name: uniqueName(safeFileName(id), used), fingerprint });
  }
  return planned;
}

/** the id grading will give the result: the file's student.id, else the file or folder name */
async function idOf(cwd: string, entry: SubmissionEntry): Promise<string> {
  try {
    return (await loadSubmission(cwd, entry.source)).student.id;
  } catch {
    return studentIdFromPath(entry.file);
  }
}

async function reuse(out: string, plan: Planned): Promise<GradeResult | undefined> {
  if (plan.fingerprint === undefined || !(await isUnchanged(out, plan.name, plan.fingerprint))) return undefined;
  try {
    const result = parseResultJson(await readFile(join(out, `${plan.name}.json`), "utf8"));
    // a report some other run left under this name is not this student's
    return result.student?.id === plan.id && result.source === plan.entry.source ? result : undefined;
  } catch {
    return undefined;
  }
}

function checkJobs(jobs: number): number {
  if (!Number.isInteger(jobs) || jobs < 1) throw new NngradeError("usage", `--jobs: expected a whole number >= 1, got ${jobs}`);
  return jobs;
}

function isRubricPath(assignment: string): boolean {
  return assignment.endsWith(".json") || assignment.includes("/");
}
