/**
 * The Python lines `template` prints, run by python3 with numpy as a student
 * would paste them: the file they write is one nngrade reads, numpy arrays
 * and numbers and NaN included. And numpy's text of an array (default=str)
 * gets a message that says what to do instead.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-template-python-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("filling the template from Python", () => {
  it("prints JSON alone on stdout and, on stderr, Python lines that write a file nngrade reads", async () => {
    const template = await runCli(["template", "hw4-hyperparameters"], { cwd: work });
    expect(template.code).toBe(0);
    writeFileSync(join(work, "answers.json"), template.stdout);
    JSON.parse(template.stdout);
    // the indented lines right under the python header: the list of answers further down is indented too
    const printed = template.stderr.split("\n");
    const after = printed.slice(printed.indexOf("nngrade: to fill it from Python (numpy arrays and NaN as they are):") + 1);
    const lines = after.slice(0, after.findIndex((line) => !line.startsWith("  "))).map((line) => line.trim());
    expect(lines).toHaveLength(3);
    // how nngrade reads the handout where it could be read two ways, before the student computes
    expect(template.stderr).toContain("nngrade: q9: The training settings are the reference's choice and are required");
    const handout = await runCli(["handout", "hlcv-two-layer-net"], { cwd: work });
    expect(handout.stdout).toMatch(/^e4 {2}Capacity on MNIST[\s\S]*?\n {4}note: depth_sweep is read as 2, 3, 4 and 5 hidden layers/m);
    const json = JSON.parse((await runCli(["handout", "hlcv-two-layer-net", "--json"], { cwd: work })).stdout);
    expect(Object.keys(json.conventions)).toEqual(["e3", "e4"]);
    // q1's one-hot labels as numpy makes them, and a numpy NaN and int64 where q2 and q4 take numbers
    const script = [
      "import numpy as np",
      "onehot = np.eye(4, dtype=np.int64)[[0, 1, 1, 2, 3, 0]]",
      ...lines,
      'submission["answers"]["q4"]["extrema"] = np.array([np.int64(0), 1, 3])',
      'submission["answers"]["q2"]["z"] = np.array([[0.0, 6, 6], [-23, -4, np.nan]])',
      'json.dump(submission, open("answers.json", "w"), default=lambda value: value.tolist(), indent=1)',
    ].join("\n");
    execFileSync("python3", ["-c", script], { cwd: work });
    const checked = await runCli(["check", "answers.json", "--json"], { cwd: work });
    const result = JSON.parse(checked.stdout) as { tasks: { items: { id: string; status: string }[] }[] };
    const status = (id: string) => result.tasks.flatMap((task) => task.items).find((item) => item.id === id)?.status;
    expect(status("q1.onehot")).toBe("pass");
    expect(status("q4.extrema")).toBe("pass");
    // read as numbers, NaN included: wrong in one place, not unreadable
    expect(status("q2.z")).toBe("fail");
  });

  it("names numpy's text of an array, as default=str writes it", async () => {
    const template = JSON.parse((await runCli(["template", "hw4-hyperparameters"], { cwd: work })).stdout);
    // what python's json.dump(..., default=str) makes of numpy arrays, written by numpy itself
    const printed = execFileSync("python3", ["-c", 'import numpy as np, json; print(json.dumps([str(np.array([[0., 6, 6], [-23, -4, 14]])), repr(np.array([0., 1, 3]))]))'], { encoding: "utf8" });
    const [matrix, vector] = JSON.parse(printed) as [string, string];
    template.answers.q2.z = matrix;
    template.answers.q4.extrema = vector;
    writeFileSync(join(work, "str.json"), JSON.stringify(template));
    const checked = await runCli(["check", "str.json"], { cwd: work });
    expect(checked.stdout).toMatch(/q2\.z .*numpy's text of an array, as default=str writes it: save arr\.tolist\(\) instead/s);
    expect(checked.stdout.match(/save arr\.tolist\(\) instead/g)).toHaveLength(2);
  });
});
