import { Federation } from "@tenggat/core/federation";
import { Outbox } from "@tenggat/core/outbox";
import { Reminder } from "@tenggat/core/reminder";

/**
 * The outbox sweep: completes changes whose audit event or mails are still owed (`Outbox`:
 * a crash, or the API on Lambda, which leaves them to this job), then sends mail left claimed
 * but unsent (the ledger).
 */
export async function handler(_event: unknown) {
  const now = new Date();
  const intents = await Outbox.sweepAll(now);
  const result = { ...(await Reminder.sweepAll(now)), intents };
  // Submission packages waiting for a retry upward (issue 10).
  const deliveries = await Federation.sweepAll(now);
  console.log(JSON.stringify({ level: "info", job: "sweep", ...result, deliveries }));
  const failed = [...result.results, ...intents].filter((r) => r.error);
  if (failed.length > 0)
    throw new Error(`sweep failed for ${[...new Set(failed.map((r) => r.tenant))].join(", ")}`);
  return result;
}
