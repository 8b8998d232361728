/**
 * Other readings of a handout. Where a handout can honestly be read two ways
 * ("2-5 layers of 50 units": hidden layers, or layers with the output), a
 * reference may offer the bands of the other reading for the answers it
 * changes. A student whose answers fit the other reading as a whole (every
 * answer it covers inside its band) and not the main one is graded against
 * it, and each answer says which reading it was graded as; the rubric's
 * conventions say the same before the student starts. Answers are never
 * mixed: one reading per task, chosen on all the answers it covers.
 */
import { builtinComparators } from "../compare/builtins.ts";
import type { Value } from "../value.ts";
import type { Assignment } from "./assignment.ts";
import type { PlannedItem } from "./plan.ts";
import type { TaskSolution } from "./reference.ts";

/** one other reading of a task: its bands by answer path, and one sentence saying what it is */
export interface Reading {
  id: string;
  /** "depth counted as layers with the output: 1-4 hidden layers" */
  note: string;
  bands: NonNullable<TaskSolution["bands"]>;
}

/** the readings chosen for a submission, by task id */
export type ChosenReadings = Map<string, Reading>;

/**
 * For each task with other readings: the one the student's answers fit as a
 * whole, when the main reading does not. `received` gives the student's read
 * value of an item (undefined when missing or unreadable).
 */
export function chooseReadings(
  assignment: Pick<Assignment, "solutions"> & Partial<Pick<Assignment, "registries">>,
  items: readonly PlannedItem[],
  received: (id: string) => Value | undefined,
): ChosenReadings {
  const chosen: ChosenReadings = new Map();
  const comparators = assignment.registries?.comparators ?? builtinComparators;
  for (const [taskId, solution] of assignment.solutions) {
    if (!solution.readings?.length) continue;
    const fits = (bands: NonNullable<TaskSolution["bands"]>, covered: readonly string[]) =>
      covered.every((path) => {
        const item = items.find((candidate) => candidate.taskId === taskId && candidate.path === path);
        const value = item === undefined ? undefined : received(item.id);
        // a reading offers bands: only an item graded against bands can fit one
        if (item === undefined || value === undefined || comparators.expects(item.mode) !== "bands") return false;
        const samples = bands[path];
        return samples !== undefined && comparators.compareWith(item.mode, value, samples as unknown as Value, item.options).score === true;
      });
    for (const reading of solution.readings) {
      const covered = Object.keys(reading.bands);
      if (covered.length === 0 || fits(solution.bands ?? {}, covered)) continue;
      if (fits(reading.bands, covered)) {
        chosen.set(taskId, reading);
        break;
      }
    }
  }
  return chosen;
}

/** the assignment with each chosen reading's bands in place of the main ones (the solutions are copied, never changed) */
export function withReadings<T extends Pick<Assignment, "solutions">>(assignment: T, chosen: ChosenReadings): T {
  if (chosen.size === 0) return assignment;
  const solutions = new Map(assignment.solutions);
  for (const [taskId, reading] of chosen) {
    const solution = solutions.get(taskId);
    if (solution !== undefined) solutions.set(taskId, { ...solution, bands: { ...solution.bands, ...reading.bands } });
  }
  return { ...assignment, solutions };
}

/** the sentence an answer graded under another reading ends with */
export function readingNote(chosen: ChosenReadings, item: PlannedItem): string | undefined {
  const reading = chosen.get(item.taskId);
  return reading !== undefined && Object.hasOwn(reading.bands, item.path) ? `graded as read with ${reading.note}` : undefined;
}
