import { Observe } from "@tenggat/core/observe";
import { Reminder } from "@tenggat/core/reminder";

/** The outbox sweep (every 15 minutes in office hours): sends mail left claimed but unsent. */
export async function handler(_event: unknown, context?: { awsRequestId?: string }) {
  return Observe.withRequest(context, async () => {
    try {
      const result = await Reminder.sweepAll(new Date());
      const failed = result.results.filter((r) => r.error);
      for (const r of failed) {
        Observe.log.error("sweep failed", { tenant: r.tenant, job: "sweep", error: r.error });
      }
      Observe.log.info("sweep done", { job: "sweep", tenants: result.results.length });
      if (failed.length > 0)
        throw new Error(`sweep failed for ${failed.map((r) => r.tenant).join(", ")}`);
      return result;
    } finally {
      Observe.flush();
    }
  });
}
