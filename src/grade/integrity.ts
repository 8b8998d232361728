/**
 * Results that cannot be honest. Every assignment inherits these from its
 * rubric and reference, with nothing to write: grade.ts runs
 * `integrityFlags` on every submission, after its items are graded.
 *
 * - beyond-reference: a trained result past its band and past every
 *   reference seed, on the side that is better (an accuracy above, a loss
 *   below). The band item already fails; the flag tells the TA that no run
 *   of this configuration gets there. Where "better" lies is declared with
 *   the band (TaskSolution.bands[path].better); a band without it (a
 *   snapshot statistic) is never flagged.
 * - identical-values: items of one rubric pattern (the cells of a heatmap,
 *   the runs of a sweep: `val_accuracy[*][*]`, `runs[*].J`) that report one
 *   value (three or more, two of them off their own reference) or one curve
 *   (two or more), where the reference's
 *   own values for them differ clearly: their bands are disjoint, or each
 *   fails the other's comparison. Cells that legitimately coincide are
 *   cells the reference cannot tell apart, and are never flagged; nor is a
 *   value a diagnosis explains (cells at chance, named "below-chance").
 *
 * The same properties, where a reference's own judge (an engine item) or
 * cross-item check has to state them, come from the helpers below
 * (`beyondReference`, `epochsProblem`, `divergenceFlags`), so that every
 * assignment words them alike.
 */
import { comparator as bandComparator, bandOf, type BandOptions, type BandSamples } from "../compare/band.ts";
import { formatNumber } from "../compare/format.ts";
import type { CompareOutcome } from "../compare/types.ts";
import type { ItemStatus } from "../result/types.ts";
import { getAtPath } from "../rubric/answers.ts";
import type { Value } from "../value.ts";
import type { Assignment } from "./assignment.ts";
import type { PlannedItem } from "./plan.ts";
import type { Better, Flag } from "./reference.ts";

export type { Better } from "./reference.ts";

/** what grading made of one answer, as the integrity checks need it */
export interface GradedAnswer {
  value: Value;
  status: ItemStatus;
  /** the code of the diagnosis that explains the value (an accuracy given as a percentage, "percentage"), or null */
  diagnosis: string | null;
}

export type GradedAnswerLookup = (itemId: string) => GradedAnswer | undefined;

/** one value shared by this many items of a pattern is a flag; a pair of accuracies coincides by chance (a 500-point validation set) */
const MIN_SHARED_VALUES = 3;
/**
 * ...and at least this many of them off their own reference: one buggy cell
 * at chance beside the zero-initialised cells that are at chance is one
 * mistake, already failed, not a copy
 */
const MIN_SHARED_OFF = 2;
/** two runs with the same whole curve do not coincide by chance */
const MIN_SHARED_CURVES = 2;
/** the diagnosis of an answer that is another item's value (src/diagnose/swapped.ts) */
const SWAPPED = "swapped";

/**
 * The flags of the generic checks above. `raised` are the flags already
 * raised (the reference's cross-item checks): a reference that checks one
 * task's identical results itself, with more knowledge (cse343 matches
 * cells by their labels), has the last word on that task.
 */
export function integrityFlags(assignment: Assignment, items: readonly PlannedItem[], answerOf: GradedAnswerLookup, raised: readonly Flag[]): Flag[] {
  const answered = items.flatMap((item) => {
    const answer = answerOf(item.id);
    return answer === undefined ? [] : [{ item, answer }];
  });
  return [...beyondReferenceFlags(assignment, answered), ...identicalValueFlags(assignment, answered, raised)];
}

/** whether the item's comparator is given the reference's seeded runs (a band), not a single value */
function gradedByBand(assignment: Assignment, item: PlannedItem): boolean {
  return assignment.registries.comparators.expects(item.mode) === "bands";
}

type Answered = { item: PlannedItem; answer: GradedAnswer };
type BandData = BandSamples & { better?: Better };

function bandData(assignment: Assignment, item: PlannedItem): BandData | undefined {
  const band = assignment.solutions.get(item.taskId)?.bands?.[item.path];
  return band !== undefined && Array.isArray(band.samples) && band.samples.length > 0 && band.samples.every(Number.isFinite) ? band : undefined;
}

