import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the engine is deterministic; tests never depend on wall-clock limits
    testTimeout: 120_000,
  },
});
