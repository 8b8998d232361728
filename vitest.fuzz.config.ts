import { defineConfig } from "vitest/config";
import { entryAliases } from "./vitest.config.ts";

/**
 * `npm run fuzz`: the property-based runs of test/fuzz, NNGRADE_FUZZ_RUNS
 * cases each (100,000 by default), and the long runs (*.long.ts: the
 * diagnosers' precision on the whole labelled-mistake corpus, the wasm
 * gemm's bit-for-bit sweep over shapes and thread timings, the reports
 * in Chromium under axe-core and the Nu checker at two widths, the PDF
 * reports in five scripts read back by poppler). Their own
 * suffixes keep them out of `npm test`, whose include is test/**\/*.test.ts;
 * CI runs both.
 */
export default defineConfig({
  resolve: { alias: entryAliases },
  test: {
    include: ["test/fuzz/**/*.fuzz.ts", "test/**/*.long.ts"],
    // a fuzz run takes as long as its cases take; nothing here is timed, set-up (npm pack, a course install) included
    testTimeout: 0,
    hookTimeout: 0,
  },
});
