/**
 * The slowest files, slowest first, by their test time on a quiet machine (seconds, main's
 * `results.json`, 2 Dec 2026). Vitest orders by the last run's durations when it has them, and by
 * file *size* when it has not — which is every CI run from a clean clone: the browser scenario
 * (the slowest file by far, but a small one) then started among the last and ran alone at the
 * end while the other worker sat idle. Started first, the two workers finish together.
 */
export const HEAVY: readonly string[] = [
  "test/web/scenario.test.ts", // 90
  "test/permissions.test.ts", // 61
  "test/reminders-scale.test.ts", // 52
  "packages/local/src/cli/submission.test.ts", // 40
  "test/reminders-simulate.test.ts", // 30
  "test/reminders-faults.test.ts", // 29
  "test/crash.test.ts", // 27
  "packages/local/src/start.test.ts", // 22
  "test/pipeline/pipeline.test.ts", // 21
  "test/red-team/auth.test.ts", // 19
  "test/reminders-properties.test.ts", // 16
  "test/mail-text.test.ts", // 16
  "packages/local/src/cli/simulate.test.ts", // 16
  "test/web/sign-in.test.ts", // 15
  "packages/local/src/cli/daily.test.ts", // 15
  "test/web/pages.test.ts", // 14
];
