import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import reference, { cse343DefaultInputs, STEP_KEYS, solveDefault } from "../../reference/cse343-nn-from-scratch.ts";
import type { Upstream } from "../../src/grade/reference.ts";
import { upstreamFrom } from "../../src/grade/upstream.ts";
import type { Value } from "../../src/value.ts";
import { expectClose } from "../golden/expect-close.ts";

// goldens written by test/golden/make_cse343_golden.py (python floats, numpy, scipy; independent of the engine)
const golden = JSON.parse(readFileSync(new URL("../golden/cse343-nn-from-scratch.json", import.meta.url), "utf8"));
const answers = golden.answers;

/** a few float roundings apart from python's, in a different order */
const CLOSED_FORM = { rtol: 1e-12, atol: 1e-15 };

type Step = Record<(typeof STEP_KEYS)[number], number | null>;

function upstreamOf(values: Record<string, Value>): Upstream {
  return upstreamFrom((id) => values[id]);
}

function steps(upstream?: Upstream): Step[] {
  return solveDefault("s1", upstream).answers.steps as unknown as Step[];
}

/** "steps[2].b1" -> the value at that path of s1's answers */
function stepValue(solution: Step[], path: string): number | null {
  const match = /^steps\[(\d)\]\.(\w+)$/.exec(path);
  if (!match) throw new Error(`bad path ${path}`);
  return (solution[Number(match[1])] as Step)[match[2] as keyof Step];
}

describe("cse343-nn-from-scratch reference", () => {
  it("has tasks s1..s4 and the handout's inputs, a fresh copy each time", () => {
    expect(reference.id).toBe("cse343-nn-from-scratch");
    expect(reference.tasks.map((t) => t.id)).toEqual(["s1", "s2", "s3", "s4"]);
    const inputs = cse343DefaultInputs();
    inputs.s1.samples.push([9, 9]);
    inputs.s3.points[0]!.name = "Z";
    expect(cse343DefaultInputs().s1.samples).toHaveLength(3);
    expect(cse343DefaultInputs().s3.points[0]!.name).toBe("A");
  });
});

describe("against the python goldens", () => {
  it("s1: every value of the three steps, keys in the contract's order", () => {
    const solved = steps();
    expect(solved.map((s) => Object.keys(s))).toEqual(solved.map(() => [...STEP_KEYS]));
    expectClose(solved, answers.s1.steps, CLOSED_FORM);
  });

  it("s1: with nothing carried forward, every other reading of a gradient is the gradient", () => {
    const { alternatives } = solveDefault("s1");
    const solved = steps();
    for (const [path, readings] of Object.entries(alternatives ?? {})) {
      for (const value of Object.values(readings)) expectClose(value, stepValue(solved, path), CLOSED_FORM);
    }
    expect(Object.keys(alternatives ?? {})).toContain("steps[2].grad_w1");
  });

  it("s2: margin 1/2 (or 1), support vectors P2 and P3, the query in class +1", () => {
    const solution = solveDefault("s2");
    expect(solution.answers).toEqual(answers.s2);
    expect(solution.answers).toEqual({ margin: 0.5, support_vectors: [2, 3], query_class: 1 });
    expect(solution.alternatives?.margin).toEqual({ distance: 0.5, width: golden.alternatives.s2.margin_width });
    expect(solution.factors).toEqual({ index_base: 1 });
  });

  it("s3: w = [-2, -2], b = 3 exactly, support vectors B, C, D, F, margin 1/sqrt(8) (or 2/sqrt(8))", () => {
    const solution = solveDefault("s3");
    const s3 = solution.answers as { w: number[]; b: number; support_vectors: string[]; margin: number };
    // SLSQP is accurate to about 1e-15 here; the engine solves on rationals
    expectClose(s3, answers.s3, { rtol: 1e-12, atol: 1e-12 });
    expect(s3.w).toEqual([-2, -2]);
    expect(s3.b).toBe(3);
    expect(s3.support_vectors).toEqual(["B", "C", "D", "F"]);
    expectClose(solution.alternatives?.margin, { distance: answers.s3.margin, width: golden.alternatives.s3.margin_width }, CLOSED_FORM);
  });
});

