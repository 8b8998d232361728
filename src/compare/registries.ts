import { Ajv2020 } from "ajv/dist/2020.js";
import { builtinDiagnosers } from "../diagnose/index.ts";
import { DiagnoserRegistry } from "../diagnose/registry.ts";
import type { Diagnoser } from "../diagnose/types.ts";
import { NngradeError } from "../errors.ts";
import { BUILTIN_COMPARATORS, builtinComparators } from "./builtins.ts";
import { type AnyComparator, ComparatorRegistry } from "./registry.ts";
import { AJV_OPTIONS } from "./schema.ts";
import { EXPECTS, PLOT_HINTS } from "./types.ts";

/** The comparators and diagnosers one grading uses; they travel with the loaded Assignment. */
export interface Registries {
  comparators: ComparatorRegistry;
  diagnosers: DiagnoserRegistry;
}

/** A course's own comparators and diagnosers, added to the built-ins. */
export interface RegistryAdditions {
  /** each with an id no built-in or other addition has; a rubric names it as compare.mode */
  comparators?: readonly AnyComparator[];
  /** asked before the built-ins, in the order given: a course's own mistakes are the likelier explanation */
  diagnosers?: readonly Diagnoser[];
}

/** The built-in comparators and diagnosers only: what loadAssignment uses unless given others. */
export const BUILTIN_REGISTRIES: Registries = Object.freeze({ comparators: builtinComparators, diagnosers: builtinDiagnosers });

/** mode ids as rubrics write them: lowercase words joined by hyphens */
const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The built-in registries with a course's own comparators and diagnosers
 * added. Refuses, with an error naming it, an id that is taken and a
 * comparator or diagnoser whose meta is incomplete or malformed.
 */
export function createRegistries(additions: RegistryAdditions = {}): Registries {
  const comparators = additions.comparators ?? [];
  const diagnosers = additions.diagnosers ?? [];
  if (comparators.length === 0 && diagnosers.length === 0) return BUILTIN_REGISTRIES;
  const problems = [...comparators.flatMap(comparatorProblems), ...diagnosers.flatMap(diagnoserProblems)];
  problems.push(...duplicates("comparator", [...BUILTIN_COMPARATORS, ...comparators].map((comparator) => comparator?.meta?.id)));
  problems.push(...duplicates("diagnoser", [...builtinDiagnosers.ids(), ...diagnosers.map((diagnoser) => diagnoser?.meta?.id)]));
  if (problems.length > 0) throw new NngradeError("registry", problems.join("\n"));
  return Object.freeze({
    comparators: comparators.length === 0 ? builtinComparators : new ComparatorRegistry([...BUILTIN_COMPARATORS, ...comparators]),
    diagnosers: diagnosers.length === 0 ? builtinDiagnosers : new DiagnoserRegistry([...diagnosers, ...builtinDiagnosers.all()]),
  });
}

function duplicates(kind: string, ids: readonly unknown[]): string[] {
  const seen = new Set<unknown>();
  const problems: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) problems.push(`${kind} "${String(id)}" is already registered`);
    seen.add(id);
  }
  return problems;
}

/** what is wrong with a comparator's shape, each problem naming it; checked at run time since a course may write JavaScript */
export function comparatorProblems(comparator: AnyComparator): string[] {
  const meta = comparator?.meta as Partial<AnyComparator["meta"]> | undefined;
  if (typeof meta !== "object" || meta === null) return ["a comparator has no meta"];
  const name = typeof meta.id === "string" ? `comparator "${meta.id}"` : "a comparator";
  const problems: string[] = [];
  if (typeof meta.id !== "string" || !ID.test(meta.id)) problems.push(`${name}: id must be lowercase words joined by hyphens`);
  if (typeof comparator.compare !== "function") problems.push(`${name}: compare must be a function`);
  if (typeof meta.description !== "string") problems.push(`${name}: description must be a string`);
  if (!isRecord(meta.defaults)) problems.push(`${name}: defaults must be an object`);
  if (!isRecord(meta.messages) || !Object.values(meta.messages).every((template) => typeof template === "string")) {
    problems.push(`${name}: messages must map message ids to templates`);
  }
  if (!EXPECTS.includes(meta.expects as never)) problems.push(`${name}: expects must be one of ${EXPECTS.join(", ")}`);
  if (typeof meta.diagnosable !== "boolean") problems.push(`${name}: diagnosable must be true or false`);
  if (meta.plot !== undefined && !PLOT_HINTS.includes(meta.plot)) problems.push(`${name}: plot must be one of ${PLOT_HINTS.join(", ")}`);
  if (meta.identicalValues !== undefined && typeof meta.identicalValues !== "boolean") problems.push(`${name}: identicalValues must be true or false`);
  for (const hook of ["tolerance", "checkOptions"] as const) {
    if (meta[hook] !== undefined && typeof meta[hook] !== "function") problems.push(`${name}: ${hook} must be a function`);
  }
  if (!isRecord(meta.optionsSchema)) problems.push(`${name}: optionsSchema must be a JSON Schema object`);
  else {
    try {
      // compiled once here to say which comparator a broken schema is from; rubric validation compiles its own
      new Ajv2020({ ...AJV_OPTIONS, useDefaults: false }).compile(meta.optionsSchema);
    } catch (error) {
      problems.push(`${name}: optionsSchema does not compile: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** what is wrong with a diagnoser's shape, each problem naming it */
export function diagnoserProblems(diagnoser: Diagnoser): string[] {
  const meta = diagnoser?.meta as Partial<Diagnoser["meta"]> | undefined;
  if (typeof meta !== "object" || meta === null) return ["a diagnoser has no meta"];
  const name = typeof meta.id === "string" ? `diagnoser "${meta.id}"` : "a diagnoser";
  const problems: string[] = [];
  if (typeof meta.id !== "string" || !ID.test(meta.id)) problems.push(`${name}: id must be lowercase words joined by hyphens`);
  if (typeof meta.description !== "string") problems.push(`${name}: description must be a string`);
  if (typeof diagnoser.diagnose !== "function") problems.push(`${name}: diagnose must be a function`);
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
