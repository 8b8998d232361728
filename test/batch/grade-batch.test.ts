/**
 * gradeBatch on the toy assignment (toy.ts), graded in this thread by the
 * in-process runner: discovery, resume, shards, failed jobs and outputs, in
 * well under a second each. The pooled runner is tested in
 * pooled-runner.test.ts, and one end-to-end run of the real command line in
 * test/cli/grade-batch.test.ts.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type BatchOptions, type BatchProgress, gradeBatch, inProcessRunner, mergeBatches, type Runner } from "../../src/batch/index.ts";
import { BATCH_FILE } from "../../src/batch/outputs.ts";
import { gradeCommand } from "../../src/cli/commands/grade.ts";
import { parseResultJson } from "../../src/result/json.ts";
import { runCli } from "../helpers/cli.ts";
import { gradebookRows, makeToyClass, outputs, TOY_CLASS_SIZE, TOY_ID, toyAssignment } from "./toy.ts";
import { captureIo } from "../helpers/capture-io.ts";

const GENERATED_AT = "2023-11-14T22:13:20.000Z";
const work = mkdtempSync(join(tmpdir(), "nngrade-batch-lib-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const inProcess = inProcessRunner(toyAssignment);
makeToyClass(join(work, "class"));

function grade(out: string, more: Partial<BatchOptions> = {}, runner: Runner = inProcess) {
  return gradeBatch({ cwd: work, paths: ["class"], out, generatedAt: GENERATED_AT, ...more }, runner);
}

let singleRun: Promise<string> | undefined;
/** the class graded once, untouched: what the other runs are compared with */
function single(): Promise<string> {
  singleRun ??= grade("single").then(() => join(work, "single"));
  return singleRun;
}

const counts = ({ graded, skipped, broken }: { graded: number; skipped: number; broken: number }) => ({ graded, skipped, broken });

/** the command line's io, printing into strings */
const capture = () => captureIo(work, { SOURCE_DATE_EPOCH: "1700000000" });

/** the in-process runner, but one student's job throws (as a worker that dies) and another's runs out of time */
const failing: Runner = {
  load: () => inProcess.load(),
  start(submissions) {
    const jobs = inProcess.start(submissions);
    return {
      ...jobs,
      run: async (job) => {
        if (job.source.endsWith("bob.json")) return { ok: false, error: new Error("simulated crash in the grader"), code: "worker" };
        if (job.source.endsWith("cy.json")) return { ok: false, error: new Error("timed out after 1 s"), code: "timeout" };
        return jobs.run(job);
      },
    };
  },
};

