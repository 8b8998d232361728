import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listCommand } from "../../src/cli/commands/list.ts";
import type { CommandIo } from "../../src/cli/io.ts";
import { BUILTIN_RUBRICS, shippedCacheFolder } from "../../src/grade/assignment.ts";
import { courseAssignments, resolveAssignment } from "../../src/grade/course.ts";
import { ASSIGNMENT_ID } from "../../src/rubric/types.ts";
import schema from "../../rubrics/rubric.schema.json" with { type: "json" };

const rubric = (id: string) => JSON.stringify({ format: "nngrade/rubric@1", id, title: `${id} title`, tasks: [] });

function course(): string {
  const root = mkdtempSync(join(tmpdir(), "nngrade-course-"));
  for (const [path, text] of Object.entries({
    "a1/a1.json": rubric("a1"),
    "week2/lab/lab2.json": rubric("lab2"),
    "deep/er/still/too-deep.json": rubric("too-deep"),
    "a1/fixtures/looks-like.json": rubric("fixture-rubric"),
    "node_modules/x/x.json": rubric("from-a-package"),
    "a1/a1-answers.json": JSON.stringify({ assignment: "a1", answers: {} }),
    "package.json": JSON.stringify({ name: "course" }),
    "broken.json": "{ not json",
  })) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("a course's own assignments", () => {
  it("are the rubric files in its folder and two levels down, leaving out fixtures, packages and anything not a rubric", () => {
    const root = course();
    expect(courseAssignments(root).map((info) => [info.id, info.title, info.rubricFile.slice(root.length + 1)])).toEqual([
      ["a1", "a1 title", "a1/a1.json"],
      ["lab2", "lab2 title", "week2/lab/lab2.json"],
    ]);
  });

  it("are named by id like the built-ins; a path and a built-in id pass through", () => {
    const root = course();
    expect(resolveAssignment("lab2", root)).toBe(join(root, "week2/lab/lab2.json"));
    expect(resolveAssignment("hw4-hyperparameters", root)).toBe("hw4-hyperparameters");
    expect(resolveAssignment("a1/a1.json", root)).toBe(join(root, "a1/a1.json"));
    // an id found nowhere names the course's ids too, and where they were looked for
    expect(() => resolveAssignment("nowhere", root)).toThrow(
      new RegExp(`unknown assignment 'nowhere' \\(known: a1, acml-autoencoder, .*, lab2\\); a course's rubrics are looked for in ${root} and two folders down`),
    );
  });

  it("are listed after the built-ins, with where they are", async () => {
    const root = course();
    let out = "";
    const stdout = (text: string): void => {
      out += text;
    };
    const io = { cwd: root, stdout, stderr: () => undefined } as unknown as CommandIo;
    expect(await listCommand({}, io)).toBe(0);
    expect(out).toMatch(/^hw4-hyperparameters /m);
    expect(out).toContain(`this course (${root}):`);
    expect(out).toMatch(/^lab2 +lab2 title {2}\(week2\/lab\/lab2\.json\)$/m);
  });

  it("are named by the rubric schema's own id pattern, which every command checks ids with", () => {
    expect(ASSIGNMENT_ID.source).toBe((schema as { properties: { id: { pattern: string } } }).properties.id.pattern);
  });
});

describe("where a course's shipped runs are kept", () => {
  it("beside the rubric for the course's own reference, in nngrade's reference/cache for a built-in one", () => {
    const root = mkdtempSync(join(tmpdir(), "nngrade-shipped-"));
    writeFileSync(join(root, "mine.py"), "");
    writeFileSync(join(root, "mine.ts"), "");
    expect(shippedCacheFolder(join(root, "a.json"), { id: "a", reference: "mine" })).toBe(join(root, "cache"));
    expect(shippedCacheFolder(join(root, "k.json"), { id: "k", key: "key.json" })).toBe(join(root, "cache"));
    // a copy of a built-in rubric, edited in a folder of its own, still grades from the built-in's shipped runs (no training)
    expect(shippedCacheFolder(join(root, "hw4.json"), { id: "hw4-hyperparameters" })).toBeUndefined();
    expect(shippedCacheFolder(join(BUILTIN_RUBRICS, "hw4-hyperparameters.json"), { id: "hw4-hyperparameters" })).toBeUndefined();
  });
});

describe("a submission that names a course's assignment", () => {
  it("is checked against it from the course folder, with no --assignment", async () => {
    const { runCli, REPO_ROOT } = await import("../helpers/cli.ts");
    const folder = join(REPO_ROOT, "examples/nn101");
    const run = await runCli(["check", "fixtures/correct.json", "--json"], { cwd: folder });
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout) as { assignment: string; score: number; max_score: number };
    expect([result.assignment, result.score]).toEqual(["nn101-dense-layer", result.max_score]);
  });
});
