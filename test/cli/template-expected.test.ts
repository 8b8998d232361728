/**
 * What `template` and `handout` say each answer should be: its shape, taken
 * from the reference's answer, how it is compared, from the rubric item, and
 * the TA's hint; while the JSON a student fills (and tools parse) stays as it
 * was, every answer null.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blankAnswers } from "../../src/grade/blank-answers.ts";
import { getAtPath } from "../../src/rubric/answers.ts";
import { numericShape, type Value } from "../../src/value.ts";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-template-expected-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Expected = Record<string, Record<string, { shape: number[] | null; kind: string; hint: string }>>;

/** the indented lines under the list's header, up to the next line that is not one */
function answerLines(text: string): string[] {
  const lines = text.split("\n");
  const after = lines.slice(lines.findIndex((line) => line.endsWith("each answer, and how it is compared:")) + 1);
  const end = after.findIndex((line) => !line.startsWith("  "));
  return end === -1 ? after : after.slice(0, end);
}

/** a toy course, the JSON-key example copied, with the TA's hint on q1.z (and `change` to break it) */
function course(name: string, change: (item: Record<string, unknown>) => void): string {
  const folder = join(work, name);
  cpSync(join(REPO_ROOT, "examples/key-toy"), join(folder, "key-toy"), { recursive: true });
  const file = join(folder, "key-toy", "key-toy.json");
  const rubric = JSON.parse(readFileSync(file, "utf8"));
  change(rubric.tasks[0].items.find((item: { answer: string }) => item.answer === "z"));
  writeFileSync(file, JSON.stringify(rubric, null, 2));
  return folder;
}

describe("what each answer should be", () => {
  it("gives each graded answer the shape of the reference's answer, and leaves the template's JSON as it was", async () => {
    const reference = JSON.parse((await runCli(["reference", "hw4-hyperparameters", "--json"])).stdout) as { answers: Record<string, Value> };
    const template = await runCli(["template", "hw4-hyperparameters"]);
    expect(template.code).toBe(0);
    // stdout is the template alone, every answer null, nothing added
    const parsed = JSON.parse(template.stdout);
    expect(parsed).toEqual({ assignment: "hw4-hyperparameters", student: { id: "", name: "" }, answers: blankAnswers(reference.answers) });
    expect(template.stdout).not.toContain("within");

    const handout = await runCli(["handout", "hw4-hyperparameters", "--json"]);
    const json = JSON.parse(handout.stdout) as { template: unknown; expected: Expected };
    expect(Object.keys(json)).toEqual(["assignment", "variant", "inputs", "conventions", "template", "expected"]);
    expect(json.template).toEqual(parsed);
    // every shape is the reference answer's, element by element for a [*] path
    let checked = 0;
    for (const [task, answers] of Object.entries(json.expected)) {
      for (const [path, { shape }] of Object.entries(answers)) {
        // an element with an item of its own (q7's runs[3].J, 5 values) is described by that item's line
        const elements = path.includes("[*]") ? [0, 1, 2, 3].map((k) => path.replace("[*]", `[${k}]`)).filter((element) => answers[element] === undefined) : [path];
        for (const element of elements) {
          const found = getAtPath(reference.answers[task], element);
          expect(found.found, `${task}.${element}`).toBe(true);
          const value = (found as { value: Value }).value;
          // a null answer (q7's diverged run) has no shape to give
          if (value !== null) expect(shape, `${task}.${element}`).toEqual(numericShape(value));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(json.expected.q2?.z).toEqual({ shape: [2, 3], kind: "a 2x3 matrix", hint: "each within 1e-6 relative + 1e-9 absolute" });
    expect(json.expected.q5?.J?.shape).toEqual([71]);
    expect(json.expected.q6?.["runs[*].J"]).toMatchObject({ shape: [100], kind: "a vector of 100 in each of 4 runs" });
    expect(json.expected.q4?.kinds).toEqual({ shape: null, kind: "a list of 3 strings", hint: "exactly, in any case, one of min, max" });
    expect(json.expected.q4?.extrema?.hint).toMatch(/^in any order, each within 1e-6 relative \+ 1e-6 absolute/);
    // a range's limits would give the answer away
    expect(json.expected.q7?.["runs[2].final_w"]?.hint).toBe("within the accepted range");

    // on stderr, one aligned line per rubric item: the same words as the JSON's
    const lines = answerLines(template.stderr);
    expect(lines).toHaveLength(Object.values(json.expected).reduce((sum, answers) => sum + Object.keys(answers).length, 0));
    expect(lines.find((line) => line.startsWith("  q2.z "))).toMatch(/^ {2}q2\.z +a 2x3 matrix +each within 1e-6 relative \+ 1e-9 absolute$/);
    const hintColumn = (line: string) => line.indexOf("each within");
    expect(hintColumn(lines.find((line) => line.startsWith("  q1.onehot")) ?? "")).toBe(hintColumn(lines.find((line) => line.startsWith("  q2.z ")) ?? ""));
  });

  it("lists the answers under the template in the text handout, for a student's own variant too", async () => {
    const handout = await runCli(["handout", "hlcv-two-layer-net", "--student", "s123"]);
    expect(handout.code).toBe(0);
    const [, after = ""] = handout.stdout.split("answers template (save as answers.json):\n");
    expect(after).toMatch(/\n\neach answer, and how it is compared:\n/);
    const lines = answerLines(after);
    expect(lines).toHaveLength(14);
    expect(lines.find((line) => line.startsWith("  e2.grad_W1 "))).toMatch(/ a 4x10 matrix +each within 1e-6 relative \+ 1e-12 absolute$/);
    expect(lines.find((line) => line.startsWith("  e4.depth_sweep[*] "))).toMatch(/ a number in a vector of 4 +within the reference's band: 99\.5% of \d+ seeded runs/);
  });

  it("shows a course rubric's hint after the derived one", async () => {
    const hint = "one sample per row, as x @ W gives it";
    const cwd = course("hinted", (item) => {
      item.hint = hint;
    });
    const template = await runCli(["template", "key-toy"], { cwd });
    expect(template.code).toBe(0);
    expect(JSON.parse(template.stdout).answers.q1).toEqual({ W: null, z: null, log_of_zero_loss: null, margin: null });
    const lines = answerLines(template.stderr);
    expect(lines).toContain(`  q1.z                 a 2x3 matrix  each within 1e-6 relative + 1e-9 absolute; ${hint}`);
    // only the item it is written on
    expect(lines.filter((line) => line.includes(hint))).toHaveLength(1);
    const json = JSON.parse((await runCli(["handout", "key-toy", "--json"], { cwd })).stdout) as { expected: Expected };
    expect(json.expected.q1?.z?.hint).toBe(`each within 1e-6 relative + 1e-9 absolute; ${hint}`);
    expect(json.expected.q1?.margin?.hint).toBe("one of 2 accepted answers: within 1e-4 relative");
    expect(json.expected.q2?.val_accuracy).toEqual({ shape: [], kind: "a number", hint: "within the reference's band: 99.5% of 3 seeded runs (95% confidence)" });
  });

  it("refuses a hint that is not text", async () => {
    const cwd = course("bad-hint", (item) => {
      item.hint = 3;
    });
    const template = await runCli(["template", "key-toy"], { cwd });
    expect(template.code).not.toBe(0);
    expect(template.stdout).toBe("");
    expect(template.stderr).toMatch(/item "z": hint must be string/);
  });
});
