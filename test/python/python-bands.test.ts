/**
 * Bands from a Python reference: the TA's solve runs K seeds in numpy and
 * returns each seed's value as a band (extras "bands"); the rubric's `seeds`
 * chooses K, as for a built-in. An honest run with a seed of the student's
 * own lands inside; a result the training cannot give does not.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import { parseSubmissionText } from "../../src/rubric/json.ts";

const FOLDER = join(import.meta.dirname, "band-course");
const work = mkdtempSync(join(tmpdir(), "nngrade-python-bands-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** a student's run: the module's own training loop with a seed the reference never ran */
function honestRun(seed: number): { final_w: number; final_loss: number } {
  const script = `import importlib.util, json; s = importlib.util.spec_from_file_location("m", "${join(FOLDER, "seeded.py")}"); m = importlib.util.module_from_spec(s); s.loader.exec_module(m); w, l = m.run(${seed}, 50); print(json.dumps({"final_w": float(w), "final_loss": float(l)}))`;
  return JSON.parse(spawnSync("python3", ["-c", script], { encoding: "utf8" }).stdout);
}

function grade(assignment: Awaited<ReturnType<typeof loadAssignment>>, train: Record<string, number>) {
  const submission = parseSubmissionText(JSON.stringify({ assignment: assignment.id, student: { id: "s" }, answers: { train } }), "s.json");
  return gradeSubmission(assignment, submission as never).tasks[0]!.items;
}

describe("bands from a python reference", () => {
  it("passes honest runs with seeds of the student's own and fails a result no run gives", async () => {
    const assignment = await loadAssignment(join(FOLDER, "seeded.json"));
    for (const seed of [100, 101, 102]) {
      const items = grade(assignment, honestRun(seed));
      expect(items.map((item) => item.status), `seed ${seed}`).toEqual(["pass", "pass"]);
    }
    const items = grade(assignment, { final_w: 2.0, final_loss: 1.0 });
    expect(items.map((item) => item.status)).toEqual(["fail", "fail"]);
  });

  it("takes K from the rubric's seeds: the python solve is given those seeds", async () => {
    const rubric = JSON.parse(readFileSync(join(FOLDER, "seeded.json"), "utf8"));
    rubric.tasks[0].seeds = [0, 1, 2];
    writeFileSync(join(work, "seeded.json"), JSON.stringify(rubric));
    copyFileSync(join(FOLDER, "seeded.py"), join(work, "seeded.py"));
    const assignment = await loadAssignment(join(work, "seeded.json"));
    expect(assignment.inputs.train).toMatchObject({ seeds: [0, 1, 2] });
    const band = assignment.solutions.get("train")?.bands?.final_w;
    expect(band?.samples).toHaveLength(3);
    const three = [0, 1, 2].map((seed) => honestRun(seed).final_w);
    expect(band?.samples).toEqual(three);
  });

  it("refuses a band that is not a list of finite numbers, naming the path", async () => {
    const module = readFileSync(join(FOLDER, "seeded.py"), "utf8").replace('{"samples": w}', '{"samples": []}');
    writeFileSync(join(work, "broken.py"), module);
    writeFileSync(join(work, "broken.json"), readFileSync(join(FOLDER, "seeded.json"), "utf8").replace('"id": "seeded"', '"id": "broken"'));
    await expect(loadAssignment(join(work, "broken.json"))).rejects.toThrow(/bands\.final_w: expected \{"samples"/);
  });
});
