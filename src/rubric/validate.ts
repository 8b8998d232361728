import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { builtinComparators } from "../compare/builtins.ts";
import type { AnyComparator, ComparatorRegistry } from "../compare/registry.ts";
import { AJV_OPTIONS } from "../compare/schema.ts";
// rubrics/rubric.schema.json, embedded (npm run embed): the core reads no file
import { RUBRIC_SCHEMA_TEXT } from "./rubric-schema.generated.ts";

// one shared ajv instance: the rubric schema and every comparator's options schema are compiled once
const ajv = new Ajv2020({ ...AJV_OPTIONS, useDefaults: false });
let rubricValidator: ValidateFunction | undefined;
// by comparator, not by mode: registries of two courses may give one mode to different comparators
const optionValidators = new WeakMap<AnyComparator, ValidateFunction>();

function validateRubricShape(data: unknown): ErrorObject[] {
  rubricValidator ??= ajv.compile(JSON.parse(RUBRIC_SCHEMA_TEXT));
  return rubricValidator(data) ? [] : [...(rubricValidator.errors ?? [])];
}

function optionsValidator(comparator: AnyComparator): ValidateFunction {
  let validator = optionValidators.get(comparator);
  if (!validator) {
    validator = ajv.compile(comparator.meta.optionsSchema);
    optionValidators.set(comparator, validator);
  }
  return validator;
}

/** Splits a compare block into its mode and the comparator's options. */
export function splitCompare(compare: { mode: string; [option: string]: unknown }): {
  mode: string;
  options: Record<string, unknown>;
} {
  const { mode, ...options } = compare;
  return { mode, options };
}

/** "rubric "hw4" > task "q3" > item "grad_W"" for a JSON pointer into the rubric. */
function locate(rubric: unknown, pointer: string): { where: string; rest: string[] } {
  const id = isRecord(rubric) && typeof rubric.id === "string" ? rubric.id : "?";
  const parts = pointer.split("/").slice(1).map(unescapePointer);
  let where = `rubric "${id}"`;
  let node: unknown = rubric;
  const rest: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const parent = node;
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[part] : undefined;
    const grand = parts[i - 1];
    if ((grand === "tasks" || grand === "items") && Array.isArray(parent)) {
      const label = grand === "tasks" ? "task" : "item";
      const name = isRecord(node) ? (node.id ?? node.answer) : undefined;
      where += ` > ${label} ${typeof name === "string" ? `"${name}"` : `#${Number(part) + 1}`}`;
    } else if (part !== "tasks" && part !== "items") {
      rest.push(part);
    }
  }
  return { where, rest };
}

function describe(rubric: unknown, error: ErrorObject, prefix = ""): string {
  const { where, rest } = locate(rubric, prefix + error.instancePath);
  const params = error.params as Record<string, unknown>;
  let subject = rest.join(".");
  let message = error.message ?? "is invalid";
  if (error.keyword === "additionalProperties") {
    subject = [...rest, String(params.additionalProperty)].join(".");
    message = "is not a known property";
  } else if (error.keyword === "required") {
    subject = [...rest, String(params.missingProperty)].join(".");
    message = "is missing";
  } else if (error.keyword === "enum") {
    message = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  } else if (error.keyword === "discriminator") {
    // the enum on the same property already says which values are allowed
    return "";
  } else if (error.keyword === "const") {
    message = `must be ${JSON.stringify(params.allowedValue)}`;
  }
  return `${where}: ${subject ? `${subject} ` : ""}${message}`;
}

/**
 * The schema bounds each task's and item's points (<= 1e6); the grader keeps
 * integer micro-points, so a point value must also be a whole number of
 * them, and the rubric's total at most 1e9 points (1e15 micro-points, well
 * inside the integers a double holds exactly): 1e308 points once made a
 * report read "Infinity/Infinity".
 */
const POINTS_STEP = 0.000001;
const RUBRIC_POINTS_MAX = 1_000_000_000;

function pointsProblem(points: unknown): string | undefined {
  if (typeof points !== "number" || !Number.isFinite(points)) return undefined;
  const micro = points / POINTS_STEP;
  // a multiple of the step lands within rounding of an integer; 0.0000005 or 1/3 lands far from one
  return Math.abs(micro - Math.round(micro)) > 1e-3 ? `points must be a multiple of ${POINTS_STEP.toFixed(6)}` : undefined;
}

/**
 * Every problem of a rubric, each located; empty when the rubric is valid.
 * Checks the format, then each item's mode against `comparators` (the
 * built-ins by default) and its options against that comparator's schema.
 */
export function rubricProblems(data: unknown, comparators: ComparatorRegistry = builtinComparators): string[] {
  const problems = validateRubricShape(data)
    .map((error) => describe(data, error))
    .filter((problem) => problem !== "");
  if (!isRecord(data) || !Array.isArray(data.tasks)) return problems;
  // comparator options are checked even when the rubric has other problems, so one run lists them all
  const rubricId = typeof data.id === "string" ? data.id : "?";
  const taskIds = new Set<string>();
  let rubricPoints = 0;
  data.tasks.forEach((task: unknown, t) => {
    if (!isRecord(task) || !Array.isArray(task.items)) return;
    const taskName = String(task.id);
    if (taskIds.has(taskName)) problems.push(`rubric "${rubricId}" > task "${taskName}": duplicate task id`);
    taskIds.add(taskName);
    const taskPoints = pointsProblem(task.points);
    if (taskPoints !== undefined) problems.push(`rubric "${rubricId}" > task "${taskName}": ${taskPoints}`);
    if (typeof task.points === "number" && Number.isFinite(task.points)) rubricPoints += task.points;
    const answers = new Set<string>();
    task.items.forEach((item: unknown, i) => {
      if (!isRecord(item)) return;
      const itemPoints = pointsProblem(item.points);
      if (itemPoints !== undefined) problems.push(`rubric "${rubricId}" > task "${taskName}" > item "${String(item.answer)}": ${itemPoints}`);
      if (!isRecord(item.compare)) return;
      const where = `rubric "${rubricId}" > task "${taskName}" > item "${String(item.answer)}"`;
      if (answers.has(String(item.answer))) problems.push(`${where}: duplicate answer path`);
      answers.add(String(item.answer));
      const { mode, options } = splitCompare(item.compare as { mode: string });
      // the schema says a mode is a string; which strings, the registry says
      if (typeof mode !== "string") return;
      if (!comparators.has(mode)) {
        problems.push(`${where}: compare.mode must be one of ${comparators.ids().map((id) => JSON.stringify(id)).join(", ")}`);
        return;
      }
      const comparator = comparators.get(mode);
      const validator = optionsValidator(comparator);
      if (!validator(options)) {
        for (const error of validator.errors ?? []) {
          const problem = describe(data, error, `/tasks/${t}/items/${i}/compare`);
          if (problem !== "") problems.push(problem);
        }
        return;
      }
      const check = comparator.meta.checkOptions;
      for (const problem of check ? check({ ...comparator.meta.defaults, ...options }) : []) {
        problems.push(`${where}: compare: ${problem}`);
      }
    });
  });
  // each task is bounded by the schema, their number is not
  if (rubricPoints > RUBRIC_POINTS_MAX) {
    problems.push(`rubric "${rubricId}": the tasks' points add up to ${rubricPoints}, more than ${RUBRIC_POINTS_MAX}`);
  }
  return problems;
}

/** the modes a rubric may name: the built-ins, or those of the registry given */
export function knownModes(comparators: ComparatorRegistry = builtinComparators): string[] {
  return comparators.ids();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, "/").replace(/~0/g, "~");
}
