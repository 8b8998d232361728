/**
 * GitHub Actions workflow commands as the runner reads a step's output
 * (actions/runner, ActionCommand.TryParseV2): a line that starts with "::"
 * after trimming, the command name up to a space or "::", properties split
 * at "," and at the first "=", then the escapes undone (data: %0D, %0A, %25;
 * properties: also %3A, %2C); after ::stop-commands::TOKEN nothing is a
 * command until a line ::TOKEN::. And @actions/core, GitHub's own toolkit, to
 * write the same command from the values read back: a line that differs
 * from ours was escaped differently from GitHub's own writer.
 */
import * as core from "@actions/core";

export interface WorkflowCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
}

/** the runner's annotation commands and the ones --ci must never let student text start */
const COMMANDS = new Set(["error", "warning", "notice", "debug", "group", "endgroup", "add-mask", "add-matcher", "remove-matcher", "stop-commands", "echo", "set-output", "set-env", "add-path", "save-state"]);

/** every line of `output` the runner would take as a command, as it would read it */
export function parseWorkflowCommands(output: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stoppedUntil: string | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trim();
    if (stoppedUntil !== undefined) {
      if (line === stoppedUntil) stoppedUntil = undefined;
      continue;
    }
    if (!line.startsWith("::")) continue;
    const end = line.indexOf("::", 2);
    if (end < 0) continue;
    const info = line.slice(2, end);
    const space = info.indexOf(" ");
    const name = space < 0 ? info : info.slice(0, space);
    if (!COMMANDS.has(name)) continue;
    const properties: Record<string, string> = {};
    if (space > 0) {
      for (const pair of info.slice(space + 1).trim().split(",").filter(Boolean)) {
        const equals = pair.indexOf("=");
        if (equals > 0) properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1));
      }
    }
    const data = unescapeData(line.slice(end + 2));
    if (name === "stop-commands") stoppedUntil = `::${data}::`;
    commands.push({ name, properties, data });
  }
  return commands;
}

function unescapeData(value: string): string {
  return value.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}

function unescapeProperty(value: string): string {
  return value.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
}

/** GitHub shows this many of each annotation kind from one step, and drops the rest */
export const SHOWN_PER_KIND = 10;

/** how many annotations of each kind the commands make */
export function annotationCounts(commands: WorkflowCommand[]): Record<"error" | "warning" | "notice", number> {
  const count = (name: string) => commands.filter((command) => command.name === name).length;
  return { error: count("error"), warning: count("warning"), notice: count("notice") };
}

/** the line @actions/core writes for this annotation (it writes to process.stdout: caught for the call) */
export function coreAnnotation(command: WorkflowCommand): string {
  const { title, file, line, col } = command.properties;
  const properties: core.AnnotationProperties = {};
  if (title !== undefined) properties.title = title;
  if (file !== undefined) properties.file = file;
  if (line !== undefined) properties.startLine = Number(line);
  if (col !== undefined) properties.startColumn = Number(col);
  let written = "";
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  }) as typeof process.stdout.write;
  try {
    if (command.name === "error") core.error(command.data, properties);
    else if (command.name === "warning") core.warning(command.data, properties);
    else if (command.name === "notice") core.notice(command.data, properties);
    else throw new Error(`not an annotation: ${command.name}`);
  } finally {
    process.stdout.write = write;
  }
  return written.replace(/\r?\n$/, "");
}
