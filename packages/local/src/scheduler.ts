/**
 * The in-process scheduler of `npm start`: what EventBridge Scheduler does in AWS (infra/jobs.ts)
 * — the daily job at 08:00 Asia/Pontianak, the outbox sweep every 15 minutes — calling the very
 * same Lambda handlers.
 */
import { LocalDate } from "@tenggat/core/date";

export interface Scheduler {
  stop(): void;
}

export interface Jobs {
  daily: () => Promise<unknown>;
  sweep: () => Promise<unknown>;
}

/** Milliseconds from `now` to the next 08:00 in Asia/Pontianak. */
export function untilNextDaily(now: Date, time = "08:00"): number {
  const today = LocalDate.at(now);
  let next = LocalDate.instant(today, time);
  if (next.getTime() <= now.getTime()) next = LocalDate.instant(LocalDate.addDays(today, 1), time);
  return next.getTime() - now.getTime();
}

export function schedule(
  jobs: Jobs,
  log: (line: string) => void,
  sweepEveryMs = 15 * 60_000,
): Scheduler {
  let dailyTimer: NodeJS.Timeout | undefined;
  const run = async (name: string, job: () => Promise<unknown>) => {
    try {
      await job();
      log(`${new Date().toISOString()} ${name} job done`);
    } catch (error) {
      log(
        `${new Date().toISOString()} ${name} job failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const armDaily = () => {
    dailyTimer = setTimeout(async () => {
      await run("daily", jobs.daily);
      armDaily();
    }, untilNextDaily(new Date()));
  };
  armDaily();
  const sweepTimer = setInterval(() => void run("sweep", jobs.sweep), sweepEveryMs);
  return {
    stop() {
      if (dailyTimer) clearTimeout(dailyTimer);
      clearInterval(sweepTimer);
    },
  };
}