/** the band as band.ts makes it: with the item's options where band.ts grades it, else band's defaults */
function bandOfItem(assignment: Assignment, band: BandSamples, item: PlannedItem): { low: number; high: number; mean: number } {
  const own = assignment.registries.comparators.get(item.mode) === bandComparator;
  return bandOf(band, (own ? item.options : {}) as BandOptions);
}

/** cells of one pattern listed by name in a flag; the rest are counted */
const CELLS_SHOWN = 3;

function beyondReferenceFlags(assignment: Assignment, answered: readonly Answered[]): Flag[] {
  // one flag per pattern: a heatmap copied from elsewhere is one finding, not ten
  const byPattern = new Map<string, { taskId: string; flags: Flag[] }>();
  for (const { item, answer } of answered) {
    // a diagnosed value is that mistake (a percentage, another configuration's value), not a result past the reference
    if (!gradedByBand(assignment, item) || answer.diagnosis !== null || typeof answer.value !== "number") continue;
    const band = bandData(assignment, item);
    if (band?.better === undefined) continue;
    const flag = beyondReference(item.id, answer.value, band.samples, bandOfItem(assignment, band, item), band.better);
    if (flag === undefined) continue;
    const key = `${item.taskId}\u0000${patternOf(item.path)}`;
    const entry = byPattern.get(key) ?? { taskId: item.taskId, flags: [] };
    entry.flags.push(flag);
    byPattern.set(key, entry);
  }
  return [...byPattern.values()].map(({ taskId, flags }) => {
    if (flags.length === 1) return flags[0]!;
    const shown = flags.slice(0, CELLS_SHOWN).map((flag) => flag.message.slice(taskId.length + 1));
    const more = flags.length > CELLS_SHOWN ? `; and ${flags.length - CELLS_SHOWN} more` : "";
    return { code: "beyond-reference", message: `${taskId}: ${flags.length} results past what their configurations reach: ${shown.join("; ")}${more}` };
  });
}

/**
 * The flag of a trained result no run of its configuration reaches: past
 * the band (which holds every seed and its tail) and past every seed, on the
 * better side. The wording is neutral: a bug can do it as well as a pen.
 */
export function beyondReference(
  subject: string,
  value: number,
  samples: readonly number[],
  band: { low: number; high: number },
  better: Better,
): Flag | undefined {
  if (!Number.isFinite(value) || samples.length === 0) return undefined;
  const runs = `${samples.length} seeded run${samples.length === 1 ? "" : "s"}`;
  if (better === "higher") {
    const best = Math.max(...samples);
    if (!(value > Math.max(band.high, best))) return undefined;
    return {
      code: "beyond-reference",
      message: `${subject}: ${formatNumber(value)} is above what this configuration reaches in ${runs} (at most ${formatNumber(best)}; the band ends at ${formatNumber(band.high)})`,
    };
  }
  const best = Math.min(...samples);
  if (!(value < Math.min(band.low, best))) return undefined;
  return {
    code: "beyond-reference",
    message: `${subject}: ${formatNumber(value)} is below what this configuration reaches in ${runs} (at least ${formatNumber(best)}; the band starts at ${formatNumber(band.low)})`,
  };
}

/** a cell of a matrix answer, "val_accuracy[2][7]": the matrix's path first */
const HEATMAP_CELL = /^(.+)\[\d+\]\[\d+\]$/;

/** "q6.runs[2].J" -> "runs[*].J": the rubric pattern an item was expanded from, as far as its path tells */
function patternOf(path: string): string {
  return path.replace(/\[\d+\]/g, "[*]");
}

