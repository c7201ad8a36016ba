import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { HEAVY, SHARED, STORES } from "./test/scheduling.ts";

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

const ALL = ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"];

export default defineConfig({
  test: {
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
    projects: [
      // A process of its own for each file (the default).
      {
        extends: true,
        test: {
          name: "tenggat",
          include: ALL,
          exclude: [...configDefaults.exclude, ...SHARED, ...STORES],
        },
      },
      // Pure functions: one process for many files (test/scheduling.ts).
      { extends: true, test: { name: "pure", include: [...SHARED], isolate: false } },
      // Files with stores of their own, sharing a process on fresh modules (test/scheduling.ts).
      {
        extends: true,
        test: {
          name: "stores",
          include: [...STORES],
          isolate: false,
          setupFiles: ["test/fresh.ts"],
        },
      },
    ],
  },
});