describe("error carried forward", () => {
  // each case: one item of the seed's third step, from the seed's own numbers of the items it depends on
  type EcfCase = { item: string; upstream: Record<string, number>; expected: number; alternative?: string };
  const cases: [string, EcfCase][] = (golden.ecf_cases as EcfCase[]).map((c) => [c.alternative ? `${c.item} (${c.alternative})` : c.item, c]);
  it.each(cases)("s1 recomputes %s from the student's own upstream values", (_name, { item, upstream, expected, alternative }) => {
    const solution = solveDefault("s1", upstreamOf(upstream));
    const value = alternative === undefined ? stepValue(solution.answers.steps as unknown as Step[], item) : solution.alternatives?.[item]?.[alternative];
    expectClose(value, expected, CLOSED_FORM);
  });

  it("s1 step 3 starts from the student's parameters after step 2, and what is not passed follows from them", () => {
    const carried = steps(upstreamOf({ "s1.steps[1].b1": 0.0389 }));
    const z1 = answers.s1.steps[1].w1 * 3 + 0.0389;
    expectClose(carried[2]!.z1, z1, CLOSED_FORM);
    expectClose(carried[2]!.a1, z1, CLOSED_FORM);
    expectClose(carried[2]!.z2, answers.s1.steps[1].w2 * z1 + answers.s1.steps[1].b2, CLOSED_FORM);
    // nothing before the passed value moves
    expectClose(carried.slice(0, 2), answers.s1.steps.slice(0, 2), CLOSED_FORM);
  });

  it("s1 carries no zero where the handout's answer is not zero: zeros are consistent with zeros", () => {
    const carried = steps(upstreamOf({ "s1.steps[0].z1": 0, "s1.steps[0].a1": 0, "s1.steps[1].w1": 0, "s1.steps[1].b1": 0 }));
    expect(carried[0]!.a1).toBeNull();
    expect(carried[0]!.z2).toBeNull();
    expect(carried[2]!.z1).toBeNull();
    // a carried value that is not zero is carried as it is
    expectClose(steps(upstreamOf({ "s1.steps[0].z1": 0.5 }))[0]!.a1, 0.5, CLOSED_FORM);
  });

  it("s3 gives the margin of the student's own w, in both conventions", () => {
    const solution = solveDefault("s3", upstreamOf({ "s3.w": [-1, -1] }));
    expectClose(solution.alternatives?.margin, { distance: Math.SQRT1_2, width: Math.SQRT2 }, CLOSED_FORM);
    expectClose(solution.answers.margin, Math.SQRT1_2, CLOSED_FORM);
    expect(solution.answers.w).toEqual([-2, -2]);
  });

  it.each([
    ["s1", "s1.steps[0].z1", "1"],
    ["s1", "s1.steps[0].a2", Number.NaN],
    ["s1", "s1.steps[1].w1", Number.POSITIVE_INFINITY],
    ["s1", "s1.steps[1].b2", [0.04]],
    ["s1", "s1.steps[2].grad_b2", null],
    ["s3", "s3.w", [0, 0]],
    ["s3", "s3.w", [-2, -2, 1]],
    ["s3", "s3.w", ["-2", "-2"]],
    ["s3", "s3.w", { x: 1 }],
  ] as const)("%s ignores an unusable %s (%j)", (task, id, value) => {
    const taskId = task as "s1" | "s3";
    expect(solveDefault(taskId, upstreamOf({ [id]: value as unknown as Value }))).toEqual(solveDefault(taskId));
  });
});

describe("nngrade reference cse343-nn-from-scratch", () => {
  const work = mkdtempSync(join(tmpdir(), "nngrade-cse343-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (args: string[]) => runCli(args);

  it("prints answers that nngrade check gives full marks", async () => {
    const printed = await run(["reference", "cse343-nn-from-scratch", "--json"]);
    expect(printed.code).toBe(0);
    const file = join(work, "reference.json");
    writeFileSync(file, printed.stdout);
    const checked = await run(["check", file, "--json", "--all"]);
    expect(checked.code).toBe(0);
    const result = JSON.parse(checked.stdout);
    expect(result.assignment).toBe("cse343-nn-from-scratch");
    expect(result.max_score).toBe(50);
    expect(result.score).toBe(50);
  });
});
