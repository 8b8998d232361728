/** Where a command writes; tests pass buffers, the bin passes the process streams. */
export interface CommandIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** whether stdout is a terminal that understands colour */
  color: boolean;
  /** whether stderr is a terminal, where a progress line can redraw itself */
  progress: boolean;
  env: NodeJS.ProcessEnv;
}

export function processIo(cwd: string): CommandIo {
  return {
    cwd,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    progress: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}

/** Report time: SOURCE_DATE_EPOCH when set, so that two runs give byte-identical files. */
export function reportTime(env: NodeJS.ProcessEnv): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}
