import { describe, expect, it } from "vitest";
import type { GradeResult } from "../../src/result/types.ts";
import { renderText } from "../../src/report/text.ts";
import { sampleResult } from "./sample-result.ts";

describe("renderText", () => {
  const plain = renderText(sampleResult, { color: false });
  const lines = plain.split("\n");

  it("prints one line per task with its score and what failed", () => {
    expect(lines).toContain("q1  one-hot                                5/5  ✓");
    expect(lines).toContain("q3  backward, cross-entropy              3.5/5  ✗ grad_W");
    expect(lines).toContain("q8  Adam                                   3/6  ✗ J, final_J");
    // an item that earned error-carried-forward credit is not something to fix
    expect(lines.find((l) => l.startsWith("q4 "))).toMatch(/✗ extrema$/);
  });

  it("lists each item to look at with its status, message and diagnosis", () => {
    const at = lines.findIndex((l) => l.includes("q3.grad_W"));
    expect(lines[at]).toMatch(/^ {2}q3\.grad_W\s+fail\s+6 of 9 elements differ/);
    expect(lines[at + 1]).toMatch(/^\s+transposed: your matrix equals the transpose of the expected one$/);
    expect(plain).toMatch(/q7\.runs\[3\]\.diverged\s+not answered\s+no answer given/);
    expect(plain).toMatch(/q8\.final_J\s+could not read\s+could not read "0\.4\.2" as a number/);
    expect(plain).not.toMatch(/q4\.J_at_extrema/);
  });

  it("ends with the total", () => {
    // 5 + 5 + 3.5 + 4 + 2 + 7 + 7.5 + 3 of 5 + 5 + 5 + 6 + 2 + 8 + 8 + 6
    expect(plain.endsWith("total  37/45  (82.2%)\n")).toBe(true);
  });

  it("uses ANSI colours only when asked", () => {
    expect(plain).not.toContain("\u001b");
    const coloured = renderText(sampleResult, { color: true });
    expect(coloured).toContain("\u001b[32m✓\u001b[0m");
    expect(coloured).toContain("\u001b[31m✗\u001b[0m");
  });

  it("strips control characters and escape sequences from student text", () => {
    const hostile: GradeResult = structuredClone(sampleResult);
    hostile.student = { id: "s1\u001b[2J\u001b[H", name: "Ada\rEve\u001b]0;pwned\u0007\u202e" };
    const firstItem = hostile.tasks[0]?.items[0];
    if (!firstItem) throw new Error("sample has no items");
    firstItem.status = "fail";
    firstItem.message = "bad\u001b[31m red\u0008\u0008";
    const text = renderText(hostile, { color: false });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain("student s1 (Ada Eve)");
    expect(text).toContain("bad red");
  });

  it("says when a submission could not be graded", () => {
    const broken: GradeResult = {
      schema: "nngrade/result@1",
      assignment: "hw4-hyperparameters",
      student: { id: "s7" },
      score: 0,
      max_score: 45,
      tasks: [],
      flags: [],
      error: { code: "submission-parse", message: "answers.json: unexpected token at line 3, column 7" },
    };
    const text = renderText(broken, { color: false });
    expect(text).toContain("could not grade: submission-parse: answers.json: unexpected token at line 3, column 7");
    expect(text.endsWith("total  0/45  (0%)\n")).toBe(true);
  });
});

describe("a task at full points through error carried forward", () => {
  it("says which items were carried forward beside its ✓", () => {
    const result: GradeResult = structuredClone(sampleResult);
    const q4 = result.tasks.find((task) => task.id === "q4")!;
    // the wrong upstream answer lives in another task; q4's own items all earn their points
    q4.items = q4.items.filter((item) => item.status === "pass" || item.status === "ecf");
    q4.score = q4.max_score = q4.items.reduce((sum, item) => sum + item.max_score, 0);
    const line = renderText(result, { color: false }).split("\n").find((text) => text.startsWith("q4 "));
    expect(line).toMatch(/✓ carried forward: J_at_extrema$/);
    const q5 = renderText(result, { color: false }).split("\n").find((text) => text.startsWith("q5 "));
    expect(q5).not.toContain("carried forward");
  });
});
