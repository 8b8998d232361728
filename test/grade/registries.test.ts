/**
 * A course's own comparator and diagnoser, written here as a course would
 * write them (outside src/), registered beside the built-ins and graded with.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Comparator, type CompareOutcome, createRegistries, getComparator, type Registries } from "../../src/compare/index.ts";
import type { Diagnoser } from "../../src/diagnose/index.ts";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { gradeSubmission } from "../../src/grading.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import type { Value } from "../../src/value.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(ROOT, "fixtures/submissions/hw4-hyperparameters");
const folder = mkdtempSync(join(tmpdir(), "nngrade-registries-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** a number within `percent` per cent of the expected one: a course's looser rule for a hand-computed result */
const withinPercent: Comparator<{ percent: number }> = {
  meta: {
    id: "within-percent",
    description: "a number within a given percentage of the expected one",
    optionsSchema: {
      type: "object",
      properties: { percent: { type: "number", minimum: 0 } },
      additionalProperties: false,
    },
    defaults: { percent: 1 },
    messages: {
      ok: "within {{percent}}% of the answer",
      off: "{{received}} is {{off}}% away from {{expected}} (at most {{percent}}%)",
      "off-hidden": "{{received}} is {{off}}% away from the answer (at most {{percent}}%)",
      type: "expected a number, got {{received_type}}",
    },
    expects: "answer",
    diagnosable: true,
    tolerance: (options) => ({ rtol: (typeof options.percent === "number" ? options.percent : 1) / 100, atol: 0 }),
  },
  compare(received, expected, options): CompareOutcome {
    if (typeof received !== "number" || typeof expected !== "number") return { score: false, messageId: "type", data: { received_type: typeof received } };
    const off = expected === 0 ? (received === 0 ? 0 : Number.POSITIVE_INFINITY) : (Math.abs(received - expected) / Math.abs(expected)) * 100;
    if (off <= options.percent) return { score: true, messageId: "ok", data: { percent: options.percent } };
    return { score: false, messageId: "off", data: { received, expected, off: Number(off.toFixed(1)), percent: options.percent } };
  },
};

/** an answer twice the right one, held to the item's own tolerance */
const doubled: Diagnoser = {
  meta: { id: "doubled", description: "the answer is twice the right one" },
  diagnose({ received, expected, tolerance }) {
    if (typeof received !== "number" || typeof expected !== "number" || expected === 0) return null;
    const close = Math.abs(received - 2 * expected) <= tolerance.atol + tolerance.rtol * Math.abs(2 * expected);
    return close ? { code: "doubled", message: "twice the right value: the 1/2 of the squared error is missing" } : null;
  },
};

// biome-ignore lint/suspicious/noExplicitAny: the rubric and the fixture are free-form JSON that each test edits in place
type Json = Record<string, any>;

/** the built-in hw4 rubric with q7's final weights graded by the course's comparator */
function rubricWith(compare: Record<string, unknown>): string {
  const rubric: Json = JSON.parse(readFileSync(join(ROOT, "rubrics/hw4-hyperparameters.json"), "utf8"));
  const q7 = rubric.tasks.find((task: Json) => task.id === "q7");
  const item = q7.items.find((candidate: Json) => candidate.answer === "runs[*].final_w");
  item.compare = compare;
  const file = join(folder, `hw4-${Object.values(compare).join("-")}.json`);
  writeFileSync(file, JSON.stringify(rubric));
  return file;
}

function correctAnswers(): Json {
  return JSON.parse(readFileSync(join(FIXTURES, "correct-numpy.json"), "utf8")).answers;
}