describe("gradeBatch", () => {
  it("writes a report per student, the gradebooks and the summary, and tells how it goes", async () => {
    const messages: string[] = [];
    const progress: BatchProgress[] = [];
    const outcome = await grade("first", {
      events: {
        onStart: (at) => progress.push(at),
        onProgress: (at) => progress.push(at),
        onMessage: ({ kind, text }) => messages.push(`${kind}: ${text}`),
      },
    });
    expect(counts(outcome)).toEqual({ graded: TOY_CLASS_SIZE, skipped: 0, broken: 2 });
    expect(outcome.assignment).toEqual({ id: TOY_ID, title: "A toy batch" });
    expect(outcome.written).toEqual(["gradebook.csv", "gradebook-canvas.csv", "summary.html"]);
    expect(outcome.rows.map((row) => row.name)).toEqual(["ada", "bob", "broken-json", "cy", "dee", "eve", "fay", "gus", "not-an-object"]);
    expect(outcome.rows.map((row) => row.result.score)).toEqual([3, 1, 0, 2, 3, 2, 3, 1, 0]);
    expect(progress[0]).toEqual({ total: TOY_CLASS_SIZE, done: 0, broken: 0 });
    expect(progress.at(-1)).toEqual({ total: TOY_CLASS_SIZE, done: TOY_CLASS_SIZE, broken: 2 });
    expect(progress).toHaveLength(TOY_CLASS_SIZE + 1);
    expect(messages).toContain("broken: class/broken-json.json:5:21: invalid character ']'");
    expect(messages).toContain("broken: class/not-an-object.json: expected an object at the top level, got an array");

    const files = outputs(join(work, "first"));
    expect(files.size).toBe(2 * TOY_CLASS_SIZE + 3);
    expect(files.get("summary.html")).toContain("</html>");
    expect(gradebookRows(join(work, "first"))).toHaveLength(TOY_CLASS_SIZE + 1);
    // the same inputs give the same bytes
    expect(files).toEqual(outputs(await single()));
  });

  it("skips unchanged submissions on a rerun, regrades a changed one, and everyone with force", async () => {
    const input = join(work, "rerun-in");
    cpSync(join(work, "class"), input, { recursive: true });
    const rerun = (more: Partial<BatchOptions> = {}) => grade("rerun", { paths: ["rerun-in"], ...more });
    expect(counts(await rerun())).toMatchObject({ graded: TOY_CLASS_SIZE, skipped: 0 });
    const again = await rerun();
    expect(counts(again)).toEqual({ graded: 0, skipped: TOY_CLASS_SIZE, broken: 2 });
    // the reused rows are the students' results all the same
    expect(again.rows.map((row) => row.result.score)).toEqual([3, 1, 0, 2, 3, 2, 3, 1, 0]);

    // bob fixes t1: only his file changed
    const file = join(input, "bob.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"total": 7', '"total": 6'));
    const changed = await rerun();
    expect(counts(changed)).toEqual({ graded: 1, skipped: TOY_CLASS_SIZE - 1, broken: 2 });
    const after = parseResultJson(readFileSync(join(work, "rerun/bob.json"), "utf8"));
    expect(after.score).toBe(3);
    expect(gradebookRows(join(work, "rerun")).find((row) => row.startsWith("bob,"))).toContain(",3,3,");

    // another variant mode is another grade
    expect((await rerun({ variants: "per-student" })).skipped).toBe(0);
    expect(counts(await rerun({ force: true }))).toMatchObject({ graded: TOY_CLASS_SIZE, skipped: 0 });
  });

  it("turns a job that fails or runs out of time into that student's error result, never remembered", async () => {
    const out = join(work, "crash");
    const messages: string[] = [];
    const outcome = await grade("crash", { events: { onMessage: ({ text }) => messages.push(text) } }, failing);
    expect(counts(outcome)).toEqual({ graded: TOY_CLASS_SIZE, skipped: 0, broken: 4 });
    const rows = gradebookRows(out);
    expect(rows).toHaveLength(TOY_CLASS_SIZE + 1);
    // no score, and the status in a TA's words rather than the error's code ("worker", "timeout")
    expect(rows.find((row) => row.startsWith("bob,"))).toMatch(/^bob,,,3,,.*,grader crashed$/);
    expect(rows.find((row) => row.startsWith("cy,"))).toMatch(/^cy,,,3,.*,timed out$/);
    expect(rows.find((row) => row.startsWith("ada,"))).toMatch(/,3,3,.*,graded$/);
    const thrown = parseResultJson(readFileSync(join(out, "bob.json"), "utf8"));
    expect(thrown.error).toEqual({ code: "worker", message: "class/bob.json: could not be graded: simulated crash in the grader" });
    const stopped = parseResultJson(readFileSync(join(out, "cy.json"), "utf8"));
    expect(stopped.error).toEqual({ code: "timeout", message: "class/cy.json: timed out after 1 s (a grading budget; see --timeout)" });
    expect(readFileSync(join(out, "bob.html"), "utf8")).toContain("could not be graded");
    expect(messages).toContain("class/bob.json: could not be graded: simulated crash in the grader");

    // neither is remembered as the student's grade: the rerun grades exactly those two again
    const rerun = await grade("crash");
    expect(counts(rerun)).toEqual({ graded: 2, skipped: TOY_CLASS_SIZE - 2, broken: 2 });
    expect(outputs(out)).toEqual(outputs(await single()));
  });

  it("settles a job the in-process runner cannot finish as a failed one", async () => {
    const jobs = inProcess.start(1);
    // its OUT is a file: the reports cannot be written
    const settled = await jobs.run({ cwd: work, source: "class/ada.json", generatedAt: GENERATED_AT, out: join(work, "class", "ada.json"), name: "ada" });
    expect(settled.ok).toBe(false);
    if (!settled.ok) expect(settled.code).toBe("worker");
    await jobs.close();
  });

  it("gives the same gradebooks from 3 shards merged as from one run", async () => {
    const whole = await grade("whole");
    const sizes: number[] = [];
    for (const k of [1, 2, 3]) {
      const { io, printed } = capture();
      const code = await gradeCommand({ paths: ["class"], assignment: TOY_ID, out: `shard-${k}`, shard: `${k}/3`, runner: inProcess }, io);
      expect(code).toBe(0);
      const rows = gradebookRows(join(work, `shard-${k}`));
      sizes.push(rows.length - 1);
      expect(printed.stdout).toContain(`${TOY_ID} (shard ${k}/3: ${rows.length - 1} of ${TOY_CLASS_SIZE} submissions): submissions ${rows.length - 1} (${rows.length - 1} graded now, 0 unchanged)`);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(TOY_CLASS_SIZE);
    // the hash spreads the class: no shard holds all of it
    expect(Math.max(...sizes)).toBeLessThan(TOY_CLASS_SIZE);

    const merged = await runCli(["merge", "shard-3", "shard-1", "shard-2", "--out", "merged"], { cwd: work, env: { SOURCE_DATE_EPOCH: "1700000000" } });
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain(`merged ${TOY_CLASS_SIZE} students from 3 folders, broken 2`);
    for (const file of ["gradebook.csv", "gradebook-canvas.csv", "summary.html", BATCH_FILE]) {
      expect(readFileSync(join(work, "merged", file), "utf8"), file).toBe(readFileSync(join(work, "whole", file), "utf8"));
    }
    expect(outputs(join(work, "merged"))).toEqual(outputs(join(work, "whole")));
    // the library's merge answers what it merged: the whole run's rows
    const library = await mergeBatches({ cwd: work, dirs: ["shard-1", "shard-2", "shard-3"], out: "merged-library", generatedAt: GENERATED_AT });
    expect({ folders: library.folders, broken: library.broken, duplicates: library.duplicates }).toEqual({ folders: 3, broken: 2, duplicates: [] });
    expect(library.rows).toEqual(whole.rows);

    const missing = await runCli(["merge", "shard-1", "shard-3", "--out", "partial"], { cwd: work });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing shard 2/3");
    const twice = await runCli(["merge", "shard-1", "shard-1", "--out", "partial"], { cwd: work });
    expect(twice.stderr).toContain("shard-1: given twice");
    const notBatch = await runCli(["merge", "shard-1", "class", "--out", "partial"], { cwd: work });
    expect(notBatch.stderr).toContain(`class: no ${BATCH_FILE}`);
    expect(existsSync(join(work, "partial"))).toBe(false);
  });

  it("refuses to merge folders graded with another rubric, or into one of the folders it merges", async () => {
    await grade("whole");
    const out = join(work, "other-rubric");
    cpSync(join(work, "whole"), out, { recursive: true });
    const batch = JSON.parse(readFileSync(join(out, BATCH_FILE), "utf8"));
    writeFileSync(join(out, BATCH_FILE), JSON.stringify({ ...batch, rubric_sha256: "0".repeat(64) }));
    const mixed = await runCli(["merge", "whole", "other-rubric", "--out", "mixed"], { cwd: work });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("other-rubric: rubric_sha256 differs from whole's");
    const into = await runCli(["merge", "whole", "--out", "whole"], { cwd: work });
    expect(into.code).toBe(2);
    expect(into.stderr).toContain("--out whole: is the input folder whole");
  });

  it("writes a PDF per student with pdf, and reruns without it regrade", async () => {
    const folder = join(work, "pdf");
    const first = await grade("pdf", { pdf: true });
    expect(first.written).toContain("summary.pdf");
    const pdfs = readdirSync(folder).filter((name) => name.endsWith(".pdf") && name !== "summary.pdf");
    expect(pdfs).toHaveLength(TOY_CLASS_SIZE);
    expect(readFileSync(join(folder, "summary.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    for (const name of pdfs) expect(readFileSync(join(folder, name)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // the PDF is part of what a rerun checks: with pdf again nothing changes, without it the reports are redone
    expect((await grade("pdf", { pdf: true })).skipped).toBe(TOY_CLASS_SIZE);
    rmSync(join(folder, pdfs[0] as string));
    expect((await grade("pdf", { pdf: true })).graded).toBe(1);
    expect((await grade("pdf")).graded).toBe(TOY_CLASS_SIZE);
  });

  it("grades and keeps two submissions of one student, and says so", async () => {
    const input = join(work, "twins");
    makeToyClass(input);
    writeFileSync(join(input, "ada-again.json"), readFileSync(join(input, "ada.json")));
    const outcome = await grade("twins-out", { paths: ["twins"] });
    expect(outcome.duplicates).toEqual([{ id: "ada", sources: ["twins/ada-again.json", "twins/ada.json"] }]);
    expect(outcome.rows.filter((row) => row.result.student.id === "ada").map((row) => row.name)).toEqual(["ada", "ada-2"]);
    // the command line prints it and exits 1
    const { io, printed } = capture();
    expect(await gradeCommand({ paths: ["twins"], assignment: TOY_ID, out: "twins-cli", runner: inProcess }, io)).toBe(1);
    expect(printed.stderr).toContain('nngrade: student id "ada" has 2 submissions: twins/ada-again.json, twins/ada.json (each graded and kept, none in gradebook-canvas.csv; say which counts)');
  });

  it("writes the Canvas import for the roster's students and Canvas's assignment id, flags the rest, and merges alike", async () => {
    // Canvas's export of the class: ada by her SIS User ID, bob by his login, nora with no submission; gus and the broken files are not on it
    const roster = [
      "Student,ID,SIS User ID,SIS Login ID,Section",
      "    Points Possible,,,,",
      '"Lovelace, Ada",11,ada,ada@uni.edu,A',
      '"Wrong, Bob",12,,BOB,A',
      '"Partial, Cy",13,cy,,A',
      '"Right, Dee",14,dee,,A',
      '"Doubled, Eve",15,eve,,B',
      '"Right, Fay",16,fay,,B',
      '"Nobody, Nora",17,nora,,B',
    ].join("\n");
    writeFileSync(join(work, "roster.csv"), roster);
    const options = { assignment: TOY_ID, runner: inProcess, roster: "roster.csv", canvasAssignment: "4242", excel: true };
    const { io, printed } = capture();
    // a student Canvas would not get is the TA's to look at: exit 1, as for two submissions of one student
    expect(await gradeCommand({ paths: ["class"], out: "canvas", ...options }, io)).toBe(1);
    // the broken files read "unreadable" (or why not), not also "not on the roster": they have no grade and no id but their name
    expect(printed.stderr).toContain("nngrade: 1 graded student(s) not on the roster, left out of gradebook-canvas.csv (flagged in gradebook.csv and summary.html): gus\n");
    expect(readFileSync(join(work, "canvas/gradebook.csv"), "utf8")).toMatch(/\r\nbroken-json,,,3,,,unreadable,\r\n/);
    const canvas = readFileSync(join(work, "canvas/gradebook-canvas.csv"), "utf8").split("\r\n");
    expect(canvas.slice(0, 2)).toEqual(["Student,ID,SIS User ID,SIS Login ID,Section,A toy batch (4242)", "Points Possible,,,,,3"]);
    expect(canvas.slice(2)).toEqual(['"Lovelace, Ada",11,ada,ada@uni.edu,A,3', '"Wrong, Bob",12,,BOB,A,1', '"Partial, Cy",13,cy,,A,2', '"Right, Dee",14,dee,,A,3', '"Doubled, Eve",15,eve,,B,2', '"Right, Fay",16,fay,,B,3', ""]);
    const gradebook = readFileSync(join(work, "canvas/gradebook.csv"), "utf8");
    expect(gradebook.startsWith("\uFEFFstudent_id,name,score,max_score,t1,t2,status,roster\r\n")).toBe(true);
    expect(gradebook).toContain("\r\ngus,Gus Sign,1,3,0,1,graded,not on roster\r\n");
    expect(gradebook).toContain("\r\nbob,Bob Wrong,1,3,0,1,graded,by SIS Login ID\r\n");
    expect(gradebook.endsWith("\r\nnora,\"Nobody, Nora\",,3,,,no submission,\r\n")).toBe(true);
    expect(readFileSync(join(work, "canvas/summary.html"), "utf8")).toContain("not-on-roster");
    expect(JSON.parse(readFileSync(join(work, "canvas", BATCH_FILE), "utf8")).gradebook).toMatchObject({ canvas_assignment_id: "4242", excel: true, roster: { length: 7 } });
    // a rerun knows its own gradebook.csv behind the byte order mark, and replaces it
    const rerun = capture();
    expect(await gradeCommand({ paths: ["class"], out: "canvas", ...options }, rerun.io)).toBe(1);
    expect(rerun.printed.stdout).toContain(`(0 graded now, ${TOY_CLASS_SIZE} unchanged)`);

    // shards graded alike merge into the same gradebooks: the roster and the id travel in batch.json
    for (const k of [1, 2]) await gradeCommand({ paths: ["class"], out: `canvas-${k}`, shard: `${k}/2`, ...options }, capture().io);
    // a shard holds part of the class: the roster's other students are not "no submission" there
    for (const k of [1, 2]) expect(readFileSync(join(work, `canvas-${k}/gradebook.csv`), "utf8")).not.toContain("no submission");
    expect((await runCli(["merge", "canvas-1", "canvas-2", "--out", "canvas-merged"], { cwd: work })).code).toBe(0);
    for (const file of ["gradebook.csv", "gradebook-canvas.csv", "summary.html"]) {
      expect(readFileSync(join(work, "canvas-merged", file), "utf8"), file).toBe(readFileSync(join(work, "canvas", file), "utf8"));
    }
  });

  it("warns when Canvas would read the title as an assignment id, unless the id is given", async () => {
    const titled = inProcessRunner({ ...toyAssignment, title: "Toy (2024)" });
    const warned = capture();
    expect(await gradeCommand({ paths: ["class"], assignment: TOY_ID, out: "titled", runner: titled }, warned.io)).toBe(0);
    expect(warned.printed.stderr).toContain('nngrade: warning: gradebook-canvas.csv: Canvas reads the column "Toy (2024)" as assignment 2024: give --canvas-assignment with the assignment\'s own id\n');
    const given = capture();
    await gradeCommand({ paths: ["class"], assignment: TOY_ID, out: "titled-id", runner: titled, canvasAssignment: "55" }, given.io);
    expect(given.printed.stderr).not.toContain("warning: gradebook-canvas.csv");
    expect(readFileSync(join(work, "titled-id/gradebook-canvas.csv"), "utf8").split("\r\n")[0]).toBe("Student,ID,SIS User ID,SIS Login ID,Section,Toy (2024) (55)");
  });

  it("refuses a Canvas assignment id that is not one, and a roster it cannot use, before grading", async () => {
    const { io } = capture();
    await expect(gradeCommand({ paths: ["class"], assignment: TOY_ID, out: "bad-id", runner: inProcess, canvasAssignment: "HW4" }, io)).rejects.toThrow(
      '--canvas-assignment: expected Canvas\'s assignment id, the digits at the end of its address (.../assignments/123456), got "HW4"',
    );
    await expect(gradeCommand({ paths: ["class"], assignment: TOY_ID, out: "bad-roster", runner: inProcess, roster: "no-such.csv" }, io)).rejects.toThrow("--roster no-such.csv: cannot read it (ENOENT)");
    expect(existsSync(join(work, "bad-id"))).toBe(false);
    expect(existsSync(join(work, "bad-roster"))).toBe(false);
    const cli = await runCli(["grade", "class", "-a", TOY_ID, "-o", "cli", "--canvas-assignment", "12", "--canvas-assignment", "13"], { cwd: work });
    expect(cli).toMatchObject({ code: 2, stderr: "nngrade: --canvas-assignment: expected one value, given 2\n" });
  });

  it("refuses an OUT that is an input, and a path without submissions, before writing anything", async () => {
    await expect(grade("class")).rejects.toThrow("--out class: is the input folder class");
    await expect(grade("nothing", { paths: ["no-such-folder"] })).rejects.toThrow();
    expect(existsSync(join(work, "nothing"))).toBe(false);
  });
});
