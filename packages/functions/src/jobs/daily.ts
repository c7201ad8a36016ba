import { Fanout } from "@tenggat/core/fanout";
import { Observe } from "@tenggat/core/observe";
import { sqsQueue } from "./queue.ts";

/**
 * The daily reminder job (EventBridge Scheduler, 08:00 Asia/Pontianak, Monday–Friday): puts one
 * message per task force on the daily queue; `daily-tenant.ts` runs each. Locally the same
 * handler is made with the in-process stand-in queue (`@tenggat/local/queue`).
 */
export function dailyHandler(queue: () => Fanout.JobQueue) {
  return (_event: unknown, context?: { awsRequestId?: string }) =>
    Observe.withRequest(context, async () => {
      try {
        return await Fanout.enqueue(new Date(), queue());
      } finally {
        await Observe.flush();
      }
    });
}

export const handler = dailyHandler(() => sqsQueue());
