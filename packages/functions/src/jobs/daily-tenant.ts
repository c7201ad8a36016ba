import { Observe } from "@tenggat/core/observe";
import { Reminder } from "@tenggat/core/reminder";

/**
 * The daily queue's consumer: runs the task forces of a batch (one per message, batch size 1 in
 * AWS) and reports the failed ones as partial batch failures, so only they are retried and,
 * failing on, reach the dead-letter queue. A failed run is logged at `error` and counted.
 */
export async function handler(
  event: { Records: Reminder.QueueRecord[] },
  context?: { awsRequestId?: string },
) {
  return Observe.withRequest(context, async () => {
    try {
      const { batchItemFailures } = await Reminder.consume(event.Records);
      return { batchItemFailures };
    } finally {
      await Observe.flush();
    }
  });
}
