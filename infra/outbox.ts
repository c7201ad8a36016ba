/**
 * The outbox queue: the API on Lambda stores a change with its intent (its audit event and
 * mails still owed) and puts one message naming the task force here; `OutboxJob`
 * (infra/jobs.ts, `jobs/outbox.ts`) sweeps that task force's intents. So the mail leaves the
 * request path and still goes out within about a second. Messages only name a task force (the
 * intents are in the table): a lost one is made good by the 15-minute sweep, a duplicate costs
 * one Query. A task force whose sweep keeps failing is dead-lettered after `OUTBOX_RECEIVES`.
 */
import { deadLetters } from "./alarms.ts";

/** How often SQS hands a message to the consumer before dead-lettering it. */
export const OUTBOX_RECEIVES = 3;

/** The consumer's timeout: one task force's intents (a few mails each). */
export const OUTBOX_TIMEOUT_SECONDS = 60;

export const outboxQueue = new sst.aws.Queue("OutboxQueue", {
  visibilityTimeout: `${OUTBOX_TIMEOUT_SECONDS + 30} seconds`,
  dlq: { queue: deadLetters.arn, retry: OUTBOX_RECEIVES },
});
