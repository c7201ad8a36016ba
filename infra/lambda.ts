/**
 * How every Tenggat Lambda is built and run. Plain constants, free of SST's globals, so that
 * `npm run bench:bundle` (packages/local/bench/bundle.ts) bundles the very handlers, with the
 * very settings, that `sst deploy` does.
 */

/** The Lambda entry points, as SST handler paths (`<file without extension>.<export>`). */
export const HANDLERS = {
  /** The Hono app (`hono/aws-lambda`), behind the HTTP API (infra/api.ts). */
  api: "packages/functions/src/api/lambda.handler",
  /** The daily reminder job, 08:00 Asia/Pontianak: one message per task force on DailyQueue (infra/jobs.ts). */
  daily: "packages/functions/src/jobs/daily.handler",
  /** DailyQueue's consumer: one task force's daily run; failures reported per message. */
  dailyTenant: "packages/functions/src/jobs/daily-tenant.handler",
  /** Retries mail left claimed but unsent (crash, SES throttling), every 15 minutes in office hours. */
  sweep: "packages/functions/src/jobs/sweep.handler",
  /** OutboxQueue's consumer: the audit events and mails of the API's changes (infra/outbox.ts). */
  outbox: "packages/functions/src/jobs/outbox.handler",
  /** SES bounce and complaint notifications, delivered through SNS (infra/email.ts). */
  sesFeedback: "packages/functions/src/events/ses-feedback.handler",
} as const;

export type HandlerName = keyof typeof HANDLERS;

/**
 * Node.js 24 rather than 22: both satisfy "nodejs22.x or newer", but Node 22 reaches its end of
 * life in April 2027 and Lambda deprecates runtimes soon after; 24 is SST 4's own default.
 */
export const RUNTIME = "nodejs24.x";

/**
 * SST's esbuild settings for Node functions, spelled out instead of left to defaults. `minify` is
 * documented as on by default but SST 4.17's builder only minifies when it is set. The AWS SDK is
 * bundled, as SST does by default (its only forced externals are `sharp` and `pg-native`): the
 * deployed code then runs the exact SDK version the tests ran against, not the one the Lambda
 * runtime happens to ship. Weighed again on 1 December 2026 (`npm run bench:bundle -- --runs 7`
 * with and without `--external-sdk`, load average ~15): leaving `@aws-sdk/*` to the runtime
 * shrinks the bundles (api 1,371 → 870 KiB, jobs 1,006–1,098 → 537–628, sesFeedback 614 → 265)
 * but made every cold import slower (api 1,712 → 1,837 ms, daily 1,199 → 1,559, sesFeedback
 * 630 → 948: the runtime's SDK is hundreds of unbundled files) and would run an SDK version no
 * test ran. The bytes matter less than the import time, so the SDK stays bundled.
 */
export const NODEJS = {
  format: "esm",
  minify: true,
  sourcemap: false,
  /**
   * ESM chunks: what a handler imports dynamically (`import()`: the pages, the OpenAPI document,
   * the XLSX writer) is its own file, loaded by the first request that needs it, not at every
   * cold start. SST 4.17 then builds into the function's directory (entry `bundle.mjs`, chunks
   * `chunk-<hash>.mjs`) and zips all of it but the source maps.
   */
  splitting: true,
  /** esbuild plugins (infra/esbuild-plugins.mjs): zod's messages in one language only. */
  plugins: "infra/esbuild-plugins.mjs",
} as const;

/**
 * Size budgets per handler, in KiB of minified bundle (`npm run bench:bundle -- --check`, part of
 * `npm test` once every handler is within its budget). Issue 12's goals: the API ≤ 400 KiB, the
 * jobs ≤ 500 KiB, the SES feedback handler ≤ 300 KiB. Not met yet (1 December 2026): zod's
 * classic API (~204 KiB, not tree-shakable) and the bundled SDK (~300 KiB with @smithy) are in
 * every handler; the budgets stay where the issue put them.
 */
export const BUDGETS_KIB: Record<HandlerName, number> = {
  api: 400,
  daily: 500,
  dailyTenant: 500,
  sweep: 500,
  outbox: 500,
  sesFeedback: 300,
};

/**
 * Lambda's own JSON log format: the runtime's lines (start, end, report) and the functions' own
 * (`@tenggat/core/observe`, already JSON) are one stream of JSON objects, filterable by field.
 */
export const LOGGING = { format: "json" } as const;
