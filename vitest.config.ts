import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { ENTRIES } from "./bin/entry-resolve.js";

/** "nngrade/authoring" and the other entry points, as the sources the tests run (bin/entry-resolve.js does the same for the cli) */
export const entryAliases = Object.entries(ENTRIES).map(([name, [source]]) => ({
  find: new RegExp(`^${name.replace("/", "\\/")}$`),
  replacement: fileURLToPath(new URL(source, import.meta.url)),
}));

export default defineConfig({
  resolve: { alias: entryAliases },
  test: {
    include: ["test/**/*.test.ts"],
    // the engine is deterministic; tests never depend on wall-clock limits
    testTimeout: 120_000,
  },
});
