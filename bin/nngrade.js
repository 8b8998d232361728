#!/usr/bin/env node
// The only place that turns outcomes into exit codes: the library never exits.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshDist } from "./dist.js";

// `nngrade check x --json | head` closes the pipe early: that is the reader's choice, not an error
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// the compiled JavaScript when it matches the sources (fast start), else the sources through tsx
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const compiled = process.env.NNGRADE_FROM_SOURCE === "1" ? undefined : freshDist(root);
let entry = compiled;
if (entry === undefined) {
  const { registerSource } = await import("./register-source.js");
  registerSource();
  entry = join(root, "src", "cli", "main.ts");
}
const { main } = await import(pathToFileURL(entry).href);
try {
  process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd() });
} catch (error) {
  // input problems are reported by main; anything reaching here is a bug in nngrade
  if (process.env.NNGRADE_DEBUG) console.error(error);
  else console.error(`nngrade: internal error: ${error?.message ?? error} (NNGRADE_DEBUG=1 shows where)`);
  process.exitCode = 3;
}