function itemOf(result: GradeResult, id: string): ItemResult {
  const found = result.tasks.flatMap((task) => task.items).find((item) => item.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

describe("a course's own comparator and diagnoser", () => {
  let registries: Registries;
  let assignment: Assignment;
  beforeAll(async () => {
    registries = createRegistries({ comparators: [withinPercent], diagnosers: [doubled] });
    assignment = await loadAssignment(rubricWith({ mode: "within-percent", percent: 1 }), { registries });
  });

  it("plans the rubric's items with the new mode", () => {
    const planned = assignment.plan.tasks.find((task) => task.id === "q7")?.items.filter((item) => item.path.endsWith(".final_w")) ?? [];
    // runs[2] and runs[3] keep the rubric's own items (a range, one of the non-finite values)
    expect(planned.map((item) => [item.path, item.mode])).toEqual([
      ["runs[0].final_w", "within-percent"],
      ["runs[1].final_w", "within-percent"],
      ["runs[2].final_w", "range"],
      ["runs[3].final_w", "oneof"],
    ]);
  });

  it("grades with it: its verdict, its message and its data, and the course's diagnosis of the mistake", () => {
    const answers = correctAnswers();
    const runs = answers.q7.runs as Json[];
    const [first, second] = [runs[0]?.final_w as number, runs[1]?.final_w as number];
    runs[0]!.final_w = 2 * first;
    // half a per cent off: relabs would fail it, the course's 1% takes it
    runs[1]!.final_w = second * 1.005;
    const result = gradeSubmission(assignment, { student: { id: "s1" }, answers });

    const close = itemOf(result, "q7.runs[1].final_w");
    expect(close.status).toBe("pass");
    expect(close.message).toBe("within 1% of the answer");
    expect(close.message_id).toBe("ok");
    expect(close.data).toEqual({ percent: 1 });

    const twice = itemOf(result, "q7.runs[0].final_w");
    expect(twice.status).toBe("fail");
    expect(twice.message_id).toBe("off");
    expect(twice.data).toMatchObject({ received: 2 * first, expected: first, off: 100, percent: 1 });
    expect(twice.message).toMatch(/^[-\d.e]+ is 100% away from [-\d.e]+ \(at most 1%\)$/);
    expect(twice.diagnosis).toEqual({ code: "doubled", message: "twice the right value: the 1/2 of the squared error is missing" });
  });

  it("diagnoses nothing for a comparator whose meta says it is not diagnosable", async () => {
    const undiagnosed = { ...withinPercent, meta: { ...withinPercent.meta, id: "within-percent-plain", diagnosable: false } };
    const plain = createRegistries({ comparators: [undiagnosed], diagnosers: [doubled] });
    const graded = await loadAssignment(rubricWith({ mode: "within-percent-plain" }), { registries: plain });
    const answers = correctAnswers();
    answers.q7.runs[0].final_w *= 2;
    const twice = itemOf(gradeSubmission(graded, { student: { id: "s1" }, answers }), "q7.runs[0].final_w");
    expect(twice.status).toBe("fail");
    expect(twice.message_id).toBe("off");
    expect(twice.diagnosis).toBeNull();
  });

  it("leaves the built-in assignment and its grades as they were", async () => {
    const builtIn = await loadAssignment("hw4-hyperparameters");
    expect(builtIn.registries.comparators.has("within-percent")).toBe(false);
    const answers = correctAnswers();
    answers.q7.runs[0].final_w *= 2;
    const twice = itemOf(gradeSubmission(builtIn, { student: { id: "s1" }, answers }), "q7.runs[0].final_w");
    expect(twice.status).toBe("fail");
    expect(twice.message_id).toBe("far");
    expect(twice.diagnosis?.code).not.toBe("doubled");
  });

  it("gives a hidden item's result only the data its message shows, never the answer", async () => {
    const builtIn = await loadAssignment("hw4-hyperparameters");
    const answers = correctAnswers();
    answers.q8.final_w += 1;
    const wrong = itemOf(gradeSubmission(builtIn, { student: { id: "s1" }, answers }), "q8.final_w");
    expect(wrong.visibility).toBe("hidden");
    expect(wrong.message_id).toBe("far");
    expect(wrong.data).toBeDefined();
    expect(Object.keys(wrong.data ?? {})).not.toContain("expected");
    expect(wrong.data?.received).toBe(answers.q8.final_w);
  });

  it("validates the rubric's options against the new comparator's own schema", async () => {
    await expect(loadAssignment(rubricWith({ mode: "within-percent", percent: -1 }), { registries })).rejects.toThrow(
      /rubric "hw4-hyperparameters" > task "q7" > item "runs\[\*\]\.final_w": compare\.percent must be >= 0/,
    );
  });

  it("refuses the new mode where it is not registered, naming the known ones", async () => {
    await expect(loadAssignment(rubricWith({ mode: "within-percent", percent: 2 }))).rejects.toThrow(
      /item "runs\[\*\]\.final_w": compare\.mode must be one of "array", "band", .*"sigfig"/,
    );
  });
});

describe("createRegistries", () => {
  it("gives the built-ins when nothing is added", () => {
    const registries = createRegistries();
    expect(registries.comparators.ids()).toEqual(["array", "band", "curve", "decdig", "engine", "exact", "oneof", "range", "relabs", "set", "sigfig"]);
    expect(registries.diagnosers.ids()[0]).toBe("before-update");
  });

  it("asks a course's diagnosers first, in the order given, then the built-ins in their order", () => {
    const first: Diagnoser = { meta: { id: "first", description: "always" }, diagnose: () => ({ code: "first", message: "first" }) };
    const registries = createRegistries({ diagnosers: [doubled, first] });
    expect(registries.diagnosers.ids()).toEqual(["doubled", "first", ...createRegistries().diagnosers.ids()]);
    const input = { itemId: "q.x", expected: 1, received: -1, siblings: [], tolerance: { rtol: 1e-5, atol: 1e-8 } };
    expect(createRegistries().diagnosers.diagnose(input)?.code).toBe("sign");
    expect(registries.diagnosers.diagnose(input)?.code).toBe("first");
  });

  it("refuses a comparator id that is taken, by a built-in or by another addition", () => {
    expect(() => createRegistries({ comparators: [{ ...getComparator("relabs") }] })).toThrow(/comparator "relabs" is already registered/);
    expect(() => createRegistries({ comparators: [withinPercent, { ...withinPercent }] })).toThrow(/comparator "within-percent" is already registered/);
  });

  it("refuses a diagnoser id that is taken", () => {
    const sign: Diagnoser = { meta: { id: "sign", description: "a sign of my own" }, diagnose: () => null };
    expect(() => createRegistries({ diagnosers: [sign] })).toThrow(/diagnoser "sign" is already registered/);
    expect(() => createRegistries({ diagnosers: [doubled, doubled] })).toThrow(/diagnoser "doubled" is already registered/);
  });

  it("refuses a comparator whose meta does not say what it needs, naming each problem", () => {
    const { expects: _expects, diagnosable: _diagnosable, ...incomplete } = withinPercent.meta;
    const broken = { ...withinPercent, meta: { ...incomplete, id: "Loose", plot: "pie", optionsSchema: { type: "object", properties: { p: { type: "nonsense" } } } } };
    let message = "";
    try {
      createRegistries({ comparators: [broken as unknown as Comparator] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      'comparator "Loose": id must be lowercase words joined by hyphens',
      'comparator "Loose": expects must be one of answer, alternatives, bands, evaluation',
      'comparator "Loose": diagnosable must be true or false',
      'comparator "Loose": plot must be one of curve, vector',
      expect.stringMatching(/^comparator "Loose": optionsSchema does not compile: /),
    ]);
  });

  it("compares and states tolerances through the registry, the course's modes and the built-ins alike", () => {
    const registries = createRegistries({ comparators: [withinPercent] });
    const outcome = registries.comparators.compareWith("within-percent", 1.004 as Value, 1 as Value, {});
    expect(outcome).toEqual({ score: true, messageId: "ok", data: { percent: 1 } });
    expect(registries.comparators.tolerance("within-percent", { percent: 5 })).toEqual({ rtol: 0.05, atol: 0 });
    expect(registries.comparators.tolerance("array", { element: { mode: "relabs", rtol: 0.1 } })).toEqual({ rtol: 0.1, atol: 1e-8 });
  });
});
