/**
 * defineAssignment: a reference written against its own inputs' type. The
 * loader only knows `Reference` (inputs as a record of unknowns); this is
 * where the one cast between the two lives, so that no reference needs
 * `inputs as Hw4Inputs` or `[q1, q2] as ReferenceTask[]`.
 */
import type { Stream } from "../engine/random/stream.ts";
import type { CachedRun, DataSet, Flag, Reference, ReferenceTask } from "../grade/reference.ts";

/** The tasks of an assignment, by task id, in the order they are graded; each solves its own slice of the inputs. */
export type TaskDefinitions<Inputs extends object> = { [K in keyof Inputs & string]: ReferenceTask<Inputs[K]> };

/** What a reference module defines, typed by its inputs (one entry per task id). */
export interface AssignmentDefinition<Inputs extends object> {
  /** the reference's id; a rubric names it in `reference` (or shares it as its own id) */
  id: string;
  title: string;
  /** the handout's inputs (the default variant) */
  defaultInputs(): Inputs;
  /**
   * one student's inputs, drawn from a stream keyed by (assignment, student
   * id): the tasks whose inputs vary; the others keep the handout's (the
   * grader lays these over them). The answers' shapes must not change: the
   * rubric is planned on the default variant.
   */
  variantInputs?(stream: Stream): Partial<Inputs>;
  /** the tasks by id, in grading order: each task's `id` must be its key */
  tasks: TaskDefinitions<Inputs>;
  /** checks across items no single comparison sees; gets the raw answers (student data: read defensively) */
  crossChecks?(answers: Record<string, unknown>, inputs: Inputs): Flag[];
  /** the data sets students train on, exactly as the grader evaluates them (`nngrade data export`) */
  datasets?(): DataSet[];
  /** every run the solves of these inputs ask the cache for, for `reference --rebuild` on all cores */
  cachedRuns?(inputs: Inputs): CachedRun[];
}

/** A reference that keeps its typed definition at hand (for its own tests and tools). */
export type DefinedAssignment<Inputs extends object> = Reference & { definition: AssignmentDefinition<Inputs> };

/**
 * Makes a reference module's default export from a definition typed by its
 * inputs. Refuses a task whose `id` differs from its key: the rubric's
 * task ids are the keys.
 */
export function defineAssignment<Inputs extends object>(definition: AssignmentDefinition<Inputs>): DefinedAssignment<Inputs> {
  const tasks = Object.entries(definition.tasks) as [string, ReferenceTask<unknown>][];
  for (const [key, task] of tasks) {
    if (task.id !== key) throw new Error(`defineAssignment "${definition.id}": task "${key}" has id "${task.id}"`);
  }
  const { crossChecks, cachedRuns, variantInputs, datasets } = definition;
  const asInputs = (inputs: Record<string, unknown>) => inputs as Inputs;
  return {
    id: definition.id,
    title: definition.title,
    definition,
    defaultInputs: () => definition.defaultInputs() as Record<string, unknown>,
    tasks: tasks.map(([, task]) => task),
    ...(variantInputs ? { variantInputs: (stream: Stream) => variantInputs.call(definition, stream) as Record<string, unknown> } : {}),
    ...(crossChecks ? { crossChecks: (answers: Record<string, unknown>, inputs: Record<string, unknown>) => crossChecks.call(definition, answers, asInputs(inputs)) } : {}),
    ...(datasets ? { datasets: () => datasets.call(definition) } : {}),
    ...(cachedRuns ? { cachedRuns: (inputs: Record<string, unknown>) => cachedRuns.call(definition, asInputs(inputs)) } : {}),
  };
}
