import { Federation } from "@tenggat/core/federation";
import { Reminder } from "@tenggat/core/reminder";

/** The outbox sweep (every 15 minutes in office hours): sends mail left claimed but unsent. */
export async function handler(_event: unknown) {
  const result = await Reminder.sweepAll(new Date());
  // Submission packages waiting for a retry upward (issue 10).
  const deliveries = await Federation.sweepAll(new Date());
  console.log(JSON.stringify({ level: "info", job: "sweep", ...result, deliveries }));
  const failed = result.results.filter((r) => r.error);
  if (failed.length > 0)
    throw new Error(`sweep failed for ${failed.map((r) => r.tenant).join(", ")}`);
  return result;
}
