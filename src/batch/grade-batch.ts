/**
 * Batch grading as a library: a class folder in, a folder of reports and
 * gradebooks out. gradeBatch discovers the submissions, skips those a
 * previous run graded from the same inputs, keeps one shard's students,
 * hands the rest to a runner (runner.ts), gives a submission whose job
 * failed an error result, and writes the gradebooks, the summary and the
 * resume state. It never prints and never exits: it tells the caller what
 * happens through BatchEvents, and answers a BatchOutcome; `nngrade grade`
 * turns them into text and an exit code.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ENGINE_VERSION } from "../engine/version.ts";
import { NngradeError } from "../errors.ts";
import { fromMicro } from "../grade/points.ts";
import { effectiveVariant, variantMode } from "../grade/variant.ts";
import { discoverSubmissions, type SubmissionEntry } from "./discover.ts";
import { errorResult, type GradedSubmission, type GradeJob, writeReports } from "./grade-one.ts";
import { batchRecord, type BatchGradebook, type DuplicateId, gradebookOrder, type StudentOutput, writeBatchFiles } from "./outputs.ts";
import { checkOutFolder, createOutFolder } from "./out-folder.ts";
import { type Planned, planEntries, reuse } from "./planning.ts";
import { inLanes } from "./pool.ts";
import { RecordKeeper } from "./record.ts";
import type { RunningJobs, Runner } from "./runner.ts";
import { type Shard, shardOf } from "./shard.ts";
import { forgetFingerprint, removeStaleTemporaries, STATE_FOLDER, writeFingerprint } from "./state.ts";

/** What to grade and where to write it. */
export interface BatchOptions {
  /** the folder `paths` and `out` are relative to; reports name submissions relative to it */
  cwd: string;
  /** submission files and folders */
  paths: string[];
  /** the output folder as the caller names it (messages quote it), relative to cwd or absolute */
  out: string;
  /** "default" or "per-student": overrides the rubric's variant mode */
  variants?: string;
  /** regrade everyone, even students whose inputs did not change */
  force?: boolean;
  /** grade only this shard of the students (parseShard) */
  shard?: Shard;
  /** also a PDF report per student, and summary.pdf */
  pdf?: boolean;
  /** when the reports say they were made: a fixed time gives byte-identical reruns */
  generatedAt: string;
  /** how the gradebooks are written: Canvas's assignment id, a roster, a byte order mark for Excel */
  gradebook?: BatchGradebook;
  /** told as the batch goes; every handler may be left out */
  events?: BatchEvents;
}

/** How far a batch is: of `total` submissions this run goes through, `done` are done (reused ones included), `broken` of them broken. */
export interface BatchProgress {
  total: number;
  done: number;
  broken: number;
}

/** A line for the reader: a discovery warning, or why a submission is broken (its error result's message). */
export interface BatchMessage {
  kind: "warning" | "broken";
  text: string;
}

/** What a batch tells its caller while it runs. */
export interface BatchEvents {
  /** once, when it knows how many submissions it goes through, before the first is graded */
  onStart?(progress: BatchProgress): void;
  /** after each submission graded */
  onProgress?(progress: BatchProgress): void;
  /** a warning as discovery finds it, or a submission found broken as it is graded */
  onMessage?(message: BatchMessage): void;
}

/** What a batch did. */
export interface BatchOutcome {
  assignment: { id: string; title: string };
  /** the output folder, absolute */
  out: string;
  /** submissions graded in this run, broken ones included */
  graded: number;
  /** submissions whose reports an earlier run wrote from the same inputs */
  skipped: number;
  /** submissions, graded or skipped, that could not be read or graded: their reports say why */
  broken: number;
  /** the shard graded, if any, with how many of the `discovered` submissions fell in it (`planned`) */
  shard: Shard | undefined;
  planned: number;
  discovered: number;
  /** each student's report name and compact result (record.ts), in gradebook order */
  rows: StudentOutput[];
  /** student ids several submissions resolve to: each is graded and kept, and someone must say which counts */
  duplicates: DuplicateId[];
  /** discovery's warnings, as onMessage told them */
  warnings: string[];
  /** the batch's own files written beside the reports (gradebook.csv, ...) */
  written: string[];
}

/** error codes of a crash or a stopped job rather than of the submission: never remembered, so a rerun tries again */
const CRASH_CODES = new Set(["internal", "worker", "timeout", "reference", "reference-unavailable"]);

/**
 * Grades every submission it finds and writes, per student, a JSON result and
 * an HTML report, then the gradebooks. A file that cannot be read or graded,
 * or whose job fails, gets a report saying why and a gradebook row; the
 * batch goes on. A rerun skips the students whose inputs did not change.
 * Throws an NngradeError ("usage") for an OUT it may not write into or
 * paths holding no submission, before anything is graded.
 */
