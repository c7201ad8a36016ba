import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { Fanout } from "@tenggat/core/fanout";
import { Resource } from "sst";

/** SQS takes at most ten messages per SendMessageBatch request. */
const BATCH = 10;

let client: SQSClient | undefined;

/**
 * A queue in AWS (`DailyQueue` or `OutboxQueue`, infra/): messages go out ten to a request;
 * entries SQS refuses are sent once more, and if still refused the send fails (the daily job:
 * the scheduler retries it; the API: the sweep completes the intents; consumers are idempotent,
 * so a message sent twice is consumed twice harmlessly).
 */
export function sqsQueue<M = Fanout.TenantMessage>(
  url: string = Resource.DailyQueue.url,
): { send(messages: readonly M[]): Promise<void> } {
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
          throw new Error(`SQS refused ${entries.length} message(s) twice`);
        }
      }
    },
  };
}
