/**
 * What the plots of graded built-in fixtures say: axes named from the
 * reference, a diverged run marked rather than clamped, a gradient drawn as
 * dots and never as a line, and the reference's heatmap where the student
 * gave none.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { item } from "../../helpers/results.ts";
import { type Assignment, loadAssignment } from "../../../src/grade/assignment.ts";
import type { PlannedItem } from "../../../src/grade/plan.ts";
import { gradeSubmission } from "../../../src/grading.ts";
import { formatNumber } from "../../../src/report/format.ts";
import { itemPlotSvg } from "../../../src/report/plots.ts";
import { parseResultJson, renderJson } from "../../../src/result/json.ts";
import type { GradeResult, ItemPlot } from "../../../src/result/types.ts";
import { parseSubmission } from "../../../src/rubric/submission.ts";
import { attributeValues, startTags, strayAngleBrackets, tagBalanceProblems } from "../markup.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BUILT_IN = ["hw4-hyperparameters", "hw3b-hyperparameter-optimization", "hlcv-two-layer-net", "acml-autoencoder", "cse343-nn-from-scratch"] as const;
type BuiltIn = (typeof BUILT_IN)[number];

const assignments = new Map<BuiltIn, Assignment>();
beforeAll(async () => {
  for (const id of BUILT_IN) assignments.set(id, await loadAssignment(id));
});

function assignmentOf(id: BuiltIn): Assignment {
  const found = assignments.get(id);
  if (found === undefined) throw new Error(`${id} not loaded`);
  return found;
}

// biome-ignore lint/suspicious/noExplicitAny: the fixture is free-form JSON that tests edit in place
function answers(id: BuiltIn): Record<string, any> {
  const file = `${ROOT}fixtures/submissions/${id}/correct-numpy.json`;
  return JSON.parse(JSON.stringify(parseSubmission(readFileSync(file, "utf8"), file).answers));
}

function grade(id: BuiltIn, given: Record<string, unknown>, graded: Assignment = assignmentOf(id)): GradeResult {
  return gradeSubmission(graded, { student: { id: "s" }, answers: given }, { scope: "all" });
}

function plotOf<K extends ItemPlot["kind"]>(result: GradeResult, id: string, kind: K): Extract<ItemPlot, { kind: K }> {
  const plot = item(result, id).plot;
  if (plot?.kind !== kind) throw new Error(`${id}: expected a ${kind} plot, got ${plot?.kind}`);
  return plot as Extract<ItemPlot, { kind: K }>;
}

function svgOf(result: GradeResult, id: string): string {
  const svg = itemPlotSvg(item(result, id));
  if (svg === undefined) throw new Error(`${id}: no plot drawn`);
  expect(tagBalanceProblems(svg)).toEqual([]);
  expect(strayAngleBrackets(svg)).toEqual([]);
  return svg;
}

const fromEntities = (text: string) => text.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));

/** the texts of the elements with this class, unescaped */
function texts(svg: string, className: string): string[] {
  return [...svg.matchAll(new RegExp(`<text class="${className}"[^>]*>([^<]*)</text>`, "g"))].map((m) => fromEntities(m[1] ?? ""));
}

