import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";

const empty = mkdtempSync(join(tmpdir(), "nngrade-help-"));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

/** the commands a help text lists, as the words that name them ("rubric validate"), read from its Commands: section */
function listedCommands(help: string): string[] {
  // a listed command starts two spaces in; a wrapped description is indented further
  return [...help.matchAll(/^ {2}nngrade (.+?)(?: {2,}|$)/gm)].map((match) =>
    (match[1] ?? "")
      .split(" ")
      .filter((word) => !word.startsWith("<") && !word.startsWith("["))
      .join(" "),
  );
}

/** every command and group, found by walking the help from the top, so that a new one is covered without a list to update */
async function everyCommand(): Promise<string[]> {
  const found: string[] = [];
  const pending = listedCommands((await runCli(["--help"])).stdout);
  for (let command = pending.shift(); command !== undefined; command = pending.shift()) {
    found.push(command);
    const { stdout } = await runCli([...command.split(" "), "--help"]);
    // a group lists its own commands, each under its name; a command lists itself in its usage line only
    pending.push(...listedCommands(stdout).filter((sub) => sub !== command && sub.startsWith(`${command} `)));
  }
  return found;
}

/** what one option or positional's entry says, on one line however the help wrapped it */
function entry(help: string, name: RegExp): string | undefined {
  const flat = help.replace(/\n {6,}/g, " ");
  return flat.split("\n").find((line) => name.test(line));
}

