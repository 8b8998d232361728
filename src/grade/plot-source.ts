/**
 * An assignment as the report side's plot step sees it (result/plot-source.ts):
 * its planned items with the plot their comparator says suits them, and what
 * the reference holds for each task (answers, bands of seeded runs, a
 * matrix's axes). Which plot an item gets is report/plots/choose.ts's choice.
 */
import { comparator as bandComparator, bandOf, type BandOptions, isBandSamples } from "../compare/band.ts";
import { resolveOptions } from "../compare/index.ts";
import type { PlotItem, PlotReference, PlotSource } from "../result/plot-source.ts";
import { getAtPath } from "../rubric/answers.ts";
import type { Value } from "../value.ts";
import type { Assignment } from "./assignment.ts";
import type { PlannedItem } from "./plan.ts";
import type { TaskSolution } from "./reference.ts";

/** The plot step's view of an assignment; each task's items are worked out once, when first asked for. */
export function plotSource(assignment: Assignment): PlotSource {
  const comparators = assignment.registries.comparators;
  const items = new Map<string, readonly PlotItem[]>();
  return {
    items(taskId) {
      let found = items.get(taskId);
      if (found === undefined) {
        const planned = assignment.plan.tasks.find((task) => task.id === taskId)?.items ?? [];
        found = planned.map((item): PlotItem => {
          const plotItem: PlotItem = { id: item.id, path: item.path, visible: item.visibility === "visible", banded: comparators.expects(item.mode) === "bands" };
          const hint = comparators.get(item.mode).meta.plot;
          if (hint !== undefined) plotItem.hint = hint;
          return plotItem;
        });
        items.set(taskId, found);
      }
      return found;
    },
    reference(taskId) {
      const solution = assignment.solutions.get(taskId);
      return solution === undefined ? undefined : taskReference(assignment, taskId, solution);
    },
  };
}

function taskReference(assignment: Assignment, taskId: string, solution: TaskSolution): PlotReference {
  return {
    answerAt: (path) => valueAt(solution.answers, path),
    bandAt: (path) => bandAt(assignment, solution, path, cellItemOf(assignment, taskId, path)),
    axesOf: (path) => solution.axes?.[path],
    curveOf: (path) => solution.curves?.[path],
  };
}

function valueAt(root: Value, path: string): Value {
  const found = getAtPath(root, path);
  return found.found ? (found.value as Value) : null;
}

function cellItemOf(assignment: Assignment, taskId: string, path: string): PlannedItem | undefined {
  return assignment.plan.tasks.find((task) => task.id === taskId)?.items.find((candidate) => candidate.path === path);
}

/** [low, high] of the reference seeds at `path`, with the band options of the item graded there (or the defaults) */
function bandAt(assignment: Assignment, solution: TaskSolution, path: string, graded: PlannedItem | undefined): { low: number; high: number } | null {
  const samples = solution.bands?.[path];
  if (!isBandSamples(samples)) return null;
  if (graded !== undefined && graded.visibility !== "visible") return null;
  // the band is drawn as band.ts makes it: with the item's options where band.ts grades it, else band's defaults
  const own = graded !== undefined && assignment.registries.comparators.get(graded.mode) === bandComparator;
  const options = resolveOptions("band", own ? graded.options : {}) as BandOptions;
  const { low, high } = bandOf(samples, options);
  return Number.isFinite(low) && Number.isFinite(high) ? { low, high } : null;
}
