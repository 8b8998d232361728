#!/usr/bin/env node
// The only place that turns outcomes into exit codes: the library never exits.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd() });
