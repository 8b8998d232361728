/**
 * Where things are in a submission's text, so that a CI annotation points at
 * the line of the answer it is about. momoa parses the text as JSON5, the
 * syntax the reader takes (rubric/json.ts: NaN, Infinity, comments, single
 * quotes), and keeps each node's line and column. Only run for the few paths
 * a report points at: the whole tree of a large file costs memory.
 */
import { type DocumentNode, type MemberNode, parse, type ValueNode } from "@humanwhocodes/momoa";
import { parsePath } from "../rubric/answers.ts";
import type { GradeResult } from "../result/types.ts";

/** 1-based, as editors and GitHub count */
export interface TextPosition {
  line: number;
  column: number;
}

/** a path into the submission's JSON: object keys and array indices, from the top */
export type JsonPath = readonly (string | number)[];

/**
 * The place of each path in `text`: a member's key, an element's value.
 * A path the text does not hold gets its nearest ancestor that it does (a
 * missing answer points at its task); undefined for every path when the
 * text cannot be parsed.
 */
export function locatePaths(text: string, paths: readonly JsonPath[]): (TextPosition | undefined)[] {
  if (paths.length === 0) return [];
  let document: DocumentNode;
  try {
    // a byte order mark is no part of the text the reader parses (rubric/json.ts)
    document = parse(text.startsWith("\uFEFF") ? text.slice(1) : text, { mode: "json5" });
  } catch {
    return paths.map(() => undefined);
  }
  return paths.map((path) => locate(document.body, path));
}

/**
 * The place of each item's answer (`answers.<task>.<path>`) that is short
 * of its points, by item id: what annotations and the step summary point at.
 */
export function answerPositions(result: GradeResult, text: string): Map<string, TextPosition> {
  const ids: string[] = [];
  const paths: JsonPath[] = [];
  for (const task of result.tasks) {
    for (const item of task.items) {
      if (item.score >= item.max_score) continue;
      ids.push(item.id);
      paths.push(["answers", task.id, ...answerPath(task.id, item.id)]);
    }
  }
  const positions = new Map<string, TextPosition>();
  locatePaths(text, paths).forEach((position, index) => {
    if (position !== undefined) positions.set(ids[index]!, position);
  });
  return positions;
}

/** "q6.runs[2].final_w" of task q6 -> ["runs", 2, "final_w"]; [] where the id is not the task's path */
function answerPath(taskId: string, itemId: string): (string | number)[] {
  if (!itemId.startsWith(`${taskId}.`)) return [];
  try {
    return parsePath(itemId.slice(taskId.length + 1)).map((segment) => (segment.kind === "key" ? segment.key : segment.kind === "index" ? segment.index : "*"));
  } catch {
    // an id that is no answer path points at its task
    return [];
  }
}

function locate(root: ValueNode, path: JsonPath): TextPosition {
  let node = root;
  let found = positionOf(root);
  for (const step of path) {
    if (typeof step === "string" && node.type === "Object") {
      // the last of two equal keys is the one JSON.parse and JSON5 keep
      const member = node.members.findLast((candidate) => keyOf(candidate) === step);
      if (member === undefined) break;
      found = positionOf(member.name);
      node = member.value;
    } else if (typeof step === "number" && node.type === "Array") {
      const element = node.elements[step];
      if (element === undefined) break;
      found = positionOf(element.value);
      node = element.value;
    } else {
      break;
    }
  }
  return found;
}

function keyOf(member: MemberNode): string {
  return member.name.type === "String" ? member.name.value : member.name.name;
}

function positionOf(node: { loc: { start: { line: number; column: number } } }): TextPosition {
  return { line: node.loc.start.line, column: node.loc.start.column };
}
