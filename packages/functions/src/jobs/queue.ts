import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { Reminder } from "@tenggat/core/reminder";
import { Resource } from "sst";

/** SQS takes at most ten messages per SendMessageBatch request. */
const BATCH = 10;

let client: SQSClient | undefined;

/**
 * The daily job's queue in AWS (`DailyQueue`, infra/jobs.ts): messages go out ten to a request;
 * entries SQS refuses are sent once more, and if still refused the job fails (the scheduler
 * retries it; consumers are idempotent, so a task force queued twice is run twice harmlessly).
 */
export function sqsQueue(url: string = Resource.DailyQueue.url): Reminder.JobQueue {
  return {
    async send(messages) {
      client ??= new SQSClient({});
      for (let i = 0; i < messages.length; i += BATCH) {
        let entries = messages.slice(i, i + BATCH).map((m, n) => ({
          Id: String(i + n),
          MessageBody: JSON.stringify(m),
        }));
        for (let attempt = 0; attempt < 2 && entries.length > 0; attempt++) {
          const result = await client.send(
            new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }),
          );
          const failed = new Set((result.Failed ?? []).map((f) => f.Id));
          entries = entries.filter((e) => failed.has(e.Id));
        }
        if (entries.length > 0) {
          throw new Error(`SQS refused ${entries.length} task-force message(s) twice`);
        }
      }
    },
  };
}
