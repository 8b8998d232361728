#!/usr/bin/env node
// The only place that turns outcomes into exit codes: the library never exits.
import { register } from "tsx/esm/api";

// `nngrade check x --json | head` closes the pipe early: that is the reader's choice, not an error
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import("../src/cli/main.ts");
try {
  process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd() });
} catch (error) {
  // input problems are reported by main; anything reaching here is a bug in nngrade
  if (process.env.NNGRADE_DEBUG) console.error(error);
  else console.error(`nngrade: internal error: ${error?.message ?? error} (NNGRADE_DEBUG=1 shows where)`);
  process.exitCode = 3;
}
