import { relative } from "node:path";
import { type BatchOutcome, gradeBatch } from "../../batch/grade-batch.ts";
import { duplicateLine } from "../../batch/outputs.ts";
import { pooledRunner, TIMEOUT_DEFAULT, TIMEOUT_MAX } from "../../batch/pool.ts";
import type { Runner } from "../../batch/runner.ts";
import { parseShard } from "../../batch/shard.ts";
import { NngradeError } from "../../errors.ts";
import { EXIT } from "../exit-codes.ts";
import { type CommandIo, reportTime } from "../io.ts";
import { type Progress, startProgress } from "../progress.ts";
import { resolveAssignment } from "../../grade/course.ts";

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
  /** grade with this runner rather than a pool of worker threads (tests pass an in-process one); it grades its own assignment, and jobs and timeout are its own */
  runner?: Runner;
}

/**
 * `nngrade grade`: gradeBatch (batch/grade-batch.ts) on a pool of worker
 * threads, with a progress bar on a terminal, a summary line, and exit 1
 * when two submissions claim one student.
 */
export async function gradeCommand(options: GradeOptions, io: CommandIo): Promise<number> {
  const jobs = options.jobs === undefined ? undefined : checkJobs(options.jobs);
  const timeout = checkTimeout(options.timeout ?? TIMEOUT_DEFAULT);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  // a rubric path, a built-in id or a course's own (grade/course.ts), as every command takes them
  const assignment = resolveAssignment(options.assignment, io.cwd, { keepUnknown: options.runner !== undefined });
  const runner = options.runner ?? pooledRunner({ assignment, timeout, ...(jobs === undefined ? {} : { jobs }) });
  let progress: Progress | undefined;
  const say = (text: string) => (progress === undefined ? io.stderr(text) : progress.log(text));
  let outcome: BatchOutcome;
  try {
    outcome = await gradeBatch(
      {
        cwd: io.cwd,
        paths: options.paths,
        out: options.out,
        generatedAt: reportTime(io.env),
        ...(options.variants === undefined ? {} : { variants: options.variants }),
        ...(options.force === undefined ? {} : { force: options.force }),
        ...(shard === undefined ? {} : { shard }),
        ...(options.pdf === undefined ? {} : { pdf: options.pdf }),
        events: {
          onStart: ({ total, done, broken }) => {
            progress = startProgress(io, total, done, broken);
          },
          onProgress: ({ broken }) => progress?.advance(broken),
          onMessage: ({ kind, text }) => say(kind === "warning" ? `nngrade: warning: ${text}\n` : `nngrade: ${text}\n`),
        },
      },
      runner,
    );
  } finally {
    progress?.stop();
  }
  io.stdout(summaryLine(outcome));
  const pdfText = options.pdf ? " and .pdf" : "";
  io.stdout(`reports: ${relative(io.cwd, outcome.out) || "."}/ (${outcome.written.join(", ")}, a .json and .html${pdfText} per student)\n`);
  // two submissions as one student: both are graded and kept, and the TA must say which counts
  for (const duplicate of outcome.duplicates) io.stderr(`nngrade: ${duplicateLine(duplicate)}\n`);
  return outcome.duplicates.length > 0 ? EXIT.failed : EXIT.ok;
}

function summaryLine({ assignment, graded, skipped, broken, shard, planned, discovered }: BatchOutcome): string {
  const brokenText = broken === 0 ? "broken 0" : `broken ${broken} (could not be read or graded; see their reports)`;
  const shardText = shard === undefined ? "" : ` (shard ${shard.index}/${shard.count}: ${planned} of ${discovered} submissions)`;
  return `${assignment.id}${shardText}: graded ${graded}, skipped ${skipped} (unchanged), ${brokenText}\n`;
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
