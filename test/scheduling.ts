/**
 * How `vitest.config.ts` schedules the test files on CI's two cores.
 */

/**
 * The slowest files, slowest first, by their test time on a quiet machine (seconds, main's
 * `results.json`, 2 Dec 2026). Vitest orders by the last run's durations when it has them (a
 * file that failed, even by a timeout on a loaded machine, goes first), and by file *size* when
 * it has not — every CI run from a clean clone, where the browser scenario, the slowest file by
 * far, is only the 11th largest. Named here, the slowest start first whatever the cache holds,
 * and the two workers end on small files, together.
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

/**
 * Test files of pure functions — no embedded store, no environment, no actor, no module mocks —
 * run one after another in a shared process (`isolate: false`), their modules loaded once: about
 * 0.7 s of CPU less per file than a fresh process each (19 files: 26 → 13 CPU s, measured
 * 2 Dec 2026). A file that starts stores or sets the environment must not be listed (the test in
 * `test/sequence.test.ts` looks for the usual signs).
 */
export const SHARED: readonly string[] = [
  "packages/core/src/calendar/calendar.property.test.ts",
  "packages/core/src/calendar/calendar.test.ts",
  "packages/core/src/calendar/holidays.data.test.ts",
  "packages/core/src/calendar/holidays.test.ts",
  "packages/core/src/calendar/reminders.test.ts",
  "packages/core/src/date/date.test.ts",
  "packages/core/src/ics/ics.test.ts",
  "packages/core/src/message/basis.test.ts",
  "packages/core/src/message/message.test.ts",
  "packages/core/src/message/templates.test.ts",
  "packages/core/src/mime/mime.test.ts",
  "packages/core/src/org/org.test.ts",
  "packages/core/src/privacy/privacy.test.ts",
  "packages/core/src/publication/suppress.test.ts",
  "packages/core/src/rad/rad.test.ts",
  "packages/core/src/regulation/regulation.test.ts",
  "packages/core/src/report/content.test.ts",
  "packages/core/src/util/zod.test.ts",
  "packages/functions/src/web/format.test.ts",
];

/**
 * Test files that start their own embedded stores and app yet run one after another in a shared
 * process (`isolate: false`), each on freshly evaluated modules (`test/fresh.ts`: the product's
 * clients, caches and actor context are new for each file, as in a process of its own) while the
 * AWS SDK, dynalite, Hono and zod stay loaded and, above all, warm: code the JIT has already
 * optimised. 38 of these files: 171 → 72 CPU s, 90 → 44 s on two workers (quiet machine,
 * 2 Dec 2026); the whole vitest run 364–405 s → 265–310 s, `npm test` 6 min 15 s – 6 min 58 s →
 * 5 min 4 s.
 * What survives between files is only what lives outside the product's modules: the process's
 * environment (each file's `start()` sets all of it), mocks, fake time and spies on globals (a
 * file must restore its spies; one with mocks or fake time is not listed), and aws-ses-v2-local's
 * mail store, one per process whatever the server (`test/fresh.ts` empties it).
 * `test/sequence.test.ts` looks for the signs.
 *
 * Not listed although it qualifies: `test/reminders-faults.test.ts`. In a shared process it
 * failed once in six whole runs (2 Dec 2026: an event mail of the faulted run went out a day
 * late, so its deliveries differed from the baseline's) and passed alone every time; in a process
 * of its own it never failed in any earlier run. Cause not found; it costs ~1 s of imports.
 */
export const STORES: readonly string[] = [
  "packages/core/src/email/email.test.ts",
  "packages/core/src/feedback/feedback.test.ts",
  "packages/core/src/ledger/ledger.test.ts",
  "packages/core/src/outbox/outbox.test.ts",
  "packages/core/src/reminder/preview.test.ts",
  "packages/core/src/reminder/roster.test.ts",
  "packages/core/src/report/period.test.ts",
  "packages/core/src/token/token.test.ts",
  "packages/functions/src/api/fidelity.test.ts",
  "packages/functions/src/api/groups.test.ts",
  "packages/functions/src/api/meeting.test.ts",
  "packages/functions/src/api/openapi.test.ts",
  "packages/functions/src/api/report.test.ts",
  "packages/functions/src/api/route.test.ts",
  "packages/functions/src/api/task.test.ts",
  "packages/local/src/embedded.test.ts",
  "packages/local/src/ses-events.test.ts",
  "test/action-plan.test.ts",
  "test/approval-chain.test.ts",
  "test/bad-input.test.ts",
  "test/daily-job.test.ts",
  "test/docs.test.ts",
  "test/fanout.test.ts",
  "test/fresh.test.ts",
  "test/idempotency.test.ts",
  "test/installed.test.ts",
  "test/links.test.ts",
  "test/mail-text.test.ts",
  "test/permissions.test.ts",
  "test/pipeline/correction.test.ts",
  "test/pipeline/faults.test.ts",
  "test/pipeline/members.test.ts",
  "test/pipeline/pipeline.test.ts",
  "test/pipeline/public.test.ts",
  "test/red-team/audit.test.ts",
  "test/red-team/auth.test.ts",
  "test/red-team/identity.test.ts",
  "test/red-team/input.test.ts",
  "test/red-team/meetings.test.ts",
  "test/reminders-properties.test.ts",
  "test/reminders-scale.test.ts",
  "test/reminders-simulate.test.ts",
  "test/separation-of-duties.test.ts",
  "test/settings.test.ts",
  "test/sign-in.test.ts",
  "test/web/meeting-forms.test.ts",
  "test/web/pages.test.ts",
  "test/web/reminder-preview.test.ts",
  "test/web/security.test.ts",
  "test/web/settings-submissions.test.ts",
];