function identicalValueFlags(assignment: Assignment, answered: readonly Answered[], raised: readonly Flag[]): Flag[] {
  const groups = new Map<string, Answered[]>();
  for (const entry of answered) {
    const { item } = entry;
    // the cells of one matrix (a heatmap of configurations) are one group, whichever rubric items grade them: a row
    // graded by a range and the rest by bands are still 55 cells that cannot all be the same number
    const cell = HEATMAP_CELL.exec(item.path);
    // only where the answer is the number or curve the student reports (the comparator's meta says; a range holds
    // a result known only to lie in it): never exact data such as a one-hot matrix's cells
    const reported = assignment.registries.comparators.get(item.mode).meta.identicalValues === true || (cell !== null && item.mode === "range");
    if (!reported || !/\[\d+\]/.test(item.path)) continue;
    const key = cell === null ? `${item.taskId}\u0000${patternOf(item.path)}` : `${item.taskId}\u0000${cell[1]}\u0000cells`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const flags: Flag[] = [];
  for (const group of groups.values()) {
    const { taskId } = group[0]!.item;
    if (raised.some((flag) => flag.code.startsWith("identical") && flag.message.startsWith(`${taskId}:`))) continue;
    for (const shared of sharedValues(group)) {
      const apart = toldApart(assignment, shared.members);
      if (apart !== undefined) flags.push(identicalFlag(assignment, taskId, group, shared, apart));
    }
  }
  return flags;
}

type Shared = { text: string; curve: boolean; members: Answered[] };

/** members of a group that report exactly one value (or one curve), in groups large enough to be no coincidence */
function sharedValues(group: readonly Answered[]): Shared[] {
  const buckets = new Map<string, Shared>();
  for (const entry of group) {
    // a value a diagnosis explains (an accuracy at chance, a percentage) is that mistake, not a copy;
    // "swapped" (another item's value) is the very copy looked for here
    if (entry.answer.diagnosis !== null && entry.answer.diagnosis !== SWAPPED) continue;
    const { value } = entry.answer;
    let key: string;
    let curve = false;
    if (typeof value === "number" && Number.isFinite(value)) key = `n${value}`;
    else if (Array.isArray(value) && value.length >= 2 && value.every((v) => typeof v === "number")) {
      key = `c${value.join(",")}`;
      curve = true;
    } else continue;
    const bucket = buckets.get(key) ?? { text: curve ? `one curve of ${(value as number[]).length} values` : formatNumber(value as number), curve, members: [] };
    bucket.members.push(entry);
    buckets.set(key, bucket);
  }
  const off = (b: Shared) => b.members.filter((m) => m.answer.status !== "pass" && m.answer.status !== "ecf").length;
  return [...buckets.values()].filter((b) => (b.curve ? b.members.length >= MIN_SHARED_CURVES : b.members.length >= MIN_SHARED_VALUES && off(b) >= MIN_SHARED_OFF));
}

type Apart = { a: Answered; b: Answered; about: [string, string] };

/** two members whose reference values differ clearly, with what the reference says of each; undefined when none do */
function toldApart(assignment: Assignment, members: readonly Answered[]): Apart | undefined {
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const apart = pairApart(assignment, members[i]!, members[j]!);
      if (apart !== undefined) return apart;
    }
  }
  return undefined;
}

function pairApart(assignment: Assignment, a: Answered, b: Answered): Apart | undefined {
  if (a.item.mode !== b.item.mode) return undefined;
  if (gradedByBand(assignment, a.item)) {
    const bandA = bandData(assignment, a.item);
    const bandB = bandData(assignment, b.item);
    if (bandA === undefined || bandB === undefined) return undefined;
    const x = bandOfItem(assignment, bandA, a.item);
    const y = bandOfItem(assignment, bandB, b.item);
    if (!(x.low > y.high || y.low > x.high)) return undefined;
    return { a, b, about: [`about ${formatNumber(x.mean)}`, `about ${formatNumber(y.mean)}`] };
  }
  const expectedA = expectedOf(assignment, a.item);
  const expectedB = expectedOf(assignment, b.item);
  if (expectedA === undefined || expectedB === undefined) return undefined;
  // each fails the other's comparison, at the item's own tolerance: clearly different, both ways round
  const { comparators } = assignment.registries;
  if (passes(comparators.compareWith(a.item.mode, expectedB, expectedA, a.item.options)) || passes(comparators.compareWith(b.item.mode, expectedA, expectedB, b.item.options))) {
    return undefined;
  }
  const describe = (value: Value) => (typeof value === "number" ? formatNumber(value) : "its own curve");
  return { a, b, about: [describe(expectedA), describe(expectedB)] };
}

function expectedOf(assignment: Assignment, item: PlannedItem): Value | undefined {
  const answers = assignment.solutions.get(item.taskId)?.answers;
  if (answers === undefined) return undefined;
  const found = getAtPath(answers, item.path);
  return found.found ? (found.value as Value) : undefined;
}

