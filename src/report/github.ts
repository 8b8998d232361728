/**
 * GitHub Actions: workflow commands that annotate the run (::error for an item
 * short of its points, ::warning for a flag) and a Markdown step summary.
 * Workflow-command data is escaped as the runner expects (%, CR, LF; in
 * properties also : and ,) so student text cannot start a command of its own;
 * Markdown in student text is escaped so that it reads as the text it is.
 */
import type { GradeResult, ItemResult } from "../result/types.ts";
import type { TextPosition } from "./answer-positions.ts";

/** GitHub shows this many annotations of each kind (error, warning, notice) from one step, and drops the rest */
export const ANNOTATIONS_PER_KIND = 10;
// the runner cuts a message at 4096 characters and the checks API a title at 255: cut here, where it can be said
const MESSAGE_MAX = 4000;
const TITLE_MAX = 255;
// a step summary over 1 MiB is not shown at all; other steps' summaries share the job's page
const SUMMARY_MAX_BYTES = 512 * 1024;
const SUMMARY_CELL_MAX = 600;

/** where the annotations and the summary point in the submission file */
export interface GithubContext {
  /** each answer's place in the file, by item id (answer-positions.ts) */
  positions?: ReadonlyMap<string, TextPosition>;
  /** where the error that stopped grading is, when it has a place: a parse error's line and column */
  errorPosition?: { line?: number; column?: number };
  /** what --min-score found, said in the summary: "62.5% is below 80%" */
  minScore?: { met: boolean; message: string };
}

/**
 * The result as GitHub Actions annotations (::error file=...::) on the
 * submission file: the error that stopped grading, then the items short of
 * their points, most points lost first, then the flags; at most
 * ANNOTATIONS_PER_KIND of each kind, and a notice for what is left out.
 */
