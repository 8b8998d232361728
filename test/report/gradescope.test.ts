import { describe, expect, it } from "vitest";
import { toGradescope } from "../../src/report/gradescope.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import { expectGradescopeResults } from "../gradescope/results-schema.ts";
import { runCli } from "../helpers/cli.ts";
import { sampleResult } from "./sample-result.ts";

function item(id: string, score: number, max: number, visibility: ItemResult["visibility"], message: string): ItemResult {
  return { id, status: score >= max ? "pass" : "fail", score, max_score: max, diagnosis: null, message, visibility };
}

/** 3 of 4 visible points, 4 of 8 hidden ones: 7 of 12 in all */
function withHidden(): GradeResult {
  return {
    schema: "nngrade/result@1",
    assignment: "hw",
    student: { id: "s1" },
    score: 7,
    max_score: 12,
    tasks: [
      { id: "q1", title: "shown", score: 3, max_score: 4, items: [item("q1.a", 2, 3, "visible", "off by a little"), item("q1.b", 1, 1, "visible", "matches")] },
      { id: "q2", title: "held back", score: 4, max_score: 8, items: [item("q2.c", 0, 4, "hidden", "hidden-verdict-one"), item("q2.d", 4, 4, "hidden", "hidden-verdict-two")] },
    ],
    flags: [
      { code: "id-mismatch", message: 'the file says student id "s9"; graded as "s1"' },
      { code: "identical-values", message: "q2: the same value in cells that cannot share it" },
    ],
  };
}

describe("gradescope results.json", () => {
  it("has one test per graded item, with the item's points, status and visibility", () => {
    const result = sampleResult;
    const items = result.tasks.flatMap((task) => task.items);
    const { tests, score } = toGradescope(result);
    expect(score).toBe(result.score);
    expect(tests).toHaveLength(items.length);
    tests.forEach((test, k) => {
      const item = items[k]!;
      expect([test.score, test.max_score]).toEqual([item.score, item.max_score]);
      expect(test.status).toBe(item.score >= item.max_score ? "passed" : "failed");
      expect(test.visibility).toBe(item.visibility === "hidden" ? "after_published" : "visible");
      expect(test.name.startsWith(item.id)).toBe(true);
      expect(test.output).toContain(item.message);
    });
    // numbered task.item from 1, as Gradescope sorts them
    expect(tests[0]?.number).toBe("1.1");
    expectGradescopeResults(toGradescope(result));
  });

  it("is what check --format gradescope prints, adding up to the score", async () => {
    const { code, stdout } = await runCli(["check", "fixtures/submissions/hw4-hyperparameters/mistake-transposed.json", "--format", "gradescope"]);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    expectGradescopeResults(printed);
    const sum = printed.tests.reduce((total: number, test: { score: number }) => total + test.score, 0);
    expect(sum).toBeCloseTo(printed.score, 9);
    expect(printed.tests.find((test: { name: string }) => test.name.startsWith("q3.grad_W"))?.output).toMatch(/transposed/);
  });

  it("asks for plain text everywhere: a student's <img src=x> is shown as written, never rendered", () => {
    const result = withHidden();
    (result.tasks[0]!.items[0] as ItemResult).message = 'could not read "<img src=x onerror=alert(1)>" as a number';
    result.error = { code: "submission-parse", message: "<img src=x>.json: not JSON" };
    const gradescope = toGradescope(result);
    // Gradescope's specification: simple_format, the default, renders HTML; text does not
    expect(gradescope.output_format).toBe("text");
    expect(gradescope.output).toContain("<img src=x>.json");
    expect(gradescope.tests[0]?.output).toContain("<img src=x onerror=alert(1)>");
    expectGradescopeResults(gradescope);
  });
});

describe("the top-level output, which a student reads at once", () => {
  it("gives the visible items' points and not the total while hidden items wait for publication", () => {
    const gradescope = toGradescope(withHidden());
    expectGradescopeResults(gradescope);
    // Gradescope hides the total score while a test is hidden; the output must not show it instead
    expect(gradescope.output).not.toMatch(/\b7\b|\/12\b/);
    expect(gradescope.output).toContain("3/4");
    expect(gradescope.output).toMatch(/2 more item\(s\), 8 points, are shown with your total when grades are published/);
    expect(gradescope.output).not.toMatch(/hidden-verdict|q2\./);
    expect(gradescope.tests.filter((test) => test.visibility === "after_published").map((test) => test.name)).toEqual(["q2.c (held back)", "q2.d (held back)"]);
    // the score itself is Gradescope's to hide: it is the whole grade
    expect(gradescope.score).toBe(7);
  });

  it("gives the total when nothing is hidden", () => {
    const result = withHidden();
    result.tasks = [result.tasks[0]!];
    result.score = 3;
    result.max_score = 4;
    expect(toGradescope(result).output.split("\n")[0]).toBe("hw: 3/4");
  });

  it("shows the flags a student may read and keeps the TA's own out", () => {
    const output = toGradescope(withHidden()).output;
    expect(output).toContain('flag id-mismatch: the file says student id "s9"; graded as "s1"');
    expect(output).not.toContain("identical-values");
    expect(output).not.toContain("cannot share");
  });

  it("keeps a hw4 submission's hidden items out of the output when check grades them all, as run_autograder does", async () => {
    const { code, stdout } = await runCli(["check", "fixtures/submissions/hw4-hyperparameters/mistake-transposed.json", "--all", "--format", "gradescope"]);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { score: number; output: string; tests: { name: string; score: number; max_score: number; output: string; visibility: string }[] };
    expectGradescopeResults(printed);
    const hidden = printed.tests.filter((test) => test.visibility === "after_published");
    expect(hidden.length).toBeGreaterThan(0);
    const shown = printed.tests.filter((test) => test.visibility === "visible");
    const sum = (tests: typeof shown, key: "score" | "max_score") => Math.round(tests.reduce((total, test) => total + test[key] * 1e6, 0)) / 1e6;
    expect(printed.output).toContain(`${sum(shown, "score")}/${sum(shown, "max_score")} on the items shown now`);
    expect(printed.output).not.toContain(`${printed.score}/`);
    for (const test of hidden) expect(printed.output).not.toContain(test.name.split(" ")[0]);
  });
});

describe("a test's output", () => {
  it("names an item's status once: a message that already says it is not prefixed with it", () => {
    const tests = toGradescope(sampleResult).tests;
    const carried = tests.find((test) => test.name.startsWith("q4.J_at_extrema"))!;
    expect(carried.output).toBe("error carried forward: consistent with your own extrema [0, 1, 2]");
    const result = structuredClone(sampleResult);
    const item = result.tasks.flatMap((task) => task.items).find((found) => found.id === "q4.J_at_extrema")!;
    item.message = "consistent with your own q4.extrema (error carried forward)";
    expect(toGradescope(result).tests.find((test) => test.name.startsWith("q4.J_at_extrema"))!.output).toBe("consistent with your own q4.extrema (error carried forward)");
  });
});
