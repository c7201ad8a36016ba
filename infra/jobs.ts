/**
 * Scheduled jobs: EventBridge Scheduler through `sst.aws.CronV2`, which evaluates the schedule
 * in a time zone. (`sst.aws.Cron` has none: "08:00" would be 08:00 UTC, 15:00 in Sambas.)
 *
 * Scheduler invokes Lambda asynchronously, so two retry layers apply: Scheduler retries an
 * invocation it could not deliver, Lambda retries a run that failed (infra/alarms.ts). Either
 * way a run that still fails ends in the dead-letter queue, whose alarm mails the operator.
 */
import { deadLetters, retryThenDeadLetter } from "./alarms.ts";
import { links } from "./api.ts";
import { HANDLERS, NODEJS, RUNTIME } from "./lambda.ts";

/** Sambas keeps Western Indonesian Time (WIB, UTC+7); the regulation's dates are local dates. */
export const TIMEZONE = "Asia/Pontianak";

/**
 * The daily reminder run. Scheduled Monday to Friday; the job itself skips public holidays and
 * collective leave days, which no cron expression knows.
 */
export const daily = new sst.aws.Function("DailyJob", {
  handler: HANDLERS.daily,
  description: "Daily reminders, 08:00 Asia/Pontianak, Monday to Friday",
  runtime: RUNTIME,
  nodejs: NODEJS,
  memory: "512 MB",
  timeout: "10 minutes",
  // One run at a time: a retry or a manual run waits (Lambda keeps queued events up to 6 hours)
  // instead of overlapping. The job is also safe when run twice (deterministic IDs, conditional
  // writes); this only avoids the wasted work.
  concurrency: { reserved: 1 },
  link: links,
  ...retryThenDeadLetter,
});

export const dailySchedule = new sst.aws.CronV2("Daily", {
  function: daily,
  schedule: "cron(0 8 ? * MON-FRI *)",
  timezone: TIMEZONE,
  retries: 3,
  dlq: deadLetters.arn,
});

/**
 * The outbox sweep: mail that a run claimed but could not send (a crash, SES throttling) goes
 * out here, every 15 minutes in office hours on weekdays (the sweep itself skips holidays).
 */
export const sweep = new sst.aws.Function("OutboxSweep", {
  handler: HANDLERS.sweep,
  description: "Retries mail left claimed but unsent, every 15 minutes, 07:00-18:45 Asia/Pontianak",
  runtime: RUNTIME,
  nodejs: NODEJS,
  memory: "256 MB",
  timeout: "5 minutes",
  concurrency: { reserved: 1 },
  link: links,
  ...retryThenDeadLetter,
});

export const sweepSchedule = new sst.aws.CronV2("Sweep", {
  function: sweep,
  schedule: "cron(0/15 7-18 ? * MON-FRI *)",
  timezone: TIMEZONE,
  retries: 3,
  dlq: deadLetters.arn,
});
