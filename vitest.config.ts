import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    // Each test file starts its own embedded DynamoDB / SES on port 0: forks keep them apart.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: "1" },
  },
});
