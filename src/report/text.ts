/**
 * The terminal view for `nngrade check`: one line per task, what went wrong
 * and why, the total. Every string of the result passes through sanitizeText,
 * so a student's name or answer cannot move the cursor or recolour the terminal.
 */
import { formatScore, sanitizeText, STATUS_LABELS, truncate } from "./format.ts";
import { percentOf } from "./view-model.ts";
import type { GradeResult, ItemResult, ItemStatus, TaskResult } from "../result/types.ts";

/** how the text report is shown: with or without terminal colours */
export interface TextOptions {
  color: boolean;
}

type Style = "bold" | "dim" | "red" | "green" | "yellow" | "blue" | "magenta" | "gray";
const ANSI: Record<Style, string> = { bold: "1", dim: "2", red: "31", green: "32", yellow: "33", blue: "34", magenta: "35", gray: "90" };

const STATUS_STYLE: Record<ItemStatus, Style> = { pass: "green", partial: "yellow", fail: "red", ecf: "blue", missing: "gray", invalid: "magenta" };
const NEEDS_ATTENTION: ReadonlySet<ItemStatus> = new Set(["partial", "fail", "missing", "invalid"]);
const MAX_TITLE = 36;
const MAX_NAMED_ITEMS = 3;

/** padEnd by code points, so a title with non-ASCII letters lines up as well as it can */
function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - [...text].length));
}

function shortItemId(item: ItemResult, task: TaskResult): string {
  const prefix = `${task.id}.`;
  return item.id.startsWith(prefix) ? item.id.slice(prefix.length) : item.id;
}

/** the result as the terminal shows it (`nngrade check`) */
export function renderText(result: GradeResult, options: TextOptions): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const clean = (text: string, max = 200) => truncate(sanitizeText(text), max);
  const lines: string[] = [];

  const title = result.assignment_title ? `${clean(result.assignment)} · ${clean(result.assignment_title)}` : clean(result.assignment);
  lines.push(paint("bold", title));
  const name = result.student.name ? ` (${clean(result.student.name, 80)})` : "";
  lines.push(`student ${clean(result.student.id, 80)}${name}`);
  lines.push("");

  if (result.error) {
    lines.push(paint("red", `could not grade: ${clean(result.error.code, 60)}: ${clean(result.error.message)}`));
    lines.push("");
  }

  const ids = result.tasks.map((t) => clean(t.id, 20));
  const titles = result.tasks.map((t) => clean(t.title, MAX_TITLE));
  const scores = result.tasks.map((t) => `${formatScore(t.score)}/${formatScore(t.max_score)}`);
  const idWidth = Math.max(0, ...ids.map((s) => s.length));
  const titleWidth = Math.max(0, ...titles.map((s) => [...s].length));
  const scoreWidth = Math.max(0, ...scores.map((s) => s.length));

  result.tasks.forEach((task, i) => {
    const failing = task.items.filter((item) => NEEDS_ATTENTION.has(item.status));
    // full points may include credit carried forward from a wrong answer earlier: said, so the ✓ is not read as all right
    const carried = task.items.filter((item) => item.status === "ecf").map((item) => clean(shortItemId(item, task), 40));
    let mark = carried.length > 0 ? `${paint("green", "✓")} ${paint("blue", `carried forward: ${carried.slice(0, MAX_NAMED_ITEMS).join(", ")}`)}` : paint("green", "✓");
    if (isUnanswered(task)) {
      mark = paint("gray", "not answered");
    } else if (failing.length > 0) {
      const named = failing.slice(0, MAX_NAMED_ITEMS).map((item) => clean(shortItemId(item, task), 40));
      const more = failing.length > MAX_NAMED_ITEMS ? ` +${failing.length - MAX_NAMED_ITEMS} more` : "";
      mark = `${paint("red", "✗")} ${named.join(", ")}${more}`;
    }
    const score = (scores[i] ?? "").padStart(scoreWidth);
    lines.push(`${pad(ids[i] ?? "", idWidth)}  ${pad(titles[i] ?? "", titleWidth)}  ${score}  ${mark}`);
  });

  // a task left out entirely is said once on its own line, not once per item
  const attention = result.tasks
    .filter((task) => !isUnanswered(task))
    .flatMap((task) => task.items.filter((item) => NEEDS_ATTENTION.has(item.status)));
  if (attention.length > 0) {
    lines.push("", paint("bold", "what to look at"));
    const idColumn = Math.min(32, Math.max(...attention.map((item) => clean(item.id, 32).length)));
    const statusColumn = Math.max(...attention.map((item) => STATUS_LABELS[item.status].length));
    const indent = " ".repeat(2 + idColumn + 2 + statusColumn + 2);
    for (const [index, item] of attention.entries()) {
      // one unreadable container (q6 given as a string) makes every item under it say the same: say it once
      const previous = attention[index - 1];
      if (previous && previous.status === item.status && previous.message === item.message && !item.diagnosis) continue;
      let repeats = 0;
      for (let next = index + 1; next < attention.length; next++) {
        const other = attention[next] as ItemResult;
        if (other.status !== item.status || other.message !== item.message || other.diagnosis) break;
        repeats++;
      }
      const status = paint(STATUS_STYLE[item.status], pad(STATUS_LABELS[item.status], statusColumn));
      const more = repeats > 0 ? ` (and ${repeats} more item${repeats === 1 ? "" : "s"})` : "";
      lines.push(`  ${pad(clean(item.id, 32), idColumn)}  ${status}  ${clean(item.message)}${more}`);
      if (item.diagnosis) lines.push(`${indent}${paint("yellow", clean(item.diagnosis.code, 40))}: ${clean(item.diagnosis.message)}`);
      if (item.feedback) lines.push(`${indent}${paint("dim", clean(item.feedback, 300))}`);
    }
  }

  if (result.flags.length > 0) {
    lines.push("", paint("bold", "flags"));
    for (const flag of result.flags) lines.push(`  ${paint("yellow", "!")} ${clean(flag.code, 40)}: ${clean(flag.message)}`);
  }

  // cut to a tenth, never rounded: 79.63% reads 79.6%, not an 80% that --min-score 80% then fails
  const percent = Math.floor(percentOf(result.score, result.max_score) * 10 + 1e-9) / 10;
  lines.push("", `${paint("bold", "total")}  ${paint("bold", `${formatScore(result.score)}/${formatScore(result.max_score)}`)}  (${percent}%)`);
  return `${lines.join("\n")}\n`;
}

function isUnanswered(task: TaskResult): boolean {
  return task.items.length > 0 && task.items.every((item) => item.status === "missing");
}
