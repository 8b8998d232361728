import { defineConfig } from "vitest/config";

/**
 * `npm run fuzz`: the property-based runs of test/fuzz, NNGRADE_FUZZ_RUNS
 * cases each (100,000 by default). Their own suffix, .fuzz.ts, keeps them
 * out of `npm test`, whose include is test/**\/*.test.ts.
 */
export default defineConfig({
  test: {
    include: ["test/fuzz/**/*.fuzz.ts"],
    // a fuzz run takes as long as its cases take; nothing here is timed
    testTimeout: 0,
  },
});