function passes(outcome: CompareOutcome): boolean {
  return outcome.score === true || outcome.score === 1;
}

function identicalFlag(assignment: Assignment, taskId: string, group: readonly Answered[], shared: Shared, apart: Apart): Flag {
  const strip = (id: string) => id.slice(taskId.length + 1);
  const cell = HEATMAP_CELL.exec(strip(group[0]!.item.id));
  const pattern = cell === null ? patternOf(strip(group[0]!.item.id)) : `cells of ${cell[1]}`;
  const passed = shared.members.filter((m) => m.answer.status === "pass" || m.answer.status === "ecf").length;
  const [aboutA, aboutB] = apart.about;
  const reference = `the reference's ${strip(apart.a.item.id)} (${aboutA}) and ${strip(apart.b.item.id)} (${aboutB}) differ clearly`;
  const perItem = gradedByBand(assignment, group[0]!.item) ? "its own band" : "its own reference value";
  return {
    code: "identical-values",
    message: `${taskId}: ${shared.members.length} of the ${group.length} ${pattern} report ${shared.text}, but ${reference}; each is graded against ${perItem}, and ${passed} of them passed`,
  };
}

/** "10 epochs, 50 asked" when a curve's length is not the handout's; undefined when it is */
export function epochsProblem(received: number, asked: number): string | undefined {
  return received === asked ? undefined : `${received} epochs, ${asked} asked`;
}

/** where the fields of a run that may diverge are: its flag, its final values, its curve */
export interface DivergingRun {
  diverged: string;
  finals: string[];
  curve?: string;
  /** the values a run that never diverges has; a shorter curve says it stopped */
  epochs?: number;
}

function notFinite(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === "number") return !Number.isFinite(value);
  return typeof value === "string" && /^[+-]?(nan|inf|infinity)$/i.test(value.trim());
}

const shown = (value: unknown) => (typeof value === "number" ? formatNumber(value) : value === null ? "null" : JSON.stringify(value));

/**
 * A run's `diverged` against its own numbers: a run that says it did not
 * diverge has finite final values and a finite curve; one that says it did
 * is not finite somewhere (or stops early). `runs` is raw student data.
 */
export function divergenceFlags(subject: string, runs: unknown, fields: DivergingRun): Flag[] {
  if (!Array.isArray(runs)) return [];
  const flags: Flag[] = [];
  runs.forEach((run: unknown, index) => {
    if (run === null || typeof run !== "object" || Array.isArray(run)) return;
    const record = run as Record<string, unknown>;
    const diverged = record[fields.diverged];
    if (typeof diverged !== "boolean") return;
    const finals = fields.finals.filter((key) => Object.hasOwn(record, key));
    const curve = fields.curve === undefined ? undefined : record[fields.curve];
    const values = Array.isArray(curve) ? curve : undefined;
    const where = `${subject}[${index}]`;
    if (!diverged) {
      const bad = finals.filter((key) => notFinite(record[key])).map((key) => `${key} is ${shown(record[key])}`);
      const epoch = values === undefined ? -1 : values.findIndex(notFinite);
      if (epoch >= 0) bad.push(`${fields.curve} is ${shown(values![epoch])} at epoch ${epoch + 1}`);
      if (bad.length > 0) {
        flags.push({
          code: "inconsistent-divergence",
          message: `${where}: ${fields.diverged} is false, but ${bad.join(" and ")}: a run without a finite end has diverged`,
        });
      }
      return;
    }
    const finite = finals.length > 0 && finals.every((key) => typeof record[key] === "number" && !notFinite(record[key]));
    const curveFinite = values?.every((v) => typeof v === "number" && Number.isFinite(v)) ?? false;
    const ranFull = values !== undefined && (fields.epochs === undefined || values.length >= fields.epochs);
    if (finite && curveFinite && ranFull && values !== undefined) {
      flags.push({
        code: "inconsistent-divergence",
        message: `${where}: ${fields.diverged} is true, but ${finals.map((key) => `${key} ${shown(record[key])}`).join(" and ")} and all ${values.length} values of ${fields.curve} are finite`,
      });
    }
  });
  return flags;
}
