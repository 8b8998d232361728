import yargs from "yargs";
import { NngradeError } from "../errors.ts";
import { packageVersion } from "../package-root.ts";
import { closestWord } from "../suggest.ts";
import { EXIT } from "./exit-codes.ts";

/** error codes that are the assignment's fault, not the submission's or the command line's */
const ASSIGNMENT_FAULTS = new Set(["rubric", "reference", "reference-unavailable"]);
/** what every command that takes an assignment accepts (grade/course.ts resolveAssignment) */
const ASSIGNMENT = "assignment id (built-in, or a course's: see nngrade list) or rubric path";
import { type CommandIo, processIo } from "./io.ts";

/**
 * Declares the commands; each one's code is imported only when it runs, so
 * `nngrade list` does not load the grader. Returns the exit code.
 */
export async function main(argv: string[], partialIo: Partial<CommandIo> & { cwd: string }): Promise<number> {
  const merged: CommandIo = { ...processIo(partialIo.cwd), ...partialIo };
  // GitHub's runner reads stderr for workflow commands too, and stderr quotes student text (a file's assignment id,
  // a student id): in a workflow, nothing written there may read as a command (check's stdout stops them itself)
  const io: CommandIo = merged.env.GITHUB_ACTIONS === "true" ? { ...merged, stderr: (text) => merged.stderr(inertToRunner(text)) } : merged;
  let code: number = EXIT.ok;
  const run = (load: () => Promise<(options: never, io: CommandIo) => Promise<number>>) => async (options: unknown) => {
    const command = await load();
    code = await command(options as never, io);
  };
  const parser = yargs(argv)
    .scriptName("nngrade")
    .usage("$0 <command> [options]")
    .command("list", "list the built-in assignments, and the course's: rubrics here and two folders down", {}, run(async () => (await import("./commands/list.ts")).listCommand))
    .command(
      "new <id>",
      "write a new assignment's folder (rubric, reference, fixtures) that passes nngrade test as it is",
      (y) =>
        y
          .positional("id", { type: "string", describe: "the assignment's id: lowercase letters, digits and dashes" })
          .option("python", { type: "boolean", describe: "the reference in plain numpy (the default)" })
          .option("key", { type: "boolean", describe: "the reference as a JSON answer key" })
          .option("typescript", { type: "boolean", describe: "the reference in TypeScript through nngrade/authoring" })
          .option("out", { alias: "o", type: "string", describe: "the folder to write (default: ./<id>)" }),
      run(async () => (await import("./commands/new.ts")).newCommand),
    )
    .command(
      "check <file>",
      "grade one submission and print the verdict (visible items only)",
      (y) =>
        y
          .positional("file", { type: "string", describe: "the submission JSON" })
          .option("assignment", { alias: "a", type: "string", describe: `${ASSIGNMENT} (default: the id the file names)` })
          .option("json", { type: "boolean", describe: "print the result as JSON" })
          .option("format", { choices: ["text", "json", "gradescope"], describe: "what to print (--json is --format json)" })
          .option("ci", { type: "boolean", describe: "GitHub Actions annotations, and a step summary when GITHUB_STEP_SUMMARY is set" })
          .option("junit", { type: "string", describe: "also write JUnit XML to this file" })
          .option("html", { type: "string", describe: "also write an HTML report to this file" })
          .option("pdf", { type: "string", describe: "also write a PDF report to this file" })
          .option("min-score", { type: "string", describe: "exit 1 below this score: points (12.5) or a percentage (80%)" })
          .option("all", { type: "boolean", describe: "grade hidden items too (for TAs)" })
          .option("variants", { choices: ["default", "per-student"], describe: "whose inputs: the handout's, or the student's own" })
          .option("student-id", { type: "string", describe: "grade as this student, whatever the file says (for autograders)" })
          .option("bundle", { type: "string", describe: "grade from a student bundle (nngrade build --student): a folder or file" }),
      run(async () => (await import("./commands/check.ts")).checkCommand),
    )
    .command(
      "build <assignment>",
      "build what students may hold: a self-check bundle with no reference and nothing hidden",
      (y) =>
        y
          .positional("assignment", { type: "string", describe: ASSIGNMENT })
          .option("student", { type: "boolean", describe: "a student bundle: visible items' expected values and the inputs" })
          .option("out", { alias: "o", type: "string", demandOption: true, describe: "the folder to write" })
          .option("roster", { type: "string", describe: "a CSV of the class: each student's own inputs (per-student variants)" })
          .option("html", { type: "string", describe: "also write the offline self-check page, one self-contained HTML file" })
          .option("include-solver", { type: "boolean", describe: "put a Python reference's code in the bundle: errors carried forward in check --bundle; gives the method away" })
          .option("solver-file", { type: "string", array: true, describe: "with --include-solver: another file the module needs (a helper module, data), relative to the rubric" })
          .option("variants", { choices: ["default", "per-student"], describe: "whose numbers: the rubric's choice unless given (as for grade)" }),
      run(async () => (await import("./commands/build.ts")).buildCommand),
    )
    .command(
      "grade <paths..>",
      "grade a folder or files of submissions and write reports and a gradebook",
      (y) =>
        y
          // <paths..> demands one or more; yargs' own default for a list ([]) would show as "[required] [default: []]"
          .positional("paths", { type: "string", default: undefined, describe: "submission files or folders" })
          .option("assignment", { alias: "a", type: "string", demandOption: true, describe: ASSIGNMENT })
          .option("out", { alias: "o", type: "string", demandOption: true, describe: "folder for the reports" })
          .option("variants", { choices: ["default", "per-student"], describe: "whose inputs: the handout's, or each student's own" })
          .option("jobs", { alias: "j", type: "number", describe: "worker threads (default: one per core, one for a tiny batch)" })
          .option("timeout", {
            type: "number",
            describe: "seconds one submission may take to grade; past it, its row says timed out and the batch goes on (default 120; 0: no limit)",
          })
          .option("force", { type: "boolean", describe: "regrade everyone, even students whose inputs did not change" })
          .option("pdf", { type: "boolean", describe: "also write a PDF report per student, and summary.pdf" })
          .option("shard", { type: "string", describe: "grade only shard k of n (k/n, by a hash of the student id); combine with merge" })
          .option("canvas-assignment", { type: "string", describe: "Canvas's assignment id: gradebook-canvas.csv updates that assignment (column \"Title (id)\")" })
          .option("roster", { type: "string", describe: "the class as a CSV (Canvas's gradebook export): Canvas rows carry its ids; students not on it are flagged and left out" })
          .option("excel", { type: "boolean", describe: "gradebook.csv with a UTF-8 byte order mark, for Excel" }),
      run(async () => (await import("./commands/grade.ts")).gradeCommand),
    )
    .command(
      "merge <dirs..>",
      "combine the output folders of grade --shard runs into one folder and gradebook",
      (y) =>
        y
          .positional("dirs", { type: "string", default: undefined, describe: "output folders of grade" })
          .option("out", { alias: "o", type: "string", demandOption: true, describe: "folder for the combined reports" })
          .option("pdf", { type: "boolean", describe: "also write summary.pdf" }),
      run(async () => (await import("./commands/merge.ts")).mergeCommand),
    )
    .command(
      "reference <assignment>",
      "print the reference answers in submission shape",
      (y) =>
        y
          .positional("assignment", { type: "string", describe: ASSIGNMENT })
          .option("json", { type: "boolean", describe: "print a submission file that gets full marks" })
          .option("rebuild", {
            type: "boolean",
            describe: "recompute the reference's cached results and rewrite its shipped cache (a course's cache/<id>.json beside its rubric; a built-in's reference/cache/<id>.json)",
          }),
      run(async () => (await import("./commands/reference.ts")).referenceCommand),
    )
    .command(
      "handout <assignment>",
      "print a student's inputs for every task, and an answers template",
      (y) =>
        y
          .positional("assignment", { type: "string", describe: ASSIGNMENT })
          .option("student", { alias: "s", type: "string", describe: "student id (per-student variants)" })
          .option("json", { type: "boolean", describe: "print the inputs as JSON" }),
      run(async () => (await import("./commands/handout.ts")).handoutCommand),
    )
    .command(
      "template <assignment>",
      "print an answers skeleton for students, every value null",
      (y) => y.positional("assignment", { type: "string", describe: ASSIGNMENT }),
      run(async () => (await import("./commands/template.ts")).templateCommand),
    )
    .command(
      "test <assignment>",
      "the assignment's own test: full marks for the reference, tolerances that can be met, the fixtures' expected verdicts, lint",
      (y) =>
        y
          .positional("assignment", { type: "string", describe: ASSIGNMENT })
          .option("fixtures", { type: "string", describe: "folder of fixture submissions (default: a built-in's fixtures/submissions/<id>/)" })
          .option("expectations", {
            type: "string",
            describe: "folder of <name>.expect.json files: item -> status and diagnosis (default: beside the fixtures; a built-in's fixtures/expectations/<id>/)",
          }),
      run(async () => (await import("./commands/test.ts")).testCommand),
    )
    .command("rubric", "work with rubric files", (y) =>
      y
        .command(
          "validate <assignment>",
          "check an assignment's rubric against the rubric schema, its comparators' options and its reference",
          (z) => z.positional("assignment", { type: "string", describe: ASSIGNMENT }),
          run(async () => (await import("./commands/rubric-validate.ts")).rubricValidateCommand),
        )
        .command(
          "lint <assignment>",
          "validate, then warn about items whose expected value a one-ulp change of the inputs moves",
          (z) => z.positional("assignment", { type: "string", describe: ASSIGNMENT }),
          run(async () => (await import("./commands/rubric-lint.ts")).rubricLintCommand),
        )
        .demandCommand(1, "name a rubric command: validate, lint"),
    )
    .command("data", "the data sets an assignment trains and grades on", (y) =>
      y
        .command(
          "export <assignment>",
          "write an assignment's data sets as .npy and CSV files, with checksums",
          (z) =>
            z
              .positional("assignment", { type: "string", describe: ASSIGNMENT })
              .option("out", { alias: "o", type: "string", demandOption: true, describe: "folder for the files" })
              .option("format", { choices: ["npy", "csv", "both"], default: "both", describe: "which files to write" }),
          run(async () => (await import("./commands/data-export.ts")).dataExportCommand),
        )
        .command(
          "list <assignment>",
          "list an assignment's data sets: name, shape, what they are",
          (z) => z.positional("assignment", { type: "string", describe: ASSIGNMENT }),
          run(async () => (await import("./commands/data-list.ts")).dataListCommand),
        )
        .demandCommand(1, "name a data command: export, list"),
    )
    .command("gradescope", "autograders for Gradescope", (y) =>
      y
        .command(
          "build <assignment>",
          "write an autograder.zip that grades one .json file per submission with nngrade",
          (z) =>
            z
              .positional("assignment", { type: "string", describe: ASSIGNMENT })
              .option("out", { alias: "o", type: "string", demandOption: true, describe: "the zip to write" }),
          run(async () => (await import("./commands/gradescope-build.ts")).gradescopeBuildCommand),
        )
        .demandCommand(1, "name a gradescope command: build"),
    )
    .demandCommand(1, "name a command; see nngrade --help")
    // yargs turns an option given twice into a list, which no command takes: say so rather than guess which was meant
    .middleware((argv) => {
      for (const [key, value] of Object.entries(argv)) {
        if (Array.isArray(value) && /^[a-z][a-z-]+$/.test(key) && !LIST_ARGUMENTS.has(key)) {
          throw new UsageError(`--${key}: expected one value, given ${value.length}`);
        }
      }
    }, true)
    .strict()
    .recommendCommands()
    .help()
    .alias("h", "help")
    .version(packageVersion())
    .alias("v", "version")
    // as wide as the terminal, but never narrower than 80 columns (nor unbounded when piped)
    .wrap(Math.max(80, process.stdout.columns ?? 0))
    .exitProcess(false)
    .fail((message, error, usage) => {
      throw error ?? new UsageError(recommendation(message, parser.parsed) ?? optionSuggestion(message, argv, usage) ?? message);
    });
  // with a callback yargs hands back what it would print (help, the version) rather than writing to the console: it goes to io.stdout
  let printed = "";
  try {
    await parser.parseAsync(argv, (_error: unknown, _argv: unknown, output: string) => {
      printed = output;
    });
    if (printed !== "") io.stdout(`${printed}\n`);
  } catch (error) {
    if (error instanceof UsageError) {
      // yargs words its messages as sentences; ours are lowercase
      io.stderr(`nngrade: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}\n`);
      return EXIT.input;
    }
    if (error instanceof NngradeError) {
      io.stderr(`${error.message.split("\n").map((line) => `nngrade: ${line}`).join("\n")}\n`);
      // the assignment's own fault (its rubric, its reference) is not the input's: 1, as a failed check
      return ASSIGNMENT_FAULTS.has(error.code) ? EXIT.failed : EXIT.input;
    }
    throw error;
  }
  return code;
}

