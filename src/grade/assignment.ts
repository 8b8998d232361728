import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import JSON5 from "json5";
import { referenceFromKey } from "../authoring/key.ts";
import { NngradeError, RubricError, SubmissionError, SubmissionParseError, UnknownAssignmentError } from "../errors.ts";
import { BUILTIN_REGISTRIES, type Registries } from "../compare/registries.ts";
import { MAX_SUBMISSION_BYTES_DEFAULT, parseSubmissionText } from "../rubric/json.ts";
import { readRegularFileSync } from "../rubric/read-file.ts";
import type { Rubric } from "../rubric/types.ts";
import { rubricProblems } from "../rubric/validate.ts";
import { builtinModule, COMPILED, PACKAGE_ROOT } from "../package-root.ts";
import { BUILTIN_RUBRICS, isBuiltInRubric } from "./paths.ts";
import type { Plan } from "./plan.ts";
import { assignmentFrom as assignmentInMemory, type AssignmentFromOptions, solvedAssignment } from "./assignment-from.ts";
import { type CacheEntry, ReferenceCache } from "./cache.ts";
import type { Reference, SolveContext, TaskSolution } from "./reference.ts";
import { withRubricSeeds } from "./rubric-seeds.ts";
import { filesHash, pythonSourceHash, typescriptSourceHash } from "./reference-source.ts";

export { BUILTIN_REFERENCES, BUILTIN_RUBRICS } from "./paths.ts";

/** An assignment ready to grade: its rubric, reference, default solution and plan. */
export interface Assignment {
  id: string;
  title: string;
  rubric: Rubric;
  rubricFile: string;
  /** sha256 of the rubric file, recorded in results so a regrade can tell what changed */
  rubricHash: string;
  reference: Reference;
  /**
   * sha256 of a course's own reference files (reference-source.ts: its
   * Python or TypeScript module and the modules beside it, or its answer
   * keys), so that a rerun of `nngrade grade` regrades after the reference
   * changed; undefined for a built-in reference (the engine version stands
   * for it) and for one made in memory
   */
  sourceHash?: string;
  inputs: Record<string, unknown>;
  solutions: Map<string, TaskSolution>;
  plan: Plan;
  /** passed to every solve, the carried-forward ones too */
  context: SolveContext;
  /** the comparators and diagnosers the rubric was validated, planned and is graded with */
  registries: Registries;
  /**
   * answer names by task that are asked for though not graded here (a
   * student bundle's TA-graded items): an answer under one of them is not
   * "not asked for"
   */
  answerNames?: Readonly<Record<string, readonly string[]>>;
}

/** how loadAssignment loads: retrain the reference's cached runs (`rebuild`), the comparators and diagnosers to grade with (`registries`) */
export interface LoadOptions {
  /** recompute cached reference results and write the shipped cache (nngrade reference --rebuild) */
  rebuild?: boolean;
  /** with rebuild: the runs already computed on worker threads (rebuild.ts), by cache key hash */
  primed?: ReadonlyMap<string, CacheEntry>;
  /** a course's own comparators and diagnosers beside the built-ins (createRegistries); by default the built-ins */
  registries?: Registries;
}

/**
 * Reads and validates a rubric file; every problem is reported at once, each
 * located. `builtIn` skips the schema check of a rubric that ships with nngrade (the
 * test suite validates every one of them): compiling the schemas is most of a
 * check's start-up. Any rubric given by path is always validated.
 */
export function readRubric(file: string, options: { builtIn?: boolean; registries?: Registries } = {}): { rubric: Rubric; text: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new NngradeError("input", `${file}: cannot read the rubric`);
  }
  let data: unknown;
  try {
    data = JSON5.parse(text);
  } catch (error) {
    const { lineNumber, columnNumber, message } = error as { lineNumber?: number; columnNumber?: number; message: string };
    const detail = message.replace(/^JSON5: /, "").replace(/ at \d+:\d+$/, "");
    throw new RubricError([`${file}:${lineNumber ?? 0}:${columnNumber ?? 0}: ${detail}`]);
  }
  const problems = options.builtIn ? [] : rubricProblems(data, (options.registries ?? BUILTIN_REGISTRIES).comparators);
  if (problems.length > 0) throw new RubricError(problems, { file });
  return { rubric: data as Rubric, text };
}

/** a built-in assignment as `nngrade list` shows it: its id, title and rubric file */
export interface AssignmentInfo {
  id: string;
  title: string;
  rubricFile: string;
}

/** The built-in assignments: every rubric under rubrics/ that has a reference module. */
export function listAssignments(): AssignmentInfo[] {
  return readdirSync(BUILTIN_RUBRICS)
    .filter((name) => name.endsWith(".json") && name !== "rubric.schema.json")
    .sort()
    .map((name) => {
      const rubricFile = join(BUILTIN_RUBRICS, name);
      const { rubric } = readRubric(rubricFile, { builtIn: true });
      return { id: rubric.id, title: rubric.title, rubricFile };
    })
    .filter((info) => existsSync(referenceFile(info.id)));
}

