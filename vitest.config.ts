import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    // Each test file starts its own embedded DynamoDB / SES on port 0: forks keep them apart.
    pool: "forks",
    // Two files at a time on CI's two cores: most test time is waiting on the embedded stores'
    // HTTP round trips, so one worker left a core idle (8 min serial, measured 1 Dec 2026).
    maxWorkers: 2,
    // A directory for the run's copies of installed task forces (test/installed.ts).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: "1" },
  },
});
