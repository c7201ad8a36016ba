import { Reminder } from "@tenggat/core/reminder";

/**
 * The daily reminder job (EventBridge Scheduler, 08:00 Asia/Pontianak, Monday–Friday). Serves
 * every task force; one that fails is recorded and the run then fails as a whole so the
 * scheduler retries it — safe, because every step is idempotent.
 */
export async function handler(_event: unknown) {
  const result = await Reminder.daily(new Date());
  console.log(JSON.stringify({ level: "info", job: "daily", ...result }));
  const failed = result.runs.filter((r) => !r.ok);
  if (failed.length > 0) {
    throw new Error(
      `daily job failed for ${failed.map((r) => `${r.tenant} (${r.error})`).join(", ")}`,
    );
  }
  return result;
}
