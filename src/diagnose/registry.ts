import type { Diagnoser, DiagnoseInput, Diagnosis } from "./types.ts";

/**
 * The diagnosers one grading asks, in priority order (the first that
 * explains a failed answer names it): the built-ins, and before them a
 * course's own (createRegistries). Two diagnosers claiming one id throw.
 */
export class DiagnoserRegistry {
  readonly #byId = new Map<string, Diagnoser>();
  readonly #ordered: readonly Diagnoser[];

  /** `ordered`: most specific first */
  constructor(ordered: readonly Diagnoser[]) {
    for (const diagnoser of ordered) {
      if (this.#byId.has(diagnoser.meta.id)) throw new Error(`diagnose: duplicate diagnoser id "${diagnoser.meta.id}"`);
      this.#byId.set(diagnoser.meta.id, diagnoser);
    }
    this.#ordered = [...ordered];
  }

  /** every id, in priority order */
  ids(): string[] {
    return this.#ordered.map((diagnoser) => diagnoser.meta.id);
  }

  /** every diagnoser, in priority order */
  all(): readonly Diagnoser[] {
    return this.#ordered;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The first diagnosis in priority order, or null when no known mistake explains the answer. */
  diagnose(input: DiagnoseInput): Diagnosis | null {
    for (const diagnoser of this.#ordered) {
      const diagnosis = diagnoser.diagnose(input);
      if (diagnosis !== null) return diagnosis;
    }
    return null;
  }
}