class UsageError extends Error {}

/** the commands that hold commands: a typo inside one is the word after the group's name */
const COMMAND_GROUPS = new Set(["rubric", "data", "gradescope"]);

/**
 * yargs' recommendation ("Did you mean check?") names the command it
 * suggests, not the word typed: this finds that word, so that the message
 * says both.
 */
function recommendation(message: string, parsed: { argv: { _: (string | number)[] } } | false): string | undefined {
  const suggested = /^Did you mean (\S+)\?$/.exec(message)?.[1];
  if (suggested === undefined || parsed === false) return undefined;
  const words = parsed.argv._.map(String);
  const typed = COMMAND_GROUPS.has(words[0] ?? "") ? words[1] : words[0];
  return `unknown command "${typed}": did you mean ${suggested}?`;
}

/**
 * yargs says "Unknown argument: frmat" and no more, and to `nngrade
 * --verison` (no command) only "name a command": the option the typo most
 * likely meant is added ("did you mean --format?"), from the options the
 * usage describes where the typo was made.
 */
function optionSuggestion(message: string, argv: readonly string[], usage: unknown): string | undefined {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message)?.[1]?.split(", ")[0];
  const alone = message.startsWith("name a command") && argv.length === 1 ? /^--?([a-z][a-z-]*)$/i.exec(argv[0] ?? "")?.[1] : undefined;
  const typed = unknown ?? alone;
  const describe = (usage as { getDescriptions?: () => Record<string, unknown> } | undefined)?.getDescriptions;
  if (typed === undefined || typeof describe !== "function") return undefined;
  const close = closestWord(typed, Object.keys(describe.call(usage)));
  const said = unknown !== undefined ? message : `unknown argument: ${typed}`;
  return close === undefined ? undefined : `${said}: did you mean --${close}?`;
}

/** the arguments that are lists (positional, or an option that may be given again); every other option takes one value */
const LIST_ARGUMENTS = new Set(["paths", "dirs", "solver-file"]);

/**
 * Text GitHub's runner cannot read as a workflow command: `::name::` at a
 * line's start and the legacy `##[name]` anywhere in it are broken up by a
 * space. The words stay readable; only the runner no longer acts on them.
 */
export function inertToRunner(text: string): string {
  return text.replace(/##\[/g, "# #[").replace(/^(\s*)::/gm, "$1: :");
}
