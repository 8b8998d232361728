import { describe, expect, it } from "vitest";
import { toGradescope } from "../../src/report/gradescope.ts";
import { runCli } from "../helpers/cli.ts";
import { sampleResult } from "./sample-result.ts";

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
  });

  it("is what check --format gradescope prints, adding up to the score", async () => {
    const { code, stdout } = await runCli(["check", "fixtures/submissions/hw4-hyperparameters/mistake-transposed.json", "--format", "gradescope"]);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    const sum = printed.tests.reduce((total: number, test: { score: number }) => total + test.score, 0);
    expect(sum).toBeCloseTo(printed.score, 9);
    expect(printed.tests.find((test: { name: string }) => test.name.startsWith("q3.grad_W"))?.output).toMatch(/transposed/);
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
