import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { HEAVY } from "./test/heavy.ts";

/** The files of `HEAVY` first, in its order; the rest as vitest orders them (last run, then size). */
class HeavyFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = HEAVY.findIndex((h) => f.moduleId.endsWith(`/${h}`));
      return i < 0 ? HEAVY.length : i;
    };
    const rest = await super.sort(files);
    // A stable sort: the files outside `HEAVY` keep vitest's order.
    return rest.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    // Each test file starts its own embedded DynamoDB / SES on port 0: forks keep them apart.
    pool: "forks",
    // Two files at a time on CI's two cores: most test time is waiting on the embedded stores'
    // HTTP round trips, so one worker left a core idle (8 min serial, measured 1 Dec 2026).
    maxWorkers: 2,
    sequence: { sequencer: HeavyFirst },
    // A directory for the run's copies of installed task forces (test/installed.ts).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: "1" },
  },
});
