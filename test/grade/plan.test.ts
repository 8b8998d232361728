import { describe, expect, it } from "vitest";
import { RubricError } from "../../src/errors.ts";
import { planRubric } from "../../src/grade/plan.ts";
import type { TaskSolution } from "../../src/grade/reference.ts";
import type { Rubric, RubricItem } from "../../src/rubric/types.ts";

const RELABS = { mode: "relabs" };
const solutions = new Map<string, TaskSolution>([
  ["t1", { answers: { runs: [{ w: 1, J: 2 }, { w: 3, J: 4 }, { w: 5, J: 6 }], total: 7 } }],
  ["t2", { answers: { x: 1 } }],
]);

function rubric(items: RubricItem[], points: number, t2: RubricItem[] = [{ answer: "x", points: 1, compare: RELABS }]): Rubric {
  return {
    format: "nngrade/rubric@1",
    id: "toy",
    title: "toy",
    tasks: [
      { id: "t1", title: "one", points, items },
      { id: "t2", title: "two", points: 1, items: t2 },
    ],
  };
}

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof RubricError) return error.problems;
    throw error;
  }
  return [];
}

describe("planRubric", () => {
  it("refuses a mode no registered comparator has (a rubric given by id is not schema-checked)", () => {
    expect(problemsOf(() => planRubric(rubric([{ answer: "total", points: 1, compare: { mode: "fuzzy" } }], 1), solutions))).toEqual([
      'rubric "toy" > task "t1" > item "total": no comparator "fuzzy" is registered',
    ]);
  });

  it("expands [*] once per element and lets a concrete path override its element", () => {
    const plan = planRubric(
      rubric(
        [
          { answer: "runs[*].w", points: 1, compare: RELABS },
          { answer: "runs[*].J", points: 1, compare: RELABS, depends_on: ["t1.runs[*].w"] },
          { answer: "runs[1].J", points: 1, compare: { mode: "range", min: 0, max: 10 } },
        ],
        6,
      ),
      solutions,
    );
    const items = plan.tasks[0]?.items ?? [];
    expect(items.map((item) => item.id)).toEqual([
      "t1.runs[0].w",
      "t1.runs[0].J",
      "t1.runs[1].w",
      "t1.runs[1].J",
      "t1.runs[2].w",
      "t1.runs[2].J",
    ]);
    expect(items.find((item) => item.id === "t1.runs[1].J")?.mode).toBe("range");
    expect(items.find((item) => item.id === "t1.runs[2].J")?.dependsOn).toEqual(["t1.runs[2].w"]);
  });

  it("grades every item after the items it depends on, across tasks", () => {
    const plan = planRubric(
      rubric([{ answer: "total", points: 1, compare: RELABS, depends_on: ["t2.x"] }], 1),
      solutions,
    );
    const order = plan.gradingOrder.map((item) => item.id);
    expect(order.indexOf("t2.x")).toBeLessThan(order.indexOf("t1.total"));
  });

  it("says a wrong answer path once, without a false points problem for a task whose items do add up", () => {
    const items = (wrong: string): RubricItem[] => [
      { answer: "runs[*].w", points: 1, compare: RELABS },
      { answer: wrong, points: 3, compare: RELABS },
    ];
    expect(problemsOf(() => planRubric(rubric(items("totl"), 6), solutions))).toEqual(['rubric "toy" > task "t1" > item "totl": the reference has no answer at totl']);
    expect(problemsOf(() => planRubric(rubric(items("runs[7].w"), 6), solutions))).toEqual(['rubric "toy" > task "t1" > item "runs[7].w": the reference has no answer at runs[7].w']);
    // a [*] item that expands to nothing has no count of elements: only its path is the problem, said where it is
    expect(problemsOf(() => planRubric(rubric([{ answer: "trials[*].w", points: 1, compare: RELABS }, { answer: "total", points: 6, compare: RELABS }], 6), solutions))).toEqual([
      `rubric "toy" > task "t1" > item "trials[*].w": answer path 'trials[*].w': 'trials' is not an array in the reference`,
    ]);
    const empty = new Map<string, TaskSolution>([...solutions, ["t1", { answers: { runs: [], total: 7 } }]]);
    expect(problemsOf(() => planRubric(rubric([{ answer: "runs[*].w", points: 1, compare: RELABS }, { answer: "total", points: 6, compare: RELABS }], 6), empty))).toEqual([
      'rubric "toy" > task "t1" > item "runs[*].w": the reference has no answer at this path',
    ]);
    // an answer graded twice is said once, its points counted as the author gave them
    expect(problemsOf(() => planRubric(rubric([{ answer: "total", points: 1, compare: RELABS }, { answer: "total", points: 1, compare: RELABS }], 2), solutions))).toEqual([
      'rubric "toy" > task "t1" > item "total": t1.total is graded twice',
    ]);
    // a total that really is wrong is still said
    expect(problemsOf(() => planRubric(rubric(items("totl"), 9), solutions))).toContain('rubric "toy" > task "t1": items add up to 6 points, the task says 9');
  });

  it("reports every problem at once: paths, points, unknown dependencies, cycles", () => {
    const problems = problemsOf(() =>
      planRubric(
        rubric(
          [
            { answer: "runs[*].w", points: 1, compare: RELABS, depends_on: ["t9.nothing"] },
            { answer: "nope", points: 1, compare: RELABS },
          ],
          10,
        ),
        solutions,
      ),
    );
    expect(problems).toContain('rubric "toy" > task "t1" > item "nope": the reference has no answer at nope');
    // the item whose path is wrong counts at its own point: 3 + 1
    expect(problems.some((problem) => /items add up to 4 points, the task says 10/.test(problem))).toBe(true);
    expect(problems.some((problem) => /depends on unknown item t9\.nothing/.test(problem))).toBe(true);
    const cycle = problemsOf(() =>
      planRubric(
        rubric([{ answer: "total", points: 1, compare: RELABS, depends_on: ["t2.x"] }], 1, [
          { answer: "x", points: 1, compare: RELABS, depends_on: ["t1.total"] },
        ]),
        solutions,
      ),
    );
    expect(cycle.some((problem) => /dependency cycle/.test(problem))).toBe(true);
  });

  it("keeps points exact: three items of 0.1 make a task of 0.3", () => {
    const plan = planRubric(rubric([{ answer: "runs[*].w", points: 0.1, compare: RELABS }], 0.3), solutions);
    expect(plan.tasks[0]?.pointsMicro).toBe(300000);
  });
});
