/**
 * The batch's progress bar on stderr: graded/total and how many are broken.
 * Only when stderr is a terminal (io.progress); a log or a CI run gets the
 * messages about broken submissions and the final lines, never the redraws.
 */
import cliProgress from "cli-progress";
import type { CommandIo } from "./io.ts";

export interface Progress {
  /** one more submission done */
  advance(broken: number): void;
  /** a line for the reader, printed above the bar */
  log(text: string): void;
  stop(): void;
}

export function startProgress(io: CommandIo, total: number, done: number, broken: number): Progress {
  if (!io.progress) return { advance: () => undefined, log: (text) => io.stderr(text), stop: () => undefined };
  // cli-progress draws through readline's cursor calls, which need only write(), isTTY and columns
  const stream = {
    isTTY: true,
    columns: process.stderr.columns || 80,
    write: (text: string) => {
      io.stderr(text);
      return true;
    },
  };
  // a MultiBar, though there is one bar: only it prints log lines above the bar; a SingleBar
  // restores the cursor to where it started on stop, over whatever was printed meanwhile
  const bars = new cliProgress.MultiBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: "grading [{bar}] {value}/{total} graded, {broken} broken",
      barsize: 30,
      hideCursor: false,
      gracefulExit: false,
      clearOnComplete: false,
    },
    cliProgress.Presets.legacy,
  );
  const bar = bars.create(total, done, { broken });
  let value = done;
  return {
    advance(nowBroken) {
      value++;
      bar.update(value, { broken: nowBroken });
    },
    log(text) {
      bars.log(text);
    },
    stop() {
      // stop() draws the bars but not the log lines still waiting: update() prints those first
      bars.update();
      bars.stop();
    },
  };
}
