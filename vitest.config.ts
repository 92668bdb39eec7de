import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    // Every test's logs are scanned for the secrets the tests configured once the run ends.
    globalSetup: ["test/support/global-log-scan.ts"],
  },
});
