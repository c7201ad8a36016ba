import { Federation } from "@tenggat/core/federation";
import { Observe } from "@tenggat/core/observe";
import { Outbox } from "@tenggat/core/outbox";
import { Reminder } from "@tenggat/core/reminder";

/**
 * The outbox sweep: completes changes whose audit event or mails are still owed (`Outbox`:
 * a crash, or the API on Lambda, which leaves them to this job), then sends mail left claimed
 * but unsent (the ledger), then retries submission packages due upward (issue 10).
 */
export async function handler(_event: unknown, context?: { awsRequestId?: string }) {
  return Observe.withRequest(context, async () => {
    try {
      const now = new Date();
      const intents = await Outbox.sweepAll(now);
      const result = { ...(await Reminder.sweepAll(now)), intents };
      const deliveries = await Federation.sweepAll(now);
      const failed = [...result.results, ...intents].filter((r) => r.error);
      for (const r of failed) {
        Observe.log.error("sweep failed", { tenant: r.tenant, job: "sweep", error: r.error });
      }
      Observe.log.info("sweep done", {
        job: "sweep",
        tenants: result.results.length,
        intents: intents.length,
        deliveries,
      });
      if (failed.length > 0)
        throw new Error(`sweep failed for ${[...new Set(failed.map((r) => r.tenant))].join(", ")}`);
      return result;
    } finally {
      Observe.flush();
    }
  });
}