export function renderAnnotations(result: GradeResult, file: string, context: GithubContext = {}): string {
  const errors: string[] = [];
  if (result.error) errors.push(command("error", { title: "could not grade", file, ...place(context.errorPosition) }, result.error.message));
  for (const { item } of shortItems(result)) {
    const title = `${item.id}: ${item.score}/${item.max_score}`;
    errors.push(command("error", { title, file, ...place(context.positions?.get(item.id)) }, detailOf(item)));
  }
  const warnings = result.flags.map((flag) => command("warning", { title: flag.code, file }, flag.message));
  const lines = [...capped(errors, "more items short of their points", file), ...capped(warnings, "more flags", file)];
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/** the first ANNOTATIONS_PER_KIND, and a notice that says how many more there are */
function capped(lines: string[], title: string, file: string): string[] {
  if (lines.length <= ANNOTATIONS_PER_KIND) return lines;
  const more = lines.length - ANNOTATIONS_PER_KIND;
  return [...lines.slice(0, ANNOTATIONS_PER_KIND), command("notice", { title: `${more} ${title}`, file }, `and ${more} more: see the step summary`)];
}

/** the result as a GitHub Actions step summary (Markdown): every item short of its points and every flag */
export function renderStepSummary(result: GradeResult, context: GithubContext = {}): string {
  const lines: string[] = [];
  if (result.error) {
    const { line, column } = context.errorPosition ?? {};
    const where = line === undefined ? "" : ` (line ${line}${column === undefined ? "" : `, column ${column}`})`;
    lines.push(`### ${md(result.assignment || result.source || "submission")}: could not be graded`, "", `**could not grade**${where}: ${md(result.error.message)}`);
  } else {
    lines.push(
      `### ${md(result.assignment)}: ${result.score}/${result.max_score}`,
      "",
      "| task | title | points | to look at |",
      "| --- | --- | --- | --- |",
      ...result.tasks.map((task) => {
        const missed = task.items.filter((item) => item.score < item.max_score).map((item) => code(item.id));
        return `| ${md(task.id)} | ${md(task.title)} | ${task.score}/${task.max_score} | ${missed.join(", ") || "✓"} |`;
      }),
    );
  }
  if (context.minScore !== undefined) {
    lines.push("", `**${context.minScore.met ? "minimum score met" : "below the minimum score"}**: ${md(context.minScore.message)}`);
  }
  const short = shortItems(result);
  const rows = short.map(({ item }) => {
    const position = context.positions?.get(item.id);
    return `| ${code(item.id)} | ${item.score}/${item.max_score} | ${md(detailOf(item), SUMMARY_CELL_MAX)} | ${position === undefined ? "" : `line ${position.line}`} |`;
  });
  const flags = result.flags.map((flag) => `- **${md(flag.code)}**: ${md(flag.message, SUMMARY_CELL_MAX)}`);
  const tail: string[] = [];
  if (rows.length > 0) tail.push("", "#### what to look at, most points lost first", "", "| item | points | what is wrong | where |", "| --- | --- | --- | --- |", ...rows);
  if (flags.length > 0) tail.push("", "#### flags", "", ...flags);
  return `${withinBudget(lines, tail).join("\n")}\n`;
}

/** the summary's head, and as much of its tail as fits the budget, with a line for what did not */
function withinBudget(head: string[], tail: string[]): string[] {
  const out = [...head];
  const encoder = new TextEncoder();
  let bytes = encoder.encode(head.join("\n")).length;
  for (let index = 0; index < tail.length; index++) {
    const line = tail[index]!;
    bytes += encoder.encode(line).length + 1;
    if (bytes > SUMMARY_MAX_BYTES) {
      out.push("", `and ${tail.length - index} more line(s), left out: a step summary has a size limit`);
      break;
    }
    out.push(line);
  }
  out.push("");
  return out;
}

/** items short of their points, most points lost first, rubric order among equals */
function shortItems(result: GradeResult): { item: ItemResult; order: number }[] {
  const short = result.tasks.flatMap((task) => task.items).map((item, order) => ({ item, order })).filter(({ item }) => item.score < item.max_score);
  return short.sort((a, b) => b.item.max_score - b.item.score - (a.item.max_score - a.item.score) || a.order - b.order);
}

function detailOf(item: ItemResult): string {
  const message = item.message || item.status;
  return item.diagnosis ? `${message} (${item.diagnosis.message})` : message;
}

function place(position: { line?: number; column?: number } | undefined): { line?: string; col?: string } {
  if (position?.line === undefined) return {};
  return position.column === undefined ? { line: String(position.line) } : { line: String(position.line), col: String(position.column) };
}

/** one workflow command; properties in the order @actions/core writes them (title, file, line, col) */
function command(kind: "error" | "warning" | "notice", properties: Record<string, string | undefined>, message: string): string {
  const written = Object.entries(properties)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")
    .map(([key, value]) => `${key}=${property(key === "title" ? cut(value, TITLE_MAX) : value)}`);
  return `::${kind}${written.length > 0 ? ` ${written.join(",")}` : ""}::${data(cut(message, MESSAGE_MAX))}`;
}

/** at most `max` characters, never half of a surrogate pair, "..." where cut */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 3;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return `${text.slice(0, end)}...`;
}

function data(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function property(value: string): string {
  return data(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Text as Markdown that shows it as it is, in a table cell or a line: every
 * ASCII punctuation character backslash-escaped (CommonMark lets any be,
 * and then none starts emphasis, code, a link, a heading, an HTML tag, an
 * entity or a table cell), line breaks as spaces. Cut to `max` characters.
 */
function md(value: string, max = Number.POSITIVE_INFINITY): string {
  return cut(value, max)
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/[!-/:-@[-`{-~]/g, "\\$&");
}

/** a rubric's item id as code; one that cannot be a code span is escaped text */
function code(value: string): string {
  if (/[`\r\n]/.test(value)) return md(value);
  // a table cell ends at a pipe even inside a code span: GFM takes \| there as the pipe itself
  return `\`${value.replace(/\|/g, "\\|")}\``;
}
