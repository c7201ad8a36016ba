import { Observe } from "@tenggat/core/observe";
import { Outbox } from "@tenggat/core/outbox";

/**
 * The outbox queue's consumer: the API on Lambda stores a change with its intent and puts one
 * message naming the task force on `OutboxQueue`; this sweeps that task force's intents (its
 * audit events and mails), once per task force per batch. Task forces whose sweep failed are
 * reported as partial batch failures: retried, then dead-lettered (and alarmed on).
 */
export async function handler(
  event: { Records: Outbox.QueueRecord[] },
  context?: { awsRequestId?: string },
) {
  return Observe.withRequest(context, async () => {
    try {
      const { batchItemFailures, swept } = await Outbox.consume(event.Records, new Date());
      for (const r of swept.filter((s) => s.error || (s.intents?.failed ?? 0) > 0)) {
        Observe.log.error("outbox sweep failed", {
          tenant: r.tenant,
          job: "outbox",
          error: r.error,
        });
      }
      return { batchItemFailures };
    } finally {
      await Observe.flush();
    }
  });
}
