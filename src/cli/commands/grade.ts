import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { discoverSubmissions, type SubmissionEntry } from "../../batch/discover.ts";
import { errorResult, type GradedSubmission, type GradeJob, writeReports } from "../../batch/job.ts";
import { safeFileName, uniqueName } from "../../batch/names.ts";
import { batchRecord, duplicateLine, RESERVED_NAMES, type StudentOutput, writeBatchFiles } from "../../batch/outputs.ts";
import { checkOutFolder, createOutFolder, isFreeForReport, REPORT_EXTENSIONS } from "../../batch/out-folder.ts";
import { inLanes, type JobRunner, type PoolOptions, startRunner, threadCount, TIMEOUT_DEFAULT, TIMEOUT_MAX } from "../../batch/pool.ts";
import { startProgress } from "../../batch/progress.ts";
import { RecordKeeper } from "../../batch/record.ts";
import { parseShard, type Shard, shardOf } from "../../batch/shard.ts";
import {
  type Fingerprint,
  forgetFingerprint,
  isUnchanged,
  removeStaleTemporaries,
  STATE_FOLDER,
  sha256,
  writeFingerprint,
} from "../../batch/state.ts";
import { forGrading, readSubmissionSync } from "../../batch/submission.ts";
import { ENGINE_VERSION } from "../../engine/version.ts";
import { NngradeError } from "../../errors.ts";
import { type Assignment, loadAssignment } from "../../grade/assignment.ts";
import { effectiveVariant, variantMode } from "../../grade/variant.ts";
import { fromMicro } from "../../grade/points.ts";
import { parseResultJson } from "../../report/json.ts";
import type { GradeResult } from "../../report/result.ts";
import { studentIdFromPath } from "../../rubric/json.ts";
import { type CommandIo, reportTime } from "../io.ts";
import { EXIT } from "../exit-codes.ts";

