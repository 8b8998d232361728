/**
 * A rerun of `nngrade grade` regrades the class after a course's own
 * reference changed (grade/reference-source.ts, the resume state's
 * reference_sha256): a Python reference and the .py helpers beside it, a
 * TypeScript one and the .ts beside it, answer keys. Each run loads the
 * assignment afresh, as each `nngrade grade` is a new process
 * (loadAssignment keeps what it loaded for the life of one).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeBatch, inProcessRunner } from "../../src/batch/index.ts";
import { BUILTIN_REGISTRIES } from "../../src/compare/registries.ts";
import { loadReference } from "../../src/grade/assignment.ts";
import { solvedAssignment } from "../../src/grade/assignment-from.ts";
import { parseResultJson } from "../../src/result/json.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-reference-change-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** the assignment as a new `nngrade grade` process loads it: nothing kept from an earlier load */
async function freshAssignment(rubricFile: string) {
  const read = await loadReference(rubricFile);
  return solvedAssignment(read, { cache: read.cache }, BUILTIN_REGISTRIES);
}

/** `nngrade grade fixtures -a RUBRIC -o out` in `folder`, in a new process's stead */
async function grade(folder: string, rubric: string) {
  const runner = inProcessRunner(await freshAssignment(join(folder, rubric)));
  const { graded, skipped, broken } = await gradeBatch({ cwd: folder, paths: ["fixtures"], out: "out", generatedAt: "2023-11-14T22:13:20.000Z" }, runner);
  return { graded, skipped, broken };
}

function statusOf(folder: string, name: string, itemId: string): string | undefined {
  const result = parseResultJson(readFileSync(join(folder, "out", `${name}.json`), "utf8"));
  return result.tasks.flatMap((task) => task.items).find((item) => item.id === itemId)?.status;
}

describe("a rerun after the course's reference changed", () => {
  it("regrades every student of nn101 once its python reference's loss changed, and a helper .py beside it counts too", async () => {
    const folder = join(work, "nn101");
    cpSync(join(REPO_ROOT, "examples/nn101"), folder, { recursive: true });
    const rubric = "nn101-dense-layer.json";
    const first = await grade(folder, rubric);
    expect(first.graded).toBe(7);
    expect(statusOf(folder, "correct", "backward.L")).toBe("pass");
    // nothing changed: everyone is skipped
    expect(await grade(folder, rubric)).toEqual({ graded: 0, skipped: 7, broken: 0 });

    // the loss without its 1/2: the students' L no longer matches
    const module = join(folder, "nn101-dense-layer.py");
    const source = readFileSync(module, "utf8");
    const edited = source.replace("L = np.sum((A - Y) ** 2) / (2 * N)", "L = np.sum((A - Y) ** 2) / N");
    expect(edited).not.toBe(source);
    writeFileSync(module, edited);
    expect(await grade(folder, rubric)).toEqual({ graded: 7, skipped: 0, broken: first.broken });
    expect(statusOf(folder, "correct", "backward.L")).toBe("fail");
    expect(await grade(folder, rubric)).toEqual({ graded: 0, skipped: 7, broken: first.broken });

    // a helper module the reference may import is part of it
    writeFileSync(join(folder, "helpers.py"), "HALF = 0.5\n");
    expect((await grade(folder, rubric)).graded).toBe(7);
  });

  it("regrades after an answer key changed", async () => {
    const folder = join(work, "nn101-key");
    cpSync(join(REPO_ROOT, "examples/nn101-key"), folder, { recursive: true });
    const rubric = "nn101-dense-layer-key.json";
    expect((await grade(folder, rubric)).graded).toBe(7);
    expect((await grade(folder, rubric)).skipped).toBe(7);
    const keyFile = join(folder, "key.json");
    const key = JSON.parse(readFileSync(keyFile, "utf8")) as { answers: { backward: { L: number } } };
    key.answers.backward.L *= 2;
    writeFileSync(keyFile, JSON.stringify(key));
    expect(await grade(folder, rubric)).toMatchObject({ graded: 7, skipped: 0 });
    expect(statusOf(folder, "correct", "backward.L")).toBe("fail");
  });
});

describe("loadReference's sourceHash", () => {
  it("hashes a course's typescript module and the .ts beside it; a built-in reference has none", async () => {
    const folder = join(work, "typescript");
    mkdirSync(folder);
    const rubricFile = join(folder, "toy.json");
    writeFileSync(
      rubricFile,
      JSON.stringify({ format: "nngrade/rubric@1", id: "toy", title: "toy", tasks: [{ id: "t1", title: "one", points: 1, items: [{ answer: "x", points: 1, compare: { mode: "relabs" } }] }] }),
    );
    const module = (x: number) => `export default { id: "toy", title: "toy", defaultInputs: () => ({ t1: {} }), tasks: [{ id: "t1", solve: () => ({ answers: { x: ${x} } }) }] };\n`;
    // the hash is of the files' bytes (node's import keeps the first module it loaded for the life of the process)
    const hashWith = async (x: number, helper?: string) => {
      writeFileSync(join(folder, "toy.ts"), module(x));
      if (helper !== undefined) writeFileSync(join(folder, "helper.ts"), helper);
      return (await loadReference(rubricFile)).sourceHash;
    };
    const one = await hashWith(1);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashWith(1)).toBe(one);
    expect(await hashWith(2)).not.toBe(one);
    const two = await hashWith(2);
    expect(await hashWith(2, "export const HALF = 0.5;\n")).not.toBe(two);
    expect((await loadReference("hw4-hyperparameters")).sourceHash).toBeUndefined();
  });
});