/** the built-in reference module (its compiled twin when running compiled) */
function referenceFile(id: string): string {
  return builtinModule(`reference/${id}.ts`);
}


/** loads under way or done, per registries: one rubric loaded with a course's comparators is another assignment */
const loaded = new WeakMap<Registries, Map<string, Promise<Assignment>>>();

/**
 * Loads a built-in assignment by id, or a rubric file given by path (its
 * reference module is looked up beside it, then among the built-in ones).
 */
export function loadAssignment(idOrRubricFile: string, options: LoadOptions = {}): Promise<Assignment> {
  const registries = options.registries ?? BUILTIN_REGISTRIES;
  const cache = loaded.get(registries) ?? new Map<string, Promise<Assignment>>();
  loaded.set(registries, cache);
  const key = `${options.rebuild ? "rebuild:" : ""}${idOrRubricFile}`;
  let loading = cache.get(key);
  if (!loading) {
    loading = load(idOrRubricFile, { ...options, registries });
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

/**
 * A rubric, its text and its reference module, and the inputs the default
 * solve takes (the rubric's seeds applied): what load() solves, and what a
 * rebuild's workers enumerate the cached runs of (rebuild.ts).
 */
export async function loadReference(
  idOrRubricFile: string,
  options: { registries?: Registries; cache?: Omit<LoadOptions, "registries"> } = {},
): Promise<{
  rubric: Rubric;
  rubricFile: string;
  text: string;
  reference: Reference;
  inputs: Record<string, unknown>;
  cache: ReferenceCache;
  /** a course's own reference files' sha256 (Assignment.sourceHash); undefined for a built-in reference */
  sourceHash?: string;
}> {
  const isFile = idOrRubricFile.endsWith(".json") || idOrRubricFile.includes("/");
  const rubricFile = isFile ? idOrRubricFile : join(BUILTIN_RUBRICS, `${idOrRubricFile}.json`);
  if (isFile && !existsSync(rubricFile)) throw new NngradeError("input", `${idOrRubricFile}: no such rubric file`);
  if (!existsSync(rubricFile)) throw new UnknownAssignmentError(idOrRubricFile, safeList().map((info) => info.id));
  const { rubric, text } = readRubric(rubricFile, { builtIn: !isFile, registries: options.registries ?? BUILTIN_REGISTRIES });
  const referenceId = rubric.reference ?? rubric.id;
  const { rebuild = false, primed } = options.cache ?? {};
  const cache = new ReferenceCache(referenceId, { rebuild, ...(primed ? { primed } : {}), shippedFolder: shippedCacheFolder(rubricFile, rubric) });
  if (rubric.key !== undefined) {
    // hashed before they are read: a key changed meanwhile is a new reference next time, never a stale one
    const sourceHash = filesHash(keyFiles(rubric).map((name) => resolve(dirname(rubricFile), name)));
    const reference = keyReference(rubric, rubricFile);
    return { rubric, rubricFile, text, reference, inputs: reference.defaultInputs(), cache, sourceHash };
  }
  const pythonFile = pythonReferenceFile(rubricFile, referenceId);
  if (pythonFile !== undefined) {
    // a course's reference in plain numpy, beside its rubric: run by a persistent python worker
    const { pythonReference } = await import("../python/python-reference.ts");
    const sourceHash = pythonSourceHash(pythonFile);
    const reference = pythonReference(pythonFile, { id: referenceId, title: rubric.title, cache });
    return { rubric, rubricFile, text, reference, inputs: withRubricSeeds(rubric, reference.defaultInputs(), rubricFile), cache, sourceHash };
  }
  const courseModule = courseModuleFile(rubricFile, referenceId);
  const moduleFile = courseModule ?? referenceFile(referenceId);
  const sourceHash = courseModule === undefined ? undefined : typescriptSourceHash(courseModule);
  if (!existsSync(moduleFile)) throw new RubricError([`rubric "${rubric.id}": no reference module "${referenceId}"`], { file: rubricFile });
  // a reference module of the user's own is TypeScript: compiled nngrade needs a loader for it
  if (COMPILED && moduleFile.endsWith(".ts")) {
    const loaders = (await import(pathToFileURL(join(PACKAGE_ROOT, "bin", "register-source.js")).href)) as { registerForCourse(): void };
    loaders.registerForCourse();
  }
  const module = (await import(pathToFileURL(moduleFile).href)) as { default: Reference };
  const reference = module.default;
  const inputs = withRubricSeeds(rubric, reference.defaultInputs(), rubricFile);
  return { rubric, rubricFile, text, reference, inputs, cache, ...(sourceHash === undefined ? {} : { sourceHash }) };
}

/** a course's reference in plain numpy: <reference>.py beside the rubric, where no <reference>.ts is */
export function pythonReferenceFile(rubricFile: string, referenceId: string): string | undefined {
  if (isBuiltInRubric(rubricFile)) return undefined;
  const beside = dirname(rubricFile);
  const file = join(beside, `${referenceId}.py`);
  return !existsSync(join(beside, `${referenceId}.ts`)) && existsSync(file) ? file : undefined;
}

/** a course's reference in TypeScript: <reference>.ts beside a rubric that is not a built-in one */
function courseModuleFile(rubricFile: string, referenceId: string): string | undefined {
  if (isBuiltInRubric(rubricFile)) return undefined;
  const file = join(dirname(rubricFile), `${referenceId}.ts`);
  return existsSync(file) ? file : undefined;
}

/**
 * Where an assignment's shipped runs are kept: with a built-in reference
 * (a built-in rubric, or a course's rubric that names a built-in reference)
 * in nngrade's reference/cache; with the course's own reference (Python,
 * TypeScript or keys beside the rubric) in cache/ beside its rubric, so
 * that a rebuild writes into the course's folder, never into the installed
 * package, and the answers travel with the course's files.
 */
export function shippedCacheFolder(rubricFile: string, rubric: Pick<Rubric, "id" | "reference" | "key">): string | undefined {
  const referenceId = rubric.reference ?? rubric.id;
  const own = !isBuiltInRubric(rubricFile) && (rubric.key !== undefined || pythonReferenceFile(rubricFile, referenceId) !== undefined || courseModuleFile(rubricFile, referenceId) !== undefined);
  return own ? join(dirname(rubricFile), "cache") : undefined;
}

/**
 * The reference of a rubric that names answer keys (`"key"`): each file read
 * safely, relative to the rubric file, with Python's NaN and Infinity. What
 * a key cannot do is refused here, where the rubric asks for it: per-student
 * variants and the rubric's seeds need a reference that computes.
 */
function keyReference(rubric: Rubric, rubricFile: string): Reference {
  const where = `rubric "${rubric.id}"`;
  const problems: string[] = [];
  if (rubric.reference !== undefined) problems.push(`${where}: give either "reference" (a module) or "key" (answer keys), not both`);
  if (rubric.variants === "per-student") {
    problems.push(`${where}: variants: an answer key holds one set of answers, so per-student variants need a reference module that draws them`);
  }
  for (const task of rubric.tasks) {
    if (task.seeds !== undefined) problems.push(`${where} > task "${task.id}": seeds: a key's bands come from its key files (one per seed), not from seeds`);
  }
  if (problems.length > 0) throw new RubricError(problems, { file: rubricFile });
  const files = keyFiles(rubric);
  const keys = files.map((name) => {
    const file = resolve(dirname(rubricFile), name);
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(readRegularFileSync(file, name, MAX_SUBMISSION_BYTES_DEFAULT));
      return parseSubmissionText(text, name);
    } catch (error) {
      // a key that cannot be read is the rubric's problem, not a submission's
      const detail = error instanceof SubmissionError || error instanceof SubmissionParseError ? error.message : `${name}: cannot read the answer key`;
      throw new RubricError([`${where}: key ${detail}`], { file: rubricFile, cause: error });
    }
  });
  try {
    return referenceFromKey(keys, { id: rubric.id, title: rubric.title, sources: files });
  } catch (error) {
    throw error instanceof RubricError ? new RubricError(error.problems.map((problem) => `${where}: key ${problem}`), { file: rubricFile }) : error;
  }
}

/** the answer key files a rubric names, relative to it */
function keyFiles(rubric: Rubric): string[] {
  return typeof rubric.key === "string" ? [rubric.key] : (rubric.key ?? []);
}

async function load(idOrRubricFile: string, options: LoadOptions & { registries: Registries }): Promise<Assignment> {
  const { registries } = options;
  const read = await loadReference(idOrRubricFile, { registries, cache: { rebuild: options.rebuild ?? false, ...(options.primed ? { primed: options.primed } : {}) } });
  const context: SolveContext = { cache: read.cache };
  return solvedAssignment(read, context, registries);
}

/**
 * assignmentFrom (assignment-from.ts) for Node, as the package gives it:
 * unless given a cache, the reference's training runs are kept on disk as
 * loadAssignment keeps them (the shipped cache, then the user's folder).
 */
export function assignmentFrom(rubric: Rubric, reference: Reference, options: AssignmentFromOptions = {}): Assignment {
  return assignmentInMemory(rubric, reference, { ...options, cache: options.cache ?? new ReferenceCache(reference.id) });
}

function safeList(): AssignmentInfo[] {
  try {
    return listAssignments();
  } catch {
    return [];
  }
}