export interface GradeOptions {
  paths: string[];
  assignment: string;
  out: string;
  variants?: string;
  jobs?: number;
  /** seconds one submission may take to grade before its worker is stopped (default TIMEOUT_DEFAULT; 0: no limit) */
  timeout?: number;
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

/**
 * Submissions handed to the pool at once, per worker thread: enough that no
 * worker waits for its next one, not the whole class, whose queued jobs and
 * promises would be held until the last one is graded.
 */
const JOBS_AHEAD_PER_THREAD = 4;

/** error codes of a crash or a stopped job rather than of the submission: never remembered, so a rerun tries again */
const CRASH_CODES = new Set(["internal", "worker", "timeout"]);

/**
 * Grades every submission it finds and writes, per student, a JSON result and
 * an HTML report, then the gradebooks. A file that cannot be read or graded,
 * or whose worker dies, gets a report saying why and a gradebook row; the
 * batch goes on. A rerun skips the students whose inputs did not change.
 */
export async function gradeCommand(options: GradeOptions, io: CommandIo): Promise<number> {
  const jobsWanted = options.jobs === undefined ? undefined : checkJobs(options.jobs);
  const timeout = checkTimeout(options.timeout ?? TIMEOUT_DEFAULT);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const assignmentRef = isRubricPath(options.assignment) ? resolve(io.cwd, options.assignment) : options.assignment;
  const loading = loadAssignment(assignmentRef);
  // awaited below, or here when discovery fails first: an unknown assignment is still the error reported
  loading.catch(() => undefined);
  const out = resolve(io.cwd, options.out);
  // a first run grades everyone (decided before the checks below create OUT's state folder)
  const everyoneGraded = options.force === true || !existsSync(join(out, STATE_FOLDER));
  let entries: SubmissionEntry[];
  try {
    // OUT may be neither an input nor hold a file nngrade did not write; checked before anything is written
    const realOut = checkOutFolder(io.cwd, options.out, options.paths);
    const discovery = discoverSubmissions(io.cwd, options.paths, { exclude: [realOut] });
    entries = discovery.entries;
    for (const warning of discovery.warnings) io.stderr(`nngrade: warning: ${warning}\n`);
    if (entries.length === 0) throw new NngradeError("usage", `no submission files (*.json) in ${options.paths.join(", ")}`);
  } catch (error) {
    await loading;
    throw error;
  }
  const poolOptions = (threads: number): PoolOptions => ({
    threads,
    timeout,
    assignment: assignmentRef,
    ...(options.workerFile ? { workerFile: options.workerFile } : {}),
  });
  // a first run grades everyone: its workers start now and load the assignment while this thread plans the
  // batch; a rerun may skip most students, and learns how many threads it needs once it has planned
  let threads = threadCount(jobsWanted, entries.length);
  let runner: JobRunner | undefined = everyoneGraded ? startRunner(poolOptions(threads)) : undefined;
  try {
    const assignment = await loading;
    // the batch will run: OUT is made now, and an OUT that cannot be written is a usage error before any grading
    createOutFolder(out, options.out);
    removeStaleTemporaries(out);
    const generatedAt = reportTime(io.env);
    const variant = effectiveVariant(assignment, variantMode(assignment, options.variants));

    const pdf = options.pdf ?? false;
    const plans = planEntries(io.cwd, out, entries, assignment, variant, pdf);
    const inShard = (plan: Planned) => shard === undefined || shardOf(plan.id, shard.count) === shard.index;
    const students: StudentOutput[] = [];
    const records = new RecordKeeper();
    // a first run of a whole class grades each submission as soon as it is planned (the workers are
    // waiting); a rerun or a shard plans everyone first, to know what there is to grade and show its total
    const streaming = everyoneGraded && shard === undefined;
    const toGrade: Planned[] = [];
    let planned = streaming ? entries.length : 0;
    if (!streaming) {
      for (const plan of plans) {
        if (!inShard(plan)) continue;
        planned++;
        const reused = options.force ? undefined : await reuse(out, plan);
        if (reused === undefined) toGrade.push(plan);
        else students.push({ name: plan.name, result: records.keep(batchRecord(reused)) });
      }
    }
    const skipped = students.length;
    let broken = students.filter((student) => student.result.error).length;
    const progress = startProgress(io, streaming ? entries.length : skipped + toGrade.length, skipped, broken);

    const job = (plan: Planned): GradeJob => {
      const value: GradeJob = { assignment: assignmentRef, cwd: io.cwd, source: plan.entry.source, generatedAt, out, name: plan.name };
      if (options.variants !== undefined) value.variants = options.variants;
      if (plan.entry.owner !== undefined) value.owner = plan.entry.owner;
      if (pdf) value.pdf = true;
      return value;
    };
    // the reports are written by then (by the worker, or by writeReports here): what is left is the state and the record
    const finish = async (plan: Planned, { record, reports }: GradedSubmission) => {
      if (record.error) {
        broken++;
        progress.log(`nngrade: ${record.error.message}\n`);
      }
      // the state goes last: a batch killed before it grades this student again
      if (plan.fingerprint !== undefined && !CRASH_CODES.has(record.error?.code ?? "")) {
        writeFingerprint(out, plan.name, plan.fingerprint, reports);
      } else forgetFingerprint(out, plan.name);
      students.push({ name: plan.name, result: records.keep(record) });
      progress.advance(broken);
    };
    if (runner === undefined) {
      threads = threadCount(jobsWanted, toGrade.filter((plan) => plan.entry.problem === undefined).length);
      runner = startRunner(poolOptions(threads));
    }
    const jobs = runner;
    const gradeOne = async (plan: Planned) => {
      const value = job(plan);
      if (plan.entry.problem !== undefined) {
        // a submission the discovery could not use (an export folder without answers) is reported without grading
        const error = { code: "submission", message: plan.entry.problem };
        return finish(plan, await writeReports(errorResult(assignment, value, plan.id, error), value));
      }
      const outcome = await jobs.run(value);
      if (outcome.ok) return finish(plan, outcome.value);
      // the worker died, the job threw outside the grader's own error handling, or it ran out of time: this student's result says so
      const message =
        outcome.code === "timeout"
          ? `${plan.entry.source}: ${outcome.error.message} (a grading budget; see --timeout)`
          : `${plan.entry.source}: could not be graded: ${outcome.error.message}`;
      await finish(plan, await writeReports(errorResult(assignment, value, plan.id, { code: outcome.code, message }), value));
    };
    // the next submission to grade; planning one is synchronous, so they are taken in order
    let next = 0;
    const nextPlan = (): Planned | undefined => {
      if (!streaming) return toGrade[next++];
      const step = plans.next();
      return step.done ? undefined : step.value;
    };
    try {
      await inLanes(JOBS_AHEAD_PER_THREAD * threads, nextPlan, gradeOne);
    } finally {
      progress.stop();
    }

    const { written, duplicates } = await writeBatchFiles(out, students, {
      assignment: assignment.id,
      assignment_title: assignment.title,
      rubric_sha256: assignment.rubricHash,
      engine_version: ENGINE_VERSION,
      task_ids: assignment.plan.tasks.map((task) => task.id),
      max_score: fromMicro(assignment.plan.tasks.reduce((sum, task) => sum + task.pointsMicro, 0)),
      shard: shard ?? null,
    }, { pdf, generatedAt });
    const graded = streaming ? entries.length : toGrade.length;
    io.stdout(summaryLines(assignment.id, graded, skipped, broken, shard, planned, entries.length));
    io.stdout(`reports: ${relative(io.cwd, out) || "."}/ (${written.join(", ")}, a .json and .html${pdf ? " and .pdf" : ""} per student)\n`);
    // two submissions as one student: both are graded and kept, and the TA must say which counts
    for (const duplicate of duplicates) io.stderr(`nngrade: ${duplicateLine(duplicate)}\n`);
    return duplicates.length > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await runner?.close();
  }
}

function summaryLines(id: string, graded: number, skipped: number, broken: number, shard: Shard | undefined, planned: number, all: number): string {
  const brokenText = broken === 0 ? "broken 0" : `broken ${broken} (could not be read or graded; see their reports)`;
  const shardText = shard === undefined ? "" : ` (shard ${shard.index}/${shard.count}: ${planned} of ${all} submissions)`;
  return `${id}${shardText}: graded ${graded}, skipped ${skipped} (unchanged), ${brokenText}\n`;
}

/**
 * Who each submission is and what its reports are called, in discovery order
 * over the whole batch even when this run is one shard, so a shard names a
 * student as the single run would. Each file is read once, synchronously
 * (submission.ts): its bytes give the fingerprint and its student id the
 * name. A generator, so that a first run grades the first submissions while
 * the rest are still being planned.
 */
function* planEntries(
  cwd: string,
  out: string,
  entries: readonly SubmissionEntry[],
  assignment: Assignment,
  variant: Fingerprint["variant"],
  pdf: boolean,
): Generator<Planned, void, undefined> {
  const used = new Set<string>(RESERVED_NAMES);
  for (const entry of entries) {
    const read = entry.problem === undefined ? readSubmissionSync(cwd, entry.source) : {};
    // the id grading will give the result: the owner's (folder, metadata), else the file's, else the file or folder name
    const id =
      read.submission !== undefined ? forGrading(read.submission, entry.file, entry.owner).student.id : (entry.owner?.id ?? studentIdFromPath(entry.file));
    let fingerprint: Fingerprint | undefined;
    if (read.bytes !== undefined) {
      fingerprint = {
        schema: "nngrade/state@2",
        source: entry.source,
        source_sha256: sha256(read.bytes),
        rubric_sha256: assignment.rubricHash,
        engine_version: ENGINE_VERSION,
        variant,
        owner: entry.owner ?? null,
        pdf,
      };
    }
    yield { entry, id, name: reportName(out, safeFileName(id), used), fingerprint };
  }
}

/** a name no other student of the batch has, whose report files are absent or nngrade's own: a file nngrade did not write is never replaced */
function reportName(out: string, wanted: string, used: Set<string>): string {
  for (;;) {
    const name = uniqueName(wanted, used);
    if (REPORT_EXTENSIONS.every((extension) => isFreeForReport(join(out, `${name}${extension}`)))) return name;
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

function checkTimeout(seconds: number): number {
  if (!(seconds >= 0 && seconds <= TIMEOUT_MAX)) {
    throw new NngradeError("usage", `--timeout: expected seconds from 0 (no limit) to ${TIMEOUT_MAX}, got ${seconds}`);
  }
  return seconds;
}

function isRubricPath(assignment: string): boolean {
  return assignment.endsWith(".json") || assignment.includes("/");
}
