/**
 * Scheduled jobs: EventBridge Scheduler through `sst.aws.CronV2`, which evaluates the schedule
 * in a time zone. (`sst.aws.Cron` has none: "08:00" would be 08:00 UTC, 15:00 in Sambas.)
 *
 * The daily run fans out: the scheduled function only puts one message per task force on
 * `DailyQueue`; its consumer runs one task force per invocation, as many at once as SQS and
 * Lambda scale to, so one slow or failing task force delays nobody else. A failed task force is
 * reported as a partial batch failure, retried alone, and after `DAILY_RECEIVES` receives moved
 * to the dead-letter queue (and its alarm).
 *
 * Scheduler invokes Lambda asynchronously, so two retry layers apply: Scheduler retries an
 * invocation it could not deliver, Lambda retries a run that failed (infra/alarms.ts). Either
 * way a run that still fails ends in the dead-letter queue, whose alarm mails the operator.
 */
import { deadLetters, retryThenDeadLetter } from "./alarms.ts";
import { links } from "./api.ts";
import { HANDLERS, LOGGING, NODEJS, RUNTIME } from "./lambda.ts";
import { OUTBOX_TIMEOUT_SECONDS, outboxQueue } from "./outbox.ts";

/** Sambas keeps Western Indonesian Time (WIB, UTC+7); the regulation's dates are local dates. */
export const TIMEZONE = "Asia/Pontianak";

/** How often SQS hands a task force's message to the consumer before dead-lettering it. */
export const DAILY_RECEIVES = 3;

/** How long one task force's run may take (the consumer's timeout). */
const TENANT_TIMEOUT_SECONDS = 600;

/**
 * One message per task force and day. SQS wants the visibility timeout at least the consumer's
 * timeout (a message must not reappear while its run is still going); a failed run is received
 * again after it.
 */
export const dailyQueue = new sst.aws.Queue("DailyQueue", {
  visibilityTimeout: `${TENANT_TIMEOUT_SECONDS + 60} seconds`,
  dlq: { queue: deadLetters.arn, retry: DAILY_RECEIVES },
});

/** The daily run of one task force (`jobs/daily-tenant.ts`). */
export const dailyTenant = new sst.aws.Function("DailyTenantJob", {
  handler: HANDLERS.dailyTenant,
  description: "The daily reminder run of one task force (a DailyQueue message)",
  runtime: RUNTIME,
  nodejs: NODEJS,
  logging: LOGGING,
  memory: "512 MB",
  timeout: `${TENANT_TIMEOUT_SECONDS} seconds`,
  link: links,
  permissions: [
    {
      actions: [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueAttributes",
      ],
      resources: [dailyQueue.arn],
    },
  ],
});

dailyQueue.subscribe(dailyTenant.arn, { batch: { size: 1, partialResponses: true } });

/**
 * The daily reminder run. Scheduled Monday to Friday; each task force's run itself skips public
 * holidays and collective leave days, which no cron expression knows. It only enqueues: a
 * minute is ample for 514 task forces (52 SendMessageBatch requests).
 */
export const daily = new sst.aws.Function("DailyJob", {
  handler: HANDLERS.daily,
  description:
    "Daily reminders, 08:00 Asia/Pontianak, Monday to Friday: one message per task force",
  runtime: RUNTIME,
  nodejs: NODEJS,
  logging: LOGGING,
  memory: "256 MB",
  timeout: "1 minute",
  // One run at a time: a retry or a manual run waits instead of overlapping. Enqueuing twice
  // is harmless (every task force's run is idempotent); this only avoids the wasted work.
  concurrency: { reserved: 1 },
  link: [...links, dailyQueue],
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
  logging: LOGGING,
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

/**
 * The outbox queue's consumer (`jobs/outbox.ts`): the audit events and mails of the API's
 * changes, per task force named by a message. Up to ten messages a batch (a burst of writes is
 * coalesced into one sweep per task force), no batching window (the mail goes out at once);
 * failed task forces are reported per message, retried, then dead-lettered (infra/outbox.ts).
 */
export const outboxJob = new sst.aws.Function("OutboxJob", {
  handler: HANDLERS.outbox,
  description: "Audit events and mails of the API's changes (an OutboxQueue message per write)",
  runtime: RUNTIME,
  nodejs: NODEJS,
  logging: LOGGING,
  memory: "512 MB",
  timeout: `${OUTBOX_TIMEOUT_SECONDS} seconds`,
  link: links,
  permissions: [
    {
      actions: [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueAttributes",
      ],
      resources: [outboxQueue.arn],
    },
  ],
});

outboxQueue.subscribe(outboxJob.arn, { batch: { size: 10, partialResponses: true } });
