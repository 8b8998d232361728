import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";

// a one-task assignment whose reference names a mistake of its own: the penalty's gradient without its 2
const folder = mkdtempSync(join(tmpdir(), "nngrade-mistakes-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
writeFileSync(
  join(folder, "toy-reg.json"),
  JSON.stringify({
    format: "nngrade/rubric@1",
    id: "toy-reg",
    title: "toy",
    tasks: [{ id: "t1", title: "gradient", points: 1, items: [{ answer: "grad", points: 1, compare: { mode: "array" } }] }],
  }),
);
writeFileSync(
  join(folder, "toy-reg.ts"),
  `export default {
  id: "toy-reg",
  title: "toy",
  defaultInputs: () => ({ t1: { w: [1, -2] } }),
  tasks: [{
    id: "t1",
    solve: (inputs) => ({
      answers: { grad: inputs.w.map((w) => 3 + 2 * 0.5 * w) },
      mistakes: { grad: { "regularisation": { value: inputs.w.map((w) => 3 + 0.5 * w), message: "the gradient of reg * sum W^2 is 2 reg W" } } },
    }),
  }],
};
`,
);

describe("a reference's own mistakes", () => {
  it("names an answer that matches a mistake the reference computed", async () => {
    const assignment = await loadAssignment(join(folder, "toy-reg.json"));
    const graded = gradeSubmission(assignment, { student: { id: "s" }, answers: { t1: { grad: [3.5, 2] } } });
    expect(graded.tasks[0]?.items[0]?.diagnosis).toEqual({ code: "regularisation", message: "the gradient of reg * sum W^2 is 2 reg W" });
  });

  it("leaves other wrong answers to the generic diagnosers", async () => {
    const assignment = await loadAssignment(join(folder, "toy-reg.json"));
    const graded = gradeSubmission(assignment, { student: { id: "s" }, answers: { t1: { grad: [-4, -1] } } });
    expect(graded.tasks[0]?.items[0]?.diagnosis?.code).toBe("sign");
  });
});