describe("nngrade help", () => {
  it("prints help on stdout and exits 0 for -h and --help at every level, with no required option that shows a default", async () => {
    const commands = await everyCommand();
    // the walk found the commands it should: the top level's, the groups', a group's command
    for (const known of ["check", "grade", "merge", "rubric", "rubric validate", "rubric lint", "data export", "data list", "gradescope build"]) {
      expect(commands).toContain(known);
    }
    for (const args of [[], ...commands.map((command) => command.split(" "))]) {
      for (const flag of ["-h", "--help"]) {
        const { code, stdout, stderr } = await runCli([...args, flag]);
        const label = ["nngrade", ...args, flag].join(" ");
        expect(code, label).toBe(0);
        expect(stderr, label).toBe("");
        expect(stdout, label).toMatch(new RegExp(`^nngrade ${args.join(" ")}`.trimEnd()));
        for (const line of stdout.split("\n")) {
          expect(line, label).not.toMatch(/\[required\].*\[default:/);
          expect(line, label).not.toMatch(/\[boolean\] \[default: false\]/);
        }
      }
    }
  });

  it("says of every assignment argument that it takes an id or a rubric path", async () => {
    let seen = 0;
    for (const command of await everyCommand()) {
      const { stdout } = await runCli([...command.split(" "), "-h"]);
      for (const name of [/^ {2}assignment {2}/, /--assignment {2}/]) {
        const line = entry(stdout, name);
        if (line === undefined) continue;
        seen += 1;
        expect(line, command).toMatch(/assignment id .* or rubric path/);
      }
    }
    // check and grade's -a, and the positional of build, reference, handout, template, test, rubric validate|lint, data export|list, gradescope build
    expect(seen).toBeGreaterThanOrEqual(12);
  });

  it("prints package.json's version for --version and -v", async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-v"]) {
      expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("wraps help to the terminal's width, but never narrower than 80 columns", async () => {
    const described = Object.getOwnPropertyDescriptor(process.stdout, "columns");
    const widest = async (columns: number) => {
      Object.defineProperty(process.stdout, "columns", { value: columns, configurable: true, writable: true });
      try {
        const { stdout } = await runCli(["grade", "-h"]);
        return Math.max(...stdout.split("\n").map((line) => line.length));
      } finally {
        if (described === undefined) delete (process.stdout as { columns?: number }).columns;
        else Object.defineProperty(process.stdout, "columns", described);
      }
    };
    // a narrow terminal still gets 80 columns (grade's help has lines that fill them)
    expect(await widest(40)).toBeGreaterThan(60);
    expect(await widest(40)).toBeLessThanOrEqual(80);
    // a wide one gets its width: --timeout's description no longer wraps
    expect(await widest(200)).toBeGreaterThan(80);
    expect(await widest(200)).toBeLessThanOrEqual(200);
  });
});

describe("nngrade command typos", () => {
  it("suggests the command meant, at the top and inside a group, as a usage error", async () => {
    for (const [args, message] of [
      [["chek", "x.json"], 'unknown command "chek": did you mean check?'],
      [["rubric", "valdate", "f.json"], 'unknown command "valdate": did you mean validate?'],
      [["data", "lst", "hw4-hyperparameters"], 'unknown command "lst": did you mean list?'],
      // a top-level command's name inside a group is a typo too
      [["rubric", "list", "hw4-hyperparameters"], 'unknown command "list": did you mean lint?'],
    ] as const) {
      expect(await runCli([...args])).toEqual({ code: 2, stdout: "", stderr: `nngrade: ${message}\n` });
    }
  });

  it("suggests the option meant, among the command's own options, and nothing for what is near none", async () => {
    expect((await runCli(["check", "x.json", "--frmat", "json"])).stderr).toBe("nngrade: unknown argument: frmat: did you mean --format?\n");
    expect((await runCli(["build", "hw4-hyperparameters", "--student", "--out", "o", "--rostr", "r.csv"])).stderr).toBe("nngrade: unknown argument: rostr: did you mean --roster?\n");
    // --roster is build's and grade's, not check's
    expect((await runCli(["check", "x.json", "--rostr", "r.csv"])).stderr).toBe("nngrade: unknown argument: rostr\n");
    expect((await runCli(["check", "x.json", "--zzzz", "1"])).stderr).toBe("nngrade: unknown argument: zzzz\n");
    // with no command, nngrade's own options: a typo of --version is not "name a command"
    expect(await runCli(["--verison"])).toEqual({ code: 2, stdout: "", stderr: "nngrade: unknown argument: verison: did you mean --version?\n" });
    expect((await runCli(["--zzz"])).stderr).toBe("nngrade: name a command; see nngrade --help\n");
  });
});

describe("nngrade rubric validate", () => {
  it("validates a built-in's rubric by its id, and a course's by its id", async () => {
    const builtIn = await runCli(["rubric", "validate", "hw4-hyperparameters"]);
    expect(builtIn.code).toBe(0);
    expect(builtIn.stdout).toMatch(/^hw4-hyperparameters: valid \(9 tasks, \d+ graded items, reference "hw4-hyperparameters"\)\n$/);
    // examples/key-toy/key-toy.json, found from examples/ as a course's rubric
    const course = await runCli(["rubric", "validate", "key-toy"], { cwd: join(REPO_ROOT, "examples") });
    expect(course.code).toBe(0);
    expect(course.stdout).toMatch(/^key-toy: valid \(/);
  });

  it("says which ids there are and where a course's were looked for when an id is unknown", async () => {
    const { code, stdout, stderr } = await runCli(["rubric", "validate", "hw9-nothing"], { cwd: empty });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^nngrade: unknown assignment 'hw9-nothing' \(known: [^)]*hw4-hyperparameters[^)]*\)/);
    expect(stderr).toContain(`looked for in ${empty}`);
  });

  it("suggests the id a typo meant, and lists a course found in several folders once", async () => {
    const typo = await runCli(["check", join(REPO_ROOT, "fixtures/submissions/hw4-hyperparameters/correct-numpy.json"), "-a", "hw4-hyperparamters"], { cwd: empty });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^nngrade: unknown assignment 'hw4-hyperparamters': did you mean hw4-hyperparameters\? \(known: /);
    // no suggestion for what is near nothing
    expect((await runCli(["rubric", "validate", "hw9-nothing"], { cwd: empty })).stderr).not.toContain("did you mean");
    const twice = join(empty, "twice");
    for (const copy of ["a", "b"]) cpSync(join(REPO_ROOT, "examples/key-toy"), join(twice, copy), { recursive: true });
    const listed = await runCli(["rubric", "validate", "key-tyo"], { cwd: twice });
    expect(listed.stderr).toMatch(/did you mean key-toy\?/);
    expect(listed.stderr.match(/\bkey-toy\b/g)).toHaveLength(2);
  });
});
