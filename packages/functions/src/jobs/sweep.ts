import { Observe } from "@tenggat/core/observe";
import { Sweep } from "@tenggat/core/sweep";

/**
 * The outbox sweep: completes changes whose audit event or mails are still owed (`Outbox`:
 * a crash, or the API on Lambda, which leaves them to this job), then sends mail left claimed
 * but unsent (the ledger), then retries submission packages due upward (issue 10). Each part
 * loads its heavy code only for a task force with something owed (`Sweep`).
 */
export async function handler(_event: unknown, context?: { awsRequestId?: string }) {
  return Observe.withRequest(context, async () => {
    try {
      const { deliveries, ...result } = await Sweep.all(new Date());
      const { intents } = result;
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
      await Observe.flush();
    }
  });
}
