import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the nngrade command line in-process, as the bin would, capturing what it prints. */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd: options.cwd ?? REPO_ROOT,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    color: false,
    progress: false,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}
