import type { CommandIo } from "../../src/cli/io.ts";

/** A command's io for a test: what it prints is kept in `printed`; no colours, no progress bar unless asked. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}, options: { progress?: boolean } = {}): { io: CommandIo; printed: { stdout: string; stderr: string } } {
  const printed = { stdout: "", stderr: "" };
  const io: CommandIo = {
    cwd,
    stdout: (text) => {
      printed.stdout += text;
    },
    stderr: (text) => {
      printed.stderr += text;
    },
    color: false,
    progress: options.progress ?? false,
    env,
  };
  return { io, printed };
}