/** the y axis's tick labels, bottom to top, with their y (the legend's notes are right-aligned too, but no numbers) */
function yTicks(svg: string): { y: number; label: string }[] {
  return [...svg.matchAll(/<text x="[^"]*" y="([^"]*)" text-anchor="end" dominant-baseline="middle"[^>]*>([^<]*)<\/text>/g)]
    .map((m) => ({ y: Number(m[1]), label: fromEntities(m[2] ?? "") }))
    .filter((tick) => Number.isFinite(Number(tick.label)));
}

function titleOf(svg: string): string {
  return fromEntities(/<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? "");
}

/** the assignment with one task's solution changed */
function withSolution(assignment: Assignment, taskId: string, change: (solution: NonNullable<ReturnType<Assignment["solutions"]["get"]>>) => void): Assignment {
  const solution = assignment.solutions.get(taskId);
  if (solution === undefined) throw new Error(`no ${taskId}`);
  const copy = { ...solution };
  change(copy);
  const solutions = new Map(assignment.solutions);
  solutions.set(taskId, copy);
  return { ...assignment, solutions };
}

/** the assignment with these items hidden, the plan's two lists kept pointing at the same items */
function hiding(assignment: Assignment, ids: string[]): Assignment {
  const copies = new Map<PlannedItem, PlannedItem>();
  const copy = (planned: PlannedItem) => {
    if (!copies.has(planned)) copies.set(planned, ids.includes(planned.id) ? { ...planned, visibility: "hidden" } : planned);
    return copies.get(planned) as PlannedItem;
  };
  const plan = { tasks: assignment.plan.tasks.map((task) => ({ ...task, items: task.items.map(copy) })), gradingOrder: assignment.plan.gradingOrder.map(copy) };
  return { ...assignment, plan };
}

describe("curve axes", () => {
  it("name J after every epoch from 1, J over the grid of w, losses by epoch and by iteration", () => {
    const hw4 = grade("hw4-hyperparameters", answers("hw4-hyperparameters"));
    for (const id of ["q6.runs[0].J", "q6.runs[3].J", "q7.runs[1].J"]) {
      expect(plotOf(hw4, id, "curve").axes, id).toEqual({ x: { title: "epoch", first: 1, step: 1 }, y: { title: "J" } });
    }
    const grid = plotOf(hw4, "q5.J", "curve").axes;
    expect(grid?.x.title).toBe("w");
    expect(grid?.x.first).toBe(-2);
    expect(grid?.x.step).toBeCloseTo(0.1, 12);
    expect(plotOf(hw4, "q9.val_loss", "curve").axes).toEqual({ x: { title: "epoch", first: 1, step: 1 }, y: { title: "validation loss" } });
    const hw3b = grade("hw3b-hyperparameter-optimization", answers("hw3b-hyperparameter-optimization"));
    expect(plotOf(hw3b, "t1.train_loss", "curve").axes).toEqual({ x: { title: "epoch", first: 1, step: 1 }, y: { title: "training loss" } });
    const hlcv = grade("hlcv-two-layer-net", answers("hlcv-two-layer-net"));
    expect(plotOf(hlcv, "e3.loss_history", "curve").axes).toEqual({ x: { title: "iteration", first: 0, step: 1 }, y: { title: "batch loss" } });
  });

  it("are written on the plot: its titles, and ticks that count epochs from 1 and w from -2 to 5", () => {
    const hw4 = grade("hw4-hyperparameters", answers("hw4-hyperparameters"));
    const epochs = svgOf(hw4, "q6.runs[0].J");
    expect(texts(epochs, "axis-title")).toEqual(["epoch", "J"]);
    expect(epochs).not.toContain(">index<");
    expect(titleOf(epochs)).toBe("q6.runs[0].J: J by epoch, reference and your answer");
    // 100 epochs from 1: the ticks are epochs, 0 is none of them
    const xTicks = [...epochs.matchAll(/<text x="[^"]*" y="[^"]*" text-anchor="middle" fill="[^"]*">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(xTicks).toEqual(["20", "40", "60", "80", "100"]);
    const grid = svgOf(hw4, "q5.J");
    expect(texts(grid, "axis-title")).toEqual(["w", "J"]);
    const gridTicks = [...grid.matchAll(/<text x="[^"]*" y="[^"]*" text-anchor="middle" fill="[^"]*">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(gridTicks).toEqual(["-2", "-1", "0", "1", "2", "3", "4", "5"]);
  });

  it("fall back to steps and the answer's own name where the reference names none", () => {
    const hw3b = assignmentOf("hw3b-hyperparameter-optimization");
    const plain = withSolution(hw3b, "t1", (solution) => {
      delete solution.curves;
    });
    const result = grade("hw3b-hyperparameter-optimization", answers("hw3b-hyperparameter-optimization"), plain);
    // a curve comparator's answer is still a curve
    expect(plotOf(result, "t1.train_loss", "curve").axes).toBeUndefined();
    const svg = svgOf(result, "t1.train_loss");
    expect(texts(svg, "axis-title")).toEqual(["step", "train_loss"]);
    expect(svg).not.toMatch(/>(index|value)</);
  });
});

describe("a diverged run", () => {
  it("is drawn to the edge it leaves through, marked there, and said in a note, not clamped along the top", () => {
    const given = answers("hw4-hyperparameters");
    const J = given.q6.runs[0].J as (number | string)[];
    // finite up to epoch 7, then overflowing (1e21 .. 1e33), then NaN as numpy leaves it
    for (let i = 7; i < J.length; i++) J[i] = i < 12 ? 10 ** (3 * i) : "NaN";
    const result = grade("hw4-hyperparameters", given);
    const svg = svgOf(result, "q6.runs[0].J");
    const top = yTicks(svg).at(-1) as { y: number; label: string };
    const note = `your answer diverged after epoch 7: values beyond ${top.label} and non-finite values not drawn`;
    expect(texts(svg, "plot-note")).toEqual([note]);
    // the accessible name says it too
    expect(titleOf(svg)).toContain(note);
    expect(svg).toContain(`aria-label="q6.runs[0].J: J by epoch, reference and your answer; `);
    // nothing drawn along the edge: the line stops where it crosses it, with one arrow there
    expect(svg).not.toContain('class="clipped"');
    expect(startTags(svg).filter((tag) => tag.startsWith('<polygon class="exit"'))).toHaveLength(1);
    const received = [...svg.matchAll(/<polyline class="series-received"[^>]*points="([^"]*)"/g)].flatMap((m) => (m[1] ?? "").split(" "));
    expect(received).toHaveLength(8);
    expect(Number(received.at(-1)?.split(",")[1])).toBe(top.y);
    // the reference stays whole
    const reference = [...svg.matchAll(/<polyline class="series-reference"[^>]*points="([^"]*)"/g)].flatMap((m) => (m[1] ?? "").split(" "));
    expect(reference).toHaveLength(100);
  });

  it("names the reference too when it diverges itself (lr 5.0)", () => {
    const svg = svgOf(grade("hw4-hyperparameters", answers("hw4-hyperparameters")), "q7.runs[3].J");
    const top = yTicks(svg).at(-1)?.label;
    expect(texts(svg, "plot-note")).toEqual([`reference and your answer diverged after epoch 2: values beyond ${top} not drawn`]);
    // one arrow per series, each with its own tooltip
    expect(svg).toContain("<title>reference diverged after epoch 2");
    expect(svg).toContain("<title>your answer diverged after epoch 2");
  });

  it("leaves a curve that stays in view without a note", () => {
    const svg = svgOf(grade("hw4-hyperparameters", answers("hw4-hyperparameters")), "q7.runs[2].J");
    expect(texts(svg, "plot-note")).toEqual([]);
    expect(svg).not.toContain('class="exit"');
    expect(titleOf(svg)).toBe("q7.runs[2].J: J by epoch, reference and your answer");
  });
});

describe("a gradient vector", () => {
  it("gets dots per element, no line: only sequences over steps are curves", () => {
    const given = answers("hlcv-two-layer-net");
    const grad = given.e2.grad_b1 as number[];
    expect(grad).toHaveLength(10);
    grad[8] = -(grad[8] as number);
    const result = grade("hlcv-two-layer-net", given);
    const plot = plotOf(result, "e2.grad_b1", "vector");
    expect(plot.received).toEqual(grad);
    const svg = svgOf(result, "e2.grad_b1");
    expect(svg).not.toMatch(/<polyline|<path/);
    expect(startTags(svg).filter((tag) => tag.startsWith('<rect class="element-reference"'))).toHaveLength(10);
    const dots = startTags(svg).filter((tag) => tag.startsWith('<circle class="element-received"'));
    expect(dots).toHaveLength(10);
    expect(texts(svg, "axis-title")).toEqual(["element (counted from 0)", "grad_b1"]);
    // the flipped element sits across zero from its reference mark
    const zero = yTicks(svg).find((tick) => tick.label === "0")?.y as number;
    const dotY = Number(/cy="([^"]*)"/.exec(dots[8] as string)?.[1]);
    const marks = startTags(svg).filter((tag) => tag.startsWith('<rect class="element-reference"'));
    const markY = Number(/ y="([^"]*)"/.exec(marks[8] as string)?.[1]) + 1.5;
    expect(Math.sign(dotY - zero)).toBe(-Math.sign(markY - zero));
  });

  it("draws a list as a line only where its comparator grades curves or the reference marks it a sequence", () => {
    for (const id of BUILT_IN) {
      const assignment = assignmentOf(id);
      const result = grade(id, answers(id));
      for (const task of assignment.plan.tasks) {
        for (const planned of task.items) {
          const plot = item(result, planned.id).plot;
          if (plot?.kind !== "curve") continue;
          const hint = assignment.registries.comparators.get(planned.mode).meta.plot;
          const marked = assignment.solutions.get(task.id)?.curves?.[planned.path] !== undefined;
          expect(hint === "curve" || marked, planned.id).toBe(true);
        }
      }
    }
    // J over the grid of w is graded as a vector, and is a curve because the reference says so
    const hw4 = grade("hw4-hyperparameters", answers("hw4-hyperparameters"));
    expect(item(hw4, "q5.J").plot?.kind).toBe("curve");
    const unmarked = withSolution(assignmentOf("hw4-hyperparameters"), "q5", (solution) => {
      delete solution.curves;
    });
    expect(item(grade("hw4-hyperparameters", answers("hw4-hyperparameters"), unmarked), "q5.J").plot?.kind).toBe("vector");
  });
});

describe("an unanswered heatmap", () => {
  const reference = () => assignmentOf("hw3b-hyperparameter-optimization").solutions.get("t2")?.answers.val_accuracy as number[][];

  it("shows the reference's matrix, marked as the reference's, when the matrix is left out or null", () => {
    for (const missing of [undefined, null]) {
      const given = answers("hw3b-hyperparameter-optimization");
      if (missing === undefined) delete given.t2.val_accuracy;
      else given.t2.val_accuracy = missing;
      const result = grade("hw3b-hyperparameter-optimization", given);
      const heatmap = plotOf(result, "t2.val_accuracy[0][0]", "heatmap");
      expect(heatmap.values_of).toBe("reference");
      expect(heatmap.values).toEqual(reference());
      // nothing the student gave is judged in it
      expect(heatmap.outside.flat().some(Boolean)).toBe(false);
      expect(heatmap.rows?.title).toBe("lr");
      const svg = svgOf(result, "t2.val_accuracy[0][0]");
      expect(texts(svg, "plot-caption")).toEqual(["the reference's values: you gave no matrix"]);
      expect(titleOf(svg)).toBe("t2.val_accuracy: the reference's values as a heatmap: you gave none");
      const cells = startTags(svg).filter((tag) => tag.startsWith('<rect class="cell"'));
      expect(cells).toHaveLength(55);
      expect(svg).not.toContain("missing or not finite");
      // the cells' tooltips give the reference's numbers
      expect(svg).toContain(`<title>0.01, 0.5: ${formatNumber(reference()[2]?.[5] as number)}`);
    }
  });

  it("leaves a hidden cell of the reference out", () => {
    const given = answers("hw3b-hyperparameter-optimization");
    delete given.t2.val_accuracy;
    const result = grade("hw3b-hyperparameter-optimization", given, hiding(assignmentOf("hw3b-hyperparameter-optimization"), ["t2.val_accuracy[2][3]"]));
    const heatmap = plotOf(result, "t2.val_accuracy[0][0]", "heatmap");
    expect(heatmap.values[2]?.[3]).toBeNull();
    expect(heatmap.values[2]?.[4]).toBe(reference()[2]?.[4]);
  });

  it("is the student's own as soon as one cell is answered", () => {
    const given = answers("hw3b-hyperparameter-optimization");
    given.t2.val_accuracy = [[0.5]];
    const heatmap = plotOf(grade("hw3b-hyperparameter-optimization", given), "t2.val_accuracy[0][0]", "heatmap");
    expect(heatmap.values_of).toBeUndefined();
    expect(heatmap.values[0]?.[0]).toBe(0.5);
    expect(heatmap.values[1]?.[1]).toBeNull();
  });
});

describe("these plots", () => {
  function edited(): { hw4: GradeResult; hlcv: GradeResult; hw3b: GradeResult } {
    const hw4 = answers("hw4-hyperparameters");
    const J = hw4.q6.runs[0].J as (number | string)[];
    for (let i = 7; i < J.length; i++) J[i] = i < 12 ? 10 ** (3 * i) : "NaN";
    const hw3b = answers("hw3b-hyperparameter-optimization");
    delete hw3b.t2.val_accuracy;
    return {
      hw4: grade("hw4-hyperparameters", hw4),
      hlcv: grade("hlcv-two-layer-net", answers("hlcv-two-layer-net")),
      hw3b: grade("hw3b-hyperparameter-optimization", hw3b),
    };
  }
  const drawn: [keyof ReturnType<typeof edited>, string][] = [
    ["hw4", "q6.runs[0].J"],
    ["hw4", "q5.J"],
    ["hlcv", "e2.grad_b1"],
    ["hw3b", "t2.val_accuracy[0][0]"],
  ];

  it("are the same bytes for the same result, graded again or read back from its JSON", () => {
    const first = edited();
    const again = edited();
    for (const [which, id] of drawn) {
      const svg = svgOf(first[which], id);
      expect(svgOf(again[which], id), id).toBe(svg);
      expect(svgOf(parseResultJson(renderJson(first[which])), id), id).toBe(svg);
    }
  });

  it("write only finite coordinates", () => {
    const results = edited();
    for (const [which, id] of drawn) {
      const svg = svgOf(results[which], id);
      for (const name of ["x", "y", "cx", "cy", "x1", "x2", "y1", "y2", "width", "height"]) {
        for (const value of attributeValues(svg, name)) expect(Number.isFinite(Number(value)), `${id} ${name}="${value}"`).toBe(true);
      }
      for (const points of attributeValues(svg, "points")) for (const pair of points.split(" ")) expect(pair).toMatch(/^-?\d+\.\d,-?\d+\.\d$/);
    }
  });
});