export async function gradeBatch(options: BatchOptions, runner: Runner): Promise<BatchOutcome> {
  const events = options.events ?? {};
  const loading = runner.load();
  // awaited below, or here when discovery fails first: an unknown assignment is still the error reported
  loading.catch(() => undefined);
  const out = resolve(options.cwd, options.out);
  // a first run grades everyone (decided before the checks below create OUT's state folder)
  const everyoneGraded = options.force === true || !existsSync(join(out, STATE_FOLDER));
  let entries: SubmissionEntry[];
  const warnings: string[] = [];
  try {
    // OUT may be neither an input nor hold a file nngrade did not write; checked before anything is written
    const realOut = checkOutFolder(options.cwd, options.out, options.paths);
    const discovery = discoverSubmissions(options.cwd, options.paths, { exclude: [realOut] });
    entries = discovery.entries;
    for (const warning of discovery.warnings) {
      warnings.push(warning);
      events.onMessage?.({ kind: "warning", text: warning });
    }
    if (entries.length === 0) throw new NngradeError("usage", `no submission files (*.json) in ${options.paths.join(", ")}`);
  } catch (error) {
    await loading;
    throw error;
  }
  // a first run grades everyone: its runner starts now (a pool's workers load the assignment while this
  // thread plans the batch); a rerun may skip most students, and starts once it knows how many are left
  let jobs: RunningJobs | undefined = everyoneGraded ? runner.start(entries.length) : undefined;
  try {
    const assignment = await loading;
    // the batch will run: OUT is made now, and an OUT that cannot be written is a usage error before any grading
    createOutFolder(out, options.out);
    removeStaleTemporaries(out);
    const { generatedAt, shard } = options;
    const pdf = options.pdf ?? false;
    const variant = effectiveVariant(assignment, variantMode(assignment, options.variants));
    const plans = planEntries(options.cwd, out, entries, assignment, variant, pdf);
    const inShard = (plan: Planned) => shard === undefined || shardOf(plan.id, shard.count) === shard.index;
    const students: StudentOutput[] = [];
    const records = new RecordKeeper();
    // a first run of a whole class grades each submission as soon as it is planned (the runner is
    // waiting); a rerun or a shard plans everyone first, to know what there is to grade and its total
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
    const total = streaming ? entries.length : skipped + toGrade.length;
    let broken = students.filter((student) => student.result.error).length;
    events.onStart?.({ total, done: skipped, broken });

    const job = (plan: Planned): GradeJob => {
      const value: GradeJob = { cwd: options.cwd, source: plan.entry.source, generatedAt, out, name: plan.name };
      if (options.variants !== undefined) value.variants = options.variants;
      if (plan.entry.owner !== undefined) value.owner = plan.entry.owner;
      if (pdf) value.pdf = true;
      return value;
    };
    // the reports are written by then (by the runner, or by writeReports here): what is left is the state and the record
    const finish = async (plan: Planned, { record, reports }: GradedSubmission) => {
      if (record.error) {
        broken++;
        events.onMessage?.({ kind: "broken", text: record.error.message });
      }
      // the state goes last: a batch killed before it grades this student again
      if (plan.fingerprint !== undefined && !CRASH_CODES.has(record.error?.code ?? "")) {
        writeFingerprint(out, plan.name, plan.fingerprint, reports);
      } else forgetFingerprint(out, plan.name);
      students.push({ name: plan.name, result: records.keep(record) });
      events.onProgress?.({ total, done: students.length, broken });
    };
    jobs ??= runner.start(toGrade.filter((plan) => plan.entry.problem === undefined).length);
    const running = jobs;
    const gradeOne = async (plan: Planned) => {
      const value = job(plan);
      if (plan.entry.problem !== undefined) {
        // a submission the discovery could not use (an export folder without answers) is reported without grading
        const error = { code: "submission", message: plan.entry.problem };
        return finish(plan, await writeReports(errorResult(assignment, value, plan.id, error), value));
      }
      const outcome = await running.run(value);
      if (outcome.ok) return finish(plan, outcome.value);
      // the job failed outside the grader's own error handling (its worker died) or ran out of time: this student's result says so
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
    await inLanes(running.lanes, nextPlan, gradeOne);

    const { written, duplicates } = await writeBatchFiles(out, students, {
      assignment: assignment.id,
      assignment_title: assignment.title,
      rubric_sha256: assignment.rubricHash,
      engine_version: ENGINE_VERSION,
      task_ids: assignment.plan.tasks.map((task) => task.id),
      max_score: fromMicro(assignment.plan.tasks.reduce((sum, task) => sum + task.pointsMicro, 0)),
      shard: shard ?? null,
      ...(options.gradebook === undefined ? {} : { gradebook: options.gradebook }),
    }, { pdf, generatedAt });
    return {
      assignment: { id: assignment.id, title: assignment.title },
      out,
      graded: streaming ? entries.length : toGrade.length,
      skipped,
      broken,
      shard,
      planned,
      discovered: entries.length,
      rows: [...students].sort(gradebookOrder),
      duplicates,
      warnings,
      written,
    };
  } finally {
    await jobs?.close();
  }
}
