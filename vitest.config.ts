import { availableParallelism } from "node:os";
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
    hookTimeout: 120_000,
    // One worker per core (vitest's default leaves one core to itself: a single worker on a 2-core
    // machine). The test files of a worker share its modules: the sources are transformed and imported,
    // and each assignment loaded, once per worker rather than once per file; so a test file must leave
    // no global changed (a backend, process.env, the cwd) and must not vi.mock a module others import.
    maxWorkers: availableParallelism(),
    isolate: false,
  },
});
