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
 * documented as on by default but SST 4.17's builder only minifies when it is set.
 *
 * The AWS SDK is bundled, as SST does by default (its only forced externals are `sharp` and
 * `pg-native`): the deployed code then runs the exact SDK version the tests ran against, not the
 * one the Lambda runtime happens to ship (which moves under the function without a deploy).
 * Weighed again with splitting on 1 December 2026 (`npm run bench:bundle -- --runs 9 --both-sdk`:
 * both ways in one run, samples interleaved, load average 15–18 on two shared cores, so the
 * milliseconds are inflated and only the ratios to the empty handler carry over): leaving
 * `@aws-sdk/*` to the runtime shrinks the bytes loaded at import (api 1,025 → 767 KiB, daily
 * 784 → 499, dailyTenant 755 → 498, sweep 863 → 607, outbox 501 → 272, sesFeedback 552 → 296)
 * but makes every cold start slower (whole process with the first request, × the empty handler:
 * api 4.4× → 6.6×, daily 4.2× → 6.5×, dailyTenant 4.4× → 6.4×, sweep 4.8× → 7.3×, outbox
 * 3.2× → 4.8×, sesFeedback 2.7× → 4.2×), because the runtime's SDK is hundreds of unbundled
 * files to resolve and read. Time is what a cold start costs, so the SDK stays bundled, though
 * the SDK is 255–285 KiB of each handler's bytes at import; the jobs and SES feedback meet their
 * budgets with it (see `BUDGETS_KIB`).
 */
export const NODEJS = {
  format: "esm",
  minify: true,
  // No `sourcemap` key, on purpose. SST 4.17's builder (build.go, Go's case-insensitive JSON
  // decoding) treats an explicit `sourcemap: false` like `true`: linked maps written beside the
  // chunks and zipped with them, several times the code's size. Left unset, the maps are made
  // but kept out of the zip (uploaded to SST's bootstrap bucket for its console instead).
  /**
   * ESM chunks: what a handler imports dynamically (`import()`: the console's pages, the XLSX
   * writer, the SQS client of the API, what core loads on demand) is its own file, loaded by the first request that needs it, not at every
   * cold start. SST 4.17 then builds into the function's directory (entry `bundle.mjs`, chunks
   * `chunk-<hash>.mjs`) and zips all of it but the source maps.
   */
  splitting: true,
  /**
   * esbuild plugins (infra/esbuild-plugins.mjs): zod's messages in one language only, and the AWS
   * SDK's credential chain reduced to the environment, where a Lambda's runtime puts the role's
   * keys.
   */
  plugins: "infra/esbuild-plugins.mjs",
} as const;

/**
 * Size budgets per handler, in KiB of minified code loaded at import: the entry chunk and every
 * chunk it imports statically (`npm run check:bundle`, i.e. `bench:bundle -- --check`). The
 * chunks a handler imports dynamically (the console's pages, the XLSX writer, what core loads on
 * demand) are in its zip but load only with the first request that needs them, so they are
 * not budgeted; `--check` prints the zip's total beside each figure. Issue 12's goals: the API
 * ≤ 400 KiB, the jobs ≤ 500 KiB, the SES feedback handler ≤ 300 KiB. Met by the jobs and SES
 * feedback since 2 December 2026 (at import: daily 630 → 340, dailyTenant 601 → 480, sweep 706 →
 * 360, outbox 346 → 348, sesFeedback 389 → 298 KiB), by the API since later that day (857 → 442 →
 * 394: its route groups load on demand, see `CEILINGS_KIB`; then, for every handler, the
 * credential chain reduced to the environment, powertools' `Metrics` loaded by the first flush
 * that publishes, Sambas's seed organisation and the publication preview out of `Org` and
 * `Privacy`, and the outer app on Hono's small router). How: each job
 * imports only what its common first request runs, and loads the rest with the first request
 * that has something to do — `Fanout` (the daily job enqueues from the registry's ids), `Sweep`
 * (each part queries first; the calendar, SES client and federation load only when something is
 * owed), the daily consumer (the directory, templates, MIME and SES client only when something
 * is due or the organisation must be read), `Feedback` (SES events without zod or the SES
 * client), and the ledger loads `Email` with its first send. The bundled SDK (255–285 KiB with
 * @smithy) is in every handler. `CEILINGS_KIB` below is what `npm test` enforces.
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
 * Size ceilings per handler, in KiB at import, as `BUDGETS_KIB` counts them: a ratchet, not the
 * goals. `npm test` runs `npm run check:size` (`bench:bundle -- --ceilings`), which fails when a
 * handler grows past its ceiling, so the goals can only be approached. Each ceiling is the
 * handler's weight when it was last lowered plus at least 5 KiB, rounded up to 10 KiB (1 December
 * 2026: api 857, daily 630, dailyTenant 601, sweep 706, outbox 346, sesFeedback 389 KiB;
 * 2 December 2026: api 442, its route groups loaded on demand, see below; daily 340, dailyTenant
 * 480, sweep 360, outbox 348, sesFeedback 298, each importing only what its common first request
 * runs; later on 2 December: api 394, daily 291, dailyTenant 433, sweep 327, outbox 317, sesFeedback
 * 248, see `BUDGETS_KIB`); lower it with every change that shrinks a handler, never raise it to let one grow
 * without saying why in the commit.
 *
 * The API's figure is its bytes at import; what a cold start that serves one request reads is
 * more: each `/v1/<resource>` group (packages/functions/src/api/groups.ts) is a chunk loaded by
 * the first request for its paths. `npm run bench:bundle` prints both: 2 December 2026, api
 * 442.0 KiB at import and 460.1 KiB by its first request (a signed-in person's
 * `GET /v1/obligations/{id}`: the obligations group and what it uses); before the groups were
 * lazy, 857.4 KiB at import and by the first request alike.
 */
export const CEILINGS_KIB: Record<HandlerName, number> = {
  api: 400,
  daily: 300,
  dailyTenant: 440,
  sweep: 340,
  outbox: 330,
  sesFeedback: 260,
};

/**
 * Lambda's own JSON log format: the runtime's lines (start, end, report) and the functions' own
 * (`@tenggat/core/observe`, already JSON) are one stream of JSON objects, filterable by field.
 */
export const LOGGING = { format: "json" } as const;
